import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/common/findings.js';
import type { Report } from '../../src/report/report.js';
import { syncReview, type ReviewOutcome } from '../../src/report/review.js';
import { REPO_ROOT } from '../support/corpus.js';
import { startGitHubApi, type GitHubApi, type StoredReviewComment } from '../support/github-api.js';
import { localGitHubClient } from '../support/github-client.js';
import { buildPullRequest, checkPullRequest, gitIn, pullRequestFiles } from '../support/pull-request.js';

/**
 * Review comments end to end: a pull request case checked on PostgreSQL, its real files and patches
 * served by the contract-checked GitHub API, suggestions committed the way GitHub commits them, and the
 * check run again on the result.
 */

const FIXTURES = path.join(REPO_ROOT, 'fixtures/pull-requests');
const OWNER = 'acme';
const REPO = 'shop';
const PR = 7;
const MIGRATION = 'prisma/migrations/20240201000000_profile/migration.sql';

const scratch = mkdtempSync(path.join(tmpdir(), 'review-comments-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let api: GitHubApi;
beforeEach(async () => {
  api = await startGitHubApi();
});
afterEach(async () => {
  await api.close();
  expect(api.violations).toEqual([]);
});

function openPullRequest(name: string): { repo: string; base: string } {
  const repo = mkdtempSync(path.join(scratch, `${name}-`));
  const base = buildPullRequest(path.join(FIXTURES, '_base'), path.join(FIXTURES, name), repo);
  return { repo, base };
}

/** Pushes the checkout's head to the pull request, checks it and brings the review comments up to date. */
async function run(repo: string, base: string): Promise<{ report: Report; outcome: ReviewOutcome }> {
  const head = gitIn(repo)('rev-parse', 'HEAD').trim();
  api.pushPullRequest(OWNER, REPO, PR, { sha: head, files: pullRequestFiles(repo, base, head) });
  const report = await checkPullRequest(repo, base);
  const outcome = await syncReview({
    octokit: localGitHubClient(api.url),
    owner: OWNER,
    repo: REPO,
    pullNumber: PR,
    sha: head,
    schema: report.schema,
    findings: report.findings,
    mode: 'on-failure',
    failing: !report.ok,
  });
  return { report, outcome };
}

/** What a reviewer's "Commit suggestion" does: the comment's lines become the suggestion block's. */
function commitSuggestion(repo: string, comment: StoredReviewComment): void {
  const block = /^(`{3,})suggestion\n([\s\S]*?)\n\1$/m.exec(comment.body);
  if (!block) throw new Error(`no suggestion in ${comment.body}`);
  const file = path.join(repo, comment.path);
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = comment.startLine ?? comment.line!;
  lines.splice(start - 1, comment.line! - start + 1, ...block[2]!.split('\n'));
  writeFileSync(file, lines.join('\n'));
  const git = gitIn(repo);
  git('commit', '-qam', 'Apply suggestion from code review');
}

const ruleOf = (comment: StoredReviewComment) => /\(\[`([a-z]+\/[a-z-]+)`\]\(/.exec(comment.body)?.[1];
const ours = () => api.reviewComments.filter((c) => c.author === 'bot');
const calls = (operationId: string) => api.requests.filter((r) => r.operationId === operationId).length;
const essence = (findings: readonly Finding[]) => findings.map((f) => `${f.rule} ${f.message}`).sort();

describe('review comments on a pull request', () => {
  it('comments on the lines, suggests the rename, repeats nothing and takes back what a push fixed', async () => {
    const { repo, base } = openPullRequest('rename-drop-and-index');

    const first = await run(repo, base);
    expect(first.outcome).toMatchObject({ action: 'synced', created: 4, kept: 0, resolved: 0, outside: 0 });
    expect(api.reviews).toHaveLength(1);
    expect(api.reviews[0]!.state).toBe('COMMENTED');
    const byRule = new Map(ours().map((c) => [ruleOf(c), c]));
    expect([...byRule.keys()].sort()).toEqual([
      'destructive/drop-column',
      'destructive/rename-as-drop-add',
      'lock/no-lock-timeout',
      'risk/index-without-concurrently',
    ]);

    // The rename covers its whole statement (lines 9-11) and replaces it, keeping the other drop.
    const rename = byRule.get('destructive/rename-as-drop-add')!;
    expect(rename).toMatchObject({ path: MIGRATION, startLine: 9, line: 11 });
    expect(rename.body).toContain(
      ['```suggestion', 'ALTER TABLE "User" RENAME COLUMN "name" TO "fullName";', 'ALTER TABLE "User" DROP COLUMN "score";', '```'].join(
        '\n',
      ),
    );
    expect(rename.body).toContain('expand and contract');
    expect(byRule.get('destructive/drop-column')).toMatchObject({ path: MIGRATION, startLine: null, line: 9 });
    // CREATE INDEX shares its file with the ALTER TABLE: CONCURRENTLY would fail there, so no suggestion.
    const index = byRule.get('risk/index-without-concurrently')!;
    expect(index).toMatchObject({ path: MIGRATION, line: 14 });
    expect(index.body).not.toContain('suggestion');
    expect(index.body).toContain(
      'move the statement into a migration of its own (`prisma migrate dev --create-only`) and add CONCURRENTLY there: the statements of this file run as one transaction',
    );
    // The links the pull request comment shows.
    expect([...(first.outcome as { links: Map<Finding, string> }).links.values()].every((url) => url.includes('#discussion_r'))).toBe(true);

    // People's comments: a thread of their own and a reply in ours.
    const person = api.addReviewComment(OWNER, REPO, PR, { path: MIGRATION, line: 14, body: 'Is this index needed?' });
    const reply = api.addReviewComment(OWNER, REPO, PR, {
      path: MIGRATION,
      line: 9,
      body: '`score` is unused since v2.',
      inReplyTo: byRule.get('destructive/drop-column')!.id,
    });

    const again = await run(repo, base);
    expect(again.outcome).toMatchObject({ action: 'synced', created: 0, kept: 4, resolved: 0 });
    expect(api.reviews).toHaveLength(1);
    expect(calls('pulls/create-review')).toBe(1);

    commitSuggestion(repo, rename);
    const fixed = await run(repo, base);
    // The suggestion fixed what it was about; what it brings is the notice that the running release still
    // uses the old name.
    const renamed = fixed.report.findings.filter((f) => f.rule === 'risk/rename-column');
    expect(essence(fixed.report.findings.filter((f) => !renamed.includes(f)))).toEqual(
      essence(first.report.findings.filter((f) => f.rule !== 'destructive/rename-as-drop-add')),
    );
    expect(renamed).toHaveLength(1);
    expect(fixed.outcome).toMatchObject({ action: 'synced', created: 1, kept: 3, resolved: 1 });
    expect(ours().map(ruleOf).sort()).toEqual([
      'destructive/drop-column',
      'lock/no-lock-timeout',
      'risk/index-without-concurrently',
      'risk/rename-column',
    ]);
    expect(api.reviewComments).toContainEqual(person);
    expect(api.reviewComments).toContainEqual(reply);
    // The rename notice is new, so it comes in a review of its own.
    expect(api.reviews).toHaveLength(2);
  });

  it.for([
    ['index-without-concurrently', 'risk/index-without-concurrently', 'CREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");', []],
    [
      'constraint-without-not-valid',
      'risk/constraint-without-not-valid',
      'ALTER TABLE "User" ADD CONSTRAINT "User_score_check" CHECK ("score" >= 0) NOT VALID;',
      [],
    ],
    [
      'foreign-key-without-not-valid',
      'risk/constraint-without-not-valid',
      'ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;',
      [],
    ],
    // The rename keeps the data; what remains is the notice that the running release still uses the old name.
    [
      'rename-as-drop-add',
      'destructive/rename-as-drop-add',
      'ALTER TABLE "User" RENAME COLUMN "name" TO "fullName";',
      ['risk/rename-column'],
    ],
    ['add-column-constant-default', 'lock/no-lock-timeout', "SET lock_timeout = '5s';\n-- AlterTable", []],
  ] as const)('%s: the suggestion, committed, fixes the finding and brings no other', async ([name, rule, replacement, brings]) => {
    const { repo, base } = openPullRequest(name);
    const before = await run(repo, base);
    const comment = ours().find((c) => ruleOf(c) === rule)!;
    expect(comment.body).toContain(`suggestion\n${replacement}\n`);

    commitSuggestion(repo, comment);
    const after = await run(repo, base);
    expect(after.report.findings.map((f) => f.rule)).not.toContain(rule);
    const earlier = new Set(essence(before.report.findings));
    expect(after.report.findings.filter((f) => !earlier.has(essence([f])[0]!)).map((f) => f.rule)).toEqual(brings);
    expect(ours().some((c) => ruleOf(c) === rule)).toBe(false);
  });

  it('suggests the schema.prisma lines the migration creates and the schema lacks, and each fixes its finding', async () => {
    const { repo, base } = openPullRequest('schema-lacks-index-and-field');
    const before = await run(repo, base);
    const schemaComments = () => ours().filter((c) => c.path === 'prisma/schema.prisma');
    // The pull request adds `bio` as the model's last field (line 20); the closing brace follows.
    expect(
      schemaComments()
        .map((c) => [ruleOf(c), c.startLine, c.line, /```suggestion\n([\s\S]*?)\n```/.exec(c.body)?.[1]])
        .sort(),
    ).toEqual([
      ['drift/extra-column', null, 20, '  bio   String?\n  nickname String? @db.VarChar(40)'],
      ['drift/extra-column', null, 20, '  bio   String?\n  visits Int    @default(0)'],
      ['drift/extra-index', null, 21, '\n  @@index([email])\n}'],
    ]);
    // The index build without CONCURRENTLY stays on the migration's line.
    expect(
      ours()
        .filter((c) => c.path === MIGRATION)
        .map(ruleOf)
        .sort(),
    ).toEqual(['lock/no-lock-timeout', 'risk/index-without-concurrently']);

    // Committed one after the other, as a reviewer would, each on the file as the previous one left it.
    let findings = before.report.findings;
    for (const rule of ['drift/extra-index', 'drift/extra-column', 'drift/extra-column']) {
      const comment = schemaComments().find((c) => ruleOf(c) === rule)!;
      const object = /`User\.(\w+)`|`(User_email_idx)`/.exec(comment.body)!.slice(1).find(Boolean)!;
      commitSuggestion(repo, comment);
      const after = await run(repo, base);
      // The finding it fixes is gone and nothing new appeared.
      expect(essence(after.report.findings)).toEqual(essence(findings).filter((f) => !(f.startsWith(rule) && f.includes(object))));
      expect(ours().some((c) => c.id === comment.id)).toBe(false);
      findings = after.report.findings;
    }
    expect(schemaComments()).toEqual([]);
    expect(readFileSync(path.join(repo, 'prisma/schema.prisma'), 'utf8')).toContain(
      '  posts Post[]\n  bio   String?\n  nickname String? @db.VarChar(40)\n  visits Int    @default(0)\n\n  @@index([email])\n}',
    );
  });

  it('shows what an edited migration changed, as a diff in its comment', async () => {
    const { repo, base } = openPullRequest('history-edited');
    await run(repo, base);
    const [comment] = ours();
    expect(comment).toMatchObject({ path: 'prisma/migrations/20240101000000_init/migration.sql', line: 15 });
    expect(comment!.body).toContain(['```diff', '--- a/prisma/migrations/20240101000000_init/migration.sql\tmerged'].join('\n'));
    expect(comment!.body).toContain('\n--- CreateTable\n+-- CreateTable: every post has an author\n');
  });
});
