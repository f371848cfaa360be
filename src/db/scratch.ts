import type pg from 'pg';
import { connect } from './connect.js';

/**
 * Session settings for throwaway databases. PostgreSQL prints timestamptz defaults in the session's time
 * zone; the expected schema writes them in UTC, as Prisma does. Nothing here needs to survive a crash, so
 * commits do not wait for the WAL flush: one fsync less per migration on a server that has fsync on.
 */
const SCRATCH_OPTIONS = '-c TimeZone=UTC -c synchronous_commit=off';

/** A log line for a statement that has run this long, and again at every multiple of it. */
const PROGRESS_MS = 5_000;
/** After the time limit, how long cancelled statements get to end before their connections are cut. */
const HARD_STOP_MS = 10_000;
/**
 * statement_timeout is the server's backstop for a process that cannot act (stalled, or its timer late): it
 * fires this long after the limit, so that normally the watchdog is first and can read what was waiting.
 */
const BACKSTOP_MS = 2_000;

/** What a session is running, for progress lines and for the finding when the time limit cancels it. */
export interface Running {
  migration: string;
  /** migration.sql as reports print it; null for a run of several. */
  file: string | null;
  /** Line of the statement, when the session runs one statement at a time. */
  line: number | null;
  /** `replaying`, `measuring`. */
  doing: string;
}

/** What a cancelled session was doing when the time limit was reached, read from pg_stat_activity just before. */
export interface Expired {
  limitMs: number;
  /** How long the running statement had run. */
  ranMs: number;
  /** `Lock/relation`, `Timeout/PgSleep`; null when it was working, not waiting. */
  waitEvent: string | null;
  /** Sessions it was waiting for (pg_blocking_pids). */
  blockedBy: number[];
}

interface Session {
  watchdog: Watchdog;
  client: pg.Client;
  url: string;
  running: (Running & { since: number; reported: number }) | null;
  expired: Expired | null;
}

/** Raised for a session asked for after the time limit: nothing new starts once the check is out of time. */
export class TimeLimitReached extends Error {}

/**
 * The check's time limit over every session on the throwaway databases. Each session starts with
 * statement_timeout set to the time left; since a migration may SET it back to 0, a timer also cancels
 * whatever still runs at the limit (from a session of the same role, which PostgreSQL allows without other
 * rights), after reading what it was waiting for. While a statement runs, a line every few seconds says
 * which migration, so a slow replay never leaves the log silent.
 */
export class Watchdog {
  readonly deadline: number;
  private readonly sessions = new Set<Session>();
  private readonly timers: NodeJS.Timeout[] = [];
  private expiry: Promise<void> | null = null;

  constructor(
    readonly limitMs: number,
    private readonly log: (line: string) => void,
  ) {
    this.deadline = performance.now() + limitMs;
    const limit = setTimeout(() => void this.expire(), limitMs);
    const progress = setInterval(() => this.progress(), 1000);
    for (const timer of [limit, progress]) timer.unref();
    this.timers.push(limit, progress);
  }

  get expired(): boolean {
    return this.expiry !== null;
  }

  pastDeadline(): boolean {
    return this.expired || performance.now() >= this.deadline;
  }

