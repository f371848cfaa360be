import path from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { RuleId } from '../common/catalogue.js';
import type { Finding } from '../common/findings.js';
import type { Severity } from '../common/catalogue.js';
import { checksumMatches, migrationChecksum } from '../locate/migrations.js';

/** One side of the comparison (the base branch or the pull request) as it sits in `prisma/migrations/`. */
export interface MigrationHistory {
  /** In apply order; `sql` is null for a folder without migration.sql. */
  migrations: { name: string; sql: Buffer | null }[];
  /** `migration_lock.toml`, or null when there is none. */
  lock: Buffer | null;
}

/**
 * What the pull request did to the migration history. Databases that already ran the base migrations
 * remember each one by name and checksum, so editing, deleting or renaming one makes them disagree with
 * the repository; `migrationsDir` (relative to the repository root) is where findings point.
 */
export function analyseHistory(base: MigrationHistory, head: MigrationHistory, migrationsDir: string): Finding[] {
  const at = (name: string, line = 1) => ({ file: path.posix.join(migrationsDir, name, 'migration.sql'), line, column: 1 });
  const lockFile = path.posix.join(migrationsDir, 'migration_lock.toml');
  const findings: Finding[] = [];
  const add = (rule: RuleId, severity: Severity, name: string, message: string, hint: string, line = 1) =>
    findings.push({
      rule,
      group: 'history',
      severity,
      message,
      location: at(name, line),
      object: { kind: 'migration', name },
      migration: name,
      hint,
    });

  const headByName = new Map(head.migrations.map((m) => [m.name, m]));
  const baseNames = new Set(base.migrations.map((m) => m.name));
  const added = head.migrations.filter((m) => !baseNames.has(m.name));
  const renamedTo = new Set<string>();

  for (const old of base.migrations) {
    const now = headByName.get(old.name);
    if (now) {
      if (old.sql && now.sql && !checksumMatches(now.sql, migrationChecksum(old.sql))) {
        add(
          'history/edited',
          'error',
          old.name,
          `Migration ${old.name} was changed after it was merged: databases that already applied it keep the old version, and \`prisma migrate\` reports its checksum as modified.`,
          'Revert the edit and put the change in a new migration.',
          firstDifferentLine(old.sql, now.sql),
        );
        const patch = editPatch(path.posix.join(migrationsDir, old.name, 'migration.sql'), old.sql, now.sql);
        if (patch) findings.at(-1)!.patch = patch;
      }
      continue;
    }
    const copy = old.sql && added.find((m) => !renamedTo.has(m.name) && m.sql && checksumMatches(m.sql, migrationChecksum(old.sql!)));
    if (copy) {
      renamedTo.add(copy.name);
      add(
        'history/renamed',
        'error',
        copy.name,
        `Migration ${old.name} was renamed to ${copy.name}: databases that applied it under the old name will run it again and fail.`,
        `Rename the folder back to ${old.name}.`,
      );
    } else {
      add(
        'history/deleted',
        'error',
        old.name,
        `Migration ${old.name} was deleted: databases that applied it keep its changes, new databases never get them.`,
        'Restore the folder; to undo what it did, add a new migration.',
      );
    }
  }

  // Both lists are in apply order (the project's Prisma version decides bytes or localeCompare), so a new
  // migration runs out of order when the head puts it before the newest migration the base already had.
  const position = new Map(head.migrations.map((m, index) => [m.name, index]));
  const newestBase = base.migrations.at(-1)?.name;
  const newestBasePosition = newestBase === undefined ? undefined : position.get(newestBase);
  for (const migration of added) {
    if (renamedTo.has(migration.name)) continue;
    if (newestBasePosition !== undefined && position.get(migration.name)! < newestBasePosition) {
      add(
        'history/out-of-order',
        'warning',
        migration.name,
        `New migration ${migration.name} sorts before ${newestBase}, which is already merged: deployed databases run it last, new databases run it earlier, and the two can end up different.`,
        'Regenerate the migration on top of the current base (or rename its folder with a current timestamp).',
      );
    }
    if (migration.sql && isEmptySql(migration.sql)) {
      add(
        'history/empty-migration',
        'notice',
        migration.name,
        `New migration ${migration.name} contains no SQL statement.`,
        'Delete the folder, or write the SQL it was created for (`prisma migrate dev --create-only` leaves it empty).',
      );
    }
  }

  for (const migration of head.migrations) {
    if (migration.sql === null) {
      add(
        'history/missing-sql',
        'error',
        migration.name,
        `Migration folder ${migration.name} has no migration.sql: \`prisma migrate deploy\` cannot read it and stops.`,
        'Add the migration.sql, or delete the folder if it was left behind by mistake.',
      );
    }
  }

  const addedNames = new Set(added.map((m) => m.name));
  const byTimestamp = new Map<string, MigrationHistory['migrations']>();
  for (const migration of head.migrations) {
    const timestamp = /^(\d+)_/.exec(migration.name)?.[1];
    if (timestamp !== undefined) byTimestamp.set(timestamp, [...(byTimestamp.get(timestamp) ?? []), migration]);
  }
  for (const group of byTimestamp.values()) {
    if (group.length < 2) continue;
    for (const migration of group.filter((m) => addedNames.has(m.name))) {
      const others = group.filter((m) => m !== migration).map((m) => m.name);
      add(
        'history/duplicate-timestamp',
        'warning',
        migration.name,
        `Migration ${migration.name} has the same timestamp as ${others.join(', ')}: their order then depends on the rest of the name, not on when they were written.`,
        'Give the new migration a later timestamp.',
      );
    }
  }

  const lockAt = (line = 1) => ({ file: lockFile, line, column: 1 });
  if (!head.lock) {
    findings.push({
      rule: 'history/lock-missing',
      group: 'history',
      severity: 'warning',
      message: 'prisma/migrations has no migration_lock.toml, which records the database provider the migrations are written for.',
      location: lockAt(),
      hint: 'Commit the migration_lock.toml that `prisma migrate dev` writes.',
    });
    return findings;
  }
  if (base.lock && normaliseLineEndings(base.lock) !== normaliseLineEndings(head.lock)) {
    findings.push({
      rule: 'history/lock-edited',
      group: 'history',
      severity: 'warning',
      message: 'migration_lock.toml was changed. Prisma writes it once; a change usually means the provider was switched.',
      location: lockAt(),
      hint: 'Revert the change unless the whole migration history was regenerated for a new provider.',
    });
  }
  const provider = lockProvider(head.lock);
  if (provider.value !== 'postgresql') {
    findings.push({
      rule: 'history/lock-provider',
      group: 'history',
      severity: 'error',
      message: `migration_lock.toml says the migrations are for provider "${provider.value}", not "postgresql": Prisma refuses to apply them to PostgreSQL.`,
      location: lockAt(provider.line),
      hint: 'Set provider = "postgresql" if the migrations are PostgreSQL SQL; otherwise this project is not one this check can replay.',
    });
  }
  return findings;
}

