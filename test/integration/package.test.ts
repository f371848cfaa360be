import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { REPO_ROOT } from '../support/corpus.js';
import { SERVER_URL } from '../support/pg.js';

// npm does not run `node dist/cli/index.js`: it links the package's bin and runs that file as a program.
// So this is what a user does: pack the package, install the tarball into an empty folder, run npx.

// Variables npm sets for a script (`npm test`) would point the npm commands below at this repository.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));

function run(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

it('installs from its tarball and runs with npx', { timeout: 600_000 }, async () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-package-'));
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: REPO_ROOT, env, encoding: 'utf8' }),
  ) as {
    filename: string;
    files: { path: string }[];
  }[];
  const files = packed!.files.map((file) => file.path);
  expect(files).toEqual(
    expect.arrayContaining(['package.json', 'README.md', 'CHANGELOG.md', 'dist/cli/index.js', 'dist/cli/libpg-query.wasm']),
  );
  // The CLI's bundle only: not the action's, not the sources.
  expect(files.filter((file) => !file.startsWith('dist/cli/') && !['package.json', 'README.md', 'CHANGELOG.md'].includes(file))).toEqual(
    [],
  );

  const app = path.join(scratch, 'app');
  mkdirSync(app);
  // Everything the CLI runs is in its bundle: the package has no dependencies to fetch, so this works offline.
  const install = await run('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(scratch, packed!.filename)], app);
  expect(install.code, install.stderr).toBe(0);
  expect(install.stderr).not.toContain('EBADENGINE');

  const version = await run('npx', ['--offline', 'prisma-drift', '--version'], app);
  expect(version.code, version.stderr).toBe(0);
  expect(version.stdout.trim()).toBe(packageJson.version);

  cpSync(path.join(REPO_ROOT, 'fixtures/in-sync'), path.join(app, 'project'), { recursive: true });
  const check = await run(
    'npx',
    ['--offline', 'prisma-drift', 'check', '--working-directory', 'project', '--database-url', SERVER_URL],
    app,
  );
  expect(check.code, check.stderr).toBe(0);
  expect(check.stdout).toContain('In sync: project/prisma/migrations (2 migrations)');
});
