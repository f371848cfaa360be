/**
 * Column defaults as Prisma compares them. PostgreSQL prints a default with casts (`'USER'::"Role"`,
 * `'0'::numeric`, `CURRENT_TIMESTAMP`), and the same value can be printed differently depending on how
 * it was written; Prisma reads the printed form back into a value, `now()`, a sequence or a database
 * expression, and compares those. Both sides of our comparison go through this one function.
 */
export type NormalizedDefault =
  | { kind: 'sequence' }
  | { kind: 'now' }
  | { kind: 'value'; value: string }
  | { kind: 'expression'; text: string };

export function normalizeDefault(text: string | null): NormalizedDefault | null {
  if (text === null) return null;
  const bare = stripCasts(text.trim());
  if (/^nextval\(/i.test(bare)) return { kind: 'sequence' };
  if (/^(current_timestamp(\(\d+\))?|now\(\))$/i.test(bare)) return { kind: 'now' };
  const literal = /^'((?:[^']|'')*)'$/s.exec(bare);
  if (literal) return { kind: 'value', value: literal[1]!.replaceAll("''", "'") };
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(bare)) return { kind: 'value', value: String(Number(bare)) === bare ? bare : normalizeNumber(bare) };
  if (/^(true|false)$/i.test(bare)) return { kind: 'value', value: bare.toLowerCase() };
  return { kind: 'expression', text: bare.toLowerCase() };
}

/** Removes trailing `::type` casts and one level of wrapping parentheses, as PostgreSQL adds them. */
function stripCasts(text: string): string {
  let current = text;
  for (;;) {
    const unwrapped = /^\((.*)\)$/s.exec(current)?.[1];
    if (unwrapped !== undefined && balanced(unwrapped)) {
      current = unwrapped.trim();
      continue;
    }
    const cast = /^(.*?)::(?:"(?:[^"]|"")+"|[a-z_][a-z0-9_ ]*)(?:\([^)]*\))?(?: with(?:out)? time zone)?(?:\[\])*$/is.exec(current);
    if (cast && cast[1] && balanced(cast[1]) && !cast[1].endsWith(':')) {
      current = cast[1].trim();
      continue;
    }
    return current;
  }
}

function balanced(text: string): boolean {
  let depth = 0;
  let quoted = false;
  for (const char of text) {
    if (char === "'") quoted = !quoted;
    if (quoted) continue;
    if (char === '(') depth++;
    if (char === ')' && --depth < 0) return false;
  }
  return depth === 0 && !quoted;
}

function normalizeNumber(text: string): string {
  const number = Number(text);
  return Number.isFinite(number) ? String(number) : text;
}
