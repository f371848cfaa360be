import type pg from 'pg';
import type { Finding } from '../common/findings.js';
import { checksumMatches } from '../locate/migrations.js';
import { quoteIdent } from '../db/quote.js';

/** A row of `_prisma_migrations`, as Prisma writes it. */
export interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

/** A migration of the repository, with what the status needs of it. */
export interface RepoMigration {
  name: string;
  /** Bytes of migration.sql, null when the folder has none. */
  script: Buffer | null;
  /** migration.sql as reports name it, null when the folder has none. */
  file: string | null;
}

const BASELINING = 'https://www.prisma.io/docs/orm/prisma-migrate/workflows/baselining';

/**
 * The rows of `_prisma_migrations` in the schema Prisma uses, in the order Prisma lists them; null when the
 * table does not exist. Only plain SELECTs, so it runs inside a read-only transaction.
 */
export async function readMigrationRows(client: pg.ClientBase, schema: string): Promise<MigrationRow[] | null> {
  const exists = await client.query<{ found: boolean }>(
    `SELECT to_regclass(format('%I._prisma_migrations', $1::text)) IS NOT NULL AS found`,
    [schema],
  );
  if (!exists.rows[0]?.found) return null;
  const result = await client.query<MigrationRow>(
    `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
       FROM ${quoteIdent(schema)}._prisma_migrations
      ORDER BY started_at, migration_name`,
  );
  return result.rows;
}

/** A row that counts as applied: `migrate deploy` skips it and the database has its changes. */
function isApplied(row: MigrationRow): boolean {
  return row.finished_at !== null && row.rolled_back_at === null;
}

/** A row `migrate deploy` refuses to go past (P3009) until someone resolves it. */
function isFailed(row: MigrationRow): boolean {
  return row.finished_at === null && row.rolled_back_at === null;
}

/** The repository's migrations the target has applied, in the order they were replayed: the repository's. */
export function appliedMigrationNames(rows: MigrationRow[] | null, repo: RepoMigration[]): string[] {
  const applied = new Set((rows ?? []).filter(isApplied).map((row) => row.migration_name));
  return repo.filter((migration) => applied.has(migration.name)).map((migration) => migration.name);
}

/**
 * Compares a target's migrations table with the repository's migrations by the rules of `prisma migrate
 * deploy`: a migration is pending unless a row that was not rolled back has its name; any row that neither
 * finished nor was rolled back blocks the deploy; an applied file must still match its checksum.
 * `schemaEmpty` tells a new database (deploy creates the table) from one that needs a baseline.
 */
export function migrationStatus(environment: string, rows: MigrationRow[] | null, repo: RepoMigration[], schemaEmpty: boolean): Finding[] {
  const env = `\`${environment}\``;
  if (rows === null && !schemaEmpty) {
    return [
      {
        rule: 'target/no-migrations-table',
        group: 'target',
        severity: 'error',
        message: `${env}: the database has tables but no \`_prisma_migrations\` table, so \`prisma migrate deploy\` will refuse to run (P3005: the database schema is not empty).`,
        hint: `Baseline it: mark the migrations that the database already reflects as applied with \`npx prisma migrate resolve --applied <name>\`. See ${BASELINING}`,
      },
    ];
  }

  const findings: Finding[] = [];
  const all = rows ?? [];
  const repoByName = new Map(repo.map((migration) => [migration.name, migration]));

  for (const row of all.filter(isFailed)) {
    const logs = row.logs?.trim();
    findings.push({
      rule: 'target/failed',
      group: 'target',
      severity: 'error',
      message: `${env}: migration \`${row.migration_name}\` started at ${row.started_at.toISOString()} and failed${
        row.applied_steps_count ? ` after ${row.applied_steps_count} step(s)` : ''
      }${logs ? `: ${firstLine(logs)}` : ''}. \`prisma migrate deploy\` will refuse to run until it is resolved (P3009).`,
      migration: row.migration_name,
      object: { kind: 'migration', name: row.migration_name },
      hint:
        `Find out what the failed migration left behind. If you undid its changes, run \`npx prisma migrate resolve --rolled-back ${row.migration_name}\` ` +
        `and deploy again; if you completed them by hand, run \`npx prisma migrate resolve --applied ${row.migration_name}\`.`,
    });
  }

  const live = all.filter((row) => row.rolled_back_at === null);
  const liveNames = new Set(live.map((row) => row.migration_name));
  const reported = new Set<string>();
  for (const row of all) {
    if (row.rolled_back_at === null || liveNames.has(row.migration_name) || reported.has(row.migration_name)) continue;
    reported.add(row.migration_name);
    findings.push({
      rule: 'target/rolled-back',
      group: 'target',
      severity: 'notice',
      message: `${env}: migration \`${row.migration_name}\` was marked rolled back at ${row.rolled_back_at.toISOString()}; \`prisma migrate deploy\` will apply it again.`,
      migration: row.migration_name,
      object: { kind: 'migration', name: row.migration_name },
    });
  }

  for (const row of live.filter(isApplied)) {
    const local = repoByName.get(row.migration_name);
    if (!local?.script || checksumMatches(local.script, row.checksum)) continue;
    findings.push({
      rule: 'target/edited',
      group: 'target',
      severity: 'warning',
      message: `${env}: migration \`${row.migration_name}\` was changed after it was applied: its migration.sql no longer matches the checksum recorded in \`_prisma_migrations\`.`,
      migration: row.migration_name,
      object: { kind: 'migration', name: row.migration_name },
      ...(local.file ? { location: { file: local.file, line: 1, column: 1 } } : {}),
      hint: `The database has the migration as it was applied, not as it reads now. Restore the file, or move the change into a new migration; \`prisma migrate dev\` will otherwise ask to reset development databases.`,
    });
  }

  const missing = [...liveNames].filter((name) => !repoByName.has(name));
  for (const name of missing) {
    findings.push({
      rule: 'target/missing-locally',
      group: 'target',
      severity: 'warning',
      message: `${env}: migration \`${name}\` is recorded as applied, but prisma/migrations has no folder of that name.`,
      migration: name,
      object: { kind: 'migration', name },
      hint: 'It was deleted or renamed after it was deployed, or deployed from another branch. Restore the folder, or the database has changes no migration here describes.',
    });
  }

  const pending = repo.filter((migration) => !liveNames.has(migration.name));
  if (pending.length) findings.push(unappliedFinding(env, pending, repo, live));
  return findings;
}

function unappliedFinding(env: string, pending: RepoMigration[], repo: RepoMigration[], live: MigrationRow[]): Finding {
  const position = new Map(repo.map((migration, index) => [migration.name, index]));
  const lastApplied = Math.max(-1, ...live.map((row) => position.get(row.migration_name) ?? -1));
  const early = pending.filter((migration) => position.get(migration.name)! < lastApplied);
  const list = pending.map((migration, index) => `${index + 1}. ${migration.name}`).join(', ');
  return {
    rule: 'target/unapplied',
    group: 'target',
    severity: early.length ? 'warning' : 'notice',
    message:
      `${env}: ${pending.length} migration(s) not applied yet; \`prisma migrate deploy\` will run them in this order: ${list}.` +
      (early.length
        ? ` ${early.map((m) => `\`${m.name}\``).join(', ')} sort(s) before migrations the database already has, so they run after them: in a different order than on a fresh database.`
        : ''),
    migration: pending[0]!.name,
    object: { kind: 'migration', name: pending[0]!.name },
    ...(early.length
      ? {
          hint: 'Check that these migrations do not depend on running before the later ones, or rename their folders to sort after them before they are deployed anywhere.',
        }
      : {}),
  };
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]!;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
