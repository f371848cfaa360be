import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runCleanup } from '../../src/common/cleanup.js';
import { provision, startProvisioning, type Provisioned } from '../../src/provision/index.js';
import { findBindir } from '../../src/provision/cluster.js';
import { redactUrl, secretsOf } from '../../src/common/redact.js';
import { REPO_ROOT } from '../support/corpus.js';
import { SERVER_URL, adminQuery } from '../support/pg.js';

const CHILD = path.join(REPO_ROOT, 'test/support/provision-child.ts');

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function databasesOnServer(names: string[]): Promise<string[]> {
  const { rows } = await adminQuery(`SELECT datname FROM pg_database WHERE datname LIKE 'prisma_drift_%'`);
  return rows
    .map((row: { datname: string }) => row.datname)
    .filter((name) => names.includes(name))
    .sort();
}

/** The socket directory is the cluster's temporary directory; its lock file names the postmaster. */
function clusterOf(url: string): { dir: string; pid: number } {
  const dir = new URL(url).searchParams.get('host')!;
  const pid = Number(readFileSync(path.join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return { dir, pid };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates two databases (the second from the first as template) and uses them; leaves a session open on the
 * second, which must not stop close() from dropping it. Returns the names and the open session.
 */
async function exercise(provisioned: Provisioned): Promise<{ names: string[]; open: pg.Client }> {
  const first = await provisioned.createDatabase();
  expect(first.name).toMatch(/^prisma_drift_[0-9a-f]{12}$/);
  await query(first.url, `CREATE TABLE "User" (id int PRIMARY KEY); INSERT INTO "User" VALUES (1)`);
  const copy = await provisioned.createDatabase({ template: first.name });
  expect(await query(copy.url, `SELECT current_database() AS db, (SELECT count(*)::int FROM "User") AS users`)).toEqual([
    { db: copy.name, users: 1 },
  ]);
  const open = new pg.Client({ connectionString: copy.url });
  open.on('error', () => {});
  await open.connect();
  return { names: [first.name, copy.name], open };
}

describe('temporary cluster', () => {
  it('creates, uses and drops databases, and leaves nothing after close', async () => {
    const lines: string[] = [];
    const provisioned = await provision({ log: (line) => lines.push(line) });
    expect(provisioned.kind).toBe('cluster');
    expect(provisioned.bindir).toBe(findBindir());
    expect(provisioned.serverVersion.major).toBeGreaterThanOrEqual(13);
    expect(lines.join('\n')).toMatch(/cluster ready in \d+\.\d\d s/);
    console.log(lines.join('\n'));

    const probe = await provisioned.createDatabase();
    const { dir, pid } = clusterOf(probe.url);
    expect(isRunning(pid)).toBe(true);
    const { open } = await exercise(provisioned);

    await provisioned.close();
    await open.end().catch(() => {});
    await provisioned.close();
    expect(existsSync(dir)).toBe(false);
    expect(isRunning(pid)).toBe(false);
  });

  it('refuses a PG_BINDIR without server binaries', () => {
    expect(() => findBindir({ PG_BINDIR: REPO_ROOT })).toThrow(/PG_BINDIR=.* does not contain initdb and postgres/);
  });
});

describe('server at database-url', () => {
  it('creates and uses only its own databases, and drops them all at close, open sessions or not', async () => {
    const provisioned = await provision({ databaseUrl: SERVER_URL, log: () => {} });
    expect(provisioned.kind).toBe('server');
    expect(provisioned.bindir).toBeNull();
    const { names, open } = await exercise(provisioned);
    const kept = await provisioned.createDatabase();
    expect(await databasesOnServer([...names, kept.name])).toEqual([...names, kept.name].sort());

    await provisioned.close();
    await open.end().catch(() => {});
    expect(await databasesOnServer([...names, kept.name])).toEqual([]);
    expect((await adminQuery(`SELECT 1 AS ok FROM pg_database WHERE datname = 'postgres'`)).rows).toEqual([{ ok: 1 }]);
  });

  it('drops a database whose CREATE DATABASE was still running at close', async () => {
    const provisioned = await provision({ databaseUrl: SERVER_URL, log: () => {} });
    const { created } = await provisioned.requestDatabase();
    await provisioned.close();
    const { name } = await created;
    expect(await databasesOnServer([name])).toEqual([]);
  });

  it('started early, drops its first database when closed while it is still being created', async () => {
    const provisioning = startProvisioning({ databaseUrl: SERVER_URL, log: () => {}, firstDatabase: true });
    await provisioning.close();
    const { name } = await provisioning.firstDatabase!;
    expect(await databasesOnServer([name])).toEqual([]);
  });

  it('drops released databases in the background, and at close those created since', async () => {
    const provisioned = await provision({ databaseUrl: SERVER_URL, log: () => {} });
    const first = await provisioned.createDatabase();
    provisioned.releaseDatabases();
    const later = await provisioned.createDatabase();
    await provisioned.close();
    expect(await databasesOnServer([first.name, later.name])).toEqual([]);
  });

  it('reports a server that refuses the session for CREATE DATABASE, with nothing left unhandled', async () => {
    const role = `pdtest_limit_${process.pid}`;
    await adminQuery(`CREATE ROLE ${role} LOGIN CREATEDB`);
    const url = new URL(SERVER_URL);
    url.username = role;
    url.password = '';
    try {
      const provisioned = await provision({ databaseUrl: url.toString(), log: () => {} });
      await adminQuery(`ALTER ROLE ${role} CONNECTION LIMIT 0`);
      // The session that read the server's version would otherwise be used again: end it, and give the
      // client a moment to hear of it.
      await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '${role}'`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const error = await provisioned.requestDatabase().catch((caught: Error) => caught);
      expect((error as Error).message).toMatch(/could not connect to PostgreSQL .*too many connections/);
      await provisioned.close();
    } finally {
      await adminQuery(`DROP ROLE ${role}`);
    }
  });

  it('keeps libpq parameters in the URLs it hands out', async () => {
    const url = new URL(SERVER_URL);
    url.searchParams.set('sslmode', 'disable');
    url.searchParams.set('application_name', 'drift-test');
    const provisioned = await provision({ databaseUrl: url.toString(), log: () => {} });
    try {
      const database = await provisioned.createDatabase();
      const handedOut = new URL(database.url);
      expect(handedOut.pathname).toBe(`/${database.name}`);
      expect(handedOut.searchParams.get('sslmode')).toBe('disable');
      expect(await query(database.url, `SELECT current_setting('application_name') AS app`)).toEqual([{ app: 'drift-test' }]);
    } finally {
      await provisioned.close();
    }
  });

  it('names host and port but never the password when it cannot connect', async () => {
    const error = await provision({ databaseUrl: 'postgres://drift:hunter2-secret@127.0.0.1:1/app', log: () => {} }).catch(
      (caught: Error) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/could not connect to PostgreSQL at 127\.0\.0\.1:1 \(database app\)/);
    expect((error as Error).message).toMatch(/services: postgres/);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('does not echo an unparseable URL with its password', async () => {
    const error = await provision({ databaseUrl: 'postgres://drift:hunter2-secret@[not-a-host/app', log: () => {} }).catch(
      (caught: Error) => caught,
    );
    expect((error as Error).message).toMatch(/not a valid URL/);
    expect((error as Error).message).not.toContain('hunter2');
  });
});

describe('cleanup on every exit path', () => {
  it('undoes both kinds when an error is thrown mid-way and cleanup runs', async () => {
    let clusterUrl = '';
    let serverName = '';
    await expect(
      (async () => {
        clusterUrl = (await (await provision({ log: () => {} })).createDatabase()).url;
        serverName = (await (await provision({ databaseUrl: SERVER_URL, log: () => {} })).createDatabase()).name;
        throw new Error('replay failed');
      })(),
    ).rejects.toThrow('replay failed');
    const { dir, pid } = clusterOf(clusterUrl);

    await runCleanup();
    expect(existsSync(dir)).toBe(false);
    expect(isRunning(pid)).toBe(false);
    expect(await databasesOnServer([serverName])).toEqual([]);
  });

  interface ChildResult {
    code: number | null;
    ready: { name: string; url: string; socketDir: string | null };
    pid: number | null;
  }

  /** Runs the child in one node process (no npx/tsx wrappers in between) so a signal reaches it directly. */
  function runChild(kind: 'cluster' | 'server', mode: 'wait' | 'throw' | 'exit', signal?: NodeJS.Signals): Promise<ChildResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, kind, mode], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let ready: ChildResult['ready'] | null = null;
      let pid: number | null = null;
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const line = /^READY (.*)$/m.exec(stdout);
        if (!line || ready) return;
        ready = JSON.parse(line[1]!) as ChildResult['ready'];
        if (ready.socketDir) pid = clusterOf(ready.url).pid;
        if (signal) child.kill(signal);
      });
      child.on('error', reject);
      child.on('exit', (code) => {
        if (!ready) reject(new Error(`child ended before READY (code ${code}):\n${stderr}`));
        else resolve({ code, ready, pid });
      });
    });
  }

  async function expectNothingLeft({ ready, pid }: ChildResult): Promise<void> {
    if (ready.socketDir) {
      expect(existsSync(ready.socketDir)).toBe(false);
      expect(isRunning(pid!)).toBe(false);
    }
    expect(await databasesOnServer([ready.name])).toEqual([]);
  }

  it.each(['cluster', 'server'] as const)('a %s process killed with SIGTERM leaves nothing behind', async (kind) => {
    const result = await runChild(kind, 'wait', 'SIGTERM');
    expect(result.code).toBe(143);
    await expectNothingLeft(result);
  });

  it('a cluster process interrupted with SIGINT exits 130 and leaves nothing behind', async () => {
    const result = await runChild('cluster', 'wait', 'SIGINT');
    expect(result.code).toBe(130);
    await expectNothingLeft(result);
  });

  it.each(['cluster', 'server'] as const)('a %s process that crashes leaves nothing behind', async (kind) => {
    const result = await runChild(kind, 'throw');
    expect(result.code).toBe(1);
    await expectNothingLeft(result);
  });

  it('a cluster process that calls process.exit() without cleaning up still removes the cluster', async () => {
    const result = await runChild('cluster', 'exit');
    expect(result.code).toBe(3);
    // The exit guard waits for the postmaster's lock file to go, the last thing it removes before it ends.
    for (let i = 0; i < 100 && isRunning(result.pid!); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await expectNothingLeft(result);
  });
});

describe('redaction', () => {
  it('masks the password in the userinfo and in a password parameter', () => {
    expect(redactUrl('postgresql://app:p%40ss@db.example.com:5432/app?sslmode=require')).toBe(
      'postgresql://app:***@db.example.com:5432/app?sslmode=require',
    );
    expect(redactUrl('postgres://app@db/app?password=s3cret&sslmode=require')).toBe('postgres://app@db/app?password=***&sslmode=require');
    expect(redactUrl('postgres://app@db/app')).toBe('postgres://app@db/app');
    expect(redactUrl('postgres://app:s3cret@[bad/app')).toBe('postgres://app:***@[bad/app');
  });

  it('masks passwords inside other text and leaves the rest of it as it is', () => {
    expect(redactUrl('error: cannot reach postgres://app:s3cret@db/app (timeout), password=s3cret')).toBe(
      'error: cannot reach postgres://app:***@db/app (timeout), password=***',
    );
  });

  it('lists the password as written, decoded, and the whole URL as secrets', () => {
    const url = 'postgresql://app:p%40ss@db:5432/app';
    expect(secretsOf(url).sort()).toEqual(['p%40ss', 'p@ss', url].sort());
    expect(secretsOf('postgres://app@db/app')).toEqual(['postgres://app@db/app']);
  });
});
