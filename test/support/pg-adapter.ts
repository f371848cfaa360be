import { randomBytes } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { runScript } from './pg.js';

/**
 * `@prisma/adapter-pg` as Prisma's schema engine needs it when it talks to a real server, with two repairs
 * the published adapter (7.10) lacks:
 * - PostgreSQL's internal `"char"` type (OID 18) is what the engine reads from pg_catalog (`contype`,
 *   `relkind`, ...); the adapter rejects it as an unsupported type, so it is reported as the driver's
 *   Character column type instead.
 * - `executeScript` splits a script on every `;`, which cuts `$$` function bodies and string literals apart;
 *   the native engine sends a migration as one script, so this sends it as one simple-protocol query.
 */
export class EnginePg implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';

  /** Adapters handed out and not yet disposed, so `close` can end their connections. */
  private readonly open = new Set<SqlDriverAdapter>();

  constructor(private readonly url: string) {}

  connect(): Promise<SqlDriverAdapter> {
    return this.track(connectAdapter(this.url, async () => {}));
  }

  /** Like PrismaPg's: a fresh database on the same server, dropped when the engine lets go of it. */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_shadow_${randomBytes(6).toString('hex')}`;
    await runScript(this.url, `CREATE DATABASE "${name}"`);
    const url = new URL(this.url);
    url.pathname = `/${name}`;
    return this.track(connectAdapter(url.toString(), () => runScript(this.url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
  }

  async close(): Promise<void> {
    await Promise.all([...this.open].map((adapter) => adapter.dispose()));
  }

  private async track(connecting: Promise<SqlDriverAdapter>): Promise<SqlDriverAdapter> {
    const adapter = await connecting;
    const dispose = adapter.dispose.bind(adapter);
    const tracked = {
      ...adapter,
      dispose: async () => {
        this.open.delete(tracked);
        await dispose();
      },
    };
    this.open.add(tracked);
    return tracked;
  }
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/** Row arrays of results that had `"char"` columns, with those columns' positions. */
const charColumnsOf = new WeakMap<unknown[], number[]>();

async function connectAdapter(url: string, afterDispose: () => Promise<void>): Promise<SqlDriverAdapter> {
  // One connection, like the native engine's: session state a migration leaves behind (search_path, ...)
  // reaches the migrations after it.
  const pool = new pg.Pool({ connectionString: url, max: 1, allowExitOnIdle: true });
  passCharColumnsAsText(pool);
  const inner = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
      const result = await inner.queryRaw(query);
      for (const index of charColumnsOf.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
      return result;
    },
    executeRaw: (query) => inner.executeRaw(query),
    async executeScript(script: string): Promise<void> {
      try {
        await pool.query(script);
      } catch (error) {
        throw asDriverAdapterError(error);
      }
    },
    startTransaction: (isolationLevel) => inner.startTransaction(isolationLevel),
    getConnectionInfo: () => inner.getConnectionInfo(),
    async dispose() {
      await inner.dispose();
      await afterDispose();
    },
  };
}

/**
 * The adapter maps column types from `fields[].dataTypeID` of the pool's results and returns their `rows`
 * array as is; relabelling `"char"` columns as text here and remembering them by that array lets
 * `queryRaw` give them the right type afterwards.
 */
function passCharColumnsAsText(pool: pg.Pool): void {
  const query = pool.query.bind(pool) as (config: pg.QueryConfig) => Promise<pg.QueryResult>;
  pool.query = (async (config: pg.QueryConfig) => {
    const result = await query(config);
    const positions = (result.fields ?? []).flatMap((field, index) => (field.dataTypeID === PG_CHAR_OID ? [index] : []));
    for (const index of positions) result.fields[index]!.dataTypeID = PG_TEXT_OID;
    if (positions.length > 0) charColumnsOf.set(result.rows, positions);
    return result;
  }) as typeof pool.query;
}

/** The engine shows PostgreSQL's own message only when the error arrives in the adapter's error shape. */
function asDriverAdapterError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError)) return error;
  return new DriverAdapterError({
    kind: 'postgres',
    code: error.code ?? 'N/A',
    severity: error.severity ?? 'N/A',
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
    originalCode: error.code,
    originalMessage: error.message,
  });
}
