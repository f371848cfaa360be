/** Line and column (1-based) of a UTF-16 offset, the column in UTF-16 code units, as JavaScript strings count. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

/** Line and column (1-based) of the code point at `index` (0-based), the column in code points, as PostgreSQL counts. */
export function lineColumnAtCodePoint(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  let at = 0;
  for (const char of text) {
    if (at++ === index) break;
    if (char === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}
