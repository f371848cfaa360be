import path from 'node:path';
import { analyseNewMigrationsOf } from './analyse/index.js';
import { preloadParser } from './apply/sql.js';
import { newMigrations, readBaseHistory, readHeadHistory } from './analyse/base.js';
import { analyseHistory } from './analyse/history.js';
import { applyMigrations, TIMEOUT, type ApplyOptions } from './apply/apply.js';
import { accept } from './report/accept.js';
import { loadBaseline } from './report/baseline.js';
import { stateCacheFor, type CacheOutcome, type StateCache, type StateCacheOptions } from './apply/cache/index.js';
import { diffSchemas } from './compare/diff.js';
import { driftFindings } from './compare/drift-findings.js';
import type { FileWaivers } from './analyse/waivers.js';
import type { Finding } from './common/findings.js';
import type { Group } from './common/catalogue.js';
import { isFailing } from './common/findings.js';
import { introspect } from './introspect/introspect.js';
import { rejectPrisma8, type ProjectPaths } from './locate/project.js';
import { listMigrations, type MigrationEntry, type MigrationOrder } from './locate/migrations.js';
import type { DbSchema } from './common/model.js';
import { migrationLocator } from './compare/origins.js';
import { conventionsFor } from './prisma/conventions.js';
import { expectSchema } from './prisma/expect.js';
import { readSchemaFiles } from './prisma/files.js';
import { parseSchema } from './prisma/parse.js';
import { withSchemaSuggestions, type SchemaSource } from './compare/suggest.js';
import { schemaWarnings } from './prisma/validity.js';
import type { Provisioned, Provisioning } from './provision/index.js';
import { REPORT_VERSION, rulesOf, type Report } from './report/report.js';
import { sortFindings } from './report/text.js';
import { settingName } from './common/setting-names.js';
import { sizeRequests, withSizes, type LargeTable } from './analyse/sizes.js';
import { guardSessions, Watchdog, withScratchClient } from './db/scratch.js';
import { screenMigrations } from './apply/screen.js';
import { checkTargets } from './target/index.js';
import type { Target } from './target/targets.js';

export interface CheckOptions {
  project: ProjectPaths;
  /** Paths in findings and reports are relative to this folder (the repository root in Actions). */
  root: string;
  /** PostgreSQL as the entry point started it (with a first database when `drift` is set); the caller closes it. */
  provisioning: Provisioning;
  failOn: Group[];
  /** Overrides the Prisma version read from the project. */
  prismaVersion?: string;
  /** Baseline file of accepted differences; a missing file accepts nothing. */
  baseline: string;
  /** Live databases to check read-only. */
  targets: Target[];
  /** Compare schema.prisma with the migrations (`prisma-drift status` only looks at targets). */
  drift: boolean;
  /** Commit whose migrations are the base of a pull request: the rest are its new migrations. */
  baseRef: string | null;
  /** Set when the pull request carries the label that accepts destructive migrations. */
  allowDestructive: string | null;
  /** Above this size in a live database, a statement that locks a table for as long as it runs fails the check. */
  largeTable: LargeTable;
  /** Keeps the state of the history the base branch already has between runs; without it the whole history is replayed. */
  cache?: StateCacheOptions;
  /** Bound on the check's work on the throwaway databases: what runs when it is reached is cancelled and reported. */
  timeoutMs?: number;
  log: (line: string) => void;
}

type Relative = (file: string) => string;

/**
 * The check: derive the database schema.prisma describes, replay the migrations on a throwaway database,
 * read back what they produced and compare the two; analyse the pull request's new migrations against the
 * base branch; then the live targets. Throws only when the check cannot run (bad schema, bad baseline, no
 * PostgreSQL); everything about the project itself is a finding.
 */
export async function runCheck(options: CheckOptions): Promise<Report> {
  const watchdog = new Watchdog(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.log);
  const unguard = guardSessions(watchdog);
  try {
    return await check(options, watchdog);
  } finally {
    unguard();
  }
}

const DEFAULT_TIMEOUT_MS = 15 * 60_000;

