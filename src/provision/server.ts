import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { clientConfig } from '../db/connect.js';
import { quoteIdent } from '../db/quote.js';
import { addResidue, removeResidue } from './residue.js';
import { adminSessions, closeSession, type AdminStatement } from './admin-sessions.js';
import { settingName } from '../common/setting-names.js';
import type { ExtensionRequest, ExtensionCreation } from '../apply/extension.js';
import { createAsAdmin } from './extensions.js';

/** Every database this tool creates starts with this, so a leftover one is recognisable as ours. */
const DATABASE_PREFIX = 'prisma_drift_';
const LEFTOVER_NAME = /^prisma_drift_[0-9a-f]{12}$/;

/**
 * Attributes of the throwaway role: it logs in, owns the throwaway databases, and may do nothing to the
 * server (no databases or roles of its own making, no replication, no bypassing row security). It is not a
 * member of any role (only of pg_database_owner in its own databases, which PostgreSQL makes it), so none of pg_read_server_files, pg_write_server_files, pg_execute_server_program or
 * pg_signal_backend. VALID UNTIL bounds a role a killed run could not drop.
 */
const ROLE_ATTRIBUTES = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';
const ROLE_VALID_HOURS = 12;

export interface Database {
  name: string;
  url: string;
}

export interface ServerVersion {
  major: number;
  full: string;
}

/** Throwaway databases on one PostgreSQL server, created and dropped through its admin URL. */
export interface ServerDatabases {
  serverVersion: ServerVersion;
  /** The role the throwaway databases are reached as (created with the first database). */
  roleName(): Promise<string>;
  createDatabase(options?: { template?: string }): Promise<Database>;
  /**
   * Resolves as soon as the CREATE DATABASE is on its way, so that the caller can work while the server
   * copies the template (which takes tens to hundreds of milliseconds); `created` settles when it is done.
   */
  requestDatabase(options?: { template?: string }): Promise<{ created: Promise<Database> }>;
  /**
   * Drops every database created here that is not dropped yet, including those still being created. `sent`
   * settles once the DROP DATABASE statements are on their way, `done` once they are finished. A call made
   * while another is still dropping does not wait for that one's databases.
   */
  dropAll(): { sent: Promise<void>; done: Promise<void> };
  /** Counts databases an earlier, killed run created (names of this tool's form only) as created here, for dropAll. */
  adopt(names: string[]): void;
  /** Counts roles an earlier, killed run created (names of this tool's form only) as created here, for dropRoles. */
  adoptRoles(names: string[]): void;
  /**
   * Drops the throwaway roles, with any database they still own (one a migration renamed is found that way).
   * Call after dropAll.
   */
  dropRoles(): Promise<void>;
  /**
   * Creates an extension in `database` as the admin, for a migration whose role may not (the extension is not
   * trusted), the way the migration's statement asks for it: only for extensions that act inside their
   * database, and only while the role has defined no functions or operators there. `currentSchema` is where
   * the migration's session creates objects: the extension goes there when neither the statement nor the
   * extension's control file names a schema, as it would have for the migration.
   */
  createExtension(database: string, request: ExtensionRequest, currentSchema: string | null): Promise<ExtensionCreation>;
  /** Ends the admin session kept for the next statement. */
  close(): void;
}

/**
 * Connects to `adminUrl` (the database it names is only used to issue CREATE/DROP DATABASE) and checks the
 * server is reachable. Databases it creates are reached with the same URL and parameters, only the
 * database name changed. On a server of the user's (`residue`), each database is recorded before it is
 * asked for and forgotten once dropped, so that what a killed run left can be found (src/provision/residue.ts); a
 * temporary cluster's databases go with its folder.
 */
