import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/corpus.js';
import { startGitHubApi, type GitHubApi } from '../support/github-api.js';
import { SERVER_URL } from '../support/pg.js';
import { runAction } from '../support/run-action.js';

/** A real `pull_request` webhook payload, as the runner writes it to GITHUB_EVENT_PATH. */
interface PullRequestPayload {
  pull_request: { number: number; head: { sha: string } };
  repository: { full_name: string };
}

function pullRequestEvent(): { payload: PullRequestPayload; name: string } {
  const examples = JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'node_modules/@octokit/webhooks-examples/api.github.com/index.json'), 'utf8'),
  ) as {
    name: string;
    examples: (PullRequestPayload & { action: string })[];
  }[];
  const opened = examples.find((event) => event.name === 'pull_request')!.examples.find((example) => example.action === 'opened')!;
  return { name: 'pull_request', payload: opened };
}

/** A throwaway checkout holding one fixture project, so a test can "fix" it between runs. */
function workspace(fixture: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-ws-'));
  cpSync(path.join(REPO_ROOT, 'fixtures', fixture), dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: dir });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'checkout');
  return dir;
}

describe('the bundled action on a pull request, against a contract-checked GitHub API', () => {
  let api: GitHubApi;
  beforeEach(async () => {
    api = await startGitHubApi();
  });
  afterEach(async () => {
    expect(api.violations).toEqual([]);
    await api.close();
  });

  function run(dir: string) {
    const event = pullRequestEvent();
    const { repository, pull_request: pullRequest } = event.payload;
    const [owner, repo] = repository.full_name.split('/') as [string, string];
    // The pull request adds the fixture's schema.prisma: every line of it is in the diff.
    const schema = readFileSync(path.join(dir, 'prisma/schema.prisma'), 'utf8').replace(/\n$/, '').split('\n');
    const patch = [`@@ -0,0 +1,${schema.length} @@`, ...schema.map((line) => `+${line}`)].join('\n');
    api.pushPullRequest(owner, repo, pullRequest.number, {
      sha: pullRequest.head.sha,
      files: [{ filename: 'prisma/schema.prisma', status: 'added', patch }],
    });
    return runAction(
      { 'database-url': SERVER_URL, 'github-token': 'ghs_test' },
      { workspace: dir, event, env: { GITHUB_API_URL: api.url, GITHUB_REPOSITORY: event.payload.repository.full_name } },
    );
  }

  it('creates one comment, keeps it current, and turns it into an all-clear after the fix', async () => {
    const dir = workspace('missing-migration');
    const first = await run(dir);
    expect(first.code, first.stdout).toBe(1);
    expect(api.comments).toHaveLength(1);
    const comment = api.comments[0]!;
    expect(comment.body).toContain('<!-- prisma-drift-action:prisma/schema.prisma -->');
    expect(comment.body).toContain('drift/missing-column');
    expect(comment.body).toContain('npx prisma migrate dev --name');
    // Annotations are workflow commands on stdout; the runner turns them into marks on the diff.
    expect(first.stdout).toMatch(/::error title=drift\/missing-column,file=prisma\/schema\.prisma,line=20,col=3::/);
    // The base commit of the example payload is not in this checkout: said, not failed on.
    expect(first.stdout).toContain('::warning::The base commit');

    // The finding's line is in the diff: a review comment on it, linked from the conversation comment.
    expect(api.reviewComments).toMatchObject([{ path: 'prisma/schema.prisma', line: 20, author: 'bot' }]);
    expect(api.reviewComments[0]!.body).toContain('drift/missing-column');
    expect(comment.body).toContain(`[review comment](https://github.com/`);
    expect(first.stdout).toContain('Review comments: 1 new, 0 kept, 0 taken back');

    const second = await run(dir);
    expect(second.code).toBe(1);
    expect(api.comments).toHaveLength(1);
    expect(api.comments[0]!.id).toBe(comment.id);
    expect(api.reviews).toHaveLength(1);
    expect(api.reviewComments).toHaveLength(1);

    cpSync(path.join(REPO_ROOT, 'fixtures/in-sync/prisma/schema.prisma'), path.join(dir, 'prisma/schema.prisma'));
    const fixed = await run(dir);
    expect(fixed.code, fixed.stdout).toBe(0);
    expect(api.comments).toHaveLength(1);
    expect(api.comments[0]!.body).toContain('passed');
    expect(api.comments[0]!.body).not.toContain('drift/missing-column');
    expect(api.reviewComments).toEqual([]);
  });

  it('posts nothing for a passing first run in on-failure mode', async () => {
    const result = await run(workspace('in-sync'));
    expect(result.code).toBe(0);
    expect(api.comments).toEqual([]);
  });

  it('keeps exit status and summary when the token may not comment (fork pull requests)', async () => {
    api.failNext('issues/create-comment', 'forbidden');
    api.failNext('pulls/create-review', 'forbidden');
    const result = await run(workspace('missing-migration'));
    expect(result.code).toBe(1);
    expect(api.comments).toEqual([]);
    expect(result.summary).toContain('drift/missing-column');
    expect(result.stdout).toContain('::warning::Could not write the pull request comment (HTTP 403');
    expect(result.stdout).toContain('::warning::Could not write the review comments (HTTP 403');
    expect(result.outputs.drift).toBe('true');
  });

  it('retries when GitHub has a passing outage', async () => {
    api.failNext('issues/create-comment', 'server-error');
    const result = await run(workspace('missing-migration'));
    expect(result.code).toBe(1);
    expect(api.comments).toHaveLength(1);
  });

  it('comments only on pull requests: a push runs the rest', async () => {
    const result = await runAction(
      { 'database-url': SERVER_URL, 'github-token': 'ghs_test' },
      {
        workspace: workspace('missing-migration'),
        event: { name: 'push', payload: { ref: 'refs/heads/main' } },
        env: { GITHUB_API_URL: api.url },
      },
    );
    expect(result.code).toBe(1);
    expect(api.requests).toEqual([]);
    expect(result.outputs.sarif).toBeTruthy();
    const sarif = JSON.parse(readFileSync(result.outputs.sarif!, 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toHaveLength(1);
  });
});
