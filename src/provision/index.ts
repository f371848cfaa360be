import { onCleanup } from '../cleanup.js';
import { redactUrl } from '../redact.js';
import { startCluster } from './cluster.js';
import { connectServer, type ServerDatabases, type ServerVersion } from './server.js';

export interface Provisioned {
  /** Creates a new, uniquely named empty database (optionally from a template database) and returns its URL. */
  createDatabase: ServerDatabases['createDatabase'];
  requestDatabase: ServerDatabases['requestDatabase'];
  serverVersion: ServerVersion;
  /** 'server' when using the given database-url, 'cluster' for a temporary cluster. */
  kind: 'server' | 'cluster';
  /** Binaries directory of the temporary cluster (null for 'server'): later work may run pg_dump from it. */
  bindir: string | null;
  /**
   * Lets go of the databases created so far: on a server they are dropped in the background (close() waits
   * for it), on a temporary cluster they go with the cluster.
   */
  releaseDatabases(): void;
  /** Drops every database it created / stops and deletes the cluster. Safe to call more than once. */
  close(): Promise<void>;
}

/**
 * A PostgreSQL to replay migrations on: the server at `databaseUrl` when given (only databases created
 * here are ever touched), otherwise a temporary cluster started from local binaries. close() is also
 * registered with the cleanup registry, so signals and crashes undo this too.
 */
export async function provision(options: { databaseUrl?: string; log: (line: string) => void }): Promise<Provisioned> {
  const { databaseUrl, log } = options;
  if (databaseUrl) {
    const server = await connectServer(databaseUrl);
    log(`Using PostgreSQL ${server.serverVersion.full} at ${redactUrl(databaseUrl)}`);
    return withClose(server, 'server', null, () => server.dropAll());
  }

  const cluster = await startCluster(log);
  try {
    const server = await connectServer(cluster.adminUrl);
    log(`Using temporary PostgreSQL ${server.serverVersion.full} cluster`);
    // Databases vanish with the cluster's directory: no need to drop them one by one.
    return withClose(server, 'cluster', cluster.bindir, () => cluster.stop());
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

function withClose(
  server: ServerDatabases,
  kind: Provisioned['kind'],
  bindir: string | null,
  release: () => Promise<void>,
): Provisioned {
  let dropping: Promise<void> = Promise.resolve();
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      unregister();
      try {
        await dropping;
      } finally {
        await release();
      }
    })();
    return closing;
  };
  const unregister = onCleanup(close);
  return {
    createDatabase: (options) => server.createDatabase(options),
    requestDatabase: (options) => server.requestDatabase(options),
    serverVersion: server.serverVersion,
    kind,
    bindir,
    releaseDatabases() {
      if (kind === 'cluster') return;
      dropping = Promise.all([dropping, server.dropAll()]).then(() => {});
      // close() waits for every drop and reports a failure; until then it is not an unhandled rejection.
      dropping.catch(() => {});
    },
    close,
  };
}
