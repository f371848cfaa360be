import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The action's outputs, as action.yml declares them. */
export const OUTPUT_NAMES = ['ok', 'drift', 'findings', 'report', 'sarif'] as const;
export type Outputs = Record<(typeof OUTPUT_NAMES)[number], string>;

/**
 * Where the reports go: the runner's temporary folder, emptied after each job. Off the runner (GitHub's
 * local runner, @github/local-action) a new temporary folder, so that nothing is written into the project.
 */
export function outputDir(): string {
  const temp = process.env.RUNNER_TEMP;
  return temp ? path.join(temp, 'prisma-drift') : mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-report-'));
}
