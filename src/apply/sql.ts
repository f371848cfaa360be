import type { Node } from 'libpg-query';
import { lineColumnAtCodePoint } from '../common/text-position.js';

/** One top-level statement of a migration.sql, with where it starts in the file. */
export interface SqlStatement {
  node: Node;
  /** The statement's own text, without the terminating semicolon. */
  text: string;
  /** Offset of the statement's first token in the file's UTF-8 encoding, for a rewrite of the file's own text. */
  start: number;
  /** 1-based line and column (in characters) of the statement's first token. */
  line: number;
  column: number;
  /** The file's text between the previous statement (or the start of the file) and this one: comments and blanks. */
  leading: string;
  /** 1-based line on which `leading` starts. */
  leadingLine: number;
  /** 1-based line of the statement's end: its terminating semicolon, when it has one. */
  endLine: number;
  /**
   * What else is on the statement's first and last lines: before its first token, and after its semicolon.
   * A fix that replaces whole lines keeps them.
   */
  before: string;
  after: string;
  /**
   * For ALTER TABLE: the text up to the first sub-command (`ALTER TABLE "User"`) and each sub-command's text,
   * in the order of the parsed commands, so a fix can keep some commands and drop others.
   */
  alter?: { header: string; commands: string[] };
}

export type ParsedSql = { ok: true; statements: SqlStatement[] } | { ok: false; message: string; line: number; column: number };

/**
 * The parser compiles 1.7 MB of WebAssembly as soon as it is imported; a check without new migrations never
 * parses SQL, so it is loaded on first use instead of at startup.
 */
const parser = () => import('libpg-query');

/** Starts loading the parser now, for a caller that knows it will parse soon and has time to wait meanwhile. */
export function preloadParser(): void {
  parser()
    .then((module) => module.loadModule())
    // A failure to load shows up, with its message, where the parser is used.
    .catch(() => {});
}

/**
 * Parses a migration file with PostgreSQL's own parser. A syntax error is returned, not thrown: the file
 * may still run on the server (the parser is a newer PostgreSQL than some servers), and the caller decides
 * what an unreadable file means.
 */
export async function parseMigrationSql(sql: string): Promise<ParsedSql> {
  const { loadModule, parseSync, scanSync } = await parser();
  await loadModule();
  let result;
  try {
    result = parseSync(sql);
  } catch (error) {
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    // The parser reports the error position in characters (code points), not bytes.
    const at = lineColumnAtCodePoint(sql, details?.cursorPosition ?? 0);
    return { ok: false, message: (error as Error).message, ...at };
  }

  // Statement locations are byte offsets into the UTF-8 encoding of the file.
  const bytes = Buffer.from(sql, 'utf8');
  const lines = lineStarts(bytes);
  const statements: SqlStatement[] = [];
  let previousEnd = 0;
  for (const raw of result.stmts ?? []) {
    if (!raw.stmt) continue;
    const start = firstTokenOffset(bytes, raw.stmt_location ?? 0);
    // A length of 0 means "to the end of the input" (the last statement without a semicolon).
    const end = raw.stmt_len ? (raw.stmt_location ?? 0) + raw.stmt_len : bytes.length;
    const terminated = terminatorEnd(bytes, end);
    const position = lineColumnOfByte(bytes, lines, start);
    const endLine = lineColumnOfByte(bytes, lines, Math.max(terminated - 1, start)).line;
    const lineEnd = bytes.indexOf(0x0a, terminated);
    const text = bytes.subarray(start, end).toString('utf8');
    const commands = 'AlterTableStmt' in raw.stmt ? (raw.stmt.AlterTableStmt.cmds?.length ?? 0) : 0;
    const alter = commands ? alterClauses(scanSync(text).tokens, Buffer.from(text, 'utf8'), commands) : undefined;
    statements.push({
      node: raw.stmt,
      text,
      start,
      ...position,
      leading: bytes.subarray(previousEnd, start).toString('utf8'),
      leadingLine: lineColumnOfByte(bytes, lines, previousEnd).line,
      endLine,
      before: bytes.subarray(lines[position.line - 1]!, start).toString('utf8'),
      after: bytes
        .subarray(terminated, lineEnd < 0 ? bytes.length : lineEnd)
        .toString('utf8')
        .replace(/\r$/, ''),
      ...(alter ? { alter } : {}),
    });
    previousEnd = end;
  }
  return { ok: true, statements };
}

/** The tokens of `text`, comments included, with their offsets in its UTF-8 encoding. */
export async function scanSql(text: string): Promise<Token[]> {
  const { loadModule, scanSync } = await parser();
  await loadModule();
  return scanSync(text).tokens;
}

/** Skips whitespace and comments: older parsers put a statement's location right after the previous semicolon. */
function firstTokenOffset(bytes: Buffer, offset: number): number {
  let i = offset;
  while (i < bytes.length) {
    const c = bytes[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x3b) i++;
    else if (c === 0x2d && bytes[i + 1] === 0x2d) {
      while (i < bytes.length && bytes[i] !== 0x0a) i++;
    } else if (c === 0x2f && bytes[i + 1] === 0x2a) {
      const close = bytes.indexOf('*/', i + 2);
      i = close < 0 ? bytes.length : close + 2;
    } else break;
  }
  return i;
}

export interface Token {
  start: number;
  end: number;
  text: string;
}

/**
 * Cuts an ALTER TABLE at its top-level commas, which separate its sub-commands (commas inside parentheses
 * belong to a type or a constraint; strings and quoted names are single tokens). Undefined when the cut
 * does not give one piece per parsed command, or the table is named in a way this does not read.
 */
function alterClauses(tokens: readonly Token[], bytes: Buffer, commands: number): SqlStatement['alter'] {
  const upper = (i: number) => tokens[i]?.text.toUpperCase();
  let i = 2; // ALTER TABLE
  if (upper(i) === 'IF' && upper(i + 1) === 'EXISTS') i += 2;
  if (upper(i) === 'ONLY') i++;
  i++;
  while (tokens[i]?.text === '.') i += 2;
  if (tokens[i]?.text === '*') i++;
  const first = tokens[i];
  if (!first) return undefined;
  const cuts = [first.start];
  let depth = 0;
  for (const token of tokens.slice(i)) {
    if (token.text === '(' || token.text === '[') depth++;
    else if (token.text === ')' || token.text === ']') depth--;
    else if (token.text === ',' && depth === 0) cuts.push(token.start, token.end);
  }
  cuts.push(bytes.length);
  const pieces: string[] = [];
  for (let c = 0; c < cuts.length; c += 2)
    pieces.push(
      bytes
        .subarray(cuts[c]!, cuts[c + 1]!)
        .toString('utf8')
        .trim(),
    );
  if (pieces.length !== commands) return undefined;
  return { header: bytes.subarray(0, tokens[i - 1]!.end).toString('utf8'), commands: pieces };
}

/** Just past the semicolon that ends a statement ending at `end`, or `end` when none follows. */
function terminatorEnd(bytes: Buffer, end: number): number {
  let i = end;
  while (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0d || bytes[i] === 0x0a) i++;
  return bytes[i] === 0x3b ? i + 1 : end;
}

function lineStarts(bytes: Buffer): number[] {
  const starts = [0];
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) starts.push(i + 1);
  return starts;
}

function lineColumnOfByte(bytes: Buffer, starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  const prefix = bytes.subarray(starts[lo]!, offset).toString('utf8');
  return { line: lo + 1, column: [...prefix].length + 1 };
}
