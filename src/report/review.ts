import { createHash } from 'node:crypto';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { parsePatch } from 'diff';
import type { Finding, Suggestion } from '../common/findings.js';
import type { Severity } from '../common/catalogue.js';
import { escapeMarkdown, fence, proseMarkdown, ruleLink } from './comment.js';
import { sizeLine } from '../analyse/sizes.js';
import type { Report } from './report.js';
import { githubClient, isHttpError, type Octokit } from './github.js';
import type { CommentMode } from './sticky.js';

/**
 * A review comment per finding on a line the pull request changes, with a committable suggestion where the
 * fix is mechanical. Comments are found again by a hidden marker that holds a hash of what they say (less
 * the numbers measured on the run), so a run on the same commit posts nothing, a finding that stays keeps its thread (and the replies in it), and
 * a finding that is gone takes its comment with it. Comments without our marker are never touched.
 */

/** GitHub documents no limit, but a review with hundreds of comments buries the conversation. */
export const MAX_REVIEW_COMMENTS = 25;

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'notice'];
const ICONS: Record<Severity, string> = { error: '🛑', warning: '⚠️', notice: 'ℹ️' };

/** The lines on the right side of each hunk of a file's diff, in order: the lines a review comment may be on. */
export type Hunks = number[][];

/** GitHub's `patch` of a file (hunks without file headers) as the lines of each hunk on the new side. */
export function hunksOf(patch: string | undefined): Hunks {
  if (!patch) return [];
  // parsePatch wants to know where a file starts; GitHub's patch is the hunks of one file only.
  const [file] = parsePatch(patch.startsWith('@@') ? `--- a\n+++ b\n${patch}` : patch);
  return (file?.hunks ?? []).map((hunk) => {
    const lines: number[] = [];
    let line = hunk.newStart;
    for (const text of hunk.lines) if (text.startsWith('+') || text.startsWith(' ')) lines.push(line++);
    return lines;
  });
}

/** Where a comment goes: one line, or the lines `startLine` to `line` of one hunk. */
export interface Placement {
  path: string;
  line: number;
  startLine?: number;
  /** Set when the comment covers the suggestion's lines exactly, so it can carry it. */
  suggestion?: Suggestion;
}

/**
 * A finding's place in the diff: the lines its suggestion replaces when they all lie in one hunk (which may
 * be in another file than the finding's line: a drift finding points at the migration and suggests the line
 * schema.prisma lacks), else its own line when that is in the diff, else none (it stays in the pull request
 * comment and the summary).
 */
export function placeFinding(finding: Finding, files: ReadonlyMap<string, Hunks>): Placement | undefined {
  const suggestion = finding.suggestion;
  if (suggestion) {
    const hunk = (files.get(suggestion.file) ?? []).find(
      (lines) => lines.includes(suggestion.startLine) && lines.includes(suggestion.endLine),
    );
    if (hunk) {
      return {
        path: suggestion.file,
        line: suggestion.endLine,
        ...(suggestion.startLine < suggestion.endLine ? { startLine: suggestion.startLine } : {}),
        suggestion,
      };
    }
  }
  const location = finding.location;
  if (!location) return undefined;
  return (files.get(location.file) ?? []).some((lines) => lines.includes(location.line))
    ? { path: location.file, line: location.line }
    : undefined;
}

/** The hidden first line of our review comments for one schema; the comment's key follows it. */
export function reviewMarker(schemaPath: string): string {
  return `<!-- prisma-drift-action:${schemaPath}:review`;
}

const KEY = /^:([0-9a-f]{16}) -->/;

/** What a review comment says about a finding, after its marker line. */
export function renderReviewBody(finding: Finding, placement: Placement): string {
  const parts = [`${ICONS[finding.severity]} **${proseMarkdown(finding.message)}** (${ruleLink(finding.rule)})`];
  // Production's sizes under the title, one line per environment, as in the pull request comment.
  if (finding.sizes?.length) parts.push(finding.sizes.map((size) => `- ${escapeMarkdown(sizeLine(size))}`).join('\n'));
  if (finding.hint) parts.push(proseMarkdown(finding.hint));
  if (placement.suggestion) parts.push(fence('suggestion', placement.suggestion.replacement).join('\n'));
  if (finding.patch) parts.push(`What changed since it was merged:\n\n${fence('diff', finding.patch.trimEnd()).join('\n')}`);
  return `${parts.join('\n\n')}\n`;
}

/**
 * Measured quantities in a message: a statement's time on the seeded rows, a table's rows and bytes. They
 * differ from run to run (timings) or from day to day (production's sizes) while the finding stays the same.
 */
const QUANTITY = /≈ ?[\d.,]+(?: ?(?:bn|k|M|bytes|kB|MB|GB|TB))?|\d[\d.,]* ?(?:bn|k|M|bytes|kB|MB|GB|TB|ms|s|min|h)\b/g;

