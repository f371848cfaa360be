import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCheck } from '../check.js';
import { installSignalHandlers, runCleanup } from '../cleanup.js';
import { parseInputs } from '../inputs.js';
import { locateProject } from '../locate.js';
import { renderText } from '../report/text.js';

const USAGE = `Usage: prisma-drift check [options]

Replays prisma/migrations on a throwaway PostgreSQL and compares the result with schema.prisma.

Options:
  --schema <path>          schema.prisma file or schema folder (default: found as Prisma finds it)
  --migrations <path>      migrations folder (default: migrations/ next to the schema)
  --database-url <url>     PostgreSQL server to create throwaway databases on (default: a temporary cluster)
  --fail-on <groups>       finding groups that fail the check (default: drift,migration)
  --prisma-version <x.y>   Prisma version whose conventions apply (default: from package.json)
  --json                   print the JSON report instead of text
  --report <file>          also write the JSON report to a file

Exit status: 0 clean, 1 failing findings, 2 could not run.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      schema: { type: 'string' },
      migrations: { type: 'string' },
      'database-url': { type: 'string' },
      'fail-on': { type: 'string' },
      'prisma-version': { type: 'string' },
      json: { type: 'boolean' },
      report: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals[0] !== 'check') {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const inputs = parseInputs((name) => {
    const value = values[name as keyof typeof values];
    return typeof value === 'string' ? value : '';
  });
  const cwd = process.cwd();
  const project = locateProject(cwd, { schema: inputs.schema, migrations: inputs.migrations });
  const report = await runCheck({
    project,
    root: cwd,
    databaseUrl: inputs.databaseUrl,
    failOn: inputs.failOn,
    prismaVersion: inputs.prismaVersion,
    log: (line) => console.error(line),
  });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (values.report) writeFileSync(path.resolve(cwd, values.report), json);
  process.stdout.write(values.json ? json : `${renderText(report)}\n`);
  return report.ok ? 0 : 1;
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