export async function connectServer(adminUrl: string, { residue = false } = {}): Promise<ServerDatabases> {
  const admin = adminSessions(adminUrl);
  const serverVersion = await admin.statement(async (client) => {
    const { rows } = await client.query<{ num: string; full: string }>(
      `SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS full`,
    );
    const row = rows[0]!;
    return { major: Math.floor(Number(row.num) / 10000), full: row.full };
  }).done;
  const created = new Set<string>();
  // A CREATE DATABASE still running when dropAll starts would otherwise finish after it and be left behind.
  const creating = new Set<Promise<unknown>>();
  const roles = new Set<string>();
  let role: Promise<{ name: string; password: string }> | null = null;

  /**
   * The role migrations run as, created with the first database: a connection that only drops leftovers
   * (the post step) creates none. The admin must be able to create it and make it a database's owner.
   */
  function throwawayRole(): Promise<{ name: string; password: string }> {
    role ??= (async () => {
      const name = `${DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
      const password = randomBytes(24).toString('base64url');
      if (residue) addResidue('roles', name);
      roles.add(name);
      let exists = false;
      await admin
        .statement(async (client) => {
          const { rows } = await client.query<{ rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean; name: string }>(
            'SELECT rolsuper, rolcreatedb, rolcreaterole, current_user AS name FROM pg_roles WHERE rolname = current_user',
          );
          const me = rows[0];
          const missing = me && !me.rolsuper ? [!me.rolcreatedb && 'CREATEDB', !me.rolcreaterole && 'CREATEROLE'].filter(Boolean) : [];
          if (missing.length > 0) {
            throw new Error(
              `the role \`${me!.name}\` of ${settingName('database-url')} lacks ${missing.join(' and ')}: the check creates throwaway databases, ` +
                `and a throwaway role without rights on the server to run the migrations as. Grant it (\`ALTER ROLE "${me!.name}" ${missing.join(' ')}\`) or use a superuser.`,
            );
          }
          const until = new Date(Date.now() + ROLE_VALID_HOURS * 3_600_000).toISOString();
          await client.query(
            `CREATE ROLE ${quoteIdent(name)} ${ROLE_ATTRIBUTES} PASSWORD ${pg.escapeLiteral(password)} VALID UNTIL ${pg.escapeLiteral(until)}`,
          );
          exists = true;
          // Making a role the owner of a database takes membership in it, which a superuser has anyway.
          if (!me?.rolsuper) await client.query(`GRANT ${quoteIdent(name)} TO CURRENT_USER`);
        })
        .done.catch((error: unknown) => {
          // A role that was never created is nothing to drop.
          if (!exists) {
            roles.delete(name);
            removeResidue('roles', name);
          }
          throw error;
        });
      return { name, password };
    })();
    role.catch(() => {});
    return role;
  }

  async function dropRole(name: string): Promise<void> {
    // A migration may have renamed a database it owns: those are found by their owner.
    const owned = await admin.statement((client) =>
      client.query<{ datname: string }>('SELECT d.datname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE r.rolname = $1', [
        name,
      ]),
    ).done;
    await Promise.all(owned.rows.map((row) => dropDatabase(row.datname).done));
    await admin.statement((client) => client.query(`DROP ROLE IF EXISTS ${quoteIdent(name)}`)).done;
    roles.delete(name);
    removeResidue('roles', name);
  }

  /** One statement as the admin in one of the throwaway databases (the kept admin session is on another). */
  async function asAdminIn(database: string, sql: string): Promise<void> {
    const client = new pg.Client(clientConfig(urlForDatabase(adminUrl, database)));
    client.on('error', () => {});
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      closeSession(client);
    }
  }

  function dropDatabase(name: string): AdminStatement<unknown> {
    return admin.statement(async (client) => {
      if (serverVersion.major >= 13) return client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      // Before 13 there is no FORCE: end the sessions that would make DROP DATABASE fail.
      await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
      return client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
    });
  }

  async function requestDatabase(options: { template?: string } = {}): Promise<{ created: Promise<Database> }> {
    const name = `${DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
    const template = options.template === undefined ? '' : ` TEMPLATE ${quoteIdent(options.template)}`;
    // Counted as being created from now on, while the role is still on its way: dropAll waits for it.
    const requested = (async () => {
      const owner = await throwawayRole();
      if (residue) addResidue('databases', name);
      const statement = admin.statement((client) =>
        client.query(`CREATE DATABASE ${quoteIdent(name)} OWNER ${quoteIdent(owner.name)}${template}`),
      );
      const creation: Promise<Database> = statement.done
        .then(
          async () => {
            created.add(name);
            // Before PostgreSQL 15 the public schema belongs to the bootstrap superuser; a copy keeps its template's owner.
            if (serverVersion.major < 15 && options.template === undefined)
              await asAdminIn(name, `ALTER SCHEMA public OWNER TO ${quoteIdent(owner.name)}`);
            return { name, url: urlForDatabase(adminUrl, name, owner) };
          },
          (error: unknown) => {
            // A CREATE DATABASE that failed has created nothing.
            removeResidue('databases', name);
            throw error;
          },
        )
        .finally(() => creating.delete(creation));
      creating.add(creation);
      return { statement, creation };
    })();
    creating.add(requested);
    void requested.finally(() => creating.delete(requested)).catch(() => {});
    const { statement, creation } = await requested;
    // A failure to connect rejects here (and `created` with it, which the race marks as seen); one of CREATE
    // DATABASE itself rejects `created`.
    await Promise.race([statement.sent, creation]);
    return { created: creation };
  }

  return {
    serverVersion,
    requestDatabase,
    createDatabase: async (options) => (await requestDatabase(options)).created,
    dropAll() {
      const settled = async () => {
        // A database requested meanwhile joins the set before its request leaves it.
        while (creating.size > 0) await Promise.allSettled([...creating]);
      };
      const drops = settled().then(() => {
        const names = [...created];
        created.clear();
        // At once: each DROP DATABASE forces a checkpoint, and one by one, each would write out the pages of
        // the databases still waiting to be dropped.
        return names.map((name) => {
          const drop = dropDatabase(name);
          drop.done.then(
            () => removeResidue('databases', name),
            () => {},
          );
          return { name, ...drop };
        });
      });
      return {
        sent: drops.then((list) => Promise.allSettled(list.map((drop) => drop.sent))).then(() => {}),
        done: drops.then(async (list) => {
          const failures: string[] = [];
          await Promise.all(list.map((drop) => drop.done.catch((error: Error) => failures.push(`${drop.name}: ${error.message}`))));
          if (failures.length > 0) throw new Error(`could not drop ${failures.join('; ')}`);
        }),
      };
    },
    adopt(names) {
      for (const name of names) {
        if (!LEFTOVER_NAME.test(name)) throw new Error(`${name} is not the name of a database this tool creates`);
        created.add(name);
      }
    },
    adoptRoles(names) {
      for (const name of names) {
        if (!LEFTOVER_NAME.test(name)) throw new Error(`${name} is not the name of a role this tool creates`);
        roles.add(name);
      }
    },
    async roleName() {
      return (await throwawayRole()).name;
    },
    async dropRoles() {
      await role?.catch(() => {});
      const failures: string[] = [];
      for (const name of [...roles]) await dropRole(name).catch((error: Error) => failures.push(`${name}: ${error.message}`));
      if (failures.length > 0) throw new Error(`could not drop the role ${failures.join('; ')}`);
    },
    async createExtension(database, request, currentSchema) {
      if (!created.has(database)) return 'not-created';
      const role = (await throwawayRole()).name;
      const client = new pg.Client(clientConfig(urlForDatabase(adminUrl, database)));
      client.on('error', () => {});
      try {
        await client.connect();
        return await createAsAdmin(client, role, request, currentSchema);
      } catch {
        return 'not-created';
      } finally {
        // Ending the session rolls back what was not committed.
        closeSession(client);
      }
    },
    close: () => admin.close(),
  };
}

/**
 * `url` with its database replaced by `database`, and its user by `as` when given; every other part (host,
 * libpq parameters) is kept.
 */
function urlForDatabase(url: string, database: string, as?: { name: string; password: string }): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  if (as) {
    parsed.username = encodeURIComponent(as.name);
    parsed.password = encodeURIComponent(as.password);
    // A libpq `user` parameter would win over the URL's.
    parsed.searchParams.delete('user');
    parsed.searchParams.delete('password');
  }
  return parsed.toString();
}