/**
 * What identifies a comment: where it is and what it says, without the numbers measured on this run. A run
 * whose timings or sizes differ from the last one's keeps the comment instead of posting it again (the pull
 * request comment and the summary carry the current numbers); a finding that changes in any other way, a
 * warning raised to an error for instance, gets a new comment.
 */
function identity(finding: Finding, placement: Placement): string {
  const essence = JSON.stringify([
    placement.path,
    finding.rule,
    finding.severity,
    finding.object ?? null,
    finding.message.replace(QUANTITY, '#'),
    finding.hint ?? null,
    placement.suggestion?.replacement ?? null,
    finding.patch ?? null,
  ]);
  return createHash('sha256').update(essence).digest('hex').slice(0, 16);
}

export interface ExistingReviewComment {
  id: number;
  body: string;
  html_url: string;
  in_reply_to_id?: number;
}

export interface PlannedComment {
  finding: Finding;
  placement: Placement;
  key: string;
  body: string;
}

export interface ReviewPlan {
  /** New comments, most severe first, at most MAX_REVIEW_COMMENTS. */
  create: PlannedComment[];
  /** Findings whose comment is already there. */
  keep: { finding: Finding; comment: ExistingReviewComment }[];
  /** Our comments about findings that are gone; `replied` when people answered in the thread. */
  resolve: { comment: ExistingReviewComment; replied: boolean }[];
  /** Findings on changed lines left out of the review by the cap. */
  overflow: Finding[];
  /** Findings on no line of the diff. */
  outside: Finding[];
}

/**
 * What to post, keep and take back, from the findings, the pull request's files and the review comments
 * already on it. `post` is false when new comments are not wanted (a passing check in `on-failure` mode):
 * existing ones are still kept or taken back, so nothing stale stays on the diff.
 */
export function planReview(input: {
  findings: readonly Finding[];
  files: ReadonlyMap<string, Hunks>;
  existing: readonly ExistingReviewComment[];
  marker: string;
  post: boolean;
}): ReviewPlan {
  const ours = new Map<string, ExistingReviewComment>();
  for (const comment of input.existing) {
    // A reply or a quote is someone else's text even when it carries our marker.
    if (comment.in_reply_to_id !== undefined || !comment.body.startsWith(input.marker)) continue;
    const key = KEY.exec(comment.body.slice(input.marker.length))?.[1];
    if (key && !ours.has(key)) ours.set(key, comment);
  }

  const wanted = new Map<string, PlannedComment>();
  const outside: Finding[] = [];
  for (const finding of input.findings) {
    // Accepted findings need no one's attention on the diff; the pull request comment lists them.
    if (finding.waived || finding.baselined) continue;
    const placement = placeFinding(finding, input.files);
    if (!placement) {
      outside.push(finding);
      continue;
    }
    const key = identity(finding, placement);
    const body = `${input.marker}:${key} -->\n${renderReviewBody(finding, placement)}`;
    if (!wanted.has(key)) wanted.set(key, { finding, placement, key, body });
  }

  const keep = [...wanted.values()].flatMap(({ finding, key }) => {
    const comment = ours.get(key);
    return comment ? [{ finding, comment }] : [];
  });
  const fresh = [...wanted.values()]
    .filter(({ key }) => !ours.has(key))
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.finding.severity) - SEVERITY_ORDER.indexOf(b.finding.severity));
  const create = input.post ? fresh.slice(0, MAX_REVIEW_COMMENTS) : [];
  const resolve = [...ours]
    .filter(([key]) => !wanted.has(key))
    .map(([, comment]) => ({ comment, replied: input.existing.some((c) => c.in_reply_to_id === comment.id) }));
  return { create, keep, resolve, overflow: input.post ? fresh.slice(MAX_REVIEW_COMMENTS).map((p) => p.finding) : [], outside };
}

/** What an answered comment becomes once its finding is gone: the thread stays, marked as done. */
export function renderResolved(marker: string, comment: ExistingReviewComment, sha: string): string {
  const title = comment.body.split('\n')[1] ?? '';
  return `${marker}:resolved -->\n✅ No longer found at ${sha.slice(0, 7)}.\n\n~~${title.replace(/~~/g, '')}~~\n`;
}

export interface ReviewInput {
  octokit: Octokit;
  owner: string;
  repo: string;
  pullNumber: number;
  /** The pull request's head commit, which the comments are made on. */
  sha: string;
  /** Path of the schema, relative to the repository root: each schema keeps its own comments. */
  schema: string;
  findings: readonly Finding[];
  mode: CommentMode;
  failing: boolean;
}

export type ReviewOutcome =
  | {
      action: 'synced';
      created: number;
      kept: number;
      resolved: number;
      overflow: number;
      outside: number;
      /** The review comment of each finding that has one, for links from the pull request comment. */
      links: Map<Finding, string>;
    }
  | { action: 'skipped' }
  /** The token may not read or write review comments (fork pull requests, read-only tokens): warned, not thrown. */
  | { action: 'denied'; status: number };

