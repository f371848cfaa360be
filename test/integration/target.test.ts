import { createHash, randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/common/findings.js';
import { introspect } from '../../src/introspect/introspect.js';
import { listMigrations, migrationChecksum, readMigrationSql, type MigrationEntry } from '../../src/locate/migrations.js';
import { provision, type Provisioned } from '../../src/provision/index.js';
import { readOnly, TargetConnectionError, unreachableFinding } from '../../src/target/connect.js';
import { checkTargets } from '../../src/target/index.js';
import { parseTargets } from '../../src/target/targets.js';
import { migrationStatus, readMigrationRows, type MigrationRow, type RepoMigration } from '../../src/target/status.js';
import { REPO_ROOT } from '../support/corpus.js';
import { adminQuery, runScript, SERVER_URL, withDatabase } from '../support/pg.js';

const root = REPO_ROOT;
const migrations = listMigrations(path.join(root, 'fixtures/in-sync/prisma/migrations'));
const [init, tags] = migrations as [MigrationEntry, MigrationEntry];
const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');

/** `_prisma_migrations` exactly as Prisma's schema engine creates it on PostgreSQL. */
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

/** Applies a migration the way `migrate deploy` does and records it; `finished: false` records a failure. */
async function deploy(url: string, migration: MigrationEntry, options: { sql?: string; finished?: boolean; logs?: string } = {}) {
  const sql = readMigrationSql(migration)!;
  await runScript(url, options.sql ?? sql);
  const finished = options.finished ?? true;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, applied_steps_count)
       VALUES ($1, $2, ${finished ? 'now()' : 'NULL'}, $3, $4, $5)`,
      [randomUUID(), migrationChecksum(sql), migration.name, options.logs ?? null, finished ? 1 : 0],
    );
  } finally {
    await client.end();
  }
}

/** A database that went through `migrate deploy` of all fixture migrations. */
async function deployedAll(url: string) {
  await runScript(url, MIGRATIONS_TABLE);
  for (const migration of migrations) await deploy(url, migration);
}

let provisioned: Provisioned;
beforeAll(async () => {
  provisioned = await provision({ databaseUrl: SERVER_URL, log: () => {} });
});
afterAll(async () => {
  await provisioned?.close();
});

async function check(url: string, name = 'production'): Promise<Finding[]> {
  const results = await checkTargets([{ name, url }], {
    repoMigrations: migrations,
    provisioned,
    log: () => {},
    relativePath: relative,
    sizes: [],
  });
  for (const finding of results.findings) expect(finding.environment).toBe(name);
  // Every finding above carries its environment; the assertions below compare the rest.
  return results.findings.map(({ environment: _environment, ...finding }) => finding);
}

const rules = (findings: Finding[]) => findings.map((finding) => finding.rule).sort();

describe('checkTargets on live databases', () => {
  it('finds nothing when the database has every migration and nothing else', async () => {
    await withDatabase(async (url) => {
      await deployedAll(url);
      expect(await check(url)).toEqual([]);
    });
  });

  it('lists the migrations a database stopped before, in the order deploy will run them', async () => {
    await withDatabase(async (url) => {
      await runScript(url, MIGRATIONS_TABLE);
      await deploy(url, init);
      const findings = await check(url);
      expect(rules(findings)).toEqual(['target/unapplied']);
      expect(findings[0]!.message).toContain('`production`');
      expect(findings[0]!.message).toContain(`1. ${tags.name}`);
      expect(findings[0]!.severity).toBe('notice');
    });
  });

  it('reports a failed migration, how to resolve it, and what it left behind', async () => {
    await withDatabase(async (url) => {
      await runScript(url, MIGRATIONS_TABLE);
      await deploy(url, init);
      // The first statement of the second migration ran, then the migration failed.
      const firstStatement = readMigrationSql(tags)!.split(';')[0]!;
      await deploy(url, tags, { sql: firstStatement, finished: false, logs: 'Database error code: 42P01\nrelation does not exist' });
      const findings = await check(url);
      const failed = findings.find((finding) => finding.rule === 'target/failed')!;
      expect(failed.message).toContain(tags.name);
      expect(failed.message).toContain('Database error code: 42P01');
      expect(failed.hint).toContain(`npx prisma migrate resolve --rolled-back ${tags.name}`);
      expect(failed.hint).toContain(`--applied ${tags.name}`);
      // Only finished migrations are replayed, so the half-created table is "in the database only".
      const extra = findings.find((finding) => finding.rule === 'target/extra-table')!;
      expect(extra.object).toMatchObject({ kind: 'table', name: 'Tag' });
      expect(extra.message).toBe('`production`: Table `Tag` is in the database but in no migration it has applied.');
      // A failed migration is not pending: deploy refuses rather than retries it.
      expect(rules(findings)).not.toContain('target/unapplied');
    });
  });

  it('shows what a migration recorded as applied but only partly run is missing', async () => {
    await withDatabase(async (url) => {
      await runScript(url, MIGRATIONS_TABLE);
      await deploy(url, init);
      await deploy(url, tags, { sql: readMigrationSql(tags)!.split('-- CreateIndex')[0]! });
      const findings = await check(url);
      expect(rules(findings)).toEqual([
        'target/missing-foreign-key',
        'target/missing-foreign-key',
        'target/missing-index',
        'target/missing-index',
      ]);
      const index = findings.find((finding) => finding.object?.name === 'Tag_name_key')!;
      expect(index.message).toContain('is created by the migrations this database has applied, but the database does not have it');
      expect(index.location).toEqual({ file: `fixtures/in-sync/prisma/migrations/${tags.name}/migration.sql`, line: 18, column: 21 });
      expect(index.sql).toContain('CREATE UNIQUE INDEX "Tag_name_key"');
    });
  });

  it('reports a hotfix index as in the database but in no migration', async () => {
    await withDatabase(async (url) => {
      await deployedAll(url);
      await runScript(url, 'CREATE INDEX "Post_title_idx" ON "Post"("title")');
      const findings = await check(url, 'staging');
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        rule: 'target/extra-index',
        group: 'target',
        message: '`staging`: Index `Post_title_idx` on `Post` is in the database but in no migration it has applied.',
        object: { kind: 'index', table: 'Post', name: 'Post_title_idx' },
      });
      expect(findings[0]!.hint).toContain('migrate resolve --applied');
    });
  });

  it('reports a table dropped by hand and a column changed by hand', async () => {
    await withDatabase(async (url) => {
      await deployedAll(url);
      await runScript(url, 'DROP TABLE "_PostToTag"; ALTER TABLE "Post" ALTER COLUMN "title" TYPE TEXT');
      const findings = await check(url);
      expect(rules(findings)).toEqual(['target/column-type', 'target/missing-table']);
      expect(findings.find((f) => f.rule === 'target/column-type')!.message).toBe(
        '`production`: Column `Post.title` is TEXT in the database, VARCHAR(255) in the migrations.',
      );
      expect(findings.find((f) => f.rule === 'target/missing-table')!.object).toMatchObject({ name: '_PostToTag' });
    });
  });

  it('asks for a baseline when a database has tables but no migrations table', async () => {
    await withDatabase(async (url) => {
      for (const migration of migrations) await runScript(url, readMigrationSql(migration)!);
      const findings = await check(url);
      expect(rules(findings)).toEqual(['target/no-migrations-table']);
      expect(findings[0]!.hint).toContain('https://www.prisma.io/docs/orm/prisma-migrate/workflows/baselining');
    });
  });

  it('treats an empty database without a migrations table as new: everything is pending', async () => {
    await withDatabase(async (url) => {
      const findings = await check(url);
      expect(rules(findings)).toEqual(['target/unapplied']);
      expect(findings[0]!.message).toContain(`1. ${init.name}, 2. ${tags.name}`);
    });
  });

  it('reads the migrations table and compares the schema named by the URL', async () => {
    await withDatabase(async (url) => {
      await runScript(url, 'CREATE SCHEMA app');
      const inApp = `${url}?schema=app`;
      const client = new pg.Client({ connectionString: url, options: '-c search_path=app' });
      await client.connect();
      try {
        await client.query(MIGRATIONS_TABLE);
        for (const migration of migrations) {
          const sql = readMigrationSql(migration)!;
          await client.query(sql);
          await client.query(`INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name) VALUES ($1, $2, now(), $3)`, [
            randomUUID(),
            migrationChecksum(sql),
            migration.name,
          ]);
        }
      } finally {
        await client.end();
      }
      expect(await check(inApp)).toEqual([]);
    });
  });

  it('turns a connection failure into a finding that names the environment and host, never the password', async () => {
    const findings = await check('postgres://deployer:s3cret-Pa55@127.0.0.1:1/app', 'production');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'target/unreachable', group: 'target', severity: 'error' });
    expect(findings[0]!.message).toContain('`production`');
    expect(findings[0]!.message).toContain('127.0.0.1:1');
    expect(JSON.stringify(findings)).not.toContain('s3cret-Pa55');
  });
});

describe('read-only access', () => {
  /** Everything a check could change: row counts, the catalog of the database, the migrations table. */
  async function snapshot(url: string): Promise<string> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = await client.query<{ name: string }>(
        `SELECT quote_ident(relname) AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1`,
      );
      const counts = [];
      for (const { name } of tables.rows) counts.push([name, (await client.query(`SELECT count(*) FROM ${name}`)).rows[0].count]);
      const catalog = await client.query(`
        SELECT (SELECT json_agg(n ORDER BY n) FROM (SELECT nspname::text AS n FROM pg_namespace) s) AS namespaces,
               (SELECT json_agg(c ORDER BY c) FROM (SELECT concat_ws(' ', oid, relname, relkind, relnamespace, relacl::text) AS c FROM pg_class WHERE relnamespace <> 'pg_catalog'::regnamespace) s) AS classes,
               (SELECT json_agg(a ORDER BY a) FROM (SELECT concat_ws(' ', attrelid, attname, atttypid, attnotnull) AS a FROM pg_attribute WHERE attrelid >= 16384) s) AS attributes,
               (SELECT json_agg(c ORDER BY c) FROM (SELECT concat_ws(' ', oid, conname, pg_get_constraintdef(oid)) AS c FROM pg_constraint WHERE connamespace = 'public'::regnamespace) s) AS constraints`);
      const history = await client.query('SELECT * FROM _prisma_migrations ORDER BY id');
      return JSON.stringify({ counts, catalog: catalog.rows, history: history.rows });
    } finally {
      await client.end();
    }
  }

  it('runs every check as a role that can only read, and changes nothing', async () => {
    const role = `pd_reader_${randomBytes(4).toString('hex')}`;
    try {
      await withDatabase(async (url) => {
        await deployedAll(url);
        await runScript(
          url,
          `CREATE INDEX "Post_title_idx" ON "Post"("title"); INSERT INTO "User" (email, "updatedAt") VALUES ('a@example.com', now())`,
        );
        const database = new URL(url).pathname.slice(1);
        await adminQuery(`CREATE ROLE ${role} LOGIN`);
        await adminQuery(`REVOKE ALL ON DATABASE "${database}" FROM PUBLIC; GRANT CONNECT ON DATABASE "${database}" TO ${role}`);
        await runScript(url, `GRANT USAGE ON SCHEMA public TO ${role}; GRANT SELECT ON _prisma_migrations TO ${role}`);
        const asReader = new URL(url);
        asReader.username = role;
        asReader.password = '';

        const before = await snapshot(url);
        const findings = await check(asReader.toString());
        expect(rules(findings)).toEqual(['target/extra-index']);
        // What the checks hold while they read: nothing stronger than ACCESS SHARE.
        const locks = await readOnly(asReader.toString(), async (client) => {
          await readMigrationRows(client, 'public');
          await introspect(client);
          const held = await client.query<{ mode: string }>(
            `SELECT DISTINCT mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation'`,
          );
          return held.rows.map((row) => row.mode);
        });
        expect(locks).toEqual(['AccessShareLock']);
        expect(await snapshot(url)).toBe(before);
      });
    } finally {
      await adminQuery(`DROP ROLE IF EXISTS ${role}`);
    }
  });

  it('refuses writes through the target connection, even after the code commits its own transaction', async () => {
    await withDatabase(async (url) => {
      await expect(readOnly(url, (client) => client.query('CREATE TABLE written (id int)'))).rejects.toMatchObject({ code: '25006' });
      await expect(
        readOnly(url, async (client) => {
          await client.query('COMMIT');
          return client.query('CREATE TABLE written (id int)');
        }),
      ).rejects.toMatchObject({ code: '25006' });
      const settings = await readOnly(
        url,
        async (client) =>
          (
            await client.query(
              `SELECT current_setting('default_transaction_read_only') AS session, current_setting('transaction_read_only') AS tx, current_setting('transaction_isolation') AS isolation`,
            )
          ).rows[0],
      );
      expect(settings).toEqual({ session: 'on', tx: 'on', isolation: 'repeatable read' });
      expect((await adminQuery(`SELECT 1 FROM pg_database WHERE datname = '${new URL(url).pathname.slice(1)}'`)).rowCount).toBe(1);
      const tables = await readOnly(
        url,
        async (client) => (await client.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname = 'written'`)).rows[0].n,
      );
      expect(tables).toBe(0);
    });
  });

  it('suggests the direct URL when a pooler gives a pooler error', () => {
    const error = new TargetConnectionError(new Error('unsupported startup parameter: options'));
    const finding = unreachableFinding(
      'production',
      'postgres://app:pw-9x@ep-cool-name-123-pooler.eu-central-1.aws.neon.tech/db?sslmode=require',
      error,
    );
    expect(finding.message).toContain('ep-cool-name-123-pooler.eu-central-1.aws.neon.tech');
    expect(finding.hint).toContain('direct connection URL');
    expect(finding.hint).toContain('without `-pooler`');
    expect(JSON.stringify(finding)).not.toContain('pw-9x');
  });
});

describe('migrationStatus', () => {
  const script = Buffer.from('CREATE TABLE "A" ("id" INTEGER);\nCREATE TABLE "B" ("id" INTEGER);\n');
  const repo: RepoMigration[] = [
    { name: '1_a', script, file: 'prisma/migrations/1_a/migration.sql' },
    { name: '2_b', script: Buffer.from('SELECT 1;\n'), file: 'prisma/migrations/2_b/migration.sql' },
  ];
  const row = (name: string, checksum: string, extra: Partial<MigrationRow> = {}): MigrationRow => ({
    id: randomUUID(),
    checksum,
    finished_at: new Date('2024-05-01T10:00:00Z'),
    migration_name: name,
    logs: null,
    rolled_back_at: null,
    started_at: new Date('2024-05-01T10:00:00Z'),
    applied_steps_count: 1,
    ...extra,
  });
  const sum = (buffer: Buffer) => migrationChecksum(buffer);
  const applied = [row('1_a', sum(script)), row('2_b', sum(repo[1]!.script!))];

  it('accepts the checksum Prisma accepts: as is, CRLF→LF, LF→CRLF and unpadded hex', () => {
    const crlf = Buffer.from(script.toString().replaceAll('\n', '\r\n'));
    const unpadded = [...createHash('sha256').update(script).digest()].map((b) => b.toString(16)).join('');
    for (const checksum of [sum(script), sum(crlf), unpadded]) {
      expect(migrationStatus('prod', [row('1_a', checksum), applied[1]!], repo, false)).toEqual([]);
    }
    const windowsRepo = [{ ...repo[0]!, script: crlf }, repo[1]!];
    expect(migrationStatus('prod', applied, windowsRepo, false)).toEqual([]);
  });

  it('reports a file edited after it was applied, at its migration.sql', () => {
    const edited = [{ ...repo[0]!, script: Buffer.from(`${script}CREATE INDEX "A_id" ON "A"("id");\n`) }, repo[1]!];
    const findings = migrationStatus('prod', applied, edited, false);
    expect(findings).toMatchObject([
      { rule: 'target/edited', migration: '1_a', location: { file: 'prisma/migrations/1_a/migration.sql', line: 1, column: 1 } },
    ]);
  });

  it('reports a rolled-back migration as pending again, and migrations missing locally', () => {
    const rows = [
      applied[0]!,
      row('2_b', 'x', { finished_at: null, rolled_back_at: new Date('2024-05-02T00:00:00Z') }),
      row('0_gone', 'y'),
    ];
    const findings = migrationStatus('prod', rows, repo, false);
    expect(findings.map((f) => f.rule)).toEqual(['target/rolled-back', 'target/missing-locally', 'target/unapplied']);
    expect(findings[0]!.message).toContain('will apply it again');
    expect(findings[2]!.message).toContain('1. 2_b');
  });

  it('warns when a pending migration sorts before one the database already has', () => {
    const findings = migrationStatus('prod', [applied[1]!], repo, false);
    expect(findings).toMatchObject([{ rule: 'target/unapplied', severity: 'warning' }]);
    expect(findings[0]!.message).toContain('`1_a` sort(s) before migrations the database already has');
  });
});

describe('parseTargets', () => {
  it('reads named and unnamed entries separated by newlines or commas', () => {
    expect(
      parseTargets(
        'staging=postgres://u:p@staging.example.com/app?sslmode=require&options=-c%20a=b,\n production=postgresql://u@prod.example.com:6543/app?pgbouncer=true',
      ),
    ).toEqual([
      { name: 'staging', url: 'postgres://u:p@staging.example.com/app?sslmode=require&options=-c%20a=b' },
      { name: 'production', url: 'postgresql://u@prod.example.com:6543/app?pgbouncer=true' },
    ]);
    expect(parseTargets('postgres://u@db.example.com/app')).toEqual([{ name: 'target', url: 'postgres://u@db.example.com/app' }]);
  });

  it('rejects entries that are not PostgreSQL URLs and duplicate names, without repeating a password', () => {
    expect(() => parseTargets('prod=mysql://u:hunter2@db/app')).toThrow(/Not a target/);
    expect(() => parseTargets('prod=mysql://u:hunter2@db/app')).not.toThrow(/hunter2/);
    expect(() => parseTargets('postgres://a@x/db\npostgres://b@y/db')).toThrow(/Two targets are named `target`/);
  });
});
