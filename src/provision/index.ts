import { onCleanup } from '../common/cleanup.js';
import { redactUrl } from '../common/redact.js';
import { startCluster } from './cluster.js';
import { connectServer, type Database, type ServerDatabases, type ServerVersion } from './server.js';

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
   * for it), on a temporary cluster they go with the cluster. Settles once the drops are on their way: work
   * that holds the thread can then run while the server drops.
   */
  releaseDatabases(): Promise<void>;
  /**
   * For a migration that asks for an extension its role may not create: the admin creates it in `database`
   * as the migration asks for it, when it is one that acts only inside its database and the role has defined
   * no code a superuser could run (see server.ts). Resolves what came of it.
   */
  createExtension: ServerDatabases['createExtension'];
  /** Drops every database and role it created / stops and deletes the cluster. Safe to call more than once. */
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
    const server = await connectServer(databaseUrl, { residue: true });
    log(`Using PostgreSQL ${server.serverVersion.full} at ${redactUrl(databaseUrl)}`);
    // The role goes after its databases, also when a drop failed: dropRoles drops what it still owns.
    return withClose(server, 'server', null, () => server.dropAll().done.finally(() => server.dropRoles()), log);
  }

  const cluster = await startCluster(log);
  try {
    const server = await connectServer(cluster.adminUrl);
    log(`Using temporary PostgreSQL ${server.serverVersion.full} cluster`);
    // Databases vanish with the cluster's directory: no need to drop them one by one.
    return withClose(server, 'cluster', cluster.bindir, () => cluster.stop(), log);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/**
 * PostgreSQL on its way, started by the entry points as soon as the inputs are read so that the server or
 * the temporary cluster gets ready while the rest of the tool loads.
 */
export interface Provisioning {
  server: Promise<Provisioned>;
  /** The first throwaway database, when one was asked for: CREATE DATABASE goes out as soon as the server answers. */
  firstDatabase: Promise<Database> | null;
  /**
   * Settles once a server has its first request on the wire, at once for a temporary cluster (which starts
   * in other processes). Work that holds the thread, like loading code, waits for it: the connection needs a
   * few round trips that such work would delay.
   */
  underway: Promise<void>;
  /** Drops what was created and stops the cluster, however far provisioning got. Safe to call more than once. */
  close(): Promise<void>;
}

export function startProvisioning(options: { databaseUrl?: string; log: (line: string) => void; firstDatabase: boolean }): Provisioning {
  const server = provision(options);
  const request = options.firstDatabase ? server.then((provisioned) => provisioned.requestDatabase()) : null;
  const firstDatabase = request?.then((requested) => requested.created) ?? null;
  // Failures are reported where they are awaited; until then they must not count as unhandled rejections.
  for (const promise of [server, request, firstDatabase]) promise?.catch(() => {});
  return {
    server,
    firstDatabase,
    underway: options.databaseUrl
      ? (request ?? server).then(
          () => {},
          () => {},
        )
      : Promise.resolve(),
    close: async () => (await server.catch(() => null))?.close(),
  };
}

/**
 * Starts PostgreSQL, waits until it is underway, runs `fn` (which typically loads the rest of the tool
 * first) and closes whatever was started, however `fn` ends: the one who starts PostgreSQL closes it.
 */
export async function withProvisioning<T>(
  options: Parameters<typeof startProvisioning>[0],
  fn: (provisioning: Provisioning) => Promise<T>,
): Promise<T> {
  const provisioning = startProvisioning(options);
  try {
    await provisioning.underway;
    return await fn(provisioning);
  } finally {
    await provisioning.close();
  }
}

function withClose(
  server: ServerDatabases,
  kind: Provisioned['kind'],
  bindir: string | null,
  release: () => Promise<void>,
  log: (line: string) => void,
): Provisioned {
  let dropping: Promise<void> = Promise.resolve();
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      unregister();
      try {
        await dropping;
      } finally {
        // The admin session goes after the drops, which use it; a stopped cluster has ended it already.
        await release().finally(() => server.close());
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
    async createExtension(database, request, currentSchema) {
      const creation = await server.createExtension(database, request, currentSchema);
      if (creation === 'created')
        log(
          `Created the extension ${request.name} as the admin for a migration: its role may not create it (the extension is not marked trusted)`,
        );
      return creation;
    },
    releaseDatabases() {
      if (kind === 'cluster') return Promise.resolve();
      const { sent, done } = server.dropAll();
      dropping = Promise.all([dropping, done]).then(() => {});
      // close() waits for every drop and reports a failure; until then it is not an unhandled rejection.
      dropping.catch(() => {});
      return sent;
    },
    close,
  };
}
