import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeRowBoundStatements } from '../../src/analyse/durations.js';
import { lockFindings } from '../../src/analyse/lock-rules/index.js';
import { measureMigration, measureNewMigrations } from '../../src/analyse/locks.js';
import type { MigrationMeasurement } from '../../src/analyse/measurement.js';
import { growTable, seedTables, type SeedResult } from '../../src/analyse/seed.js';
import type { Finding } from '../../src/common/findings.js';
import { introspect } from '../../src/introspect/introspect.js';
import type { DbSchema } from '../../src/common/model.js';
import { provision } from '../../src/provision/index.js';
import { SERVER_URL, adminQuery, databaseUrl } from '../support/pg.js';

const BASE = `
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
CREATE TABLE "User" (
  "id" SERIAL PRIMARY KEY,
  "email" TEXT NOT NULL,
  "name" TEXT,
  "age" INTEGER NOT NULL DEFAULT 0,
  "role" "Role" NOT NULL DEFAULT 'USER',
  "handle" VARCHAR(4) NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "User_handle_key" ON "User"("handle");
CREATE TABLE "Post" (
  "id" TEXT PRIMARY KEY,
  "authorId" INTEGER NOT NULL REFERENCES "User"("id"),
  "parentId" TEXT REFERENCES "Post"("id"),
  "tags" TEXT[],
  "data" JSONB NOT NULL,
  "published" BOOLEAN NOT NULL DEFAULT false,
  "uuid" UUID NOT NULL UNIQUE
);
CREATE TABLE "Profile" ("userId" INTEGER PRIMARY KEY REFERENCES "User"("id"), "bio" TEXT);
CREATE TABLE "Checked" ("n" INTEGER NOT NULL CHECK ("n" > 100));
`;

const CTX = { migration: '20240101000000_change', file: 'prisma/migrations/20240101000000_change/migration.sql', defaultSchema: 'public' };