async function check(options: CheckOptions, watchdog: Watchdog): Promise<Report> {
  const started = performance.now();
  const { project, root, log } = options;
  const relative: Relative = (file) => path.relative(root, file).split(path.sep).join('/');
  if (options.prismaVersion) rejectPrisma8(options.prismaVersion, settingName('prisma-version'));
  const conventions = conventionsFor(options.prismaVersion ?? project.prismaVersion);
  const { provisioning } = options;
  const baseline = loadBaseline(options.baseline);
  // Parsed once the server has migrations to run (see replayAndCompare), where it costs no waiting.
  let source: SchemaSource | undefined;
  const sourceOnce = () => (source ??= schemaSource(project, relative));
  let expected: DbSchema | undefined;
  const expectedOnce = () => (expected ??= expectSchema(sourceOnce().parsed, { conventions }));
  const migrations = listMigrations(project.migrations, conventions.migrationOrder.value);
  // Nothing runs before every migration is read: what may not run at all is known before the first one does.
  const screened = options.drift ? await screenMigrations(migrations, relative) : { findings: [], stopAt: null };
  const refused = new Map(screened.stopAt === null ? [] : [[migrations[screened.stopAt]!.name, screened.findings[0]!]]);
  log(
    `${migrations.length} migrations in ${relative(project.migrations)}; ` +
      (conventions.assumedLatest ? 'Prisma version unknown, assuming the latest' : `Prisma ${conventions.prismaVersion}`),
  );
  // Finding pg_dump runs programs: it goes on while git reads the base history. The server's failure is
  // reported where the server is awaited.
  const stateCache = options.drift && options.cache ? provisioning.server.then((server) => stateCacheFor(options.cache!, server)) : null;
  stateCache?.catch(() => {});
  const history =
    options.drift && options.baseRef
      ? await compareHistory(options, project, relative, conventions.migrationOrder.value)
      : { findings: [], newNames: new Set<string>(), warnings: [], compared: false };

  const server = await provisioning.server;
  let replay = options.drift
    ? await replayAndCompare({
        server,
        baseDb: await provisioning.firstDatabase!,
        expected: expectedOnce,
        source: sourceOnce,
        migrations,
        refused,
        newNames: history.newNames,
        stateCache: await stateCache,
        relative,
        options,
      }).catch((error: unknown) => {
        // Work cut short by the time limit fails in many ways; the finding says why, once.
        if (!watchdog.expired) throw error;
        return { findings: [], waivers: [], applied: [], unmodelled: [], cache: null };
      })
    : { findings: [], waivers: [], applied: [], unmodelled: [], cache: null };
  if (watchdog.expired) replay = { ...replay, findings: timedOut(replay.findings, watchdog, relative(project.migrations)) };
  replay = {
    ...replay,
    findings: [...screened.findings, ...replay.findings.filter((finding) => ![...refused.values()].includes(finding))],
  };
  // Out of time: the live databases are not read either.
  const targets = watchdog.expired
    ? { findings: [], compared: [], sizes: [] }
    : await checkTargets(options.targets, {
        repoMigrations: migrations,
        provisioned: server,
        log,
        relativePath: relative,
        sizes: sizeRequests(replay.findings),
        refused,
      });
  const sized = withSizes(replay.findings, targets.sizes, { largeTable: options.largeTable });
  const accepted = accept([...history.findings, ...sized, ...targets.findings], {
    waivers: replay.waivers,
    allowDestructive: options.allowDestructive,
    baseline,
    scope: {
      drift: options.drift && !replay.findings.some((f) => f.group === 'migration'),
      history: history.compared,
      environments: targets.compared,
    },
  });
  const findings = sortFindings(accepted.findings);
  const failOn = new Set(options.failOn);
  return {
    version: REPORT_VERSION,
    ok: !findings.some((finding) => isFailing(finding, failOn)),
    drift: findings.some((finding) => finding.group === 'drift' && !finding.baselined && !finding.waived),
    failOn: options.failOn,
    schema: relative(project.schema),
    migrations: relative(project.migrations),
    prismaVersion: conventions.prismaVersion,
    prismaVersionSource: options.prismaVersion ? 'input prisma-version' : project.prismaVersionSource,
    migrationOrder: conventions.migrationOrder.value,
    postgresVersion: server.serverVersion.full,
    findings,
    rules: rulesOf(findings),
    staleBaseline: accepted.stale,
    warnings: [...(source ? versionWarnings(source, conventions.prismaVersion) : []), ...history.warnings],
    targets: options.targets.map((target) => ({ name: target.name, compared: targets.compared.includes(target.name) })),
    applied: replay.applied,
    unmodelled: replay.unmodelled,
    ...(replay.cache ? { cache: replay.cache } : {}),
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * The findings of a check the time limit cut short: one timeout finding per migration that was running
 * (the replay and the measurement may both have been running it), without the failures the cancellation
 * caused elsewhere. When nothing of a migration's was running, one finding says what the limit cut short.
 */
function timedOut(findings: Finding[], watchdog: Watchdog, migrationsDir: string): Finding[] {
  const kept = new Map<string, Finding>();
  for (const finding of findings) {
    if (finding.rule !== TIMEOUT) continue;
    const key = finding.migration ?? '';
    const known = kept.get(key);
    // The measurement knows the statement; a replay of a whole file only finds it again when it can.
    if (!known || (known.location?.line === 1 && (finding.location?.line ?? 1) > 1)) kept.set(key, finding);
  }
  if (kept.size > 0) return [...kept.values()];
  return [
    {
      rule: TIMEOUT,
      group: 'migration',
      severity: 'error',
      message: `The check reached its time limit of ${Math.round(watchdog.limitMs / 1000)} s before it finished; no migration was running at that moment.`,
      location: { file: migrationsDir, line: 1, column: 1 },
      hint: 'Raise `timeout` if the history is this slow to replay.',
    },
  ];
}

function schemaSource(project: ProjectPaths, relative: Relative): SchemaSource {
  const files = readSchemaFiles(project.schema).map((file) => ({ ...file, path: relative(file.path) }));
  return { files, parsed: parseSchema(files) };
}

/** What the project's Prisma release would refuse in the schema although its meaning is plain. */
function versionWarnings(source: SchemaSource, prismaVersion: string | null): string[] {
  return schemaWarnings(source.parsed, prismaVersion).map(({ loc, message }) => `${loc.file}:${loc.line}: ${message}`);
}

/**
 * History integrity against the base commit, and which migrations the pull request adds. A base that is
 * not in the clone is a warning about the checkout, not a finding about the project: the checks that
 * need no base still run.
 */
async function compareHistory(options: CheckOptions, project: ProjectPaths, relative: Relative, order: MigrationOrder) {
  const base = await readBaseHistory(options.root, options.baseRef!, project.migrations, order);
  if (!base.ok)
    return { findings: [], newNames: new Set<string>(), warnings: [`${base.error.message} ${base.error.hint}`], compared: false };
  const head = readHeadHistory(project.migrations, order);
  const added = newMigrations(base.history, head);
  options.log(`Base ${base.commit.slice(0, 12)}: ${added.length} new migrations in this pull request`);
  return {
    findings: analyseHistory(base.history, head, relative(project.migrations)),
    newNames: new Set(added.map((migration) => migration.name)),
    warnings: [],
    compared: true,
  };
}

/**
 * Replays the migrations the base already has once, into a database that is then copied for the drift check
 * (the new migrations applied on the copy) and itself used to measure the new migrations on. The databases
 * are dropped all at once, in the background as soon as everything is read from them: each DROP DATABASE
 * forces a checkpoint, which would otherwise write out the pages of the ones still there.
 */
async function replayAndCompare(input: {
  server: Provisioned;
  /** An empty database the history is replayed into. */
  baseDb: { name: string; url: string };
  /** What schema.prisma describes; parsing it holds the thread, so it is asked for once the server has work. */
  expected: () => DbSchema;
  /** The schema's files as parsed, for the lines a drift finding suggests adding to them. */
  source: () => SchemaSource;
  migrations: MigrationEntry[];
  /** Migrations that may not run (screen.ts): the replay stops at the first, with its finding. */
  refused: ReadonlyMap<string, Finding>;
  newNames: Set<string>;
  /** The cache of replayed states, when there is one on this machine. */
  stateCache: ((migrations: MigrationEntry[]) => StateCache) | null;
  relative: Relative;
  options: CheckOptions;
}): Promise<Pick<Report, 'findings' | 'applied' | 'unmodelled'> & { waivers: FileWaivers[]; cache: CacheOutcome | null }> {
  const { server, baseDb, migrations, relative, options } = input;
  const firstNew = migrations.findIndex((migration) => input.newNames.has(migration.name));
  const firstRefused = migrations.findIndex((migration) => input.refused.has(migration.name));
  const prefix = firstNew < 0 ? migrations : migrations.slice(0, firstNew);
  const rest = firstNew < 0 ? [] : migrations.slice(firstNew);
  // Nothing from a refused migration on is run, measured or cached.
  const cacheable = firstRefused >= 0 && firstRefused < prefix.length ? null : prefix;
  const measurable = rest.slice(0, firstRefused < 0 ? undefined : Math.max(0, firstRefused - prefix.length));
  const applyOptions = (database: string): ApplyOptions => ({
    refused: input.refused,
    createExtension: (request, currentSchema) => server.createExtension(database, request, currentSchema),
  });
  // The SQL parser compiles its WebAssembly on other threads while the replay waits for the server.
  if (rest.length) preloadParser();

  const cache = cacheable ? (input.stateCache?.(cacheable) ?? null) : null;
  const restored = cache
    ? await cache
        .restore(baseDb.url)
        .catch((error: Error) => warn(`Could not restore the cached state, replaying instead: ${error.message}`))
    : false;
  if (restored) options.log(`Restored the state of ${prefix.length} migrations from the cache in ${cache!.outcome().ms} ms`);
  const first = await withScratchClient(baseDb.url, async (client) => {
    const replaying = restored
      ? Promise.resolve({ applied: [], failure: null })
      : applyMigrations(client, prefix, relative, applyOptions(baseDb.name));
    // The first migrations are on their way: the schema is parsed while the server runs them.
    try {
      input.expected();
    } catch (error) {
      replaying.catch(() => {});
      throw error;
    }
    const replay = await replaying;
    const schema = replay.failure ? null : await introspect(client);
    return { replay, schema };
  });
  if (cache && !restored && first.schema) {
    await cache.save(baseDb.url).catch((error: Error) => warn(`Could not save the state to the cache: ${error.message}`));
  }
  if (first.replay.failure || !first.schema) return finish(first.replay.applied, [first.replay.failure!], [], first.schema);
  if (!rest.length) return finish(first.replay.applied, [], [], first.schema);

  const headDb = await server.createDatabase({ template: baseDb.name });
  // Without a live database there are no row counts to extrapolate the statements' times to.
  const timingDb = options.targets.length ? await server.createDatabase({ template: baseDb.name }) : null;
  // Independent from here on, on two connections: PostgreSQL works on both at once.
  const [second, analysed] = await Promise.all([
    withScratchClient(headDb.url, async (client) => {
      const replay = await applyMigrations(client, rest, relative, applyOptions(headDb.name));
      return { replay, schema: replay.failure ? null : await introspect(client) };
    }),
    analyseNewMigrationsOf({
      databaseUrl: baseDb.url,
      base: first.schema,
      migrations: measurable.filter((migration) => input.newNames.has(migration.name)),
      relative,
      timingUrl: timingDb?.url ?? null,
      log: options.log,
    }),
  ]);
  const applied = [...first.replay.applied, ...second.replay.applied];
  if (second.replay.failure || !second.schema)
    return finish(applied, [second.replay.failure!, ...analysed.findings], analysed.waivers, null);
  return finish(applied, analysed.findings, analysed.waivers, second.schema);

  // The cache only ever saves time: whatever goes wrong with it, the history is replayed as without it.
  function warn(message: string): false {
    options.log(message);
    return false;
  }

  async function finish(applied: { name: string; ms: number }[], findings: Finding[], waivers: FileWaivers[], migrated: DbSchema | null) {
    // Everything is read from the databases: they are dropped while the rest of the check runs.
    await server.releaseDatabases();
    const totalMs = applied.reduce((sum, m) => sum + m.ms, 0);
    options.log(`Replayed ${applied.length} of ${migrations.length} migrations in ${Math.round(totalMs)} ms`);
    // Drift against a half-replayed history would only repeat the failure in other words.
    const drift = migrated
      ? withSchemaSuggestions(driftFindings(diffSchemas(input.expected(), migrated), migrationLocator(migrations, relative)), {
          source: input.source(),
          expected: input.expected(),
          migrated,
        })
      : [];
    return {
      findings: [...findings, ...drift],
      waivers,
      applied: applied.map((m) => ({ name: m.name, ms: Math.round(m.ms * 10) / 10 })),
      unmodelled: migrated?.unmodelled ?? [],
      cache: cache?.outcome() ?? null,
    };
  }
}
