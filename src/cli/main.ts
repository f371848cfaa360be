#!/usr/bin/env node
import '../common/bundle-dirname.js';
import '../common/node-navigator.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { installSignalHandlers, isCancelled, runCleanup } from '../common/cleanup.js';
import { type GITHUB_ONLY_INPUTS, InputError, type InputName, parseInputs } from '../inputs.js';
import { locateProject } from '../locate/project.js';
import { withProvisioning } from '../provision/index.js';
import { errorReport } from '../run-error.js';
import { nameSettingsAs } from '../common/setting-names.js';

type CommandName = 'check' | 'status' | 'baseline';
type FlagName = Exclude<InputName, (typeof GITHUB_ONLY_INPUTS)[number]>;

/**
 * A flag for every input that means something outside GitHub, named as the input. A Record, so that a new
 * input is a type error here until it has a flag (or is declared GitHub-only in inputs.ts).
 */
const FLAGS: Record<FlagName, { value: string; description: string }> = {
  schema: { value: '<path>', description: 'schema.prisma file or schema folder (default: found as Prisma finds it)' },
  migrations: { value: '<path>', description: 'migrations folder (default: migrations/ next to the schema)' },
  'working-directory': { value: '<dir>', description: 'the project folder the other paths are relative to (default: the current folder)' },
  'database-url': { value: '<url>', description: 'PostgreSQL server for throwaway databases (default: a temporary cluster)' },
  'target-database-url': {
    value: '<list>',
    description: 'live databases to check read-only: "staging=postgres://...,production=postgres://..."',
  },
  'base-ref': { value: '<commit>', description: 'analyse the migrations added since this commit (history, destructive, locks)' },
  'fail-on': { value: '<groups>', description: 'finding groups that fail (default: drift,migration,destructive,history)' },
  'prisma-version': { value: '<x.y.z>', description: 'Prisma version whose conventions apply (default: from the project)' },
  baseline: { value: '<file>', description: 'accepted differences (default: prisma/drift-baseline.json)' },
  timeout: {
    value: '<duration>',
    description: 'bound on the whole check, such as 90s or 10m: the running statement is cancelled and reported (default: 15m)',
  },
  'large-table': {
    value: '<size>',
    description: 'a target\'s table this large fails on a rewrite or blocking index build (default: "1M rows or 1GB")',
  },
};

const COMMANDS: { name: CommandName; description: string; report: boolean }[] = [
  { name: 'check', description: 'replay the migrations on a throwaway PostgreSQL and compare the result with schema.prisma', report: true },
  {
    name: 'status',
    description:
      'check live databases (--target-database-url), read-only: unapplied, failed and edited migrations, and schema drift against the migrations they have applied',
    report: true,
  },
  {
    name: 'baseline',
    description:
      "run check (and status, with --target-database-url) and write today's differences to the baseline file, so the check fails only on new ones",
    report: false,
  },
];

const EXIT_STATUS = '\nExit status: 0 passed, 1 failing findings, 2 could not run.';

type Options = Record<string, string | boolean | undefined>;

function program(run: (command: CommandName, options: Options) => Promise<number>, done: (status: number) => void): Command {
  const cli = new Command('prisma-drift')
    .description(
      'CI migration gate for Prisma + PostgreSQL: replays prisma/migrations on a throwaway PostgreSQL and reports drift against schema.prisma.',
    )
    .version(packageJson.version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .addHelpText('after', EXIT_STATUS)
    // Usage errors exit 2, "could not run", like every other error that stops a check before it starts.
    .exitOverride();
  for (const { name, description, report } of COMMANDS) {
    const command = cli
      .command(name)
      .description(description)
      .helpOption('-h, --help', 'print this help')
      .addHelpText('after', EXIT_STATUS);
    for (const [flag, { value, description: text }] of Object.entries(FLAGS)) command.option(`--${flag} ${value}`, text);
    if (report)
      command.option('--json', 'print the JSON report instead of text').option('--report <file>', 'also write the JSON report to a file');
    command.action(async (options: Options) => done(await run(name, options)));
  }
  return cli;
}

/**
 * Reads the flags and finds the project, starts PostgreSQL, then loads the rest of the tool (command.ts)
 * while the server creates the first database or the temporary cluster starts. A check that cannot run
 * exits 2; with --json it still prints one JSON object, which says why.
 */
async function run(command: CommandName, options: Options): Promise<number> {
  const root = process.cwd();
  const json = options.json === true;
  const reportFile = typeof options.report === 'string' ? options.report : undefined;
  try {
    const inputs = parseInputs((name) => {
      const value = options[name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())];
      return typeof value === 'string' ? value : '';
    });
    if (command === 'status' && !inputs.targets.length) {
      throw new InputError('status needs at least one live database: --target-database-url production=postgres://...');
    }
    const cwd = path.resolve(root, inputs.workingDirectory);
    const project = locateProject(cwd, { schema: inputs.schema, migrations: inputs.migrations });
    const log = (line: string) => isCancelled() || console.error(line);
    return await withProvisioning({ databaseUrl: inputs.databaseUrl, log, firstDatabase: command !== 'status' }, async (provisioning) => {
      const { runCommand } = await import('./command.js');
      return runCommand({ command, inputs, root, cwd, project, provisioning, json, reportFile, log });
    });
  } catch (error) {
    // A cancelled check fails for want of its sessions: the signal handler has said what happened.
    if (isCancelled()) return 2;
    console.error(`prisma-drift: ${error instanceof Error ? error.message : String(error)}`);
    const report = `${JSON.stringify(errorReport(error, root), null, 2)}\n`;
    if (reportFile) writeFileSync(path.resolve(root, reportFile), report);
    if (json) process.stdout.write(report);
    return 2;
  }
}

nameSettingsAs('flag');
installSignalHandlers();
let status = 2;
try {
  await program(run, (code) => (status = code)).parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0; commander has printed what it had to say.
    status = error.exitCode === 0 ? 0 : 2;
    if (status !== 0 && process.argv.includes('--json')) {
      const report = errorReport(new InputError(error.message.replace(/^error: /, '')), process.cwd());
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    }
  } else {
    console.error(`prisma-drift: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
} finally {
  await runCleanup();
}
process.exit(status);
