import '../bundle-dirname.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatBaseline, loadBaseline, updateBaseline } from '../baseline.js';
import { runCheck } from '../check.js';
import { installSignalHandlers, runCleanup } from '../cleanup.js';
import { parseInputs } from '../inputs.js';
import { locateProject } from '../locate.js';
import { renderText } from '../report/text.js';

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
  --json                         print the JSON report instead of text
  --report <file>                also write the JSON report to a file

Exit status: 0 passed, 1 failing findings, 2 could not run.`;

const COMMANDS = ['check', 'status', 'baseline'] as const;

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
  const cwd = process.cwd();
  const project = locateProject(cwd, { schema: inputs.schema, migrations: inputs.migrations });
  const baselineFile = path.resolve(cwd, inputs.baseline);
  const report = await runCheck({
    project,
    root: cwd,
    databaseUrl: inputs.databaseUrl,
    failOn: inputs.failOn,
    prismaVersion: inputs.prismaVersion,
    baseline: baselineFile,
    targets: inputs.targets,
    drift: command !== 'status',
    baseRef: inputs.baseRef ?? null,
    allowDestructive: null,
    log: (line) => console.error(line),
  });

  if (command === 'baseline') {
    const updated = updateBaseline(report.findings, loadBaseline(baselineFile), {
      drift: !report.findings.some((finding) => finding.group === 'migration'),
      environments: report.targets.filter((target) => target.compared).map((target) => target.name),
    });
    writeFileSync(baselineFile, formatBaseline(updated));
    console.log(`Wrote ${updated.accepted.length} accepted differences to ${path.relative(cwd, baselineFile)}. Add a reason to each one, then commit the file.`);
    return 0;
  }
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
