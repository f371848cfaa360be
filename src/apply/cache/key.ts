import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { MigrationEntry } from '../../locate/migrations.js';

/**
 * The cache key of the database state that replaying `migrations` produces: their names and bytes, in
 * order, plus what else decides that state or the archive's format (the PostgreSQL major version, this
 * tool's version). Files are hashed one at a time, so memory does not grow with the history.
 */
export function stateKey(input: { migrations: MigrationEntry[]; postgresMajor: number; toolVersion: string }): string {
  const hash = createHash('sha256');
  for (const migration of input.migrations) {
    // Lengths first, so that no two different histories hash the same bytes.
    const name = Buffer.from(migration.name, 'utf8');
    const sql = migration.sqlPath ? readFileSync(migration.sqlPath) : null;
    hash
      .update(`${name.length}:`)
      .update(name)
      .update(sql ? `${sql.length}:` : 'none:');
    if (sql) hash.update(sql);
  }
  return `prisma-drift-${input.toolVersion}-pg${input.postgresMajor}-${input.migrations.length}-${hash.digest('hex')}`;
}
