import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { GITHUB_ONLY_INPUTS, INPUT_NAMES } from '../../src/inputs.js';
import { REPO_ROOT } from '../support/corpus.js';
import { adminQuery, SERVER_URL } from '../support/pg.js';

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
  // An admin role of its own: the databases its throwaway roles own (it is made a member of each, to give
  // them databases) are exactly those this file's runs created, whatever other test files do on the same
  // server at the same time; a role left behind would still count it as a member.
  const role = `pdtest_cli_${randomBytes(4).toString('hex')}`;
  const url = new URL(SERVER_URL);
  url.username = role;
  const serverUrl = url.toString();
  const ownedDatabases = async () =>
    (
      await adminQuery(
        `SELECT datname FROM pg_database WHERE datdba IN (SELECT oid FROM pg_roles WHERE rolname = '${role}' UNION ` +
          `SELECT roleid FROM pg_auth_members WHERE member = (SELECT oid FROM pg_roles WHERE rolname = '${role}'))`,
      )
    ).rows;

  beforeAll(() => adminQuery(`CREATE ROLE ${role} LOGIN CREATEDB CREATEROLE`));
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
    expect(run.stderr).toContain('`--fail-on`: unknown finding group `typo`');
    expect(run.stderr).not.toContain('127.0.0.1');
  });

  it('reports a schema that is not there before it connects to anything', async () => {
    const run = await cli(['check', '--database-url', NOWHERE, '--schema', 'prisma/nope.prisma'], inSyncCopy());

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/prisma-drift: The schema `prisma\/nope\.prisma` \(`--schema`\) does not exist/);
    expect(run.stderr).not.toContain('127.0.0.1');
  });

  it('checks the project named by --working-directory, with the baseline relative to it', async () => {
    const dir = inSyncCopy();
    const run = await cli(
      ['check', '--database-url', serverUrl, '--working-directory', path.basename(dir), '--baseline', 'prisma/none.json'],
      path.dirname(dir),
    );

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`In sync: ${path.basename(dir)}/prisma/migrations (2 migrations)`);
  });

  it('with --json prints one JSON object that says why a check cannot run, at the line of the schema', async () => {
    const dir = inSyncCopy();
    const schema = path.join(dir, 'prisma/schema.prisma');
    const lines = readFileSync(schema, 'utf8').split('\n').length;
    appendFileSync(schema, 'model Broken {\n  id Int @id\n');

    const run = await cli(['check', '--database-url', serverUrl, '--json'], dir);

    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      version: 1,
      ok: false,
      error: {
        code: 'schema',
        message: expect.stringContaining('model Broken is not closed'),
        file: 'prisma/schema.prisma',
        line: lines,
        column: 1,
      },
    });
    expect(await ownedDatabases()).toEqual([]);
  });

  it('with --json prints a JSON error for a bad flag value too', async () => {
    const run = await cli(['check', '--database-url', NOWHERE, '--fail-on', 'typo', '--json'], inSyncCopy());

    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      error: { code: 'input', message: expect.stringContaining('`--fail-on`'), file: null },
    });
  });
});

describe('the command line', () => {
  it('prints its version, the version of the package', async () => {
    const run = await cli(['--version'], REPO_ROOT);

    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(packageJson.version);
  });

  it('prints its usage for --help (exit 0) and for a missing command (exit 2)', async () => {
    const help = await cli(['--help'], REPO_ROOT);
    const none = await cli([], REPO_ROOT);

    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: prisma-drift \[options\] \[command\]/);
    for (const command of ['check', 'status', 'baseline']) expect(help.stdout).toContain(`  ${command} `);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(help.stdout);
  });

  it('describes each command with --help, with a flag for every input that makes sense outside GitHub', async () => {
    const run = await cli(['check', '--help'], REPO_ROOT);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: prisma-drift check \[options\]\n\nreplay the migrations on a throwaway PostgreSQL/);
    for (const name of INPUT_NAMES) {
      if ((GITHUB_ONLY_INPUTS as readonly string[]).includes(name)) expect(run.stdout).not.toContain(`--${name} `);
      else expect(run.stdout).toContain(`--${name} `);
    }
    expect(run.stdout).toContain('--json');
  });

  it('names an unknown command or flag and suggests the closest one', async () => {
    const command = await cli(['chek'], REPO_ROOT);
    const flag = await cli(['check', '--shema', 'prisma/schema.prisma'], REPO_ROOT);

    expect(command.code).toBe(2);
    expect(command.stderr).toContain("unknown command 'chek'");
    expect(command.stderr).toContain('Did you mean check?');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--shema'");
    expect(flag.stderr).toContain('Did you mean --schema?');
  });
});
