import pg from 'pg';

/** How our sessions show in pg_stat_activity and the server's log, unless the URL names them. */
const APPLICATION_NAME = 'prisma-drift';
/** node-postgres would otherwise wait on an unanswering host for as long as the OS lets it. */
const CONNECT_TIMEOUT_SECONDS = 15;

export interface SessionSettings {
  /** Startup options (`-c name=value ...`), added to any the URL's `options` parameter carries. */
  options?: string;
}

/**
 * The one way this tool turns a PostgreSQL URL into a connection, for the admin session, the throwaway
 * databases and the live targets alike, so that a URL means the same on each:
 * - `sslmode` as libpq reads it (`require` encrypts without verifying the certificate), the meaning of the
 *   URLs users copy from their provider; node-postgres alone would read `require` as "verify".
 * - libpq's `connect_timeout` (seconds), which node-postgres takes only as a client option; 15 s when absent.
 * - `application_name`, so a DBA can tell our sessions apart.
 */
export function clientConfig(url: string, settings: SessionSettings = {}): pg.ClientConfig {
  const parsed = new URL(url);
  const params = parsed.searchParams;
  if (!params.has('uselibpqcompat')) params.set('uselibpqcompat', 'true');
  if (!params.has('application_name')) params.set('application_name', APPLICATION_NAME);
  if (settings.options) params.set('options', [params.get('options'), settings.options].filter(Boolean).join(' '));
  const timeout = Number(params.get('connect_timeout'));
  return {
    connectionString: parsed.toString(),
    connectionTimeoutMillis: (Number.isFinite(timeout) && timeout > 0 ? timeout : CONNECT_TIMEOUT_SECONDS) * 1000,
  };
}

/** A connected client; one that fails to connect is closed before the error is thrown. */
export async function connect(url: string, settings: SessionSettings = {}): Promise<pg.Client> {
  const client = new pg.Client(clientConfig(url, settings));
  // An idle client that loses its server emits 'error'; without a listener that would crash the process.
  // A query running at that moment still rejects with the error.
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}

/** Runs `fn` on a fresh connection to `url` and always closes it. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>, settings: SessionSettings = {}): Promise<T> {
  const client = await connect(url, settings);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}
