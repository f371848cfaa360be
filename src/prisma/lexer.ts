import type { SourceLocation } from '../common/model.js';
import type { SyntaxNote } from './ast.js';
import { SchemaError } from './errors.js';

/** The tokens of a schema file, with where each starts; the notes record syntax a Prisma release may refuse. */
export type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'newline' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  loc: SourceLocation;
}

const PUNCTUATION = ['@@', '@', '{', '}', '(', ')', '[', ']', ',', ':', '=', '?', '.'];

/** Prisma's whitespace within a line: tabs and Unicode's space separators (the no-break space among them). */
const SPACE = /[\t\p{Zs}]/u;
const IDENTIFIER = /^[\p{L}\p{N}_][\p{L}\p{N}_-]*/u;

export function tokenize(file: string, source: string, notes: SyntaxNote[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): SourceLocation => ({ file, line, column: i - lineStart + 1 });
  const newline = (length: number) => {
    tokens.push({ kind: 'newline', text: '\n', loc: here() });
    i += length;
    line++;
    lineStart = i;
  };

  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\n' || ch === '\r') {
      // Prisma takes CRLF, LF and a lone CR alike as a line end.
      newline(source.startsWith('\r\n', i) ? 2 : 1);
    } else if (SPACE.test(ch)) {
      i++;
    } else if (ch === '\uFEFF') {
      notes.push({ kind: 'byte-order-mark', loc: here() });
      i++;
    } else if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (source.startsWith('/*', i)) {
      const loc = here();
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new SchemaError(loc, 'comment is not closed: add "*/" at its end');
      const previous = tokens.at(-1);
      const afterToken = previous !== undefined && previous.kind !== 'newline' && previous.loc.line === line && previous.text !== '{';
      for (; i < end + 2; i++) {
        if (source[i] === '\n' || (source[i] === '\r' && source[i + 1] !== '\n')) {
          line++;
          lineStart = i + 1;
        }
      }
      let next = i;
      while (next < source.length && SPACE.test(source[next]!)) next++;
      const beforeToken = next < source.length && !/[\r\n]/.test(source[next]!) && !source.startsWith('//', next);
      notes.push({ kind: afterToken && beforeToken ? 'comment-inside-line' : 'block-comment', loc });
    } else if (ch === '"') {
      const loc = here();
      tokens.push({ kind: 'string', text: readString(source, i, loc, (end) => (i = end)), loc });
    } else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const loc = here();
      // Prisma's grammar has no exponent notation: `1e10` is not a number there.
      const match = /^-?[0-9]+(\.[0-9]+)?/.exec(source.slice(i, i + 400))!;
      tokens.push({ kind: 'number', text: match[0], loc });
      i += match[0].length;
    } else if (IDENTIFIER.test(ch)) {
      const loc = here();
      const match = IDENTIFIER.exec(source.slice(i, i + 1000))!;
      if (/\P{ASCII}/u.test(match[0])) notes.push({ kind: 'unicode-identifier', loc });
      tokens.push({ kind: 'ident', text: match[0], loc });
      i += match[0].length;
    } else {
      const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
      if (!punct) throw new SchemaError(here(), `unexpected character ${JSON.stringify(ch)}; remove it or put it inside a "string"`);
      tokens.push({ kind: 'punct', text: punct, loc: here() });
      i += punct.length;
    }
  }
  tokens.push({ kind: 'eof', text: '', loc: here() });
  return tokens;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t', "'": "'", '0': '\0' };

function readString(source: string, start: number, loc: SourceLocation, setEnd: (end: number) => void): string {
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '"') {
      setEnd(i + 1);
      return value;
    }
    if (ch === '\n') break;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (next === 'u') {
        const hex = /^[0-9a-fA-F]{4}/.exec(source.slice(i + 2, i + 6));
        if (!hex) throw new SchemaError(loc, 'invalid \\u escape in string: write four hex digits, as in "\\u00e9"');
        value += String.fromCharCode(parseInt(hex[0], 16));
        i += 6;
        continue;
      }
      const escaped = ESCAPES[next];
      if (escaped === undefined) throw new SchemaError(loc, `unknown escape \\${next} in string: write \\\\ for a backslash`);
      value += escaped;
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  throw new SchemaError(loc, 'string is not closed: add the closing " on the same line');
}

export function describe(token: Token): string {
  if (token.kind === 'eof') return 'the end of the file';
  if (token.kind === 'newline') return 'the end of the line';
  if (token.kind === 'string') return `the string ${JSON.stringify(token.text)}`;
  return `"${token.text}"`;
}
