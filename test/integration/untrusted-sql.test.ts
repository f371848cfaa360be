import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check.js';
import { locateProject } from '../../src/locate/project.js';
import { findBindir, startCluster, type Cluster } from '../../src/provision/cluster.js';
import { withProvisioning } from '../../src/provision/index.js';
import { connectServer } from '../../src/provision/server.js';
import type { Report } from '../../src/report/report.js';
import { REPO_ROOT } from '../support/corpus.js';

// A pull request's migrations are written by whoever opens it. Each attack below is tried as a new user
// would: as the pull request's new migration (with a base commit) and as part of the whole history (an
// edited old migration), on a server that holds another database and on a temporary cluster. The check
// must fail with a finding at the attack's line, and the server must be exactly as before: its databases,
// roles and their attributes, its configuration files, and the files in a folder the attacks write to.
//
// "The server" is a PostgreSQL started for this file with a superuser URL, as a service container is: the
// attacks are meant to destroy things (DROP DATABASE postgres), so not on the server other tests share.

let binaries = true;
try {
  findBindir();
} catch {
  binaries = false;
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-untrusted-'));
// The folder the attacks write into: open to the server's OS user, so that only PostgreSQL's refusal stops them.
const watched = path.join(scratch, 'watched');
mkdirSync(watched);
chmodSync(scratch, 0o755);
chmodSync(watched, 0o1777);
const SECRET = `s3cret-${randomBytes(8).toString('hex')}`;

interface Attack {
  name: string;
  /** The migration: the attack is on line 2, after a comment. */
  sql: string;
  /** The finding expected at line 2 (or `line`). */
  rule: 'migration/outside-database' | 'migration/failed';
  line?: number;
  /** For migration/failed: what PostgreSQL says. */
  message?: RegExp;
}

/** Run as the pull request's SQL; every one of them exited 0, "In sync", before. */
const ATTACKS: Attack[] = [
  { name: 'drops another database', sql: 'DROP DATABASE victim WITH (FORCE);', rule: 'migration/outside-database' },
  { name: 'drops the maintenance database', sql: 'DROP DATABASE postgres WITH (FORCE);', rule: 'migration/outside-database' },
  { name: 'creates a database', sql: 'CREATE DATABASE extra;', rule: 'migration/outside-database' },
  { name: 'renames another database', sql: 'ALTER DATABASE victim RENAME TO renamed;', rule: 'migration/outside-database' },
  { name: 'gives another database away', sql: 'ALTER DATABASE victim OWNER TO CURRENT_USER;', rule: 'migration/outside-database' },
  { name: 'creates a superuser', sql: "CREATE ROLE intruder SUPERUSER LOGIN PASSWORD 'intruder';", rule: 'migration/outside-database' },
  { name: "changes the admin's password", sql: "ALTER USER postgres PASSWORD 'taken';", rule: 'migration/outside-database' },
  { name: 'drops a role', sql: 'DROP ROLE IF EXISTS bystander;', rule: 'migration/outside-database' },
  { name: 'grants itself server programs', sql: 'GRANT pg_execute_server_program TO CURRENT_USER;', rule: 'migration/outside-database' },
  { name: "changes the server's configuration", sql: "ALTER SYSTEM SET max_connections = '3';", rule: 'migration/outside-database' },
  {
    name: 'runs a program on the server',
    sql: `COPY (SELECT 1) TO PROGRAM 'id > ${watched}/program';`,
    rule: 'migration/outside-database',
  },
  {
    name: "reads the action's environment",
    sql: `COPY (SELECT 1) TO PROGRAM 'cat /proc/$PPID/environ > ${watched}/environ';`,
    rule: 'migration/outside-database',
  },
  { name: 'writes a file on the server', sql: `COPY (SELECT 1) TO '${watched}/file';`, rule: 'migration/outside-database' },
  {
    name: 'reads a file on the server',
    sql: "CREATE TABLE stolen (line text);\nCOPY stolen FROM '/etc/passwd';",
    rule: 'migration/outside-database',
    line: 3,
  },
  { name: 'calls pg_read_file', sql: "SELECT pg_read_file('/etc/passwd');", rule: 'migration/outside-database' },
  {
    name: 'calls pg_read_file under an escaped name',
    sql: `SELECT U&"\\0070g_read_file"('/etc/passwd');`,
    rule: 'migration/outside-database',
  },
  { name: 'lists a directory', sql: "CREATE VIEW listing AS SELECT pg_ls_dir('/') AS name;", rule: 'migration/outside-database' },
  { name: 'imports a file as a large object', sql: "SELECT lo_import('/etc/passwd');", rule: 'migration/outside-database' },
  { name: 'creates dblink', sql: 'CREATE EXTENSION IF NOT EXISTS dblink;', rule: 'migration/outside-database' },
  { name: 'connects with dblink', sql: "SELECT dblink_exec('dbname=victim', 'DROP TABLE kept');", rule: 'migration/outside-database' },
  {
    name: 'defines a postgres_fdw server',
    sql: "CREATE SERVER elsewhere FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'victim');",
    rule: 'migration/outside-database',
  },
  { name: 'switches role', sql: 'SET ROLE postgres;', rule: 'migration/outside-database' },
  { name: 'switches session authorization', sql: 'SET SESSION AUTHORIZATION postgres;', rule: 'migration/outside-database' },
  { name: 'switches role with set_config', sql: "SELECT set_config('role', 'postgres', false);", rule: 'migration/outside-database' },
  {
    name: 'terminates other sessions',
    sql: 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid();',
    rule: 'migration/outside-database',
  },
  { name: 'cancels other sessions', sql: 'SELECT pg_cancel_backend(pid) FROM pg_stat_activity;', rule: 'migration/outside-database' },
  { name: 'loads a library', sql: "LOAD 'auto_explain';", rule: 'migration/outside-database' },
  {
    name: 'creates a C function',
    sql: "CREATE FUNCTION run(text) RETURNS int LANGUAGE c AS 'libc.so.6', 'system';",
    rule: 'migration/outside-database',
  },
  { name: 'creates a tablespace', sql: `CREATE TABLESPACE elsewhere LOCATION '${watched}';`, rule: 'migration/outside-database' },
  // Built at run time, out of the parser's sight: the role makes them fail.
  {
    name: 'creates a superuser in dynamic SQL',
    sql: "DO $$ BEGIN EXECUTE 'CREATE ROLE intruder ' || 'SUPERUSER'; END $$;",
    rule: 'migration/failed',
    message: /must be superuser to create superusers/,
  },
  {
    name: 'runs a program in dynamic SQL',
    sql: `DO $$ BEGIN EXECUTE 'COPY (SELECT 1) TO ' || 'PROGRAM ''id > ${watched}/dynamic'''; END $$;`,
    rule: 'migration/failed',
    message: /pg_execute_server_program role to COPY to or from an external program/,
  },
  {
    name: 'reads a file in dynamic SQL',
    sql: "DO $$ BEGIN EXECUTE 'SELECT pg_read_' || 'file(''/etc/passwd'')'; END $$;",
    rule: 'migration/failed',
    message: /permission denied for function pg_read_file/,
  },
  {
    name: 'reads a file from a SQL function',
    sql: "CREATE FUNCTION leak() RETURNS text LANGUAGE sql AS $$ SELECT pg_read_file('/etc/passwd') $$;\nSELECT leak();",
    rule: 'migration/failed',
    line: 3,
    message: /permission denied for function pg_read_file/,
  },
  {
    name: 'drops another database in dynamic SQL',
    sql: "DO $$ BEGIN EXECUTE 'DROP DATABASE ' || 'victim'; END $$;",
    rule: 'migration/failed',
    message: /DROP DATABASE cannot be executed from a function/,
  },
  {
    name: 'grants itself a role in dynamic SQL',
    sql: "DO $$ BEGIN EXECUTE 'GRANT pg_read_server_files TO ' || current_user; END $$;",
    rule: 'migration/failed',
    message: /permission denied to grant role|must have admin option/,
  },
  {
    name: 'signals another session in dynamic SQL',
    sql: "DO $$ BEGIN EXECUTE 'SELECT pg_terminate_' || 'backend(pid) FROM pg_stat_activity WHERE usename = ''postgres'''; END $$;",
    rule: 'migration/failed',
    message: /must be a superuser to terminate superuser process/,
  },
];

/** The fixture project, committed once as the base, with the attack as one migration more. */
function project(sql: string): { dir: string; base: string } {
  const dir = mkdtempSync(path.join(scratch, 'project-'));
  cpSync(path.join(REPO_ROOT, 'fixtures/in-sync'), dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'base');
  const base = git('rev-parse', 'HEAD').trim();
  const migration = path.join(dir, 'prisma/migrations/20250101000000_attack');
  mkdirSync(migration);
  writeFileSync(path.join(migration, 'migration.sql'), `-- A pull request's migration\n${sql}\n`);
  return { dir, base };
}

async function check(
  dir: string,
  options: { databaseUrl?: string; baseRef?: string; timeoutMs?: number; log?: string[] },
): Promise<Report> {
  const log = (line: string) => options.log?.push(line);
  return withProvisioning({ databaseUrl: options.databaseUrl, log, firstDatabase: true }, (provisioning) =>
    runCheck({
      project: locateProject(dir, {}),
      root: dir,
      provisioning,
      failOn: ['drift', 'migration', 'destructive', 'history'],
      baseline: path.join(dir, 'none.json'),
      targets: [],
      drift: true,
      baseRef: options.baseRef ?? null,
      allowDestructive: null,
      largeTable: {},
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      log,
    }),
  );
}

/** Everything an attack could change on the server, outside the throwaway databases and roles of the checks. */
async function fingerprint(adminUrl: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`
      SELECT (SELECT json_agg(datname || ' owned by ' || pg_get_userbyid(datdba) ORDER BY datname)
                FROM pg_database WHERE datname NOT LIKE 'prisma\\_drift\\_%') AS databases,
             (SELECT json_agg(json_build_object('name', rolname, 'super', rolsuper, 'createdb', rolcreatedb, 'createrole', rolcreaterole,
                       'login', rolcanlogin, 'replication', rolreplication, 'bypassrls', rolbypassrls, 'password', rolpassword,
                       'member of', ARRAY(SELECT pg_get_userbyid(m.roleid) FROM pg_auth_members m WHERE m.member = a.oid ORDER BY 1))
                       ORDER BY rolname)
                FROM pg_authid a WHERE rolname NOT LIKE 'prisma\\_drift\\_%') AS roles,
             (SELECT json_agg(sourcefile || ':' || coalesce(name, '') || '=' || coalesce(setting, '') ORDER BY sourcefile, seqno)
                FROM pg_file_settings) AS configuration`);
    const victim = new pg.Client({ connectionString: adminUrl.replace('/postgres?', '/victim?') });
    await victim.connect();
    const kept = await victim.query('SELECT count(*)::int AS n FROM kept').finally(() => victim.end());
    return { ...rows[0], victim: kept.rows[0], watched: readdirSync(watched).sort() };
  } finally {
    await client.end();
  }
}

