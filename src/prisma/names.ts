/**
 * Names Prisma gives to what the schema does not name, and the names PostgreSQL actually stores.
 * PostgreSQL keeps at most 63 bytes of an identifier; Prisma shortens generated constraint names itself so
 * that their suffix survives.
 */

export const MAX_IDENTIFIER_BYTES = 63;

/** The name as PostgreSQL stores it: cut to 63 bytes, never inside a UTF-8 character. */
export function truncateIdentifier(name: string): string {
  return clipBytes(name, MAX_IDENTIFIER_BYTES);
}

export function primaryKeyName(table: string): string {
  return withSuffix(table, '_pkey');
}

export function uniqueIndexName(table: string, columns: string[]): string {
  return withSuffix(`${table}_${columns.join('_')}`, '_key');
}

export function indexName(table: string, columns: string[]): string {
  return withSuffix(`${table}_${columns.join('_')}`, '_idx');
}

export function foreignKeyName(table: string, columns: string[]): string {
  return withSuffix(`${table}_${columns.join('_')}`, '_fkey');
}

/** Table of an implicit many-to-many relation: `_` + relation name, cut to 63 characters. */
export function joinTableName(relationName: string): string {
  return [...`_${relationName}`].slice(0, MAX_IDENTIFIER_BYTES).join('');
}

/**
 * Constraint names of a join table. Prisma builds these from the table name with its own cuts, which are not
 * those of `withSuffix`: the foreign keys cut the name at 56 bytes (column A only when longer, column B already
 * at 56), the others count characters.
 */
export function joinTableNames(table: string): {
  aForeignKey: string;
  bForeignKey: string;
  abPrimaryKey: string;
  abUnique: string;
  bIndex: string;
} {
  const room = MAX_IDENTIFIER_BYTES - '_fkey'.length - 2;
  const head = clipBytes(table, room);
  const chars = (suffix: string) => [...table].slice(0, MAX_IDENTIFIER_BYTES - suffix.length).join('') + suffix;
  return {
    aForeignKey: `${Buffer.byteLength(table) > room ? head : table}_A_fkey`,
    bForeignKey: `${Buffer.byteLength(table) >= room ? head : table}_B_fkey`,
    abPrimaryKey: chars('_AB_pkey'),
    abUnique: chars('_AB_unique'),
    bIndex: chars('_B_index'),
  };
}

/** The sequence PostgreSQL creates for a serial column (`<table>_<column>_seq`), shortened the way PostgreSQL does. */
export function serialSequenceName(table: string, column: string): string {
  const available = MAX_IDENTIFIER_BYTES - 'seq'.length - 2;
  let tableBytes = Buffer.byteLength(table);
  let columnBytes = Buffer.byteLength(column);
  // PostgreSQL takes bytes off the longer of the two names until both fit.
  while (tableBytes + columnBytes > available) {
    if (tableBytes > columnBytes) tableBytes--;
    else columnBytes--;
  }
  return `${clipBytes(table, tableBytes)}_${clipBytes(column, columnBytes)}_seq`;
}

function withSuffix(base: string, suffix: string): string {
  return clipBytes(base, MAX_IDENTIFIER_BYTES - suffix.length) + suffix;
}

function clipBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Step back over UTF-8 continuation bytes so no character is cut in half.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
