import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/common/findings.js';
import { parseInputs } from '../../src/inputs.js';
import { introspect } from '../../src/introspect/introspect.js';
import { locateProject } from '../../src/locate/project.js';
import { listMigrations, migrationChecksum, readMigrationSql } from '../../src/locate/migrations.js';
import { renderComment } from '../../src/report/comment.js';
import type { Report } from '../../src/report/report.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderText } from '../../src/report/text.js';
import type { LargeTable } from '../../src/analyse/sizes.js';
import { REPO_ROOT } from '../support/corpus.js';
import { adminQuery, checkOnServer, databaseUrl } from '../support/pg.js';
import { gitIn } from '../support/pull-request.js';

const FIXTURE = path.join(REPO_ROOT, 'fixtures/production-sizes');
const ROWS = 200_000;
const MIGRATION = 'prisma/migrations/20240201000000_resize_events/migration.sql';

/** `_prisma_migrations` as Prisma's schema engine creates it. */
const MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id" VARCHAR(36) NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "_prisma_migrations_pkey" PRIMARY KEY ("id")
)`;

const suffix = randomBytes(4).toString('hex');
const database = `pdtest_sizes_${suffix}`;
// Two read-only roles: one may SELECT the table (so pg_stats shows its columns), one has only what the
// README's minimal role has, for which the column statistics stay hidden.
const reader = `pdtest_sizes_ro_${suffix}`;
const minimal = `pdtest_sizes_min_${suffix}`;
const urlAs = (role: string) => {
  const url = new URL(databaseUrl(database));
  url.username = role;
  return url.toString();
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let work: string;
let base: string;

async function withProduction<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The table's scan counters, once the sessions of the check are gone and their statistics flushed. */
async function scans(): Promise<{ seq: number; idx: number }> {
  return withProduction(async (client) => {
    // A backend flushes its statistics as it exits, just after it leaves pg_stat_activity: wait until no
    // other session is connected to the database, then a moment longer.
    for (let i = 0; i < 400; i++) {
      const { rows } = await client.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      if (!rows.length) break;
      await sleep(25);
    }
    await sleep(300);
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ seq: string; idx: string }>(
      `SELECT seq_scan AS seq, coalesce(idx_scan, 0) AS idx FROM pg_stat_user_tables WHERE relname = 'Event'`,
    );
    return { seq: Number(rows[0]!.seq), idx: Number(rows[0]!.idx) };
  });
}

/** Everything a check could change: the schema, the migrations table, the rows and the table's storage file. */
async function state(): Promise<unknown> {
  return withProduction(async (client) => ({
    schema: await introspect(client),
    migrations: (await client.query(`SELECT id, checksum, migration_name, finished_at FROM _prisma_migrations ORDER BY id`)).rows,
    rows: (
      await client.query(
        `SELECT count(*) AS n, md5(string_agg(id || ':' || amount || ':' || coalesce(note, '-'), ',' ORDER BY id)) AS hash FROM "Event"`,
      )
    ).rows[0],
    file: (await client.query(`SELECT relfilenode FROM pg_class WHERE relname = 'Event'`)).rows[0],
  }));
}

function check(largeTable: LargeTable): Promise<Report> {
  return checkOnServer({
    project: locateProject(work, {}),
    root: work,
    failOn: parseInputs(() => '').failOn,
    baseline: path.join(work, 'prisma/drift-baseline.json'),
    targets: [
      { name: 'production', url: urlAs(reader) },
      { name: 'production-catalog-only', url: urlAs(minimal) },
    ],
    largeTable,
    drift: true,
    baseRef: base,
    allowDestructive: null,
    log: () => {},
  });
}

const byRule = (report: Report, rule: string): Finding => {
  const found = report.findings.find((finding) => finding.rule === rule);
  expect(found, `${rule} in ${report.findings.map((f) => f.rule).join(', ')}`).toBeDefined();
  return found!;
};

beforeAll(async () => {
  // The pull request: the base project committed, then the migration that rewrites `amount` and drops `note`.
  work = mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-sizes-'));
  cpSync(path.join(FIXTURE, 'base'), work, { recursive: true });
  const git = gitIn(work);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'base');
  base = git('rev-parse', 'HEAD').trim();
  cpSync(path.join(FIXTURE, 'head'), work, { recursive: true });
  git('add', '-A');
  git('commit', '-qm', 'pull request');

  // "Production": the base migration deployed, 200,000 rows (a quarter without a note), analysed.
  await adminQuery(`CREATE DATABASE "${database}"`);
  const [init] = listMigrations(path.join(FIXTURE, 'base/prisma/migrations'));
  const sql = readMigrationSql(init!)!;
  await withProduction(async (client) => {
    // Counters and stats_reset start now, so the write rate has a basis.
    await client.query('SELECT pg_stat_reset()');
    await client.query(MIGRATIONS_TABLE);
    await client.query(sql);
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
      [randomBytes(16).toString('hex').slice(0, 36), migrationChecksum(sql), init!.name],
    );
    await client.query(
      `INSERT INTO "Event" (amount, note) SELECT g, CASE WHEN g % 4 = 0 THEN NULL ELSE 'note ' || g END FROM generate_series(1, ${ROWS}) AS g`,
    );
    await client.query('ANALYZE "Event"');
    await client.query('SELECT pg_stat_force_next_flush()');
    for (const role of [reader, minimal]) {
      await client.query(`CREATE ROLE "${role}" LOGIN`);
      await client.query(`GRANT CONNECT ON DATABASE "${database}" TO "${role}"`);
      await client.query(`GRANT USAGE ON SCHEMA public TO "${role}"`);
      await client.query(`GRANT SELECT ON public._prisma_migrations TO "${role}"`);
    }
    await client.query(`GRANT SELECT ON public."Event" TO "${reader}"`);
  });
}, 60_000);

afterAll(async () => {
  await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  for (const role of [reader, minimal]) await adminQuery(`DROP ROLE IF EXISTS "${role}"`);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("production's sizes on a pull request's findings", () => {
  it('puts the row count and the values lost on the findings, without scanning or changing production', async () => {
    const before = await state();
    const scansBefore = await scans();

    const report = await check(parseInputs(() => '').largeTable);
    const rewrite = byRule(report, 'lock/access-exclusive');
    const drop = byRule(report, 'destructive/drop-column');
    expect(rewrite.location).toMatchObject({ file: MIGRATION, line: 2 });
    expect(drop.location).toMatchObject({ file: MIGRATION, line: 5 });

    for (const finding of [rewrite, drop]) {
      const [production, catalogOnly] = finding.sizes!;
      expect(production).toMatchObject({ environment: 'production', table: 'public.Event', analysed: true });
      // reltuples is an estimate from ANALYZE's sample; on a table this regular it is within a few percent.
      expect(Math.abs(production!.rows! - ROWS) / ROWS).toBeLessThan(0.05);
      expect(production!.bytes).toBeGreaterThan(ROWS * 20);
      // 200,000 inserts since the counters were reset.
      expect(production!.writesPerMinute).toBeGreaterThan(0);
      expect(catalogOnly).toMatchObject({ environment: 'production-catalog-only', rows: production!.rows, bytes: production!.bytes });
    }
    // A quarter of the notes are NULL: ≈ 150,000 values are lost, within the sample's error.
    const lost = drop.sizes![0]!.nonNullValues!;
    expect(Math.abs(lost - ROWS * 0.75) / (ROWS * 0.75)).toBeLessThan(0.05);
    // The minimal role may not read the column, so pg_stats hides it: unknown, and said so.
    expect(drop.sizes![1]!.nonNullValues).toBeNull();
    expect(rewrite.sizes![0]).not.toHaveProperty('nonNullValues');

    // The rewrite and the index build were timed at two sizes on the seeded copy and extrapolated to
    // production's rows; the drop, which goes through no row, was not.
    const indexBuild = byRule(report, 'risk/index-without-concurrently');
    for (const timed of [rewrite, indexBuild]) {
      expect(timed.timings!.map((timing) => timing.rows)).toEqual([10_000, 100_000]);
      expect(timed.sizes![0]!.duration).toEqual({ ms: expect.any(Number), basis: timed.timings });
    }
    expect(drop.timings).toBeUndefined();
    expect(drop.sizes![0]).not.toHaveProperty('duration');

    // 200,000 rows is below the default `large-table`: the rewrite is a notice that says why.
    expect(rewrite).toMatchObject({ group: 'lock', severity: 'notice' });
    expect(indexBuild).toMatchObject({ group: 'risk', severity: 'notice' });
    expect(rewrite.message).toContain('below `large-table` (1 M rows or 1 GB) in every environment checked');

    const text = renderText(report);
    expect(text).toMatch(
      /production: ≈ (19\d|20\d)(\.\d)? k rows, \d+(\.\d)? MB, ≈ [\d.]+ [kM]? ?writes\/min; ≈ 1[45]\d(\.\d)? k non-null values lost/,
    );
    expect(text).toContain('production-catalog-only: ≈');
    expect(text).toMatch(
      /production: ≈ .*; statement (under a second|≈ \d+ (s|min)) on these rows \(extrapolated from [\d.]+ m?s at 10 k and [\d.]+ m?s at 100 k seeded rows\)/,
    );
    expect(text).toContain('values lost unknown (no statistics of the column visible to this role)');
    expect(renderSummary(report)).toMatch(/\n {2}- production: ≈ (19\d|20\d)(\.\d)? k rows/);
    expect(renderComment(report, { repoUrl: 'https://github.com/o/r', sha: 'abc', marker: '<!-- m -->' })).toMatch(
      /\n {2}- production: ≈ (19\d|20\d)(\.\d)? k rows/,
    );

    // Statistics only: no sequential or index scan of the table, and nothing changed.
    expect(await scans()).toEqual(scansBefore);
    expect(await state()).toEqual(before);

    // The way scans are counted above sees one when there is one.
    const client = new pg.Client({ connectionString: urlAs(reader) });
    await client.connect();
    await client.query('SELECT count(*) FROM "Event"');
    await client.end();
    expect((await scans()).seq).toBeGreaterThan(scansBefore.seq);
  }, 120_000);

  it("estimates the rewrite's time on production's rows to an order of magnitude", async () => {
    const report = await check(parseInputs(() => '').largeTable);
    const estimate = byRule(report, 'lock/access-exclusive').sizes![0]!.duration!.ms;
    // The same statement on production itself, rolled back.
    const actual = await withProduction(async (client) => {
      await client.query('BEGIN');
      const started = performance.now();
      await client.query('ALTER TABLE "Event" ALTER COLUMN "amount" SET DATA TYPE BIGINT');
      const ms = performance.now() - started;
      await client.query('ROLLBACK');
      return ms;
    });
    expect(estimate / actual, `estimated ${estimate} ms, took ${Math.round(actual)} ms`).toBeGreaterThan(0.1);
    expect(estimate / actual, `estimated ${estimate} ms, took ${Math.round(actual)} ms`).toBeLessThan(10);
  }, 120_000);

  it('fails the check when the rewritten table is above `large-table`', async () => {
    const report = await check({ rows: 100_000 });
    const rewrite = byRule(report, 'lock/access-exclusive');
    expect(rewrite).toMatchObject({ group: 'destructive', severity: 'error' });
    // The index build blocks every write for as long as it reads the table: raised too. (The migration's
    // ACCESS EXCLUSIVE is already held, so there is no lock of its own to measure: the static rule has it.)
    const indexBuild = byRule(report, 'risk/index-without-concurrently');
    expect(indexBuild).toMatchObject({ group: 'destructive', severity: 'error', location: { file: MIGRATION, line: 8 } });
    expect(indexBuild.message).toContain('at or above `large-table` (100 k rows)');
    expect(rewrite.message).toMatch(
      /Raised to an error: in `production` the table holds ≈ (19\d|20\d)(\.\d)? k rows, .*, at or above `large-table` \(100 k rows\)/,
    );
    expect(report.ok).toBe(false);
  }, 120_000);
});
