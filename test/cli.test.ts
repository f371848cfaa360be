import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/corpus.js';
import { adminQuery, SERVER_URL } from './support/pg.js';

const CLI = path.join(REPO_ROOT, 'dist/cli/index.js');
const IN_SYNC = path.join(REPO_ROOT, 'fixtures/in-sync');
// Nothing listens on port 1: a check that connects there fails at once.
const NOWHERE = 'postgres://postgres@127.0.0.1:1/postgres';

function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const copies: string[] = [];

function inSyncCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-cli-'));
  cpSync(IN_SYNC, dir, { recursive: true });
  copies.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe('the bundled CLI', () => {
  // A role of its own: the databases it owns are exactly those this file's runs created, whatever other
  // test files do on the same server at the same time.
  const role = `pdtest_cli_${randomBytes(4).toString('hex')}`;
  const url = new URL(SERVER_URL);
  url.username = role;
  const serverUrl = url.toString();
  const ownedDatabases = async () =>
    (await adminQuery(`SELECT datname FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = '${role}')`)).rows;

  beforeAll(() => adminQuery(`CREATE ROLE ${role} LOGIN CREATEDB`));
  afterAll(() => adminQuery(`DROP ROLE IF EXISTS ${role}`));

  it('checks a project that is in sync, exits 0 and leaves no database behind', async () => {
    const run = await cli(['check', '--database-url', serverUrl], inSyncCopy());

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('In sync: prisma/migrations (2 migrations) produces exactly what prisma/schema.prisma describes.');
    expect(await ownedDatabases()).toEqual([]);
  });

  it('drops the database it had already created when the check stops on a baseline that does not parse', async () => {
    const dir = inSyncCopy();
    writeFileSync(path.join(dir, 'prisma/drift-baseline.json'), '{\n  "version": 1,\n  "accepted": [\n');

    const run = await cli(['check', '--database-url', serverUrl], dir);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/prisma-drift: .*prisma\/drift-baseline\.json:4:1: not valid JSON/);
    expect(await ownedDatabases()).toEqual([]);
  });

  it('reports a bad input before it connects to anything', async () => {
    const run = await cli(['check', '--database-url', NOWHERE, '--fail-on', 'drift,typo'], inSyncCopy());

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('input `fail-on`: unknown finding group `typo`');
    expect(run.stderr).not.toContain('127.0.0.1');
  });

  it('reports a schema that is not there before it connects to anything', async () => {
    const run = await cli(['check', '--database-url', NOWHERE, '--schema', 'prisma/nope.prisma'], inSyncCopy());

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/prisma-drift: The schema `prisma\/nope\.prisma` \(input `schema`\) does not exist/);
    expect(run.stderr).not.toContain('127.0.0.1');
  });

  it('prints its usage for --help (exit 0) and for a missing command (exit 2)', async () => {
    const help = await cli(['--help'], REPO_ROOT);
    const none = await cli([], REPO_ROOT);

    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: prisma-drift <command> \[options\]/);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe(help.stdout);
  });
});
