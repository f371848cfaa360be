import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/common/findings.js';
import {
  hunksOf,
  MAX_REVIEW_COMMENTS,
  placeFinding,
  planReview,
  reviewMarker,
  syncReview,
  type ReviewInput,
} from '../../src/report/review.js';
import { startGitHubApi, type GitHubApi } from '../support/github-api.js';
import { localGitHubClient } from '../support/github-client.js';
import { finding } from '../support/report-fixture.js';

const OWNER = 'acme';
const REPO = 'shop';
const PR = 7;
const SHA = 'a'.repeat(40);
const FILE = 'prisma/migrations/20240201000000_change/migration.sql';
const MARKER = reviewMarker('prisma/schema.prisma');

/** A new 6-line migration, and an edit to schema.prisma in two hunks, as GitHub's `patch` fields have them. */
const NEW_FILE_PATCH =
  '@@ -0,0 +1,6 @@\n+-- AlterTable\n+ALTER TABLE "User" DROP COLUMN "name",\n+ADD COLUMN "fullName" TEXT;\n+\n+-- CreateIndex\n+CREATE INDEX "i" ON "User"("email");';
const SCHEMA_PATCH =
  '@@ -10,7 +10,7 @@ enum Role {\n model User {\n   id    Int     @id\n   email String\n-  name  String?\n+  fullName String?\n   role  Role\n   score Int\n }\n@@ -30,3 +30,4 @@ model Post {\n   title String\n   body  String?\n+  tags  String[]\n }\n\\ No newline at end of file';

const at = (file: string, line: number) => ({ file, line, column: 1 });
const rename = finding('destructive/rename-as-drop-add', 'Drops column "name" and adds "fullName".', {
  location: at(FILE, 2),
  suggestion: { file: FILE, startLine: 2, endLine: 3, replacement: 'ALTER TABLE "User" RENAME COLUMN "name" TO "fullName";' },
});
const index = finding('risk/index-without-concurrently', 'Creates index "i" without CONCURRENTLY.', {
  severity: 'warning',
  location: at(FILE, 6),
});

describe('hunksOf', () => {
  it("lists the new side's lines of each hunk, context included", () => {
    expect(hunksOf(NEW_FILE_PATCH)).toEqual([[1, 2, 3, 4, 5, 6]]);
    expect(hunksOf(SCHEMA_PATCH)).toEqual([
      [10, 11, 12, 13, 14, 15, 16],
      [30, 31, 32, 33],
    ]);
    // A binary or too-large file comes without a patch.
    expect(hunksOf(undefined)).toEqual([]);
  });
});

describe('placeFinding', () => {
  const files = new Map([
    [FILE, hunksOf(NEW_FILE_PATCH)],
    ['prisma/schema.prisma', hunksOf(SCHEMA_PATCH)],
  ]);

  it('covers the lines of the suggestion when they are in one hunk', () => {
    expect(placeFinding(rename, files)).toEqual({ path: FILE, startLine: 2, line: 3, suggestion: rename.suggestion });
    expect(placeFinding(index, files)).toEqual({ path: FILE, line: 6 });
  });

  it("keeps to the finding's own line when the suggestion would cross hunks, and leaves out lines outside the diff", () => {
    const across = finding('drift/extra-column', 'x', {
      location: at('prisma/schema.prisma', 16),
      suggestion: { file: 'prisma/schema.prisma', startLine: 16, endLine: 30, replacement: '' },
    });
    expect(placeFinding(across, files)).toEqual({ path: 'prisma/schema.prisma', line: 16 });
    expect(placeFinding(finding('drift/missing-column', 'x', { location: at('prisma/schema.prisma', 20) }), files)).toBeUndefined();
    expect(placeFinding(finding('drift/missing-column', 'x', { location: at('prisma/other.prisma', 1) }), files)).toBeUndefined();
    expect(placeFinding(finding('history/lock-missing', 'x'), files)).toBeUndefined();
  });
});

