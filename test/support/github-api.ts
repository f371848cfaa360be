import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parsePatch } from 'diff';
import { coerceParameter, matchOperation, validateSchema, type Operation, type Schema } from './openapi.js';

/**
 * A local stand-in for api.github.com that keeps issue comments, pull requests' files and review comments
 * in memory. Every request is checked against
 * GitHub's published OpenAPI description: an undescribed operation, a bad path or query parameter or a body
 * outside the operation's schema is recorded in `violations` and answered 4xx, and every response the fake
 * sends is checked against the described response schema too, so the fake cannot drift from GitHub either.
 */

export interface StoredComment {
  id: number;
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** A file of a pull request as `GET /pulls/{n}/files` lists it; `patch` is git's diff without its headers. */
export interface PullRequestFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  patch?: string;
}

export interface StoredReviewComment {
  id: number;
  owner: string;
  repo: string;
  pullNumber: number;
  reviewId: number | null;
  path: string;
  /** Null once a push changed the lines it was on (GitHub calls it outdated). */
  line: number | null;
  startLine: number | null;
  originalLine: number;
  originalStartLine: number | null;
  commitId: string;
  originalCommitId: string;
  diffHunk: string;
  body: string;
  inReplyTo?: number;
  author: 'bot' | 'person';
  createdAt: string;
  updatedAt: string;
}

export interface StoredReview {
  id: number;
  owner: string;
  repo: string;
  pullNumber: number;
  commitId: string;
  body: string;
  state: 'COMMENTED' | 'APPROVED' | 'CHANGES_REQUESTED';
}

export interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  operationId: string | null;
  body: unknown;
  status: number;
}

export interface Violation {
  method: string;
  url: string;
  problems: string[];
}

/** How an injected failure answers: GitHub's status and body for each case. */
export type Failure = 'forbidden' | 'not-found' | 'server-error' | 'secondary-rate-limit';