/** Brings the pull request's review comments in line with the findings: one review per run, if any is new. */
export async function syncReview(input: ReviewInput): Promise<ReviewOutcome> {
  if (input.mode === 'never') return { action: 'skipped' };
  const { octokit, owner, repo } = input;
  const marker = reviewMarker(input.schema);

  try {
    const [files, existing] = await Promise.all([
      octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: input.pullNumber, per_page: 100 }),
      octokit.paginate(octokit.rest.pulls.listReviewComments, { owner, repo, pull_number: input.pullNumber, per_page: 100 }),
    ]);
    const plan = planReview({
      findings: input.findings,
      files: new Map(files.map((file) => [file.filename, hunksOf(file.patch)])),
      existing,
      marker,
      post: input.failing || input.mode === 'always',
    });

    for (const { comment, replied } of plan.resolve) {
      if (replied) {
        const body = renderResolved(marker, comment, input.sha);
        await octokit.rest.pulls.updateReviewComment({ owner, repo, comment_id: comment.id, body });
      } else {
        await octokit.rest.pulls.deleteReviewComment({ owner, repo, comment_id: comment.id });
      }
    }

    const links = new Map(plan.keep.map(({ finding, comment }) => [finding, comment.html_url]));
    if (plan.create.length) {
      const review = await octokit.rest.pulls.createReview({
        owner,
        repo,
        pull_number: input.pullNumber,
        commit_id: input.sha,
        event: 'COMMENT',
        body: reviewSummary(marker, plan),
        comments: plan.create.map(({ placement, body }) => ({
          path: placement.path,
          line: placement.line,
          side: 'RIGHT',
          ...(placement.startLine === undefined ? {} : { start_line: placement.startLine, start_side: 'RIGHT' }),
          body,
        })),
      });
      const posted = await octokit.paginate(octokit.rest.pulls.listCommentsForReview, {
        owner,
        repo,
        pull_number: input.pullNumber,
        review_id: review.data.id,
        per_page: 100,
      });
      for (const planned of plan.create) {
        const comment = posted.find((c) => c.body.startsWith(`${marker}:${planned.key} `));
        if (comment) links.set(planned.finding, comment.html_url);
      }
    }
    return {
      action: 'synced',
      created: plan.create.length,
      kept: plan.keep.length,
      resolved: plan.resolve.length,
      overflow: plan.overflow.length,
      outside: plan.outside.length,
      links,
    };
  } catch (error) {
    if (isHttpError(error) && (error.status === 403 || error.status === 404)) {
      core.warning(
        `Could not write the review comments (HTTP ${error.status}: ${error.message}). ` +
          'Pull requests from forks get a read-only token; otherwise grant the job `pull-requests: write`.',
      );
      return { action: 'denied', status: error.status };
    }
    throw error;
  }
}

/** The review's own text: what it holds and, when the cap left findings out, where they are. */
function reviewSummary(marker: string, plan: ReviewPlan): string {
  const count = plan.create.length;
  const lines = [
    `${marker} -->`,
    `**Prisma drift check**: ${count} finding${count === 1 ? '' : 's'} on lines this pull request changes. The pull request comment has the overview.`,
  ];
  if (plan.overflow.length) {
    lines.push(
      '',
      `${plan.overflow.length} more on changed lines ${plan.overflow.length === 1 ? 'is' : 'are'} not commented here (a review carries at most ${MAX_REVIEW_COMMENTS}): ` +
        plan.overflow.map((f) => `\`${f.rule}\` at ${escapeMarkdown(`${f.location!.file}:${f.location!.line}`)}`).join(', ') +
        '.',
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The review comments of the pull request the workflow runs for, from the action's context. Like the
 * sticky comment, a failure is a warning: the check's verdict is about the migrations, not the comments.
 * Returns the links for the pull request comment.
 */
export async function reviewPullRequest(
  report: Report,
  inputs: { reviewComments: CommentMode; githubToken?: string },
): Promise<Map<Finding, string>> {
  const pullRequest = github.context.payload.pull_request;
  if (!pullRequest || !inputs.githubToken || inputs.reviewComments === 'never') return new Map();
  try {
    const outcome = await syncReview({
      octokit: githubClient(inputs.githubToken),
      ...github.context.repo,
      pullNumber: pullRequest.number,
      sha: pullRequest.head?.sha ?? github.context.sha,
      schema: report.schema,
      findings: report.findings,
      mode: inputs.reviewComments,
      failing: !report.ok,
    });
    if (outcome.action !== 'synced') return new Map();
    core.info(
      `Review comments: ${outcome.created} new, ${outcome.kept} kept, ${outcome.resolved} taken back; ` +
        `${outcome.outside} findings are on lines the pull request does not change` +
        (outcome.overflow ? `, ${outcome.overflow} more over the limit of ${MAX_REVIEW_COMMENTS}` : '') +
        '.',
    );
    return outcome.links;
  } catch (error) {
    core.warning(`Could not update the review comments: ${error instanceof Error ? error.message : String(error)}`);
    return new Map();
  }
}
