import '../common/bundle-dirname.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { installSignalHandlers, isCancelled, runCleanup } from '../common/cleanup.js';
import { parseInputs } from '../inputs.js';
import { locateProject } from '../locate/project.js';
import { withProvisioning } from '../provision/index.js';
import { secretsOf } from '../common/redact.js';
import { recordResidue } from '../provision/residue.js';
import { errorReport } from '../run-error.js';
import { outputDir } from './outputs.js';
import { RESIDUE_STATE } from './post.js';

/**
 * The GitHub Action's main step (dist/index.js calls it; GitHub's local runner, @github/local-action,
 * imports it). Reads the inputs and finds the project, starts PostgreSQL, then loads the rest of the action
 * (run.ts) while the server creates the first database or the temporary cluster starts.
 */
export async function run(): Promise<void> {
  installSignalHandlers();
  recordResidue((residue) => core.saveState(RESIDUE_STATE, JSON.stringify(residue)));
  const root = process.env.GITHUB_WORKSPACE ?? process.cwd();
  let cwd = root;
  try {
    const inputs = parseInputs((name) => core.getInput(name));
    for (const url of [inputs.databaseUrl, ...inputs.targets.map((target) => target.url)]) {
      if (url) for (const secret of secretsOf(url)) core.setSecret(secret);
    }
    cwd = path.resolve(root, inputs.workingDirectory);
    const project = locateProject(cwd, { schema: inputs.schema, migrations: inputs.migrations });
    await withProvisioning(
      { databaseUrl: inputs.databaseUrl, log: (line) => isCancelled() || core.info(line), firstDatabase: true },
      async (provisioning) => {
        const { run: check } = await import('./run.js');
        await check({ inputs, root, cwd, project, provisioning });
      },
    );
  } catch (error) {
    // No error annotation for a cancelled job's own cancellation.
    if (isCancelled()) return;
    // The `report` output is there whatever happened: a program reading it learns why the check did not run.
    const dir = outputDir();
    mkdirSync(dir, { recursive: true });
    const reportPath = path.join(dir, 'report.json');
    writeFileSync(reportPath, `${JSON.stringify(errorReport(error, root), null, 2)}\n`);
    core.setOutput('ok', 'false');
    core.setOutput('report', reportPath);
    core.setFailed(error instanceof Error ? error.message : String(error));
  } finally {
    await runCleanup();
  }
}
