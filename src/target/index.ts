import { readFileSync } from 'node:fs';
import type { Finding } from '../common/findings.js';
import { introspect } from '../introspect/introspect.js';
import type { MigrationEntry } from '../locate/migrations.js';
import type { DbSchema } from '../common/model.js';
import { migrationLocator } from '../compare/origins.js';
import type { Provisioned } from '../provision/index.js';
import { redactUrl } from '../common/redact.js';
import type { EnvironmentStats, SizeRequest, TableStats } from '../analyse/sizes.js';
import { readOnly, targetAddress, TargetConnectionError, unreachableFinding } from './connect.js';
import { compareWithTarget, replayApplied } from './drift.js';
import { readTableSizes } from './sizes.js';
import { appliedMigrationNames, migrationStatus, readMigrationRows, type MigrationRow, type RepoMigration } from './status.js';
import type { Target } from './targets.js';

export { readOnly, targetAddress } from './connect.js';

interface TargetSnapshot {
  rows: MigrationRow[] | null;
  schema: DbSchema;
  sizes: TableStats[];
}

/** The schema the analysis of new migrations resolves unqualified names to; on a target, its URL's schema. */
const ANALYSIS_SCHEMA = 'public';

/**
 * Checks each live database against the repository's migrations: its migration status, then its schema
 * against a throwaway replay of the migrations it has applied. Targets are only ever read (see readOnly);
 * a target that cannot be reached or read is a finding, and the other targets are still checked. In the same
 * read-only transaction, the statistics of the tables the pull request's findings are about (`sizes`).
 */
export async function checkTargets(targets: Target[], check: TargetCheck): Promise<TargetResults> {
  if (targets.length === 0) return { findings: [], compared: [], sizes: [] };
  const { repoMigrations, relativePath } = check;
  const repo: RepoMigration[] = repoMigrations.map((entry) => ({
    name: entry.name,
    script: entry.sqlPath ? readFileSync(entry.sqlPath) : null,
    file: entry.sqlPath ? relativePath(entry.sqlPath) : null,
  }));
  const results: TargetResults = { findings: [], compared: [], sizes: [] };
  for (const target of targets) {
    const result = await checkTarget(target, repo, check);
    // Every finding names its environment, so a baseline entry can be scoped to one database.
    results.findings.push(...result.findings.map((finding) => ({ ...finding, environment: target.name })));
    if (result.compared) results.compared.push(target.name);
    if (result.sizes) results.sizes.push({ environment: target.name, stats: result.sizes });
  }
  return results;
}

export interface TargetCheck {
  /** The repository's migrations, in the order they apply. */
  repoMigrations: MigrationEntry[];
  provisioned: Provisioned;
  log: (line: string) => void;
  relativePath: (file: string) => string;
  /** Tables whose statistics the pull request's findings want from each target. */
  sizes: readonly SizeRequest[];
  /** Migrations that may not run (screen.ts): a replay of a target's history stops there. */
  refused?: ReadonlyMap<string, Finding>;
}

export interface TargetResults {
  findings: Finding[];
  /** Targets whose schema was compared; only their baseline entries can be judged stale. */
  compared: string[];
  /** The requested tables' statistics, per target that could be read. */
  sizes: EnvironmentStats[];
}

async function checkTarget(
  target: Target,
  repo: RepoMigration[],
  { repoMigrations, provisioned, log, relativePath, sizes, refused = new Map() }: TargetCheck,
): Promise<{ findings: Finding[]; compared: boolean; sizes?: TableStats[] }> {
  const { host, schema } = targetAddress(target.url);
  // Unqualified names of the migrations land in the schema of the target's URL.
  const inTarget = (name: string) => (name === ANALYSIS_SCHEMA ? schema : name);
  let snapshot: TargetSnapshot;
  try {
    snapshot = await readOnly(target.url, async (client) => ({
      rows: await readMigrationRows(client, schema),
      schema: await introspect(client),
      sizes: await readTableSizes(client, sizes, inTarget),
    }));
  } catch (error) {
    const finding =
      error instanceof TargetConnectionError
        ? unreachableFinding(target.name, target.url, error)
        : unreadableFinding(target.name, host, error);
    return { findings: [finding], compared: false };
  }

  const inSchema = (object: { schema: string }) => object.schema === schema;
  const empty = !snapshot.schema.tables.some(inSchema) && !snapshot.schema.enums.some(inSchema);
  const findings = migrationStatus(target.name, snapshot.rows, repo, empty);
  log(`${target.name} (${host}): ${snapshot.rows ? `${snapshot.rows.length} rows in _prisma_migrations` : 'no _prisma_migrations table'}`);
  if (snapshot.rows === null) return { findings, compared: false, sizes: snapshot.sizes };

  const names = new Set(appliedMigrationNames(snapshot.rows, repo));
  const applied = repoMigrations.filter((entry) => names.has(entry.name));
  const replay = await replayApplied(provisioned, applied, schema, relativePath, refused);
  if (!replay.ok) {
    findings.push({
      rule: 'target/replay-failed',
      group: 'target',
      severity: 'warning',
      message: `\`${target.name}\`: its schema was not compared: replaying the ${applied.length} migration(s) it has applied failed. ${replay.failure.message}`,
      ...(replay.failure.location ? { location: replay.failure.location } : {}),
      ...(replay.failure.migration ? { migration: replay.failure.migration } : {}),
      ...(replay.failure.hint ? { hint: replay.failure.hint } : {}),
    });
    return { findings, compared: false, sizes: snapshot.sizes };
  }
  findings.push(...compareWithTarget(target.name, replay.schema, snapshot.schema, schema, migrationLocator(applied, relativePath)));
  return { findings, compared: true, sizes: snapshot.sizes };
}

function unreadableFinding(environment: string, host: string, error: unknown): Finding {
  const text = redactUrl(error instanceof Error ? error.message : String(error));
  return {
    rule: 'target/unreadable',
    group: 'target',
    severity: 'error',
    message: `\`${environment}\`: connected to ${host} but could not read the migrations table or the catalog: ${text}.`,
    hint: 'The role needs only CONNECT on the database, USAGE on the schema and SELECT on `_prisma_migrations`; the catalog is readable by every role.',
  };
}