// The base is built and seeded once; every test measures on its own copy (CREATE DATABASE ... TEMPLATE).
const baseName = `pdtest_${randomBytes(6).toString('hex')}`;
let base: DbSchema;
let seeded: SeedResult;

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE "${baseName}"`);
  const client = new pg.Client({ connectionString: databaseUrl(baseName) });
  await client.connect();
  try {
    await client.query(BASE);
    base = await introspect(client);
    seeded = await seedTables(client, base);
  } finally {
    await client.end();
  }
});

afterAll(async () => {
  await adminQuery(`DROP DATABASE IF EXISTS "${baseName}" WITH (FORCE)`);
});

async function measure(sql: string, keepTimeoutAdvice = false): Promise<{ measurement: MigrationMeasurement; findings: Finding[] }> {
  const name = `pdtest_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${baseName}"`);
  const url = databaseUrl(name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const measurement = await measureMigration(client, sql, { existingTables: base.tables, url });
    // lock/no-lock-timeout, which nearly every ALTER TABLE here calls for, has tests of its own below.
    const findings = lockFindings(measurement, { ...CTX, sql });
    return { measurement, findings: keepTimeoutAdvice ? findings : findings.filter((f) => f.rule !== 'lock/no-lock-timeout') };
  } finally {
    await client.end();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

const user = (m: MigrationMeasurement) => m.tables.find((t) => t.table.name === 'User')!;
const rules = (findings: Finding[]) => findings.map((f) => f.rule);

describe('seedTables', () => {
  it('fills parents before children and skips what its CHECK rejects', () => {
    const rows = Object.fromEntries(seeded.seeded.map((t) => [t.name, t.rows]));
    expect(rows).toEqual({ User: 20, Post: 20, Profile: 20 });
    expect(seeded.skipped).toEqual([expect.objectContaining({ name: 'Checked', reason: expect.stringContaining('check constraint') })]);
  });

  it('leaves duplicates in non-unique columns and NULLs in nullable ones', async () => {
    const client = new pg.Client({ connectionString: databaseUrl(baseName) });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT count(DISTINCT email)::int AS emails, count(*) FILTER (WHERE name IS NULL)::int AS nulls,
                count(DISTINCT handle)::int AS handles FROM "User"`,
      );
      expect(rows[0]).toEqual({ emails: 3, nulls: 6, handles: 20 });
      const posts = await client.query(`SELECT count(*) FILTER (WHERE "parentId" IS NOT NULL)::int AS linked FROM "Post"`);
      expect(posts.rows[0].linked).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });
});

describe('growTable', () => {
  it('adds rows like the seeded ones to one table, up to what its keys allow', async () => {
    const name = `pdtest_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${baseName}"`);
    const client = new pg.Client({ connectionString: databaseUrl(name) });
    await client.connect();
    try {
      // Foreign keys to the seeded users, a self reference, a unique UUID, arrays and JSON.
      expect(await growTable(client, base, { schema: 'public', name: 'Post' }, 10_000)).toBe(10_000);
      const { rows } = await client.query(
        `SELECT count(*)::int AS n, count(DISTINCT uuid)::int AS uuids, count(DISTINCT "authorId")::int AS authors FROM "Post"`,
      );
      expect(rows[0]).toEqual({ n: 10_000, uuids: 10_000, authors: 20 });
      // Already that big: nothing to add.
      expect(await growTable(client, base, { schema: 'public', name: 'Post' }, 5_000)).toBe(10_000);
      // One profile per user: twenty at most.
      expect(await growTable(client, base, { schema: 'public', name: 'Profile' }, 1_000)).toBe(20);
      // A unique VARCHAR(4) still gets distinct values (in base 36 past 9,999).
      expect(await growTable(client, base, { schema: 'public', name: 'User' }, 20_000)).toBe(20_000);
      const handles = await client.query(`SELECT count(DISTINCT handle)::int AS n, max(length(handle))::int AS longest FROM "User"`);
      expect(handles.rows[0]).toEqual({ n: 20_000, longest: 4 });
      // Rows a constraint rejects: PostgreSQL's refusal is passed on.
      await expect(growTable(client, base, { schema: 'public', name: 'Checked' }, 10)).rejects.toThrow(/violates check constraint/);
    } finally {
      await client.end();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
});

describe('timeRowBoundStatements', () => {
  const rewrite: Finding = {
    rule: 'lock/access-exclusive',
    group: 'lock',
    severity: 'warning',
    message: 'Takes ACCESS EXCLUSIVE on `"Post"` and rewrites it.',
    location: { file: CTX.file, line: 2, column: 1 },
    object: { kind: 'table', schema: 'public', name: 'Post' },
    migration: CTX.migration,
  };
  const sql = 'ALTER TABLE "User" ADD COLUMN "bio" TEXT;\nALTER TABLE "Post" ALTER COLUMN "published" SET DATA TYPE TEXT;\n';

  it('times the statement at two sizes of its table, after the statements before it', async () => {
    const name = `pdtest_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    const client = new pg.Client({ connectionString: databaseUrl(name) });
    await client.connect();
    await client.query(BASE);
    await client.end();
    const log: string[] = [];
    try {
      const [timed, other] = await timeRowBoundStatements({
        url: databaseUrl(name),
        base,
        migrations: [{ name: CTX.migration, file: CTX.file, sql }],
        findings: [rewrite, { ...rewrite, rule: 'destructive/drop-column', location: { ...rewrite.location!, line: 1 } }],
        log: (line) => log.push(line),
      });
      expect(timed!.timings).toEqual([
        { rows: 10_000, ms: expect.any(Number) },
        { rows: 100_000, ms: expect.any(Number) },
      ]);
      expect(timed!.timings![1]!.ms).toBeGreaterThan(timed!.timings![0]!.ms);
      expect(other).not.toHaveProperty('timings');
      expect(log).toEqual(['Timed 1 statements at 10000 and 100000 rows']);
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  }, 60_000);

  it('leaves the findings as they are when it cannot time them', async () => {
    const log: string[] = [];
    const findings = await timeRowBoundStatements({
      url: databaseUrl(`pdtest_missing_${randomBytes(4).toString('hex')}`),
      base,
      migrations: [{ name: CTX.migration, file: CTX.file, sql }],
      findings: [rewrite],
      log: (line) => log.push(line),
    });
    expect(findings).toEqual([rewrite]);
    expect(log[0]).toMatch(/^Could not time the statements: database ".*" does not exist/);
  });
});

describe('measureMigration', () => {
  it('ADD COLUMN with a constant default: ACCESS EXCLUSIVE, no rewrite, nothing reported', async () => {
    const { measurement, findings } = await measure(`ALTER TABLE "User" ADD COLUMN "score" INTEGER NOT NULL DEFAULT 1;`);
    expect(user(measurement)).toMatchObject({ lock: 'AccessExclusiveLock', rewritten: false });
    expect(measurement.statements[0]!.ms).toBeGreaterThanOrEqual(0);
    expect(measurement.failure).toBeNull();
    expect(findings).toEqual([]);
  });

  it('ADD COLUMN with a volatile default rewrites the table', async () => {
    const { measurement, findings } = await measure(`ALTER TABLE "User" ADD COLUMN "token" UUID NOT NULL DEFAULT gen_random_uuid();`);
    expect(user(measurement)).toMatchObject({ lock: 'AccessExclusiveLock', rewritten: true });
    expect(rules(findings)).toEqual(['lock/access-exclusive']);
    expect(findings[0]!.message).toContain('Takes ACCESS EXCLUSIVE on `"User"` and rewrites it');
    expect(findings[0]!.location).toEqual({ file: CTX.file, line: 1, column: 1 });
  });

  it('ALTER COLUMN TYPE int to bigint: ACCESS EXCLUSIVE and a rewrite, attributed to its statement', async () => {
    const { measurement, findings } = await measure(
      `-- widen\nALTER TABLE "User" ADD COLUMN "note" TEXT;\n\nALTER TABLE "User" ALTER COLUMN "age" SET DATA TYPE BIGINT;\n`,
    );
    expect(user(measurement)).toMatchObject({ lock: 'AccessExclusiveLock', rewritten: true });
    const [add, alter] = measurement.statements;
    expect(add).toMatchObject({ line: 2, rewritten: [], locks: [{ table: { name: 'User' }, mode: 'AccessExclusiveLock' }] });
    // The lock was already held, so the rewrite is the second statement's own finding.
    expect(alter).toMatchObject({ line: 4, locks: [], rewritten: [{ name: 'User' }] });
    expect(findings.map((f) => [f.rule, f.location?.line])).toEqual([['lock/rewrite', 4]]);
  });

  it('CREATE INDEX takes SHARE: writes blocked', async () => {
    const { measurement, findings } = await measure(`CREATE INDEX "User_name_idx" ON "User"("name");`);
    expect(user(measurement)).toMatchObject({ lock: 'ShareLock', rewritten: false });
    expect(rules(findings)).toEqual(['lock/share']);
    expect(findings[0]!.message).toContain('Takes SHARE on `"User"`');
  });

  it('ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE on both tables', async () => {
    const { measurement, findings } = await measure(
      `ALTER TABLE "Profile" ADD CONSTRAINT "Profile_bio_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id");`,
    );
    expect(user(measurement).lock).toBe('ShareRowExclusiveLock');
    expect(findings.map((f) => f.object?.name).sort()).toEqual(['Profile', 'User']);
  });

  it('CREATE INDEX CONCURRENTLY in its own file: SHARE UPDATE EXCLUSIVE, observed from a second connection', async () => {
    const { measurement, findings } = await measure(`CREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");\n`);
    expect(measurement.failure).toBeNull();
    expect(measurement.statements).toMatchObject([
      {
        line: 1,
        column: 1,
        ms: null,
        locks: [{ table: { schema: 'public', name: 'User' }, mode: 'ShareUpdateExclusiveLock' }],
        rewritten: [],
        method: 'observed',
      },
    ]);
    expect(findings).toEqual([]);
  });

  it('advises a lock_timeout once per file, at its first wait for ACCESS EXCLUSIVE, with the line to add', async () => {
    const sql = `-- AlterTable\nALTER TABLE "User" ADD COLUMN "a" TEXT;\nALTER TABLE "User" ADD COLUMN "b" TEXT;\n`;
    const { findings } = await measure(sql, true);
    expect(findings.map((f) => [f.rule, f.location?.line])).toEqual([['lock/no-lock-timeout', 2]]);
    expect(findings[0]!.suggestion).toEqual({
      file: CTX.file,
      startLine: 1,
      endLine: 1,
      replacement: "SET lock_timeout = '5s';\n-- AlterTable",
    });
    // Prisma runs the SET as part of the script; PostgreSQL then has the timeout the statement runs under.
    expect((await measure(`SET lock_timeout = '5s';\n${sql}`, true)).findings).toEqual([]);
    // A lock that lets reads and writes through needs no timeout advice.
    expect((await measure('CREATE INDEX "User_age_idx" ON "User"("age");', true)).findings.map((f) => f.rule)).toEqual(['lock/share']);
  });

  it('a file with its own BEGIN and COMMIT is measured inside its transaction', async () => {
    const { measurement, findings } = await measure(`BEGIN;\nCREATE INDEX "User_age_idx" ON "User"("age");\nCOMMIT;\n`);
    expect(measurement.statements).toMatchObject([{ line: 2, locks: [{ mode: 'ShareLock' }], method: 'transaction' }]);
    expect(rules(findings)).toEqual(['lock/share']);
  });

  it('a unique index over seeded duplicates fails on data', async () => {
    const { measurement, findings } = await measure(
      `ALTER TABLE "Post" ADD COLUMN "x" INTEGER;\nCREATE UNIQUE INDEX "User_email_key" ON "User"("email");\n`,
    );
    expect(measurement.failure).toMatchObject({ line: 2, code: '23505', onData: true });
    expect(measurement.statements).toHaveLength(1);
    expect(findings.map((f) => [f.rule, f.location?.line])).toEqual([['lock/failed-on-data', 2]]);
    expect(findings[0]!.message).toContain('could not create unique index');
  });

  it('SET NOT NULL over seeded NULLs fails on data', async () => {
    const { measurement, findings } = await measure(`ALTER TABLE "User" ALTER COLUMN "name" SET NOT NULL;`);
    expect(measurement.failure).toMatchObject({ code: '23502', onData: true });
    expect(rules(findings)).toEqual(['lock/failed-on-data']);
  });

  it('a failing cast fails on data; a mistake in the SQL itself is no lock finding', async () => {
    const cast = await measure(`ALTER TABLE "User" ALTER COLUMN "email" SET DATA TYPE INTEGER USING "email"::integer;`);
    expect(cast.measurement.failure).toMatchObject({ code: '22P02', onData: true });
    const typo = await measure(`ALTER TABLE "User" DROP COLUMN "nope";`);
    expect(typo.measurement.failure).toMatchObject({ code: '42703', onData: false });
    expect(typo.findings).toEqual([]);
  });
});

describe('measureNewMigrations', () => {
  it('measures the new migrations in order on one database and stops at a failure', async () => {
    const server = await provision({ databaseUrl: SERVER_URL, log: () => {} });
    try {
      const copy = await server.createDatabase({ template: baseName });
      const migration = (name: string, sql: string) => ({ name, file: `prisma/migrations/${name}/migration.sql`, sql });
      // The base's tables are the admin's (this file made it), not the throwaway role's: measured as the admin.
      const { measured, findings } = await measureNewMigrations(databaseUrl(copy.name), {
        existingTables: base.tables,
        defaultSchema: 'public',
        migrations: [
          migration('1_add', `ALTER TABLE "User" ADD COLUMN "nick" TEXT;`),
          migration('2_fill', `UPDATE "User" SET "nick" = "handle";\nALTER TABLE "User" ALTER COLUMN "nick" SET NOT NULL;`),
          migration('3_unique', `CREATE UNIQUE INDEX "User_email_key" ON "User"("email");`),
          migration('4_never', `CREATE INDEX "User_nick_idx" ON "User"("nick");`),
        ],
      });
      // 2_fill sees the column 1_add made; 3_unique fails; 4_never is not run.
      expect(measured.map((m) => [m.name, m.measurement.failure?.code ?? null])).toEqual([
        ['1_add', null],
        ['2_fill', null],
        ['3_unique', '23505'],
      ]);
      expect(findings.map((f) => [f.rule, f.migration])).toEqual([
        ['lock/no-lock-timeout', '1_add'],
        ['lock/no-lock-timeout', '2_fill'],
        ['lock/failed-on-data', '3_unique'],
      ]);
    } finally {
      await server.close();
    }
  });
});
