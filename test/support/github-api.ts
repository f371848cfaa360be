import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { coerceParameter, matchOperation, validateSchema, type Operation, type Schema } from './openapi.js';

/**
 * A local stand-in for api.github.com that keeps issue comments in memory. Every request is checked against
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
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';
/** GitHub's limit on comment bodies, which the OpenAPI description does not state. */
const MAX_COMMENT_CHARACTERS = 65_536;

export async function startGitHubApi(): Promise<GitHubApi> {
  const requests: RecordedRequest[] = [];
  const violations: Violation[] = [];
  const comments: StoredComment[] = [];
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
    const record: RecordedRequest = { method, url: req.url ?? '/', operationId: matched?.operation.operationId ?? null, body: undefined, status: 0 };
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
      reply(422, { message: 'Validation Failed', documentation_url: DOCS, errors: checked.problems.map((p) => ({ code: 'invalid', message: p })) });
      return;
    }

    const failure = takeFailure(operation.operationId);
    if (failure) {
      const [status, body, headers] = failureResponse(failure.failure, failure.retryAfterSeconds);
      reply(status, body, headers);
      return;
    }

    const text = (checked.body as { body?: unknown } | undefined)?.body;
    if (typeof text === 'string' && [...text].length > MAX_COMMENT_CHARACTERS) {
      const problem = `Body is too long (maximum is ${MAX_COMMENT_CHARACTERS} characters)`;
      violations.push({ method, url: record.url, problems: [problem] });
      reply(422, { message: 'Validation Failed', documentation_url: DOCS, errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: problem }] });
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

  const HANDLERS: Record<string, (params: Params, body: any, url: URL) => Result> = {
    'issues/list-comments': (p, _body, url) => {
      const since = typeof p.since === 'string' ? Date.parse(p.since) : -Infinity;
      const all = issueComments(p)
        .filter((c) => Date.parse(c.updatedAt) >= since)
        .sort((a, b) => a.id - b.id);
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
      const items = all.slice((page - 1) * perPage, page * perPage).map(toResource);
      const headers: Record<string, string> = links.length ? { link: links.join(', ') } : {};
      return [200, items, headers];
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
