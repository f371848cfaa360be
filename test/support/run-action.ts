import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './corpus.js';

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** What the step saved for its post step (core.saveState), as the runner hands it on. */
  state: Record<string, string>;
  summary: string;
}

/**
 * Runs the bundled action the way the GitHub runner does: `node dist/index.js` (or the post step's
 * bundle) with INPUT_* variables, STATE_* variables of what the main step saved, the GITHUB_* files it
 * writes outputs, state and the summary to, and an optional event payload. `killWhen` kills the step
 * (SIGKILL, as the runner's last resort) as soon as what it saved so far satisfies it.
 */
export async function runAction(
  inputs: Record<string, string>,
  options: {
    event?: { name: string; payload: unknown };
    env?: Record<string, string>;
    workspace?: string;
    step?: 'main' | 'post';
    state?: Record<string, string>;
    killWhen?: (state: Record<string, string>) => boolean | Promise<boolean>;
  } = {},
): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-run-'));
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary');
  const stateFile = path.join(dir, 'state');
  writeFileSync(stateFile, '');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace ?? REPO_ROOT,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STATE: stateFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_SHA: '0000000000000000000000000000000000000000',
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: dir,
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;
  if (options.event) {
    const eventFile = path.join(dir, 'event.json');
    writeFileSync(eventFile, JSON.stringify(options.event.payload));
    env.GITHUB_EVENT_NAME = options.event.name;
    env.GITHUB_EVENT_PATH = eventFile;
  }
  const entry = options.step === 'post' ? 'dist/post/index.js' : 'dist/index.js';
  const child = spawn(process.execPath, [path.join(REPO_ROOT, entry)], { cwd: options.workspace ?? REPO_ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const closed = new Promise<number>((resolve) => child.on('close', (status) => resolve(status ?? -1)));
  const { killWhen } = options;
  if (killWhen) {
    let running = true;
    void closed.finally(() => (running = false));
    void (async () => {
      while (running) {
        if (await killWhen(parseOutputs(readFileSync(stateFile, 'utf8')))) return child.kill('SIGKILL');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
  }
  const code = await closed;
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    state: parseOutputs(readFileSync(stateFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
  };
}

/** The runner's GITHUB_OUTPUT and GITHUB_STATE format: `name<<DELIMITER`, the value's lines, `DELIMITER`; the last value of a name wins. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const value: string[] = [];
    while (++i < lines.length && lines[i] !== match[2]) value.push(lines[i]!);
    outputs[match[1]!] = value.join('\n');
  }
  return outputs;
}
