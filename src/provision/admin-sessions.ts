import pg from 'pg';
import { clientConfig } from '../db/connect.js';
import { redactUrl, secretsOf } from '../common/redact.js';
import { settingName } from '../common/setting-names.js';

/**
 * An admin session idle for less than this is used for the next statement instead of a new one (a new one
 * costs tens of milliseconds to open and close). Older ones are closed: servers, proxies and NAT gateways cut
 * idle connections after minutes, some silently, and a statement on such a connection would hang.
 */
const REUSE_IDLE_MS = 10_000;

export interface AdminStatement<T> {
  /** Settles once the first statement is on its way, or rejects when the session could not start. */
  sent: Promise<void>;
  done: Promise<T>;
}

/**
 * Admin sessions for one server: each statement runs on the session the one before it left, while that
 * one is fresh and healthy, or on a new one. `sent` tells as soon as a statement's first query is on its way
 * (node-postgres writes it to the socket when query() is called), so that the caller can do work that holds
 * the thread while the server copies or removes a database, which takes tens to hundreds of milliseconds.
 */
export function adminSessions(adminUrl: string) {
  let kept: { client: pg.Client; since: number } | null = null;
  const lost = new WeakSet<pg.Client>();

  async function open(): Promise<pg.Client> {
    const client = new pg.Client(clientConfig(parseUrl(adminUrl).href));
    // A session the server or the network ends is never used again; without a listener its error would
    // also be an uncaught one.
    const lose = () => {
      lost.add(client);
      if (kept?.client === client) kept = null;
    };
    client.on('error', lose);
    client.on('end', lose);
    try {
      await client.connect();
    } catch (error) {
      throw new Error(connectionFailure(adminUrl, error));
    }
    return client;
  }

  function take(): pg.Client | null {
    const session = kept;
    kept = null;
    if (session && performance.now() - session.since < REUSE_IDLE_MS) return session.client;
    if (session) closeSession(session.client);
    return null;
  }

  function giveBack(client: pg.Client): void {
    if (!kept && !lost.has(client)) kept = { client, since: performance.now() };
    else closeSession(client);
  }

  function statement<T>(run: (client: pg.Client) => Promise<T>): AdminStatement<T> {
    let onItsWay!: () => void;
    const onWire = new Promise<void>((resolve) => (onItsWay = resolve));
    const done = (async () => {
      const client = take() ?? (await open());
      try {
        const result = run(client);
        onItsWay();
        const value = await result;
        giveBack(client);
        return value;
      } catch (error) {
        closeSession(client);
        throw error;
      }
    })();
    const sent = Promise.race([onWire, done.then(() => {})]);
    // Whoever waits on `sent` sees its failure; for those who wait on `done` alone it is not an unhandled one.
    sent.catch(() => {});
    return { sent, done };
  }

  return {
    statement,
    close() {
      const client = take();
      if (client) closeSession(client);
    },
  };
}

/**
 * Sends the goodbye and lets the server close the connection in its own time (about 10 ms for its backend
 * to exit): nothing waits on that, and an open socket keeps the process alive until it is closed.
 */
export function closeSession(client: pg.Client): void {
  client.end().catch(() => {});
}

function connectionFailure(url: string, error: unknown): string {
  const parsed = parseUrl(url);
  const host = parsed.searchParams.get('host') ?? (parsed.hostname || 'localhost');
  const port = parsed.searchParams.get('port') ?? (parsed.port || '5432');
  const database = decodeURIComponent(parsed.pathname.slice(1)) || parsed.searchParams.get('dbname') || '(default)';
  const reason = scrub(error instanceof Error ? error.message : String(error), url);
  return (
    `could not connect to PostgreSQL at ${host}:${port} (database ${database}): ${reason}. ` +
    'Check that the server is running and reachable from this job (for a `services: postgres` container: ' +
    'the port is mapped and a health check makes the job wait for it), that the user and password in ' +
    `${settingName('database-url')} are right, and that the sslmode matches the server.`
  );
}

function parseUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new Error(`${settingName('database-url')} is not a valid URL: ${redactUrl(url)}`);
  }
}

/** Driver messages do not normally echo the password, but a failure must never be the place it leaks. */
function scrub(message: string, url: string): string {
  // Longest first, so the whole URL is masked before the password inside it.
  const secrets = secretsOf(url).sort((a, b) => b.length - a.length);
  return secrets.reduce((text, secret) => text.split(secret).join('***'), message);
}
