import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { compareBytes } from '../common/order.js';

/** One folder of `prisma/migrations/`. */
export interface MigrationEntry {
  /** Folder name, which is also the migration's name in `_prisma_migrations`. */
  name: string;
  dir: string;
  /** Path of `migration.sql`, or null when the folder has none. */
  sqlPath: string | null;
}

/**
 * How `prisma migrate deploy` orders migration folders: by the bytes of their names before Prisma 6.6
 * (`01_init` < `10_x` < `2_y`, uppercase first), with `localeCompare` since (see prisma/conventions.ts).
 */
export type MigrationOrder = 'bytes' | 'locale';

/**
 * Sorts migration folder names in the order `prisma migrate deploy` applies them. `locale` is exactly the
 * CLI's `a.localeCompare(b)`: it collates by Node's default ICU locale, taken from LANG / LC_ALL of the
 * process, so this order matches the CLI's only where both run under the same locale. Node reads C, C.UTF-8,
 * POSIX and en_US alike as `en-US`: `_` and `-` sort before digits and letters and case only breaks ties,
 * where the byte order puts digits before `_` and every uppercase letter before lowercase. Some locales
 * differ further (Danish sorts `aa` after `z`), so a deploy machine with such a LANG orders names its own way.
 */
export function sortMigrationNames(names: readonly string[], order: MigrationOrder): string[] {
  return [...names].sort(order === 'bytes' ? compareBytes : (a, b) => a.localeCompare(b));
}

/** Migration folders (every subdirectory) in the order `prisma migrate deploy` applies them; the latest Prisma's by default. */
export function listMigrations(migrationsDir: string, order: MigrationOrder = 'locale'): MigrationEntry[] {
  const names = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  return sortMigrationNames(names, order).map((name) => {
    const dir = path.join(migrationsDir, name);
    const sqlPath = path.join(dir, 'migration.sql');
    return { name, dir, sqlPath: existsSync(sqlPath) ? sqlPath : null };
  });
}

/** Prisma's migration checksum: the hex SHA-256 of the file's bytes, as stored in `_prisma_migrations.checksum`. */
export function migrationChecksum(contents: Buffer | string): string {
  return createHash('sha256').update(contents).digest('hex');
}

/**
 * Whether a migration file still matches a recorded checksum, by Prisma's rule: git may have converted
 * line endings since the checksum was taken, so the file also matches with CRLF turned into LF or LF into
 * CRLF; and old engines recorded the hex without zero-padding each byte (prisma-engines#1887).
 */
export function checksumMatches(contents: Buffer, checksum: string): boolean {
  // latin1 maps every byte to one character and back, so the line endings change and nothing else does.
  const text = contents.toString('latin1');
  const variants = [contents, Buffer.from(text.replaceAll('\r\n', '\n'), 'latin1'), Buffer.from(text.replaceAll('\n', '\r\n'), 'latin1')];
  return variants.some((variant) => {
    const digest = createHash('sha256').update(variant).digest();
    const rendered =
      checksum.length > 0 && checksum.length !== 64 ? [...digest].map((b) => b.toString(16)).join('') : digest.toString('hex');
    return rendered === checksum;
  });
}

/** The text of a migration's migration.sql, or null when the folder has none. */
export function readMigrationSql(entry: MigrationEntry): string | null {
  return entry.sqlPath ? readFileSync(entry.sqlPath, 'utf8') : null;
}
