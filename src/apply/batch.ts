/**
 * Several migration files in one query. Every query is a round trip in which the server waits for the client
 * and the client for the server; sending a run of files together, each in its own transaction, takes most of
 * them away. PostgreSQL runs the statements of a multi-statement query in order and an error skips the rest of
 * the query: files before the failing one stay committed, the failing one is rolled back and later ones never
 * run. The caller replays that failing file on its own, so what it reports is exactly what one query per file,
 * as `prisma migrate deploy` sends them, gives.
 */

/** The column a marker row carries: how many files of the batch are committed. */
export const COMMITTED = 'prisma_drift_committed';

/**
 * Words of statements that must keep a query of their own. In a batch every file runs between BEGIN and
 * COMMIT. Alone, a multi-statement file runs in an implicit transaction block, which PostgreSQL treats like an
 * explicit one except for savepoints and transaction control, and a one-statement file outside any block.
 * Some statements fail inside a block (CONCURRENTLY, VACUUM, DATABASE, SYSTEM, ...): they would be replayed
 * alone after the batch failed anyway, so they go alone at once. Others only work inside a block or change what
 * it does (LOCK, DECLARE, SAVEPOINT, PREPARE TRANSACTION, BEGIN, COMMIT, ANALYZE), or change how the rest of
 * the query text is read (standard_conforming_strings, backslash_quote, client_encoding, SET NAMES) or stream
 * data (COPY). The test is on words outside comments and quoted identifiers, which never run anything; strings
 * and dollar-quoted bodies count (a DO block runs its body, `set_config('standard_conforming_strings', ...)`
 * changes how the rest is read). A false alarm only costs the file its own round trip.
 */
const OWN_QUERY =
  /\b(?:abort|analy[sz]e|backslash_quote|begin|client_encoding|cluster|commit|concurrently|copy|database|declare|discard|end|lock|names|prepare|release|reindex|rollback|savepoint|standard_conforming_strings|start|subscription|system|tablespace|transaction|vacuum)\b/i;

/** Whether a migration file can share a query with its neighbours and do exactly what it does alone. */
export function sharesQuery(sql: string): boolean {
  const code = codeOf(sql);
  return code !== null && !OWN_QUERY.test(code);
}

/**
 * One query with each file between BEGIN and COMMIT (a COMMIT that ends the implicit transaction of a
 * multi-statement query would log a warning on the server each time), and a marker row before the first file
 * and after each COMMIT: the markers say which files are committed when the query fails, and the server's
 * clock how long each took. A failed query leaves its transaction aborted: the caller rolls it back.
 */
export function batchQuery(files: readonly string[]): string {
  const marker = (committed: number) => `SELECT ${committed} AS ${COMMITTED}, date_part('epoch', clock_timestamp()) AS at;\n`;
  // The newline ends a line comment the file may end with; the semicolon its last statement.
  return marker(0) + files.map((sql, i) => `BEGIN;\n${sql}\n;\nCOMMIT;\n${marker(i + 1)}`).join('');
}

const LINE_COMMENT = /[^\n\r]*/y;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
const WORD = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;
const NUMBER = /[0-9][0-9A-Za-z_.\u0080-\uffff]*/y;

/**
 * Whether `sql` ends outside every string, quoted identifier, dollar-quoted body and block comment, so that
 * text appended after a newline is read as new statements. It follows PostgreSQL's lexer; where the lexer's
 * reading depends on a setting or a version (a backslash in a quoted string, a `$` right after a number) the
 * answer is false, which only costs the file its own round trip.
 */
export function endsAtTopLevel(sql: string): boolean {
  return codeOf(sql) !== null;
}

/**
 * `sql` with its comments and quoted identifiers blanked out, or null when it does not end at top level.
 * A lexer of its own on purpose: it only tells comments, quoted identifiers and strings apart, and must give a
 * safe answer for any text, including files that do not parse.
 */
function codeOf(sql: string): string | null {
  const code: string[] = [];
  let from = 0;
  let i = 0;
  const match = (pattern: RegExp): string | null => {
    pattern.lastIndex = i;
    return pattern.exec(sql)?.[0] ?? null;
  };
  const blank = (end: number) => {
    code.push(sql.slice(from, i), ' ');
    from = i = end;
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (ch === '-' && next === '-') {
      blank(i + match(LINE_COMMENT)!.length);
    } else if (ch === '/' && next === '*') {
      const end = blockCommentEnd(sql, i);
      if (end < 0) return null;
      blank(end);
    } else if (ch === "'" || ch === '"') {
      const end = quotedEnd(sql, i, ch);
      if (end < 0) return null;
      if (ch === '"') blank(end);
      else i = end;
    } else if (ch === '$') {
      const tag = match(DOLLAR_TAG);
      if (tag) {
        const end = sql.indexOf(tag, i + tag.length);
        if (end < 0) return null;
        i = end + tag.length;
      } else {
        i++;
      }
    } else if (/[0-9]/.test(ch)) {
      // `0x1F$a$` opens a dollar quote from PostgreSQL 16 on, and is one identifier-like token before.
      i += match(NUMBER)!.length;
      if (sql[i] === '$') return null;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(ch)) {
      // An identifier or keyword: a `$` inside it (`a$b$`) does not open a dollar quote.
      i += match(WORD)!.length;
    } else {
      i++;
    }
  }
  code.push(sql.slice(from));
  return code.join('');
}

/** Index just past the block comment opening at `start` (they nest), or -1 when it is not closed. */
function blockCommentEnd(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return -1;
}

/**
 * Index just past the string or quoted identifier opening at `start` (a doubled quote stays inside), or -1 when
 * it is not closed, or when a string holds a backslash, whose meaning depends on the server's settings.
 */
function quotedEnd(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === '\\' && quote === "'") return -1;
    if (ch === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2;
    } else {
      i++;
    }
  }
  return -1;
}
