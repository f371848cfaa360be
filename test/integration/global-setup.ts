import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startCluster, type Cluster } from '../../src/provision/cluster.js';
import { SERVER_URL } from '../support/pg.js';

/**
 * The tests need a real PostgreSQL. Use TEST_DATABASE_URL or the machine's server; start the machine's
 * cluster when it is installed but stopped; otherwise run the whole suite against a temporary cluster of
 * our own (the same code the action uses when it gets no database-url).
 */
let cluster: Cluster | null = null;
let scratch: string | null = null;

export async function setup(): Promise<void> {
  // The temporary folders of the tests and of the programs they start, removed together at the end: the
  // tests make hundreds per run and most of them hand the folder to a check whose report is read later.
  scratch = mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-tests-'));
  // Open to the postgres OS user, which runs the temporary clusters when the tests run as root.
  chmodSync(scratch, 0o1777);
  process.env.TMPDIR = scratch;
  if (await reachable(SERVER_URL)) return;
  if (!process.env.TEST_DATABASE_URL && existsSync('/etc/postgresql')) {
    for (const version of readdirSync('/etc/postgresql')) {
      try {
        execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
      } catch {
        // Not ours to start (no permission, or no such cluster): fall through to a temporary cluster.
      }
    }
    if (await reachable(SERVER_URL)) return;
  }
  cluster = await startCluster((line) => console.log(line));
  process.env.TEST_DATABASE_URL = cluster.adminUrl;
  console.log('Tests run against a temporary PostgreSQL cluster.');
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