describe('planReview', () => {
  const files = new Map([[FILE, hunksOf(NEW_FILE_PATCH)]]);
  const plan = (findings: Finding[], existing: Parameters<typeof planReview>[0]['existing'] = [], post = true) =>
    planReview({ findings, files, existing, marker: MARKER, post });

  it('comments on each finding in the diff once, and not on accepted ones', () => {
    const waived = { ...index, waived: { reason: 'small table' } };
    const result = plan([index, rename, rename, waived, finding('drift/missing-table', 'x')]);
    expect(result.create.map((c) => c.finding)).toEqual([rename, index]);
    expect(result.outside).toHaveLength(1);
    expect(result.create[0]!.body.startsWith(`${MARKER}:${result.create[0]!.key} -->\n🛑 **`)).toBe(true);
  });

  it("keeps our comments that still say the same, takes back the rest, and ignores everyone else's", () => {
    const [kept, gone] = plan([rename, index]).create.map((c, i) => ({ id: i + 1, body: c.body, html_url: `u${i}` }));
    const quoted = { id: 10, body: `> ${gone!.body}`, html_url: 'q' };
    const reply = { id: 11, body: gone!.body, html_url: 'r', in_reply_to_id: 5 };
    const result = plan([rename], [kept!, gone!, quoted, reply]);
    expect(result.create).toEqual([]);
    expect(result.keep).toEqual([{ finding: rename, comment: kept }]);
    expect(result.resolve).toEqual([{ comment: gone, replied: false }]);
  });

  it('keeps a comment whose finding differs only in the numbers measured on this run', () => {
    const size = {
      environment: 'production',
      table: 'public.User',
      rows: 3_000_000,
      bytes: 214_867_968,
      analysed: true,
      writesPerMinute: 18_253.5,
    };
    const lock = (ms: string, rows: number, severity: Finding['severity'] = 'warning') =>
      finding(
        'lock/access-exclusive',
        `Takes ACCESS EXCLUSIVE on \`"User"\` and rewrites it (${ms} ms on the seeded rows). In \`production\` the table holds ≈ ${rows / 1e6} M rows, 205 MB.`,
        {
          severity,
          location: at(FILE, 2),
          object: { kind: 'table', schema: 'public', name: 'User' },
          sizes: [{ ...size, rows }],
        },
      );
    const [first] = plan([lock('67.7', 3_000_000)]).create;
    expect(first!.body).toContain('\n\n- production: ≈ 3 M rows, 205 MB, ≈ 18.3 k writes/min\n');
    const existing = [{ id: 1, body: first!.body, html_url: 'u' }];
    expect(plan([lock('71.2', 3_100_000)], existing)).toMatchObject({ create: [], keep: [{ comment: existing[0] }], resolve: [] });
    // Anything else that changes is a new finding to a reviewer: here, raised to an error.
    expect(plan([lock('67.7', 3_000_000, 'error')], existing)).toMatchObject({
      create: [{ key: expect.any(String) }],
      resolve: [{ comment: existing[0] }],
    });
  });

  it('posts nothing new when told not to, but still takes back what is gone', () => {
    const [gone] = plan([index]).create.map((c) => ({ id: 1, body: c.body, html_url: 'u' }));
    const result = plan([rename], [gone!], false);
    expect(result.create).toEqual([]);
    expect(result.resolve).toHaveLength(1);
  });

  it('caps a review, the most severe first', () => {
    const many = Array.from({ length: MAX_REVIEW_COMMENTS + 3 }, (_, i) =>
      finding('risk/index-without-concurrently', `notice ${i}`, { severity: i < 3 ? 'notice' : 'error', location: at(FILE, 6) }),
    );
    const result = plan(many);
    expect(result.create).toHaveLength(MAX_REVIEW_COMMENTS);
    expect(result.create.every((c) => c.finding.severity === 'error')).toBe(true);
    expect(result.overflow.map((f) => f.message)).toEqual(['notice 0', 'notice 1', 'notice 2']);
  });
});

