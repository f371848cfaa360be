import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { REPO_ROOT } from '../support/corpus.js';
import { SERVER_URL } from '../support/pg.js';

const ENV_FILE = 'fixtures/in-sync/local-action.env';

// GitHub's local runner for JavaScript actions imports the entry point, calls its exported run() with
// @actions/core and @actions/github replaced by its own, and prints the outputs the action set. It is how
// the official action template tries an action before pushing it: `npm run local-action` must work.
it('npm run local-action runs the action on fixtures/in-sync and sets ok=true', { timeout: 300_000 }, async () => {
  // The script as package.json has it, with the database of the test run instead of the README's.
  const env = path.join(mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-local-action-')), 'local-action.env');
  const committed = readFileSync(path.join(REPO_ROOT, ENV_FILE), 'utf8');
  expect(committed).toMatch(/^INPUT_DATABASE-URL=/m);
  writeFileSync(env, committed.replace(/^INPUT_DATABASE-URL=.*$/m, `INPUT_DATABASE-URL=${SERVER_URL}`));
  const script = packageJson.scripts['local-action'];
  expect(script).toContain(ENV_FILE);

  const child = spawn('sh', ['-c', script.replace(ENV_FILE, env)], {
    cwd: REPO_ROOT,
    env: { ...process.env, PATH: `${path.join(REPO_ROOT, 'node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number>((resolve) => child.on('close', (status) => resolve(status ?? -1)));

  expect(code, output).toBe(0);
  expect(output).toContain('In sync: fixtures/in-sync/prisma/migrations (2 migrations)');
  // The table of outputs local-action prints once the action has run.
  expect(output).toMatch(/Action Outputs[\s\S]*│\s*'ok'\s*│\s*'true'\s*│/);
  expect(output).toMatch(/│\s*'drift'\s*│\s*'false'\s*│/);
});
