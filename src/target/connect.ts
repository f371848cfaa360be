import type pg from 'pg';
import { connect as connectClient } from '../db/connect.js';
import { quoteIdent } from '../db/quote.js';
import type { Finding } from '../common/findings.js';
import { redactUrl } from '../common/redact.js';

/** How long one statement on a live database may run before PostgreSQL cancels it. */
const STATEMENT_TIMEOUT = '30s';
/** How long to wait for a lock instead of queueing behind a migration (and making others queue behind us). */
const LOCK_TIMEOUT = '5s';

/** What the checks need to know about a target URL besides what node-postgres reads from it. */
export interface TargetAddress {
  /** Host (and port when given) for messages: never the userinfo. */
  host: string;
  /** The schema Prisma uses on this database: the URL's `schema` parameter, `public` when absent. */
  schema: string;
  /**
   * True for transaction-mode poolers (`pgbouncer=true`, Neon `-pooler` hosts): they keep no session state
   * between transactions and reject startup parameters they do not know.
   */
  pooler: boolean;
}

export function targetAddress(url: string): TargetAddress {
  const parsed = new URL(url);
  return {
    host: parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname,
    schema: parsed.searchParams.get('schema') || 'public',
    pooler: parsed.searchParams.get('pgbouncer') === 'true' || /-pooler[.]/.test(parsed.hostname),
  };
}

/** The connection failed before any query ran: the target is unreachable, not different. */
export class TargetConnectionError extends Error {
  constructor(cause: unknown) {
    super(errorText(cause), { cause });
    this.name = 'TargetConnectionError';
  }
}

/**
 * Runs `fn` on a live database in a transaction that cannot write, and rolls it back whatever happens.
 * Two guards, so that neither a pooler nor a misconfigured role can turn a check into a write: the session
 * default `default_transaction_read_only` (set at startup where the server accepts it), and every
 * transaction opened explicitly READ ONLY. The timeouts are SET LOCAL, per transaction, because a
 * transaction-mode pooler may hand each transaction a different server session. REPEATABLE READ gives
 * every query of `fn` one snapshot, so the migrations table and the catalog are read at the same instant.
 */
export async function readOnly<T>(url: string, fn: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  const address = targetAddress(url);
  const client = await connect(url, address);
  try {
    await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      await client.query(`SET LOCAL statement_timeout = '${STATEMENT_TIMEOUT}'`);
      await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      // Expressions print relative to the search_path: read them as Prisma, which uses the URL's schema.
      await client.query(`SELECT set_config('search_path', $1, true)`, [quoteIdent(address.schema)]);
      // timestamptz defaults print in the session's time zone; the throwaway replay reads them in UTC.
      await client.query(`SET LOCAL TimeZone = 'UTC'`);
      return await fn(client);
    } finally {
      // A ROLLBACK that fails means the connection is gone, and the server has ended the transaction with it.
      await client.query('ROLLBACK').catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

async function connect(url: string, address: TargetAddress): Promise<pg.Client> {
  const attempt = (withOptions: boolean) => connectClient(url, withOptions ? { options: '-c default_transaction_read_only=on' } : {});
  try {
    // Poolers in transaction mode refuse the `options` startup parameter outright.
    return await attempt(!address.pooler);
  } catch (error) {
    if (!address.pooler && isUnsupportedStartupParameter(error)) {
      try {
        return await attempt(false);
      } catch (retryError) {
        throw new TargetConnectionError(retryError);
      }
    }
    throw new TargetConnectionError(error);
  }
}

function isUnsupportedStartupParameter(error: unknown): boolean {
  return /unsupported startup parameter/i.test(errorText(error));
}

function errorText(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(errorText).join('; ');
  return error instanceof Error ? error.message || ((error as { code?: string }).code ?? '') : String(error);
}

/** Errors a transaction-mode pooler gives a client that expects a session (or a server of its own). */
const POOLER_SYMPTOMS =
  /unsupported startup parameter|prepared statement .* (already exists|does not exist)|protocol violation|server login has been failing|no more connections allowed|query_wait_timeout|bind message supplies/i;

/** A finding for an environment whose database could not be reached; the message never carries a password. */
export function unreachableFinding(environment: string, url: string, error: unknown): Finding {
  const cause = error instanceof TargetConnectionError ? error.cause : error;
  const address = safeAddress(url);
  const code = (cause as { code?: string }).code;
  const text = redactUrl(errorText(cause)) + (code && !errorText(cause).includes(code) ? ` (${code})` : '');
  const poolerHint =
    address?.pooler && POOLER_SYMPTOMS.test(errorText(cause))
      ? `The URL goes through a transaction-mode pooler; use the direct connection URL (the one \`directUrl\` points at${
          address.host.includes('-pooler.') ? `, for Neon the host without \`-pooler\`` : ''
        }).`
      : null;
  return {
    rule: 'target/unreachable',
    group: 'target',
    severity: 'error',
    message: `\`${environment}\`: could not connect to the database at ${address?.host ?? 'the given URL'}: ${text}.`,
    hint:
      poolerHint ??
      'Check that the URL is right, that the database accepts connections from this runner (firewall, IP allow list, SSL: `?sslmode=require`), and that the role may log in.',
  };
}

function safeAddress(url: string): TargetAddress | null {
  try {
    return targetAddress(url);
  } catch {
    return null;
  }
}