describe('syncReview against the contract-checked GitHub API', () => {
  let api: GitHubApi;
  beforeEach(async () => {
    api = await startGitHubApi();
    api.pushPullRequest(OWNER, REPO, PR, { sha: SHA, files: [{ filename: FILE, status: 'added', patch: NEW_FILE_PATCH }] });
  });
  afterEach(async () => {
    await api.close();
    expect(api.violations).toEqual([]);
  });

  const sync = (overrides: Partial<ReviewInput> = {}) =>
    syncReview({
      octokit: localGitHubClient(api.url),
      owner: OWNER,
      repo: REPO,
      pullNumber: PR,
      sha: SHA,
      schema: 'prisma/schema.prisma',
      findings: [rename, index],
      mode: 'on-failure',
      failing: true,
      ...overrides,
    });

  it("is checked against GitHub's description of a review: the contract bites on a payload GitHub rejects", async () => {
    const octokit = localGitHubClient(api.url);
    const review = (comment: Record<string, unknown>) =>
      octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        owner: OWNER,
        repo: REPO,
        pull_number: PR,
        commit_id: SHA,
        event: 'COMMENT',
        body: 'Prisma drift check',
        comments: [{ path: FILE, body: 'x', ...comment }],
      });
    // Outside the description: a line that is not an integer.
    await expect(review({ line: '3', side: 'RIGHT' })).rejects.toMatchObject({ status: 422 });
    expect(api.violations.map((v) => v.problems)).toEqual([['body.comments[0].line: expected integer, got string']]);
    // Within it, but refused by GitHub all the same (answered 422 as GitHub answers, not a contract violation).
    for (const [comment, message] of [
      [{ line: 9, side: 'RIGHT' }, 'Pull request review thread line must be part of the diff'],
      [{ line: 2, start_line: 3, side: 'RIGHT', start_side: 'RIGHT' }, 'start_line must precede the end line.'],
    ] as const) {
      await expect(review(comment)).rejects.toMatchObject({ status: 422, response: { data: { errors: [message] } } });
    }
    expect(api.violations).toHaveLength(1);
    api.violations.length = 0;
    // What syncReview sends for a suggestion over lines 2-3 passes the same checks.
    await sync();
    expect(api.requests.find((r) => r.operationId === 'pulls/create-review' && r.status === 200)?.body).toMatchObject({
      comments: [
        { path: FILE, start_line: 2, start_side: 'RIGHT', line: 3, side: 'RIGHT', body: expect.stringContaining('```suggestion\n') },
        { line: 6 },
      ],
    });
  });

  it('makes no request at all in never mode', async () => {
    expect(await sync({ mode: 'never' })).toEqual({ action: 'skipped' });
    expect(api.requests).toEqual([]);
  });

  it('posts nothing for a passing check in on-failure mode, and everything in always mode', async () => {
    expect(await sync({ failing: false })).toMatchObject({ action: 'synced', created: 0 });
    expect(api.reviews).toEqual([]);
    expect(await sync({ failing: false, mode: 'always' })).toMatchObject({ action: 'synced', created: 2 });
  });

  it('keeps a thread people answered, marked as fixed, instead of deleting it', async () => {
    await sync();
    const comment = api.reviewComments.find((c) => c.body.includes('rename-as-drop-add'))!;
    api.addReviewComment(OWNER, REPO, PR, { path: FILE, line: 3, body: 'It is a rename indeed.', inReplyTo: comment.id });
    expect(await sync({ findings: [index] })).toMatchObject({ action: 'synced', created: 0, kept: 1, resolved: 1 });
    expect(comment.body).toMatch(new RegExp(`^${MARKER}:resolved -->\\n✅ No longer found at aaaaaaa\\.\\n\\n~~🛑 \\*\\*Drops column`));
    // A resolved thread is not ours to manage any more: the next run leaves it alone.
    expect(await sync({ findings: [index] })).toMatchObject({ created: 0, kept: 1, resolved: 0 });
  });

  it('waits a second between writes, as GitHub asks of integrations', async () => {
    await sync();
    const deletes: number[] = [];
    api.beforeRequest((operationId) => {
      if (operationId === 'pulls/delete-review-comment') deletes.push(performance.now());
    });
    await sync({ findings: [], octokit: localGitHubClient(api.url, { githubSpacing: true }) });
    expect(api.reviewComments).toEqual([]);
    expect(deletes).toHaveLength(2);
    // Octokit spaces the sends a second apart; the server sees them a little closer when the first one was
    // slower to arrive.
    expect(deletes[1]! - deletes[0]!).toBeGreaterThanOrEqual(900);
  });

  it('says so in the review when the cap left findings out', async () => {
    const many = Array.from({ length: MAX_REVIEW_COMMENTS + 2 }, (_, i) =>
      finding('risk/index-without-concurrently', `index ${i}`, { severity: 'warning', location: at(FILE, 6) }),
    );
    await sync({ findings: many });
    expect(api.reviewComments).toHaveLength(MAX_REVIEW_COMMENTS);
    expect(api.reviews[0]!.body).toContain(
      `2 more on changed lines are not commented here (a review carries at most ${MAX_REVIEW_COMMENTS})`,
    );
  });

  it('is a warning, not a failure, when the token may not review (fork pull requests)', async () => {
    api.failNext('pulls/create-review', 'forbidden');
    expect(await sync()).toEqual({ action: 'denied', status: 403 });
    expect(api.reviewComments).toEqual([]);
  });

  it('retries after a secondary rate limit', async () => {
    api.failNext('pulls/create-review', 'secondary-rate-limit', { retryAfterSeconds: 2 });
    const started = performance.now();
    // GitHub's seconds as twentieths of a second here.
    expect(await sync({ octokit: localGitHubClient(api.url, { throttle: { retryAfterBaseValue: 50 } }) })).toMatchObject({
      action: 'synced',
      created: 2,
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    expect(api.requests.filter((r) => r.operationId === 'pulls/create-review')).toHaveLength(2);
  });
});
