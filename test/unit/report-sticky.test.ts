import * as github from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commentMarker, renderAllClear } from '../../src/report/comment.js';
import { upsertStickyComment, type CommentMode, type StickyComment } from '../../src/report/sticky.js';
import { startGitHubApi, type GitHubApi } from '../support/github-api.js';
import { localGitHubClient } from '../support/github-client.js';

const OWNER = 'acme';
const REPO = 'shop';
const PR = 7;
const MARKER = commentMarker('prisma/schema.prisma');

let api: GitHubApi;

beforeEach(async () => {
  api = await startGitHubApi();
});

afterEach(async () => {
  await api.close();
  // Every request the action made must be one GitHub documents, with parameters and body it accepts.
  expect(api.violations).toEqual([]);
});

function upsert(overrides: Partial<StickyComment> & { body?: string; mode?: CommentMode; failing?: boolean } = {}) {
  return upsertStickyComment({
    octokit: localGitHubClient(api.url),
    owner: OWNER,
    repo: REPO,
    issueNumber: PR,
    marker: MARKER,
    body: `${MARKER}\n❌ drift found`,
    mode: 'on-failure',
    failing: true,
    ...overrides,
  });
}

function stickies() {
  return api.comments.filter((c) => c.body.includes(MARKER));
}

function calls(operationId: string) {
  return api.requests.filter((r) => r.operationId === operationId).length;
}

describe('upsertStickyComment', () => {
  it('creates the comment on the first run and edits the same one on the next', async () => {
    const first = await upsert();
    expect(first.action).toBe('created');
    const second = await upsert({ body: `${MARKER}\n❌ drift found, twice` });
    expect(second).toMatchObject({ action: 'updated', commentId: (first as { commentId: number }).commentId });
    expect(stickies()).toHaveLength(1);
    expect(stickies()[0]?.body).toContain('twice');
  });

  it('turns the comment into an all-clear once the pull request is fixed', async () => {
    await upsert();
    const fixed = await upsert({ failing: false, body: `${MARKER}\n✅ passed` });
    expect(fixed.action).toBe('updated');
    expect(stickies().map((c) => c.body)).toEqual([renderAllClear(MARKER)]);
  });

  it('does not post on a passing run in on-failure mode', async () => {
    expect(await upsert({ failing: false })).toEqual({ action: 'skipped' });
    expect(calls('issues/create-comment')).toBe(0);
  });

  it('posts the full body on a passing run in always mode', async () => {
    expect((await upsert({ mode: 'always', failing: false, body: `${MARKER}\n✅ passed` })).action).toBe('created');
    expect(stickies()[0]?.body).toContain('✅ passed');
  });

  it('makes no request at all in never mode', async () => {
    expect(await upsert({ mode: 'never' })).toEqual({ action: 'skipped' });
    expect(api.requests).toEqual([]);
  });

  it('leaves an unchanged comment alone', async () => {
    await upsert();
    expect((await upsert()).action).toBe('unchanged');
    expect(calls('issues/update-comment')).toBe(0);
  });

  it('keeps one comment per schema', async () => {
    await upsert();
    const other = commentMarker('apps/admin/prisma/schema.prisma');
    await upsert({ marker: other, body: `${other}\n❌ admin drift` });
    await upsert({ marker: other, body: `${other}\n❌ admin drift again` });
    expect(api.comments.map((c) => c.body)).toEqual([`${MARKER}\n❌ drift found`, `${other}\n❌ admin drift again`]);
  });

  it('warns instead of failing when the token may not comment (403)', async () => {
    api.failNext('issues/create-comment', 'forbidden');
    expect(await upsert()).toEqual({ action: 'denied', status: 403 });
    expect(api.comments).toEqual([]);
    expect(calls('issues/create-comment')).toBe(1);
  });

  it('warns instead of failing when the pull request cannot be seen (404)', async () => {
    api.failNext('issues/list-comments', 'not-found');
    expect(await upsert()).toEqual({ action: 'denied', status: 404 });
  });

  it('retries a server error with backoff', async () => {
    api.failNext('issues/create-comment', 'server-error');
    const started = performance.now();
    // The first retry waits one unit of Octokit's backoff: a second on GitHub, a tenth of one here.
    expect((await upsert({ octokit: localGitHubClient(api.url, { retry: { retryAfterBaseValue: 100 } }) })).action).toBe('created');
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    expect(calls('issues/create-comment')).toBe(2);
    expect(stickies()).toHaveLength(1);
  });

  it('waits as long as a secondary rate limit asks before retrying', async () => {
    api.failNext('issues/update-comment', 'secondary-rate-limit', { retryAfterSeconds: 3 });
    await upsert();
    const started = performance.now();
    // GitHub's seconds as twentieths of a second here: three of them.
    const octokit = localGitHubClient(api.url, { throttle: { retryAfterBaseValue: 50 } });
    expect((await upsert({ octokit, body: `${MARKER}\n❌ changed` })).action).toBe('updated');
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    expect(calls('issues/update-comment')).toBe(2);
  });

  it('gives up after a bounded number of tries', async () => {
    api.failNext('issues/list-comments', 'server-error', { times: 10 });
    // Octokit's backoff (1, 4 and 9 s between tries), in milliseconds here.
    await expect(upsert({ octokit: localGitHubClient(api.url, { retry: { retryAfterBaseValue: 1 } }) })).rejects.toMatchObject({
      status: 500,
    });
    expect(calls('issues/list-comments')).toBe(4);
  });

  it('does not duplicate the comment when another job posts it between listing and creating', async () => {
    // The other job's comment lands right after this job's first look, whatever this job does next.
    let requests = 0;
    api.beforeRequest(() => {
      if (++requests === 2) api.addComment(OWNER, REPO, PR, `${MARKER}\nfrom the other job`);
    });
    const outcome = await upsert();
    expect(outcome.action).toBe('updated');
    expect(stickies()).toHaveLength(1);
    expect(stickies()[0]?.body).toBe(`${MARKER}\n❌ drift found`);
  });

  it('finds its comment beyond the first page of a long conversation', async () => {
    for (let i = 0; i < 130; i++) api.addComment(OWNER, REPO, PR, `comment ${i}`);
    api.addComment(OWNER, REPO, PR, `${MARKER}\nold report`);
    for (let i = 0; i < 20; i++) api.addComment(OWNER, REPO, PR, `later comment ${i}`);
    expect((await upsert()).action).toBe('updated');
    expect(stickies()).toHaveLength(1);
    expect(stickies()[0]?.body).toBe(`${MARKER}\n❌ drift found`);
    expect(calls('issues/list-comments')).toBe(2);
  });

  it('refuses a body without its marker, which could never be found again', async () => {
    await expect(upsert({ body: 'no marker' })).rejects.toThrow(/marker/);
  });
});

