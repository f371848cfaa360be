import type { MigrationLocator } from './compare.js';
import { quoteIdent } from './db/quote.js';
import type { DbObjectRef } from './findings.js';
import { readMigrationSql, type MigrationEntry } from './migrations.js';

/**
 * Points a finding about an object only the migrations have (an extra index, column, table) at the
 * migration that last mentions it: that is where a reviewer has to look, and where the annotation goes.
 * Files are read only when such a finding exists, newest first.
 */
export function migrationLocator(migrations: MigrationEntry[], relativePath: (file: string) => string): MigrationLocator {
  const cache = new Map<string, string>();
  const text = (entry: MigrationEntry) => {
    let sql = cache.get(entry.name);
    if (sql === undefined) {
      sql = readMigrationSql(entry) ?? '';
      cache.set(entry.name, sql);
    }
    return sql;
  };
  return (object: DbObjectRef) => {
    const needles = identifiers(object);
    for (const entry of [...migrations].reverse()) {
      const sql = text(entry);
      for (const needle of needles) {
        const at = sql.indexOf(needle);
        if (at < 0 || !entry.sqlPath) continue;
        const before = sql.slice(0, at).split('\n');
        return {
          migration: entry.name,
          location: { file: relativePath(entry.sqlPath), line: before.length, column: before.at(-1)!.length + 1 },
        };
      }
    }
    return undefined;
  };
}

/** How Prisma's generated SQL (and most hand-written SQL) spells the object, most specific first. */
function identifiers(object: DbObjectRef): string[] {
  const quoted = quoteIdent(object.name);
  if (object.kind === 'enum-value') return [`'${object.name.replaceAll("'", "''")}'`];
  return object.name.length > 3 ? [quoted, object.name] : [quoted];
}
