import '../bundle-dirname.js';
import '../node-navigator.js';
import { parseArgs } from 'node:util';
import { installSignalHandlers, runCleanup } from '../cleanup.js';
import { parseInputs } from '../inputs.js';
import { locateProject } from '../locate.js';
import { withProvisioning } from '../provision/index.js';

const USAGE = `Usage: prisma-drift <command> [options]

Commands:
  check      replay the migrations on a throwaway PostgreSQL and compare the result with schema.prisma
  status     check live databases (--target-database-url), read-only: unapplied, failed and edited
             migrations, and schema drift against the migrations they have applied
  baseline   run check (and status, with --target-database-url) and write today's differences to the
             baseline file, so the check fails only on new ones

Options:
  --schema <path>                schema.prisma file or schema folder (default: found as Prisma finds it)
  --migrations <path>            migrations folder (default: migrations/ next to the schema)
  --database-url <url>           PostgreSQL server for throwaway databases (default: a temporary cluster)
  --target-database-url <list>   live databases to check, e.g. "staging=postgres://...,production=postgres://..."
  --base-ref <commit>            analyse the migrations added since this commit (history, destructive, locks)
  --fail-on <groups>             finding groups that fail (default: drift,migration,destructive,history)
  --prisma-version <x.y.z>       Prisma version whose conventions apply (default: from the project)
  --baseline <file>              accepted differences (default: prisma/drift-baseline.json)
  --large-table <size>           a target's table this large fails on a rewrite or blocking index build
                                 (default: "1M rows or 1GB")
  --json                         print the JSON report instead of text
  --report <file>                also write the JSON report to a file

Exit status: 0 passed, 1 failing findings, 2 could not run.`;

const COMMANDS = ['check', 'status', 'baseline'] as const;

/**
 * Reads the arguments and finds the project, starts PostgreSQL, then loads the rest of the tool (command.ts)
 * while the server creates the first database or the temporary cluster starts.
 */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      schema: { type: 'string' },
      migrations: { type: 'string' },
      'database-url': { type: 'string' },
      'target-database-url': { type: 'string' },
      'base-ref': { type: 'string' },
      'fail-on': { type: 'string' },
      'prisma-version': { type: 'string' },
      baseline: { type: 'string' },
      'large-table': { type: 'string' },
      json: { type: 'boolean' },
      report: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = COMMANDS.find((name) => name === positionals[0]);
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const inputs = parseInputs((name) => {
    const value = values[name as keyof typeof values];
    return typeof value === 'string' ? value : '';
  });
  if (command === 'status' && !inputs.targets.length) {
    throw new Error('status needs at least one live database: --target-database-url production=postgres://...');
  }
  const project = locateProject(process.cwd(), { schema: inputs.schema, migrations: inputs.migrations });
  const log = (line: string) => console.error(line);
  return withProvisioning({ databaseUrl: inputs.databaseUrl, log, firstDatabase: command !== 'status' }, async (provisioning) => {
    const { runCommand } = await import('./command.js');
    return runCommand({ command, inputs, project, provisioning, json: values.json ?? false, reportFile: values.report, log });
  });
}

installSignalHandlers();
let status = 2;
try {
  status = await main();
} catch (error) {
  console.error(`prisma-drift: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await runCleanup();
}
process.exit(status);