describe('the fake GitHub API', () => {
  it('records requests GitHub does not describe or would reject', async () => {
    const octokit = github.getOctokit('test-token', { baseUrl: api.url });
    await expect(octokit.request('GET /repos/{owner}/{repo}/no-such-thing', { owner: OWNER, repo: REPO })).rejects.toMatchObject({
      status: 404,
    });
    await expect(octokit.request('POST /repos/acme/shop/issues/1/comments', { text: 'hi' })).rejects.toMatchObject({ status: 422 });
    await expect(octokit.request('GET /repos/acme/shop/issues/comments/x')).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 1, body: 'x'.repeat(65_537) }),
    ).rejects.toMatchObject({ status: 422 });
    expect(api.violations.map((v) => v.problems)).toEqual([
      ['GET /repos/acme/shop/no-such-thing is not an operation GitHub describes'],
      ['body: missing required property body', 'body: property text is not described'],
      ['path parameter comment_id: expected an integer, got "x"'],
      ['Body is too long (maximum is 65536 characters)'],
    ]);
    api.violations.length = 0;
  });

  it('serves comments the way GitHub documents them', async () => {
    const octokit = github.getOctokit('test-token', { baseUrl: api.url });
    const created = await octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: PR, body: 'hello' });
    const fetched = await octokit.rest.issues.getComment({ owner: OWNER, repo: REPO, comment_id: created.data.id });
    expect(fetched.data).toEqual(created.data);
    await expect(octokit.rest.issues.getComment({ owner: OWNER, repo: REPO, comment_id: 1 })).rejects.toMatchObject({ status: 404 });
  });
});
