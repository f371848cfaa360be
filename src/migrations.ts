import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** One folder of `prisma/migrations/`. */
export interface MigrationEntry {
  /** Folder name, which is also the migration's name in `_prisma_migrations`. */
  name: string;
  dir: string;
  /** Path of `migration.sql`, or null when the folder has none. */
  sqlPath: string | null;
}

/**
 * Migration folders in the order `prisma migrate deploy` applies them: every subdirectory, sorted by the
 * bytes of its name (so `01_init` < `10_x` < `2_y`, and uppercase before lowercase).
 */
export function listMigrations(migrationsDir: string): MigrationEntry[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort(compareBytes)
    .map((name) => {
      const dir = path.join(migrationsDir, name);
      const sqlPath = path.join(dir, 'migration.sql');
      return { name, dir, sqlPath: existsSync(sqlPath) ? sqlPath : null };
    });
}

export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Prisma's migration checksum: the hex SHA-256 of the file's bytes, as stored in `_prisma_migrations.checksum`. */
export function migrationChecksum(contents: Buffer | string): string {
  return createHash('sha256').update(contents).digest('hex');
}

export function readMigrationSql(entry: MigrationEntry): string | null {
  return entry.sqlPath ? readFileSync(entry.sqlPath, 'utf8') : null;
}
