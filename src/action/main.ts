import '../bundle-dirname.js';
import path from 'node:path';
import * as core from '@actions/core';
import { installSignalHandlers, runCleanup } from '../cleanup.js';
import { parseInputs } from '../inputs.js';
import { locateProject } from '../locate.js';
import { withProvisioning } from '../provision/index.js';
import { secretsOf } from '../redact.js';

/**
 * The GitHub Action. Reads the inputs and finds the project, starts PostgreSQL, then loads the rest of the
 * action (run.ts) while the server creates the first database or the temporary cluster starts.
 */
async function main(): Promise<void> {
  installSignalHandlers();
  try {
    const inputs = parseInputs((name) => core.getInput(name));
    for (const url of [inputs.databaseUrl, ...inputs.targets.map((target) => target.url)]) {
      if (url) for (const secret of secretsOf(url)) core.setSecret(secret);
    }
    const root = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const cwd = path.resolve(root, inputs.workingDirectory);
    const project = locateProject(cwd, { schema: inputs.schema, migrations: inputs.migrations });
    await withProvisioning({ databaseUrl: inputs.databaseUrl, log: (line) => core.info(line), firstDatabase: true }, async (provisioning) => {
      const { run } = await import('./run.js');
      await run({ inputs, root, cwd, project, provisioning });
    });
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  } finally {
    await runCleanup();
  }
}

await main();