export interface GitHubApi {
  /** Base URL to hand to Octokit as `baseUrl`. */
  url: string;
  requests: RecordedRequest[];
  violations: Violation[];
  comments: StoredComment[];
  /** Answers the next `times` requests of `operationId` (e.g. `issues/create-comment`) with `failure`. */
  failNext(operationId: string, failure: Failure, options?: { times?: number; retryAfterSeconds?: number }): void;
  /** Runs `hook` before each request is served, e.g. to let "another job" write a comment mid-flight. */
  beforeRequest(hook: (operationId: string | null) => void): void;
  /** Adds a comment as if someone else had written it. */
  addComment(owner: string, repo: string, issueNumber: number, body: string): StoredComment;
  reviews: StoredReview[];
  reviewComments: StoredReviewComment[];
  /**
   * Opens the pull request, or pushes to it: its head commit and the files it changes. As on GitHub, review
   * comments on lines the new diff no longer has become outdated.
   */
  pushPullRequest(owner: string, repo: string, pullNumber: number, head: { sha: string; files: PullRequestFile[] }): void;
  /** A review comment written by a person, or a person's reply to a thread. */
  addReviewComment(
    owner: string,
    repo: string,
    pullNumber: number,
    comment: { path: string; line: number; body: string; inReplyTo?: number },
  ): StoredReviewComment;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';
/** GitHub's limit on comment bodies, which the OpenAPI description does not state. */
const MAX_COMMENT_CHARACTERS = 65_536;

export async function startGitHubApi(): Promise<GitHubApi> {
  const requests: RecordedRequest[] = [];
  const violations: Violation[] = [];
  const comments: StoredComment[] = [];
  const reviews: StoredReview[] = [];
  const reviewComments: StoredReviewComment[] = [];
  const pulls = new Map<string, { sha: string; files: PullRequestFile[] }>();
  const failures = new Map<string, { failure: Failure; remaining: number; retryAfterSeconds: number }[]>();
  const hooks: ((operationId: string | null) => void)[] = [];
  let nextId = 1000;
  let clock = Date.parse('2024-01-01T00:00:00Z');
  let baseUrl = '';

  function now(): string {
    clock += 1000;
    return new Date(clock).toISOString().replace(/\.\d+Z$/, 'Z');
  }

  function addComment(owner: string, repo: string, issueNumber: number, body: string): StoredComment {
    const at = now();
    const comment = { id: nextId++, owner: owner.toLowerCase(), repo: repo.toLowerCase(), issueNumber, body, createdAt: at, updatedAt: at };
    comments.push(comment);
    return comment;
  }

  function toResource(c: StoredComment): Record<string, unknown> {
    return {
      id: c.id,
      node_id: Buffer.from(`IssueComment${c.id}`).toString('base64'),
      url: `${baseUrl}/repos/${c.owner}/${c.repo}/issues/comments/${c.id}`,
      html_url: `https://github.com/${c.owner}/${c.repo}/pull/${c.issueNumber}#issuecomment-${c.id}`,
      issue_url: `${baseUrl}/repos/${c.owner}/${c.repo}/issues/${c.issueNumber}`,
      body: c.body,
      user: BOT_USER,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: 'NONE',
    };
  }

  function takeFailure(operationId: string) {
    const queue = failures.get(operationId);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    if (--head.remaining <= 0) queue.shift();
    return head;
  }

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => serve(req, res, raw))
      .catch((error: unknown) => send(res, 500, { message: `the fake failed: ${String(error)}` }));
  });

  function serve(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', baseUrl);
    const matched = matchOperation(method, url.pathname);
    const record: RecordedRequest = {
      method,
      url: req.url ?? '/',
      operationId: matched?.operation.operationId ?? null,
      body: undefined,
      status: 0,
    };
    requests.push(record);
    for (const hook of hooks) hook(record.operationId);

    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      if (matched) checkResponse(matched.operation, status, body, method, record.url);
      send(res, status, body, headers);
    };

    if (!matched) {
      violations.push({ method, url: record.url, problems: [`${method} ${url.pathname} is not an operation GitHub describes`] });
      reply(404, { message: 'Not Found', documentation_url: DOCS });
      return;
    }
    const { operation } = matched;
    const checked = checkRequest(operation, matched.pathParams, url.searchParams, req.headers['content-type'], raw);
    record.body = checked.body;
    if (checked.problems.length) {
      violations.push({ method, url: record.url, problems: checked.problems });
      reply(422, validationFailed(operation, checked.problems));
      return;
    }

    const failure = takeFailure(operation.operationId);
    if (failure) {
      const [status, body, headers] = failureResponse(failure.failure, failure.retryAfterSeconds);
      reply(status, body, headers);
      return;
    }

    const sent = checked.body as { body?: unknown; comments?: { body?: unknown }[] } | undefined;
    const texts = [sent?.body, ...(sent?.comments ?? []).map((c) => c.body)];
    if (texts.some((text) => typeof text === 'string' && [...text].length > MAX_COMMENT_CHARACTERS)) {
      const problem = `Body is too long (maximum is ${MAX_COMMENT_CHARACTERS} characters)`;
      violations.push({ method, url: record.url, problems: [problem] });
      reply(422, {
        message: 'Validation Failed',
        documentation_url: DOCS,
        errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: problem }],
      });
      return;
    }

    const handler = HANDLERS[operation.operationId];
    if (!handler) {
      violations.push({ method, url: record.url, problems: [`the fake does not implement ${operation.operationId}`] });
      reply(501, { message: `not implemented by the fake: ${operation.operationId}`, documentation_url: DOCS });
      return;
    }
    const [status, body, headers] = handler(checked.params, checked.body, url);
    reply(status, body, headers);
  }

  function checkResponse(operation: Operation, status: number, body: unknown, method: string, url: string): void {
    const schema = operation.responses[String(status)]?.content?.['application/json']?.schema;
    if (!schema) return;
    const problems = validateSchema(schema, body);
    if (problems.length) violations.push({ method, url, problems: problems.map((p) => `the fake's ${status} response: ${p}`) });
  }

  /**
   * GitHub's 422 body for a request it cannot accept, in the shape the operation declares: most describe the
   * errors as objects, some (reviews among them) as plain messages.
   */
  function validationFailed(operation: Operation, problems: string[]): unknown {
    const detailed = {
      message: 'Validation Failed',
      documentation_url: DOCS,
      errors: problems.map((p) => ({ code: 'invalid', message: p })),
    };
    const schema = operation.responses['422']?.content?.['application/json']?.schema;
    return !schema || !validateSchema(schema, detailed).length ? detailed : { ...detailed, errors: problems };
  }

  type Result = [status: number, body: unknown, headers?: Record<string, string>];
  type Params = Record<string, unknown>;

  function issueComments(p: Params): StoredComment[] {
    return comments.filter(
      (c) => c.owner === String(p.owner).toLowerCase() && c.repo === String(p.repo).toLowerCase() && c.issueNumber === p.issue_number,
    );
  }

  function repoComment(p: Params): StoredComment | undefined {
    return comments.find(
      (c) => c.id === p.comment_id && c.owner === String(p.owner).toLowerCase() && c.repo === String(p.repo).toLowerCase(),
    );
  }

  const notFound: Result = [404, { message: 'Not Found', documentation_url: DOCS, status: '404' }];

  /** One page of `all` as GitHub pages lists: `per_page` (at most 100) and `page`, with a `link` header. */
  function paginated(all: unknown[], p: Params, url: URL): Result {
    const perPage = Math.min(Math.max(Number(p.per_page ?? 30), 1), 100);
    const page = Math.max(Number(p.page ?? 1), 1);
    const last = Math.max(Math.ceil(all.length / perPage), 1);
    const pageUrl = (n: number) => {
      const next = new URL(url.pathname, baseUrl);
      url.searchParams.forEach((value, key) => next.searchParams.set(key, value));
      next.searchParams.set('per_page', String(perPage));
      next.searchParams.set('page', String(n));
      return `<${next}>; rel`;
    };
    const links = [
      ...(page < last ? [`${pageUrl(page + 1)}="next"`, `${pageUrl(last)}="last"`] : []),
      ...(page > 1 ? [`${pageUrl(1)}="first"`, `${pageUrl(page - 1)}="prev"`] : []),
    ];
    const headers: Record<string, string> = links.length ? { link: links.join(', ') } : {};
    return [200, all.slice((page - 1) * perPage, page * perPage), headers];
  }

  const pullKey = (owner: unknown, repo: unknown, pullNumber: unknown) =>
    `${String(owner).toLowerCase()}/${String(repo).toLowerCase()}#${String(pullNumber)}`;

  function pullComments(p: Params): StoredReviewComment[] {
    return reviewComments.filter((c) => pullKey(c.owner, c.repo, c.pullNumber) === pullKey(p.owner, p.repo, p.pull_number));
  }

  function repoReviewComment(p: Params): StoredReviewComment | undefined {
    return reviewComments.find(
      (c) => c.id === p.comment_id && c.owner === String(p.owner).toLowerCase() && c.repo === String(p.repo).toLowerCase(),
    );
  }

  function toReviewComment(c: StoredReviewComment): Record<string, unknown> {
    const url = `${baseUrl}/repos/${c.owner}/${c.repo}/pulls/comments/${c.id}`;
    const htmlUrl = `https://github.com/${c.owner}/${c.repo}/pull/${c.pullNumber}#discussion_r${c.id}`;
    const pullUrl = `${baseUrl}/repos/${c.owner}/${c.repo}/pulls/${c.pullNumber}`;
    return {
      url,
      pull_request_review_id: c.reviewId,
      id: c.id,
      node_id: Buffer.from(`PullRequestReviewComment${c.id}`).toString('base64'),
      diff_hunk: c.diffHunk,
      path: c.path,
      // GitHub sends no position and no line for a comment a push made outdated.
      ...(c.line === null ? {} : { position: 1, line: c.line, start_line: c.startLine, start_side: c.startLine === null ? null : 'RIGHT' }),
      original_position: 1,
      original_line: c.originalLine,
      original_start_line: c.originalStartLine,
      commit_id: c.commitId,
      original_commit_id: c.originalCommitId,
      ...(c.inReplyTo === undefined ? {} : { in_reply_to_id: c.inReplyTo }),
      user: c.author === 'bot' ? BOT_USER : PERSON,
      body: c.body,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      html_url: htmlUrl,
      pull_request_url: pullUrl,
      author_association: c.author === 'bot' ? 'NONE' : 'MEMBER',
      _links: { self: { href: url }, html: { href: htmlUrl }, pull_request: { href: pullUrl } },
      side: 'RIGHT',
      subject_type: 'line',
    };
  }

  function toReview(r: StoredReview): Record<string, unknown> {
    const htmlUrl = `https://github.com/${r.owner}/${r.repo}/pull/${r.pullNumber}#pullrequestreview-${r.id}`;
    const pullUrl = `${baseUrl}/repos/${r.owner}/${r.repo}/pulls/${r.pullNumber}`;
    return {
      id: r.id,
      node_id: Buffer.from(`PullRequestReview${r.id}`).toString('base64'),
      user: BOT_USER,
      body: r.body,
      state: r.state,
      html_url: htmlUrl,
      pull_request_url: pullUrl,
      _links: { html: { href: htmlUrl }, pull_request: { href: pullUrl } },
      submitted_at: now(),
      commit_id: r.commitId,
      author_association: 'NONE',
    };
  }

  /** Right-side line numbers of each hunk of a file's patch: the lines a review comment may be on. */
  function hunksOf(file: PullRequestFile | undefined): { lines: number[]; text: string }[] {
    if (!file?.patch) return [];
    return parsePatch(file.patch)[0]!.hunks.map((hunk) => {
      const lines: number[] = [];
      let line = hunk.newStart;
      for (const text of hunk.lines) {
        if (text.startsWith('-') || text.startsWith('\\')) continue;
        lines.push(line++);
      }
      const header = `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`;
      return { lines, text: [header, ...hunk.lines].join('\n') };
    });
  }

  /** GitHub's checks on a review comment's place, with its messages; null when the place is fine. */
  function placeProblem(
    pull: { files: PullRequestFile[] },
    c: { path: string; line?: number; start_line?: number; side?: string; start_side?: string; position?: number },
  ): string | null {
    if (c.position !== undefined) return 'the fake expects comments placed by line, not by the closing-down position';
    if (c.line === undefined) return 'line is required';
    if ((c.side ?? 'RIGHT') !== 'RIGHT' || (c.start_side !== undefined && c.start_side !== 'RIGHT'))
      return 'the fake only knows the RIGHT side';
    const file = pull.files.find((f) => f.filename === c.path);
    if (!file) return 'Path could not be resolved';
    const hunk = hunksOf(file).find((h) => h.lines.includes(c.line!));
    if (!hunk) return 'Pull request review thread line must be part of the diff';
    if (c.start_line !== undefined) {
      if (c.start_line >= c.line) return 'start_line must precede the end line.';
      if (!hunk.lines.includes(c.start_line)) return 'Pull request review thread start line must be part of the same hunk as the line.';
    }
    return null;
  }

  function unprocessable(problems: string[]): Result {
    return [422, { message: 'Unprocessable Entity', errors: problems, documentation_url: DOCS, status: '422' }];
  }

  const HANDLERS: Record<string, (params: Params, body: any, url: URL) => Result> = {
    'issues/list-comments': (p, _body, url) => {
      const since = typeof p.since === 'string' ? Date.parse(p.since) : -Infinity;
      const all = issueComments(p)
        .filter((c) => Date.parse(c.updatedAt) >= since)
        .sort((a, b) => a.id - b.id);
      return paginated(all.map(toResource), p, url);
    },
    'issues/create-comment': (p, body: { body: string }) => {
      const comment = addComment(String(p.owner), String(p.repo), p.issue_number as number, body.body);
      const resource = toResource(comment);
      return [201, resource, { location: String(resource.url) }];
    },
    'issues/get-comment': (p) => {
      const comment = repoComment(p);
      return comment ? [200, toResource(comment)] : notFound;
    },
    'issues/update-comment': (p, body: { body: string }) => {
      const comment = repoComment(p);
      if (!comment) return notFound;
      comment.body = body.body;
      comment.updatedAt = now();
      return [200, toResource(comment)];
    },
    'pulls/list-files': (p, _body, url) => {
      const pull = pulls.get(pullKey(p.owner, p.repo, p.pull_number));
      if (!pull) return notFound;
      const files = pull.files.map((f) => {
        const lines = f.patch?.split('\n') ?? [];
        const additions = lines.filter((l) => l.startsWith('+')).length;
        const deletions = lines.filter((l) => l.startsWith('-')).length;
        const blob = `https://github.com/${String(p.owner)}/${String(p.repo)}/blob/${pull.sha}/${f.filename}`;
        return {
          sha: pull.sha,
          filename: f.filename,
          status: f.status,
          additions,
          deletions,
          changes: additions + deletions,
          blob_url: blob,
          raw_url: blob.replace('/blob/', '/raw/'),
          contents_url: `${baseUrl}/repos/${String(p.owner)}/${String(p.repo)}/contents/${f.filename}?ref=${pull.sha}`,
          ...(f.patch === undefined ? {} : { patch: f.patch }),
        };
      });
      return paginated(files, p, url);
    },
    'pulls/list-review-comments': (p, _body, url) => {
      if (!pulls.has(pullKey(p.owner, p.repo, p.pull_number))) return notFound;
      return paginated(
        pullComments(p)
          .sort((a, b) => a.id - b.id)
          .map(toReviewComment),
        p,
        url,
      );
    },
    'pulls/list-comments-for-review': (p, _body, url) => {
      const review = reviews.find(
        (r) => r.id === p.review_id && pullKey(r.owner, r.repo, r.pullNumber) === pullKey(p.owner, p.repo, p.pull_number),
      );
      if (!review) return notFound;
      return paginated(
        pullComments(p)
          .filter((c) => c.reviewId === review.id)
          .sort((a, b) => a.id - b.id)
          .map(toReviewComment),
        p,
        url,
      );
    },
    'pulls/create-review': (
      p,
      body: {
        commit_id?: string;
        body?: string;
        event?: string;
        comments?: {
          path: string;
          body: string;
          line?: number;
          start_line?: number;
          side?: string;
          start_side?: string;
          position?: number;
        }[];
      },
    ) => {
      const pull = pulls.get(pullKey(p.owner, p.repo, p.pull_number));
      if (!pull) return notFound;
      if (body.event === undefined) return unprocessable(['the fake does not keep pending reviews: send an event']);
      if (body.event !== 'APPROVE' && !body.body) return unprocessable(['Body is required for COMMENT and REQUEST_CHANGES']);
      const commitId = body.commit_id ?? pull.sha;
      if (commitId !== pull.sha) return unprocessable(['commit_id is not the head of the pull request']);
      const problems = (body.comments ?? []).flatMap((c) => placeProblem(pull, c) ?? []);
      if (problems.length) return unprocessable(problems);
      const review: StoredReview = {
        id: nextId++,
        owner: String(p.owner).toLowerCase(),
        repo: String(p.repo).toLowerCase(),
        pullNumber: p.pull_number as number,
        commitId,
        body: body.body ?? '',
        state: body.event === 'APPROVE' ? 'APPROVED' : body.event === 'REQUEST_CHANGES' ? 'CHANGES_REQUESTED' : 'COMMENTED',
      };
      reviews.push(review);
      for (const c of body.comments ?? []) {
        const hunk = hunksOf(pull.files.find((f) => f.filename === c.path)).find((h) => h.lines.includes(c.line!))!;
        const at = now();
        reviewComments.push({
          id: nextId++,
          owner: review.owner,
          repo: review.repo,
          pullNumber: review.pullNumber,
          reviewId: review.id,
          path: c.path,
          line: c.line!,
          startLine: c.start_line ?? null,
          originalLine: c.line!,
          originalStartLine: c.start_line ?? null,
          commitId,
          originalCommitId: commitId,
          diffHunk: hunk.text,
          body: c.body,
          author: 'bot',
          createdAt: at,
          updatedAt: at,
        });
      }
      return [200, toReview(review)];
    },
    'pulls/update-review-comment': (p, body: { body: string }) => {
      const comment = repoReviewComment(p);
      if (!comment) return notFound;
      if (comment.author !== 'bot')
        return [403, { message: 'Must have admin rights to Repository.', documentation_url: DOCS, status: '403' }];
      comment.body = body.body;
      comment.updatedAt = now();
      return [200, toReviewComment(comment)];
    },
    'pulls/delete-review-comment': (p) => {
      const comment = repoReviewComment(p);
      if (!comment) return notFound;
      if (comment.author !== 'bot')
        return [403, { message: 'Must have admin rights to Repository.', documentation_url: DOCS, status: '403' }];
      reviewComments.splice(reviewComments.indexOf(comment), 1);
      return [204, undefined];
    },
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    requests,
    violations,
    comments,
    failNext(operationId, failure, options = {}) {
      const queue = failures.get(operationId) ?? [];
      queue.push({ failure, remaining: options.times ?? 1, retryAfterSeconds: options.retryAfterSeconds ?? 1 });
      failures.set(operationId, queue);
    },
    beforeRequest(hook) {
      hooks.push(hook);
    },
    addComment,
    reviews,
    reviewComments,
    pushPullRequest(owner, repo, pullNumber, head) {
      pulls.set(pullKey(owner, repo, pullNumber), { sha: head.sha, files: head.files });
      for (const comment of reviewComments) {
        if (pullKey(comment.owner, comment.repo, comment.pullNumber) !== pullKey(owner, repo, pullNumber) || comment.line === null)
          continue;
        // Good enough for a fake: GitHub maps lines through the new diff; a line the diff no longer shows is outdated.
        const hunk = hunksOf(head.files.find((f) => f.filename === comment.path)).find((h) => h.lines.includes(comment.line!));
        if (!hunk) {
          comment.line = null;
          comment.startLine = null;
        } else comment.commitId = head.sha;
      }
    },
    addReviewComment(owner, repo, pullNumber, comment) {
      const pull = pulls.get(pullKey(owner, repo, pullNumber));
      if (!pull) throw new Error('push the pull request first');
      const parent = comment.inReplyTo === undefined ? undefined : reviewComments.find((c) => c.id === comment.inReplyTo);
      const at = now();
      const stored: StoredReviewComment = {
        id: nextId++,
        owner: owner.toLowerCase(),
        repo: repo.toLowerCase(),
        pullNumber,
        reviewId: null,
        path: comment.path,
        line: comment.line,
        startLine: null,
        originalLine: comment.line,
        originalStartLine: null,
        commitId: pull.sha,
        originalCommitId: pull.sha,
        diffHunk: parent?.diffHunk ?? hunksOf(pull.files.find((f) => f.filename === comment.path))[0]?.text ?? '',
        body: comment.body,
        ...(comment.inReplyTo === undefined ? {} : { inReplyTo: comment.inReplyTo }),
        author: 'person',
        createdAt: at,
        updatedAt: at,
      };
      reviewComments.push(stored);
      return stored;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

interface CheckedRequest {
  params: Record<string, unknown>;
  body: unknown;
  problems: string[];
}

function checkRequest(
  operation: Operation,
  rawPathParams: Record<string, string>,
  query: URLSearchParams,
  contentType: string | undefined,
  raw: string,
): CheckedRequest {
  const problems: string[] = [];
  const params: Record<string, unknown> = {};
  const described = new Set<string>();

  for (const parameter of operation.parameters) {
    if (parameter.in !== 'path' && parameter.in !== 'query') continue;
    const rawValue = parameter.in === 'path' ? decode(rawPathParams[parameter.name]) : query.get(parameter.name);
    if (parameter.in === 'query') described.add(parameter.name);
    if (rawValue === null || rawValue === undefined) {
      if (parameter.required) problems.push(`missing required ${parameter.in} parameter ${parameter.name}`);
      continue;
    }
    const coerced = coerceParameter(parameter.schema, rawValue);
    if ('error' in coerced) {
      problems.push(`${parameter.in} parameter ${parameter.name}: ${coerced.error}`);
      continue;
    }
    problems.push(...validateSchema(parameter.schema, coerced.value, `${parameter.in} parameter ${parameter.name}`));
    params[parameter.name] = coerced.value;
  }
  for (const name of new Set(query.keys())) {
    if (!described.has(name)) problems.push(`query parameter ${name} is not described for ${operation.operationId}`);
  }

  let body: unknown;
  const jsonSchema = operation.requestBody?.content['application/json']?.schema;
  if (raw.length === 0) {
    if (operation.requestBody?.required) problems.push('missing required request body');
  } else if (!operation.requestBody) {
    problems.push(`${operation.operationId} takes no request body`);
  } else if (!jsonSchema || !contentType?.startsWith('application/json')) {
    problems.push(`request body must be application/json, got ${contentType ?? 'no content-type'}`);
  } else {
    try {
      body = JSON.parse(raw);
      problems.push(...validateSchema(jsonSchema, body, 'body'), ...undescribedProperties(jsonSchema, body));
    } catch {
      problems.push('request body is not valid JSON');
    }
  }
  return { params, body, problems };
}

/**
 * GitHub ignores body properties it does not know, which hides typos and parameters sent to the wrong
 * operation; the fake treats them as mistakes.
 */
function undescribedProperties(schema: Schema, body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !schema.properties) return [];
  const known = Object.keys(schema.properties as object);
  return Object.keys(body)
    .filter((key) => !known.includes(key))
    .map((key) => `body: property ${key} is not described`);
}

function decode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function failureResponse(failure: Failure, retryAfterSeconds: number): [number, unknown, Record<string, string>] {
  switch (failure) {
    case 'forbidden':
      return [403, { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' }, {}];
    case 'not-found':
      return [404, { message: 'Not Found', documentation_url: DOCS, status: '404' }, {}];
    case 'server-error':
      return [500, { message: 'Server Error' }, {}];
    case 'secondary-rate-limit':
      return [
        403,
        { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: DOCS },
        { 'retry-after': String(retryAfterSeconds) },
      ];
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

const PERSON = {
  login: 'octocat',
  id: 583231,
  node_id: 'MDQ6VXNlcjU4MzIzMQ==',
  avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4',
  gravatar_id: '',
  url: 'https://api.github.com/users/octocat',
  html_url: 'https://github.com/octocat',
  followers_url: 'https://api.github.com/users/octocat/followers',
  following_url: 'https://api.github.com/users/octocat/following{/other_user}',
  gists_url: 'https://api.github.com/users/octocat/gists{/gist_id}',
  starred_url: 'https://api.github.com/users/octocat/starred{/owner}{/repo}',
  subscriptions_url: 'https://api.github.com/users/octocat/subscriptions',
  organizations_url: 'https://api.github.com/users/octocat/orgs',
  repos_url: 'https://api.github.com/users/octocat/repos',
  events_url: 'https://api.github.com/users/octocat/events{/privacy}',
  received_events_url: 'https://api.github.com/users/octocat/received_events',
  type: 'User',
  site_admin: false,
};

const BOT_USER = {
  login: 'github-actions[bot]',
  id: 41898282,
  node_id: 'MDM6Qm90NDE4OTgyODI=',
  avatar_url: 'https://avatars.githubusercontent.com/in/15368?v=4',
  gravatar_id: '',
  url: 'https://api.github.com/users/github-actions%5Bbot%5D',
  html_url: 'https://github.com/apps/github-actions',
  followers_url: 'https://api.github.com/users/github-actions%5Bbot%5D/followers',
  following_url: 'https://api.github.com/users/github-actions%5Bbot%5D/following{/other_user}',
  gists_url: 'https://api.github.com/users/github-actions%5Bbot%5D/gists{/gist_id}',
  starred_url: 'https://api.github.com/users/github-actions%5Bbot%5D/starred{/owner}{/repo}',
  subscriptions_url: 'https://api.github.com/users/github-actions%5Bbot%5D/subscriptions',
  organizations_url: 'https://api.github.com/users/github-actions%5Bbot%5D/orgs',
  repos_url: 'https://api.github.com/users/github-actions%5Bbot%5D/repos',
  events_url: 'https://api.github.com/users/github-actions%5Bbot%5D/events{/privacy}',
  received_events_url: 'https://api.github.com/users/github-actions%5Bbot%5D/received_events',
  type: 'Bot',
  site_admin: false,
};
