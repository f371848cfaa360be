import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { runCheck } from '../check.js';
import { installSignalHandlers, runCleanup } from '../cleanup.js';
import { parseInputs } from '../inputs.js';
import { locateProject } from '../locate.js';
import { secretsOf } from '../redact.js';
import { renderSummary } from '../report/summary.js';
import { renderText } from '../report/text.js';
import { emitAnnotations } from './annotate.js';

/** The GitHub Action: inputs from the workflow, results as outputs, summary, annotations and exit status. */
async function main(): Promise<void> {
  installSignalHandlers();
  try {
    const inputs = parseInputs((name) => core.getInput(name));
    if (inputs.databaseUrl) for (const secret of secretsOf(inputs.databaseUrl)) core.setSecret(secret);

    const root = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const cwd = path.resolve(root, inputs.workingDirectory);
    const project = locateProject(cwd, { schema: inputs.schema, migrations: inputs.migrations });
    const report = await runCheck({
      project,
      root,
      databaseUrl: inputs.databaseUrl,
      failOn: inputs.failOn,
      prismaVersion: inputs.prismaVersion,
      log: (line) => core.info(line),
    });

    core.info(renderText(report));
    const reportPath = path.join(process.env.RUNNER_TEMP ?? cwd, 'prisma-drift', 'report.json');
    mkdirSync(path.dirname(reportPath), { recursive: true });
    writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);

    const overflow = emitAnnotations(report.findings);
    let summary = renderSummary(report);
    if (overflow) summary += `\n${overflow} more findings are not annotated on the files (GitHub shows ten per kind); all of them are listed above.\n`;
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write();

    core.setOutput('ok', String(report.ok));
    core.setOutput('drift', String(report.drift));
    core.setOutput('findings', String(report.findings.length));
    core.setOutput('report', reportPath);
    if (!report.ok) core.setFailed(`Prisma drift check failed: ${report.findings.length} findings (see the job summary).`);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  } finally {
    await runCleanup();
  }
}

await main();