  remainingMs(): number {
    return Math.max(0, Math.ceil(this.deadline - performance.now()));
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  add(client: pg.Client, url: string): () => void {
    const session: Session = { watchdog: this, client, url, running: null, expired: null };
    this.sessions.add(session);
    sessionOf.set(client, session);
    return () => this.sessions.delete(session);
  }

  private progress(): void {
    const now = performance.now();
    for (const { running } of this.sessions) {
      if (!running) continue;
      const ms = now - running.since;
      if (ms < running.reported + PROGRESS_MS) continue;
      running.reported = Math.floor(ms / PROGRESS_MS) * PROGRESS_MS;
      const where = running.file === null ? '' : ` (${running.file}${running.line === null ? '' : `:${running.line}`})`;
      this.log(`Still ${running.doing} ${running.migration}${where} after ${Math.round(ms / 1000)} s`);
    }
  }

  /** Reads what every busy session waits for, cancels it, and cuts the connections of those that do not stop. */
  expire(): Promise<void> {
    this.expiry ??= (async () => {
      const busy = [...this.sessions].filter((session) => pidOf(session.client) !== null);
      if (busy.length === 0) return;
      // Sessions idle now may send their next statement with the time left at their start: they are cut too.
      const pids = busy.map((session) => pidOf(session.client)!);
      const hardStop = setTimeout(() => {
        for (const session of busy) cut(session.client);
      }, HARD_STOP_MS);
      hardStop.unref();
      this.timers.push(hardStop);
      // Marked before the cancel goes out: the cancelled query's error may arrive before anything else.
      for (const session of busy) {
        session.expired = {
          limitMs: this.limitMs,
          ranMs: session.running ? performance.now() - session.running.since : 0,
          waitEvent: null,
          blockedBy: [],
        };
      }
      await signalSessions(busy[0]!.url, pids, (rows) => {
        for (const session of busy) {
          const row = rows.find((r) => r.pid === pidOf(session.client));
          if (!row) continue;
          Object.assign(session.expired!, {
            ranMs: row.ran_ms,
            waitEvent: row.wait_event ? `${row.wait_event_type}/${row.wait_event}` : null,
            blockedBy: row.blocked_by,
          });
        }
      }).catch(() => {});
    })();
    return this.expiry;
  }
}

/** The server process of a connected client (node-postgres keeps it from BackendKeyData; its types do not say so). */
function pidOf(client: pg.Client): number | null {
  return (client as unknown as { processID: number | null }).processID ?? null;
}

/** Ends a connection from this side: a query waiting on it rejects at once, whatever the server does. */
function cut(client: pg.Client): void {
  (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
}

const sessionOf = new WeakMap<pg.ClientBase, Session>();
let active: Watchdog | null = null;

/** Puts every session opened from now on under `watchdog` until the returned function is called. */
export function guardSessions(watchdog: Watchdog): () => void {
  active = watchdog;
  return () => {
    watchdog.stop();
    if (active === watchdog) active = null;
  };
}

/** Says what `client` runs from now on (null: nothing of a migration's), for progress lines and the time limit's finding. */
export function running(client: pg.ClientBase, what: Running | null): void {
  const session = sessionOf.get(client);
  if (session) session.running = what ? { ...what, since: performance.now(), reported: 0 } : null;
}

/** Set when the time limit cancelled what `client` was running (by the watchdog, or by the server's statement_timeout). */
export function expiredOn(client: pg.ClientBase): Expired | null {
  const session = sessionOf.get(client);
  if (!session) return null;
  if (!session.expired && session.watchdog.pastDeadline()) {
    session.expired = {
      limitMs: session.watchdog.limitMs,
      ranMs: session.running ? performance.now() - session.running.since : 0,
      waitEvent: null,
      blockedBy: [],
    };
  }
  return session.expired;
}

/** A new session on a throwaway database, under the check's time limit when there is one. The caller ends it. */
export async function openClient(url: string): Promise<pg.Client> {
  const watchdog = active;
  if (watchdog?.expired) throw new TimeLimitReached('the time limit was reached');
  const timeout = watchdog ? ` -c statement_timeout=${watchdog.remainingMs() + BACKSTOP_MS}` : '';
  const client = await connect(url, { options: SCRATCH_OPTIONS + timeout });
  const forget = watchdog?.add(client, url);
  client.once('end', () => forget?.());
  return client;
}

/** Runs `fn` on a fresh connection to a throwaway database and always closes it (a template database must have none open). */
export async function withScratchClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await openClient(url);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

interface ActivityRow {
  pid: number;
  wait_event_type: string | null;
  wait_event: string | null;
  blocked_by: number[];
  ran_ms: number;
}

/** As the sessions' own role (which sees and may cancel its own sessions): what they wait for, then cancel them. */
async function signalSessions(url: string, pids: number[], seen: (rows: ActivityRow[]) => void): Promise<void> {
  const client = await connect(url);
  try {
    const { rows } = await client.query<ActivityRow>(
      `SELECT pid, wait_event_type, wait_event, pg_blocking_pids(pid) AS blocked_by,
              (extract(epoch FROM clock_timestamp() - query_start) * 1000)::float8 AS ran_ms
         FROM pg_stat_activity WHERE pid = ANY($1::int[]) AND state = 'active'`,
      [pids],
    );
    seen(rows);
    await client.query('SELECT pg_cancel_backend(pid) FROM unnest($1::int[]) AS p(pid)', [rows.map((row) => row.pid)]);
  } finally {
    await client.end().catch(() => {});
  }
}
