/**
 * The tokens of a column default as PostgreSQL prints it, split the way Prisma's schema engine splits them
 * when it reads a default back. Hand-written on purpose: it mirrors that tokenizer token for token (what it
 * drops, where it gives up), which a general SQL lexer would not.
 */

export type TokenKind =
  | 'comma'
  | 'open'
  | 'close'
  | 'open-square'
  | 'close-square'
  | 'minus'
  | 'dot'
  | 'cast'
  | 'quoted-identifier'
  | 'string'
  | 'escape-string'
  | 'digits'
  | 'identifier'
  | 'unknown';

export interface Token {
  kind: TokenKind;
  text: string;
}

const PUNCTUATION: Record<string, TokenKind> = {
  ',': 'comma',
  '(': 'open',
  ')': 'close',
  '[': 'open-square',
  ']': 'close-square',
  '-': 'minus',
  '.': 'dot',
};

/** Splits a printed default into the tokens Prisma's describer reads; whitespace is dropped. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: text.slice(at, end) });
    at = end;
  };
  while (at < text.length) {
    const char = text[at]!;
    if (/\s/.test(char)) {
      at++;
    } else if (PUNCTUATION[char]) {
      push(PUNCTUATION[char], at + 1);
    } else if (char === ':') {
      if (text[at + 1] !== ':') return [...tokens, { kind: 'unknown', text: text.slice(at) }];
      push('cast', at + 2);
    } else if (/[0-9]/.test(char)) {
      push('digits', at + /^[0-9]+/.exec(text.slice(at))![0].length);
    } else if ((char === 'E' || char === 'e') && text[at + 1] === "'") {
      const end = /^[Ee]'(?:[^'\\]|\\.)*'/s.exec(text.slice(at));
      if (!end) return [...tokens, { kind: 'unknown', text: text.slice(at) }];
      push('escape-string', at + end[0].length);
    } else if (char === "'") {
      const end = /^'(?:[^']|'')*'/s.exec(text.slice(at));
      if (!end) return [...tokens, { kind: 'unknown', text: text.slice(at) }];
      push('string', at + end[0].length);
    } else if (char === '"') {
      const end = /^"(?:[^"\\]|\\.)*"/s.exec(text.slice(at));
      if (!end) return [...tokens, { kind: 'unknown', text: text.slice(at) }];
      push('quoted-identifier', at + end[0].length);
    } else if (/[A-Za-z]/.test(char)) {
      push('identifier', at + /^[A-Za-z][A-Za-z0-9_-]*/.exec(text.slice(at))![0].length);
    } else {
      push('unknown', at + 1);
    }
  }
  return tokens;
}

const ESCAPES: Record<string, string> = { a: '\u0007', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** The value of a `'...'` or `E'...'` literal. */
export function stringValue(token: Token): string {
  if (token.kind === 'string') return token.text.slice(1, -1).replaceAll("''", "'");
  return token.text
    .slice(2, -1)
    .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/gs, (_match, escape: string) =>
      escape.length > 1 ? String.fromCodePoint(parseInt(escape.slice(1), 16)) : (ESCAPES[escape] ?? escape),
    );
}
