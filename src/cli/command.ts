import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatBaseline, loadBaseline, updateBaseline } from '../report/baseline.js';
import { runCheck } from '../check.js';
import { isCancelled } from '../common/cleanup.js';
import type { Inputs } from '../inputs.js';
import type { ProjectPaths } from '../locate/project.js';
import type { Provisioning } from '../provision/index.js';
import { renderText } from '../report/text.js';

/** One CLI command on PostgreSQL the entry point has started; returns the exit status. */
export async function runCommand(options: {
  command: 'check' | 'status' | 'baseline';
  inputs: Inputs;
  /** Where the command was run: paths in the report and --report are relative to it. */
  root: string;
  /** The project folder (--working-directory): the baseline is relative to it, as in the action. */
  cwd: string;
  project: ProjectPaths;
  provisioning: Provisioning;
  json: boolean;
  reportFile: string | undefined;
  log: (line: string) => void;
}): Promise<number> {
  const { command, inputs, root, cwd } = options;
  const baselineFile = path.resolve(cwd, inputs.baseline);
  const report = await runCheck({
    project: options.project,
    root,
    provisioning: options.provisioning,
    failOn: inputs.failOn,
    prismaVersion: inputs.prismaVersion,
    baseline: baselineFile,
    targets: inputs.targets,
    largeTable: inputs.largeTable,
    timeoutMs: inputs.timeoutMs,
    drift: command !== 'status',
    baseRef: inputs.baseRef ?? null,
    allowDestructive: null,
    log: options.log,
  });
  if (isCancelled()) return 2;

  if (command === 'baseline') {
    const updated = updateBaseline(report.findings, loadBaseline(baselineFile), {
      drift: !report.findings.some((finding) => finding.group === 'migration'),
      // The history was compared when there was a base and it was found (its absence is the only warning).
      history: Boolean(inputs.baseRef) && report.warnings.length === 0,
      environments: report.targets.filter((target) => target.compared).map((target) => target.name),
    });
    writeFileSync(baselineFile, formatBaseline(updated));
    console.log(
      `Wrote ${updated.accepted.length} accepted differences to ${path.relative(root, baselineFile)}. Add a reason to each one, then commit the file.`,
    );
    return 0;
  }
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (options.reportFile) writeFileSync(path.resolve(root, options.reportFile), json);
  process.stdout.write(options.json ? json : `${renderText(report)}\n`);
  return report.ok ? 0 : 1;
}