function expectFinding(report: Report, attack: Attack): void {
  const file = 'prisma/migrations/20250101000000_attack/migration.sql';
  const found = report.findings.filter((finding) => finding.location?.file === file && finding.rule === attack.rule);
  expect(report.ok, JSON.stringify(report.findings, null, 2)).toBe(false);
  expect(
    found.map((finding) => finding.location!.line),
    JSON.stringify(report.findings, null, 2),
  ).toContain(attack.line ?? 2);
  if (attack.message) expect(found.map((finding) => finding.message).join('\n')).toMatch(attack.message);
  // Nothing of the attack's migration was applied.
  expect(report.applied.map((migration) => migration.name)).not.toContain('20250101000000_attack');
}

describe.runIf(binaries)('untrusted SQL', () => {
  let server: Cluster;

  beforeAll(async () => {
    server = await startCluster(() => {});
    const client = new pg.Client({ connectionString: server.adminUrl });
    await client.connect();
    await client.query('CREATE DATABASE victim');
    await client.query('CREATE ROLE bystander LOGIN');
    await client.end();
    const victim = new pg.Client({ connectionString: server.adminUrl.replace('/postgres?', '/victim?') });
    await victim.connect();
    await victim.query('CREATE TABLE kept (id int); INSERT INTO kept VALUES (1), (2), (3)');
    await victim.end();
  });

  afterAll(() => server?.stop());

  describe.concurrent.each(ATTACKS)('a migration that $name', (attack) => {
    it('on the server, as a new migration: fails at its line and leaves the server as it was', async () => {
      const { dir, base } = project(attack.sql);
      const before = await fingerprint(server.adminUrl);
      expectFinding(await check(dir, { databaseUrl: server.adminUrl, baseRef: base }), attack);
      expect(await fingerprint(server.adminUrl)).toEqual(before);
    });

    it('on the server, in the history: fails at its line and leaves the server as it was', async () => {
      const { dir } = project(attack.sql);
      const before = await fingerprint(server.adminUrl);
      expectFinding(await check(dir, { databaseUrl: server.adminUrl }), attack);
      expect(await fingerprint(server.adminUrl)).toEqual(before);
    });

    it('on a temporary cluster: fails at its line and writes nothing', async () => {
      const { dir, base } = project(attack.sql);
      const before = readdirSync(watched).sort();
      expectFinding(await check(dir, { baseRef: base }), attack);
      expect(readdirSync(watched).sort()).toEqual(before);
    });
  });

  it('gives what a migration can read no secret of the action', async () => {
    // What a migration would send back in its error message, which the report and the pull request comment print.
    const leak = `DO $$ BEGIN RAISE EXCEPTION 'leak: %', concat_ws(' | ',
        (SELECT string_agg(name || '=' || setting, ' ') FROM pg_settings),
        (SELECT string_agg(concat_ws(' ', usename, application_name, client_addr, query), ' ') FROM pg_stat_activity),
        current_setting('application_name'), session_user, current_user); END $$;`;
    const targetPassword = `p${randomBytes(8).toString('hex')}`;
    const saved = { ...process.env };
    Object.assign(process.env, {
      'INPUT_GITHUB-TOKEN': SECRET,
      'INPUT_TARGET-DATABASE-URL': `production=postgres://app:${targetPassword}@db.example.com/app`,
      GITHUB_TOKEN: SECRET,
      PGPASSWORD: SECRET,
    });
    try {
      for (const databaseUrl of [undefined, server.adminUrl]) {
        const { dir } = project(leak);
        const report = await check(dir, { databaseUrl });
        const failure = report.findings.find((finding) => finding.rule === 'migration/failed');
        expect(failure?.message).toMatch(/leak: /);
        expect(failure!.message).not.toContain(SECRET);
        expect(failure!.message).not.toContain(targetPassword);
        // The admin's password is a secret of the action too.
        const adminPassword = decodeURIComponent(new URL(server.adminUrl).password);
        expect(failure!.message).not.toContain(adminPassword);
      }
    } finally {
      process.env = saved;
    }
  });

  it("starts the temporary cluster's server without the action's environment", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { 'INPUT_GITHUB-TOKEN': SECRET, PGOPTIONS: '-c work_mem=1MB' });
    let cluster: Cluster | null = null;
    try {
      cluster = await startCluster(() => {});
    } finally {
      process.env = saved;
    }
    try {
      // As the superuser, what the migration's role may not do: the environment a program on the server gets.
      const client = new pg.Client({ connectionString: cluster.adminUrl });
      await client.connect();
      await client.query(`COPY (SELECT 1) TO PROGRAM 'env > ${watched}/server-environment'`);
      await client.end();
      const file = path.join(watched, 'server-environment');
      const environment = readFileSync(file, 'utf8');
      rmSync(file);
      expect(environment).not.toContain(SECRET);
      // PATH and the locale from here; what PostgreSQL sets for itself (LC_*, PGLOCALEDIR, PGSYSCONFDIR) and the shell adds.
      const names = environment
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('=')[0]!);
      const ours = names.filter((name) => !/^(LC_\w+|PGLOCALEDIR|PGSYSCONFDIR|PGDATA|PWD|OLDPWD|SHLVL|_)$/.test(name));
      expect(ours).toEqual(['PATH']);
      expect(names).not.toContain('PGOPTIONS');
      // Logins need the password: a trust cluster would let any local user in.
      const anonymous = new pg.Client({ connectionString: cluster.adminUrl.replace(/:[^:@/]+@/, '@') });
      await expect(anonymous.connect()).rejects.toThrow(/password/);
    } finally {
      await cluster.stop();
    }
  });

  it('replays as a role without rights on the server, and drops it', async () => {
    const databases = await connectServer(server.adminUrl, { residue: false });
    const database = await databases.createDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query(`
      SELECT r.rolname, r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolreplication, r.rolbypassrls,
             ARRAY(SELECT pg_get_userbyid(roleid) FROM pg_auth_members WHERE member = r.oid)::text[] AS member_of,
             pg_get_userbyid(d.datdba) AS owner, pg_get_userbyid(n.nspowner) AS public_owner
        FROM pg_roles r, pg_database d, pg_namespace n
       WHERE r.rolname = current_user AND d.datname = current_database() AND n.nspname = 'public'`);
    await client.end();
    const role = rows[0]!.rolname as string;
    expect(role).toMatch(/^prisma_drift_[0-9a-f]{12}$/);
    expect(rows[0]).toEqual({
      rolname: role,
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolreplication: false,
      rolbypassrls: false,
      member_of: [],
      owner: role,
      public_owner: 'pg_database_owner',
    });
    await databases.dropAll().done;
    await databases.dropRoles();
    databases.close();
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    const left = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    await admin.end();
    expect(left.rows).toEqual([]);
  });

  it('creates an extension only a superuser may create for the migration that asks for it, when it stays inside the database', async () => {
    const { dir } = project('CREATE EXTENSION IF NOT EXISTS moddatetime;');
    const log: string[] = [];
    const report = await check(dir, { databaseUrl: server.adminUrl, log });
    expect(report.findings).toEqual([]);
    expect(log.join('\n')).toContain('Created the extension moddatetime as the admin');
  });

  it('creates every extension only a superuser may create that one migration asks for, each once', async () => {
    const { dir } = project(
      'CREATE EXTENSION IF NOT EXISTS moddatetime;\nCREATE EXTENSION IF NOT EXISTS autoinc;\nCREATE EXTENSION IF NOT EXISTS insert_username;',
    );
    const log: string[] = [];
    const report = await check(dir, { databaseUrl: server.adminUrl, log });
    expect(report.findings).toEqual([]);
    expect(log.filter((line) => line.startsWith('Created the extension'))).toEqual([
      expect.stringContaining('extension moddatetime as the admin'),
      expect.stringContaining('extension autoinc as the admin'),
      expect.stringContaining('extension insert_username as the admin'),
    ]);
  });

  it('creates such an extension for a statement without IF NOT EXISTS, as a superuser would run it', async () => {
    const { dir } = project('CREATE EXTENSION moddatetime;\nCREATE EXTENSION autoinc;');
    const log: string[] = [];
    const report = await check(dir, { databaseUrl: server.adminUrl, log });
    expect(report.findings).toEqual([]);
    expect(log.filter((line) => line.startsWith('Created the extension'))).toHaveLength(2);
  });

  it("creates such an extension in the schema and at the version the migration's statement names", async () => {
    const { dir } = project(
      [
        'CREATE SCHEMA IF NOT EXISTS ext_schema;',
        "CREATE EXTENSION moddatetime WITH SCHEMA ext_schema VERSION '1.0';",
        `DO $$ BEGIN
           IF (SELECT extnamespace::regnamespace::text || ' ' || extversion FROM pg_extension WHERE extname = 'moddatetime') <> 'ext_schema 1.0'
           THEN RAISE EXCEPTION 'moddatetime is not in ext_schema at 1.0'; END IF;
         END $$;`,
      ].join('\n'),
    );
    const log: string[] = [];
    const report = await check(dir, { databaseUrl: server.adminUrl, log });
    expect(report.findings).toEqual([]);
    expect(log.join('\n')).toContain('Created the extension moddatetime as the admin');
  });

  it('creates such an extension with CASCADE when every extension it pulls in may be created too', async () => {
    const { dir } = project(
      [
        'CREATE EXTENSION earthdistance CASCADE;',
        "DO $$ BEGIN IF (SELECT count(*) FROM pg_extension WHERE extname IN ('cube', 'earthdistance')) <> 2 THEN RAISE EXCEPTION 'missing'; END IF; END $$;",
      ].join('\n'),
    );
    const log: string[] = [];
    const report = await check(dir, { databaseUrl: server.adminUrl, log });
    expect(report.findings).toEqual([]);
    expect(log.join('\n')).toContain('Created the extension earthdistance as the admin');
  });

  it('does not create such an extension once the migrations have defined functions a superuser could run', async () => {
    const { dir } = project('CREATE FUNCTION public.whatever(integer) RETURNS integer LANGUAGE sql AS $$ SELECT $1 $$;');
    const later = path.join(dir, 'prisma/migrations/20250102000000_extension');
    mkdirSync(later);
    writeFileSync(
      path.join(later, 'migration.sql'),
      '-- Needs the extension\nCREATE TABLE "Stamped" (id int);\nCREATE EXTENSION IF NOT EXISTS moddatetime;\n',
    );
    const log: string[] = [];
    const report = await check(dir, { databaseUrl: server.adminUrl, log });
    const failures = report.findings.filter((finding) => finding.rule === 'migration/failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      migration: '20250102000000_extension',
      location: { file: 'prisma/migrations/20250102000000_extension/migration.sql', line: 3, column: 1 },
    });
    expect(failures[0]!.message).toMatch(/extension `moddatetime`.*only while the migrations have not yet defined functions or operators/);
    expect(failures[0]!.hint).toMatch(/in an earlier migration.*trusted or already installed/);
    expect(log.join('\n')).not.toContain('Created the extension');
  });

  it('does not create such an extension once the migrations have given a function to pg_database_owner', async () => {
    const { dir } = project(
      'CREATE FUNCTION public.whatever(integer) RETURNS integer LANGUAGE sql AS $$ SELECT $1 $$;\nALTER FUNCTION public.whatever(integer) OWNER TO pg_database_owner;',
    );
    const later = path.join(dir, 'prisma/migrations/20250102000000_extension');
    mkdirSync(later);
    writeFileSync(path.join(later, 'migration.sql'), 'CREATE EXTENSION moddatetime;\n');
    const log: string[] = [];
    const report = await check(dir, { databaseUrl: server.adminUrl, log });
    expect(report.findings.map((finding) => [finding.rule, finding.migration, finding.location?.line])).toEqual([
      ['migration/failed', '20250102000000_extension', 1],
    ]);
    expect(log.join('\n')).not.toContain('Created the extension');
  });

  it("reads the role's functions as the admin whatever search_path the migrations gave the database", async () => {
    // Empty tables in the role's schema, first on the database's search_path, would hide its functions from catalog queries that followed it.
    const { dir } = project(
      [
        'CREATE FUNCTION public.whatever(integer) RETURNS integer LANGUAGE sql AS $$ SELECT $1 $$;',
        'CREATE TABLE public.pg_proc (oid oid, proowner oid);',
        'CREATE TABLE public.pg_operator (oid oid, oprowner oid);',
        "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET search_path = public, pg_catalog', current_database()); END $$;",
      ].join('\n'),
    );
    const later = path.join(dir, 'prisma/migrations/20250102000000_extension');
    mkdirSync(later);
    writeFileSync(path.join(later, 'migration.sql'), 'CREATE EXTENSION moddatetime;\n');
    const log: string[] = [];
    const report = await check(dir, { databaseUrl: server.adminUrl, log });
    expect(report.findings.map((finding) => [finding.rule, finding.migration, finding.message])).toEqual([
      ['migration/failed', '20250102000000_extension', expect.stringContaining('have not yet defined functions or operators')],
    ]);
    expect(log.join('\n')).not.toContain('Created the extension');
  });

  it('reports a migration that is not UTF-8 at its first bad byte and does not replay it', async () => {
    const { dir } = project('');
    writeFileSync(
      path.join(dir, 'prisma/migrations/20250101000000_attack/migration.sql'),
      Buffer.concat([Buffer.from('-- café\nCOMMENT ON TABLE "User" IS \'caf'), Buffer.from([0xe9]), Buffer.from("';\n")]),
    );
    const report = await check(dir, { databaseUrl: server.adminUrl });
    expect(report.findings.map((finding) => [finding.rule, finding.location?.line, finding.location?.column])).toEqual([
      ['migration/invalid-encoding', 2, 32],
    ]);
    expect(report.findings[0]!.message).toContain('byte 0xe9');
  });

  it('cancels a migration that runs past the time limit and says where and what it waited for', async () => {
    const { dir, base } = project('CREATE TABLE "Slow" (id int);\nSELECT pg_sleep(300);');
    const log: string[] = [];
    const started = performance.now();
    const report = await check(dir, { databaseUrl: server.adminUrl, baseRef: base, timeoutMs: 8_000, log });
    expect(performance.now() - started).toBeLessThan(30_000);
    const timeouts = report.findings.filter((finding) => finding.rule === 'migration/timeout');
    expect(timeouts).toHaveLength(1);
    expect(timeouts[0]).toMatchObject({ group: 'migration', migration: '20250101000000_attack', location: { line: 3 } });
    expect(timeouts[0]!.message).toMatch(/time limit of 8\.0 s.*waiting on Timeout\/PgSleep/);
    expect(report.ok).toBe(false);
    expect(log.some((line) => /^Still (replaying|measuring) 20250101000000_attack/.test(line))).toBe(true);
  });
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The command line from the sources, as a user runs it. */
function cli(args: string[], cwd: string, onStderr?: (text: string, child: ReturnType<typeof spawn>) => void) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve, reject) => {
    const started = performance.now();
    const tsx = pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
    const child = spawn(process.execPath, ['--import', tsx, path.join(REPO_ROOT, 'src/cli/main.ts'), ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

describe.runIf(binaries)('the command line with untrusted SQL', () => {
  it('ends `SELECT pg_sleep(300)` with --timeout 15s within a minute, exit 1, with the finding', async () => {
    const { dir } = project('SELECT pg_sleep(300);');
    const result = await cli(['check', '--timeout', '15s'], dir);
    expect(result.code, result.stderr).toBe(1);
    expect(result.ms).toBeLessThan(60_000);
    expect(result.stdout).toContain('migration/timeout at prisma/migrations/20250101000000_attack/migration.sql:2:1');
    expect(result.stderr).toMatch(/Still replaying .* after \d+ s/);
  });

  it('ends on SIGINT with one line, exit 130, and leaves nothing behind', async () => {
    const { dir } = project('SELECT pg_sleep(300);');
    let sent = false;
    const result = await cli(['check'], dir, (stderr, child) => {
      if (!sent && /Still replaying/.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(result.code).toBe(130);
    expect(result.stdout).toBe('');
    const after = result.stderr.slice(result.stderr.indexOf('Still replaying'));
    expect(after.split('\n').filter(Boolean).slice(1)).toEqual(['Cancelled by SIGINT: removing the throwaway databases and stopping.']);
    expect(
      readdirSync(os.tmpdir()).filter(
        (name) => name.startsWith('prisma-drift-') && !name.startsWith('prisma-drift-untrusted') && !name.startsWith('prisma-drift-tests'),
      ),
    ).toEqual([]);
  });

  it('refuses a fail-on that names no group, and a schema that is not a regular file or too large', async () => {
    const { dir } = project('SELECT 1;');
    const empty = await cli(['check', '--fail-on', ' , '], dir);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('`--fail-on`: names no finding group');
    const device = await cli(['check', '--schema', '/dev/zero'], dir);
    expect(device.code).toBe(2);
    expect(device.stderr).toContain('is not a regular file');
    expect(device.ms).toBeLessThan(20_000);
    writeFileSync(path.join(dir, 'huge.prisma'), Buffer.alloc(11 * 1024 * 1024, 0x20));
    const huge = await cli(['check', '--schema', 'huge.prisma'], dir);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toContain('more than the 10 MB a Prisma schema can be');
  });
});
