import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import * as github from '@actions/github';
import packageJson from '../../package.json' with { type: 'json' };
import { baseRefOf } from '../analyse/base.js';
import { actionsCacheStore } from '../apply/cache/actions-store.js';
import { writesCache } from '../apply/cache/policy.js';
import { runCheck } from '../check.js';
import { isCancelled } from '../common/cleanup.js';
import type { Finding } from '../common/findings.js';
import type { Inputs } from '../inputs.js';
import type { ProjectPaths } from '../locate/project.js';
import type { Provisioning } from '../provision/index.js';
import { annotationsFor, emitAnnotations } from '../report/annotations.js';
import { commentMarker, renderComment } from '../report/comment.js';
import type { Report } from '../report/report.js';
import { reviewPullRequest } from '../report/review.js';
import { toSarif } from '../report/sarif.js';
import { githubClient } from '../report/github.js';
import { upsertStickyComment } from '../report/sticky.js';
import { renderSummary } from '../report/summary.js';
import { renderText } from '../report/text.js';
import { outputDir, type Outputs } from './outputs.js';

/** The check on PostgreSQL the entry point has started, and its results: outputs, summary, annotations, the PR comment. */
export async function run(options: {
  inputs: Inputs;
  root: string;
  cwd: string;
  project: ProjectPaths;
  provisioning: Provisioning;
}): Promise<void> {
  const { inputs, root, cwd, project } = options;
  const event = github.context.payload;
  const labels: { name?: string }[] = event.pull_request?.labels ?? [];
  const report = await runCheck({
    project,
    root,
    provisioning: options.provisioning,
    failOn: inputs.failOn,
    prismaVersion: inputs.prismaVersion,
    baseline: path.resolve(cwd, inputs.baseline),
    targets: inputs.targets,
    largeTable: inputs.largeTable,
    timeoutMs: inputs.timeoutMs,
    drift: true,
    baseRef: baseRefOf({ baseRef: inputs.baseRef, event }),
    allowDestructive: labels.some((label) => label.name === inputs.allowLabel) ? inputs.allowLabel : null,
    cache: {
      store: actionsCacheStore(path.join(process.env.RUNNER_TEMP ?? os.tmpdir(), 'prisma-drift-cache')),
      toolVersion: packageJson.version,
      writable: writesCache({
        eventName: github.context.eventName,
        ref: github.context.ref,
        defaultBranch: event.repository?.default_branch,
      }),
    },
    log: (line) => isCancelled() || core.info(line),
  });
  // Cancelled: the findings are those of a check cut short, and the signal handler has said so.
  if (isCancelled()) return;

  core.info(renderText(report));
  for (const warning of report.warnings) core.warning(warning);
  const outDir = outputDir();
  mkdirSync(outDir, { recursive: true });
  const reportPath = path.join(outDir, 'report.json');
  const sarifPath = path.join(outDir, 'report.sarif');
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(sarifPath, `${JSON.stringify(toSarif(report), null, 2)}\n`);

  const overflow = emitAnnotations(annotationsFor(report.findings));
  let summary = renderSummary(report);
  if (overflow)
    summary += `\n${overflow} more findings are not annotated on the files (GitHub shows ten of each kind per step); all of them are listed above.\n`;
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write();

  const outputs: Outputs = {
    ok: String(report.ok),
    drift: String(report.drift),
    findings: String(report.findings.length),
    report: reportPath,
    sarif: sarifPath,
  };
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);

  // The review comes first so that the pull request comment can link to its comments.
  const reviewLinks = await reviewPullRequest(report, inputs);
  await comment(report, inputs, reviewLinks);
  if (!report.ok) core.setFailed(`Prisma drift check failed: ${report.findings.length} findings (see the job summary).`);
}

/**
 * The sticky pull request comment. Only pull requests have one; a token that may not comment, or GitHub
 * being unavailable, is a warning: the check's verdict is about the migrations, not about the comment.
 */
async function comment(report: Report, inputs: Inputs, reviewLinks: ReadonlyMap<Finding, string>): Promise<void> {
  const pullRequest = github.context.payload.pull_request;
  if (!pullRequest || !inputs.githubToken || inputs.comment === 'never') return;
  const { owner, repo } = github.context.repo;
  const marker = commentMarker(report.schema);
  try {
    const outcome = await upsertStickyComment({
      octokit: githubClient(inputs.githubToken),
      owner,
      repo,
      issueNumber: pullRequest.number,
      marker,
      body: renderComment(report, {
        repoUrl: `${github.context.serverUrl}/${owner}/${repo}`,
        sha: pullRequest.head?.sha ?? github.context.sha,
        marker,
        reviewLinks,
      }),
      mode: inputs.comment,
      failing: !report.ok,
    });
    if (outcome.action !== 'skipped' && outcome.action !== 'denied') core.info(`Pull request comment ${outcome.action}: ${outcome.url}`);
  } catch (error) {
    core.warning(`Could not update the pull request comment: ${error instanceof Error ? error.message : String(error)}`);
  }
}