/** The provider the way Prisma reads it: the first line starting with `provider`, minus `provider = ` and quotes. */
export function lockProvider(lock: Buffer): { value: string; line: number } {
  const lines = lock.toString('utf8').split(/\r?\n/);
  const index = lines.findIndex((line) => line.startsWith('provider'));
  if (index < 0) return { value: '<PROVIDER NOT FOUND>', line: 1 };
  const value = lines[index]!.replace(/^(provider = )*/, '').replace(/^"+|"+$/g, '');
  return { value, line: index + 1 };
}

function isEmptySql(sql: Buffer): boolean {
  return (
    sql
      .toString('utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/--[^\n]*/g, '')
      .trim() === ''
  );
}

function normaliseLineEndings(contents: Buffer): string {
  return contents.toString('utf8').replaceAll('\r\n', '\n');
}

/** Past this many changed lines a line diff is too slow to compute and too long to read. */
const PATCH_EDIT_LIMIT = 500;

/** What the edit changed, as a unified diff from the merged file to the pull request's. */
function editPatch(file: string, before: Buffer, after: Buffer): string | undefined {
  return createTwoFilesPatch(
    `a/${file}`,
    `b/${file}`,
    normaliseLineEndings(before),
    normaliseLineEndings(after),
    'merged',
    'this pull request',
    {
      context: 3,
      headerOptions: FILE_HEADERS_ONLY,
      maxEditLength: PATCH_EDIT_LIMIT,
    },
  );
}

function firstDifferentLine(before: Buffer, after: Buffer): number {
  const a = normaliseLineEndings(before).split('\n');
  const b = normaliseLineEndings(after).split('\n');
  const index = b.findIndex((line, i) => line !== a[i]);
  return index < 0 ? b.length : index + 1;
}
