import pg from 'pg';
import { timeoutFinding } from '../apply/apply.js';
import { expiredOn, openClient, running, withScratchClient } from '../db/scratch.js';
import type { Finding } from '../common/findings.js';
import { qualifiedKey } from '../common/model.js';
import type { TableName } from './ast.js';
import {
  LOCK_MODES,
  type LockMode,
  type MeasurementFailure,
  type MigrationMeasurement,
  type StatementMeasurement,
  type TableLock,
} from './measurement.js';
import { lockFindings } from './lock-rules/index.js';
import { parseMigrationSql, type SqlStatement } from '../apply/sql.js';

interface Snapshot {
  locks: Map<number, LockMode>;
  files: Map<number, number>;
  lockTimeout: boolean;
}

/**
 * Applies one migration and measures what it does to the tables that existed before it: the locks it takes,
 * the tables it rewrites and how long each statement runs. Statements run one at a time inside a transaction
 * opened here (a file's own BEGIN/COMMIT take over from it), so after each one pg_locks still shows every lock
 * the transaction holds and the new ones belong to that statement. On success the migration stays applied,
 * so the next migration can be measured on the same database. `url` is the same database as `client`: a
 * statement that cannot run in a transaction is observed from a second connection.
 */
export async function measureMigration(
  client: pg.ClientBase,
  sql: string,
  options: { existingTables: TableName[]; url: string; migration?: { name: string; file: string } },
): Promise<MigrationMeasurement> {
  const tables = await resolveTables(client, options.existingTables);
  const oids = [...tables.keys()];
  const statements = await splitStatements(sql);
  const measured: StatementMeasurement[] = [];
  const strongest = new Map<number, LockMode>();
  const rewritten = new Set<number>();
  let files = (await snapshot(client, oids)).files;
  let held = new Map<number, LockMode>();
  let inTransaction = false;
  let failure: MeasurementFailure | null = null;

  const record = (statement: Located, ms: number | null, after: Snapshot, method: StatementMeasurement['method']) => {
    const locks: TableLock[] = [];
    for (const [oid, mode] of after.locks) {
      const before = held.get(oid);
      if (!before || rank(mode) > rank(before)) locks.push({ table: tables.get(oid)!, mode });
      if (rank(mode) > rank(strongest.get(oid))) strongest.set(oid, mode);
    }
    // TRUNCATE swaps in a new, empty storage file without copying a row: a changed file, but no rewrite.
    const changed = isTruncate(statement)
      ? []
      : oids.filter((oid) => after.files.has(oid) && files.has(oid) && after.files.get(oid) !== files.get(oid));
    for (const oid of changed) rewritten.add(oid);
    measured.push({
      line: statement.line,
      column: statement.column,
      ms,
      locks,
      rewritten: changed.map((oid) => tables.get(oid)!),
      node: statement.node,
      lockTimeout: after.lockTimeout,
      method,
    });
    held = after.locks;
    files = after.files;
  };

  for (const statement of statements) {
    const control = transactionControl(statement);
    if (control === 'end') {
      await client.query(statement.text);
      inTransaction = false;
      held = new Map();
      continue;
    }
    if (control === 'start' && inTransaction) continue;
    if (!inTransaction) {
      await client.query('BEGIN');
      inTransaction = true;
      if (control === 'start') continue;
    }
    const started = performance.now();
    if (options.migration)
      running(client, { migration: options.migration.name, file: options.migration.file, line: statement.line, doing: 'measuring' });
    try {
      await client.query(statement.text);
    } catch (error) {
      running(client, null);
      if (expiredOn(client)) {
        failure = toFailure(statement, error);
        break;
      }
      await client.query('ROLLBACK');
      inTransaction = false;
      if (isTransactionBlockError(error) && statements.length === 1) {
        held = new Map();
        const observed = await observe(client, statement.text, options.url, oids);
        if ('failure' in observed) failure = toFailure(statement, observed.failure);
        else record(statement, null, { ...(await snapshot(client, oids)), locks: observed.locks }, 'observed');
        break;
      }
      failure = toFailure(statement, error);
      break;
    }
    running(client, null);
    const ms = performance.now() - started;
    record(statement, ms, await snapshot(client, oids), 'transaction');
  }
  if (inTransaction && !expiredOn(client)) await client.query('COMMIT');

  return {
    statements: measured,
    tables: oids.map((oid) => ({ table: tables.get(oid)!, lock: strongest.get(oid) ?? null, rewritten: rewritten.has(oid) })),
    failure,
  };
}

export interface MeasuredMigration {
  name: string;
  measurement: MigrationMeasurement;
}

/**
 * Measures the pull request's new migrations, in apply order, on the database at `url`: one that holds the
 * state the base branch's migrations produced, seeded (see seed.ts), and that nothing else needs, since each
 * migration stays applied for the next. The first one that fails ends the run: those after it build on it.
 */
export async function measureNewMigrations(
  url: string,
  input: { existingTables: TableName[]; migrations: { name: string; file: string; sql: string }[]; defaultSchema: string },
): Promise<{ measured: MeasuredMigration[]; findings: Finding[] }> {
  const measured: MeasuredMigration[] = [];
  const findings: Finding[] = [];
  await withScratchClient(url, async (client) => {
    for (const migration of input.migrations) {
      const measurement = await measureMigration(client, migration.sql, { existingTables: input.existingTables, url, migration });
      measured.push({ name: migration.name, measurement });
      const expired = expiredOn(client);
      if (expired) {
        findings.push(timeoutFinding(migration.name, migration.file, measurement.failure?.line ?? null, expired, 'measuring its locks'));
        break;
      }
      findings.push(
        ...lockFindings(measurement, {
          migration: migration.name,
          file: migration.file,
          sql: migration.sql,
          defaultSchema: input.defaultSchema,
        }),
      );
      if (measurement.failure) break;
    }
  });
  return { measured, findings };
}

type Located = Pick<SqlStatement, 'text' | 'line' | 'column'> & { node: SqlStatement['node'] | null };

/** The file's statements; a file the parser rejects runs as one piece, so it is still measured as a whole. */
async function splitStatements(sql: string): Promise<Located[]> {
  const parsed = await parseMigrationSql(sql);
  if (!parsed.ok || parsed.statements.length === 0) return [{ text: sql, line: 1, column: 1, node: null }];
  return parsed.statements;
}

function isTruncate(statement: Located): boolean {
  return statement.node !== null && 'TruncateStmt' in statement.node;
}

function transactionControl(statement: Located): 'start' | 'end' | null {
  const node = statement.node;
  if (!node || !('TransactionStmt' in node)) return null;
  const kind = node.TransactionStmt.kind;
  if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') return 'start';
  if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK' || kind === 'TRANS_STMT_PREPARE') return 'end';
  return null;
}

async function resolveTables(client: pg.ClientBase, tables: TableName[]): Promise<Map<number, TableName>> {
  const { rows } = await client.query<{ oid: number; schema: string; name: string }>(
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name
       FROM unnest($1::text[], $2::text[]) AS t(schema, name)
       JOIN pg_namespace n ON n.nspname = t.schema
       JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = t.name AND c.relkind IN ('r', 'p')`,
    [tables.map((t) => t.schema), tables.map((t) => t.name)],
  );
  const byKey = new Map(rows.map((row) => [qualifiedKey(row.schema, row.name), row.oid]));
  const resolved = new Map<number, TableName>();
  for (const table of tables) {
    const oid = byKey.get(qualifiedKey(table.schema, table.name));
    if (oid !== undefined) resolved.set(oid, { schema: table.schema, name: table.name });
  }
  return resolved;
}

/** The strongest lock this backend holds on each table, each table's storage file, and whether a lock_timeout is set. */
async function snapshot(client: pg.ClientBase, oids: number[]): Promise<Snapshot> {
  const { rows } = await client.query<{ oid: number; mode: LockMode | null; file: number | null }>(
    `SELECT o.oid::int AS oid, l.mode, c.relfilenode::int AS file
       FROM unnest($1::oid[]) AS o(oid)
       LEFT JOIN pg_class c ON c.oid = o.oid
       LEFT JOIN pg_locks l ON l.locktype = 'relation' AND l.relation = o.oid AND l.pid = pg_backend_pid() AND l.granted`,
    [oids],
  );
  const locks = new Map<number, LockMode>();
  const files = new Map<number, number>();
  for (const row of rows) {
    if (row.mode && rank(row.mode) > rank(locks.get(row.oid))) locks.set(row.oid, row.mode);
    // A partitioned table has no storage of its own (relfilenode 0); a dropped one has no row.
    if (row.file) files.set(row.oid, row.file);
  }
  const setting = await client.query<{ set: boolean }>(`SELECT current_setting('lock_timeout') <> '0' AS set`);
  return { locks, files, lockTimeout: setting.rows[0]!.set };
}

/**
 * Runs a statement that refuses a transaction block (CREATE INDEX CONCURRENTLY and the like) while a second
 * connection holds ROW EXCLUSIVE on every existing table in an open transaction. A statement that wants a
 * lock conflicting with that waits for the lock, and CONCURRENTLY waits for the open transaction to end; either
 * way it is stuck until the observer lets go, so pg_locks shows what it holds and what it asks for.
 */
async function observe(
  client: pg.ClientBase,
  text: string,
  url: string,
  oids: number[],
): Promise<{ locks: Map<number, LockMode> } | { failure: unknown }> {
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const observer = await openClient(url);
  const locks = new Map<number, LockMode>();
  try {
    await observer.query('BEGIN');
    const { rows } = await observer.query<{ name: string }>('SELECT oid::regclass::text AS name FROM unnest($1::oid[]) AS o(oid)', [oids]);
    if (rows.length > 0) await observer.query(`LOCK TABLE ${rows.map((r) => r.name).join(', ')} IN ROW EXCLUSIVE MODE`);
    let settled = false;
    const running = client
      .query(text)
      .then(
        () => null,
        (error: unknown) => error,
      )
      .finally(() => (settled = true));
    // Not a timer: every round trip either sees the statement stuck behind the observer or finished. pg_locks
    // rather than pg_stat_activity, which a transaction reads once and then keeps returning unchanged.
    for (;;) {
      const seen = await observer.query<{ oid: number | null; mode: LockMode; granted: boolean }>(
        `SELECT l.relation::int AS oid, l.mode, l.granted
           FROM pg_locks l
          WHERE l.pid = $1 AND (NOT l.granted OR (l.locktype = 'relation' AND l.relation = ANY($2::oid[])))`,
        [pid, oids],
      );
      for (const row of seen.rows) {
        if (row.oid !== null && oids.includes(row.oid) && rank(row.mode) > rank(locks.get(row.oid))) locks.set(row.oid, row.mode);
      }
      if (settled || seen.rows.some((row) => !row.granted)) break;
    }
    await observer.query('COMMIT');
    const error = await running;
    return error ? { failure: error } : { locks };
  } finally {
    await observer.end();
  }
}

function rank(mode: LockMode | undefined): number {
  return mode === undefined ? -1 : LOCK_MODES.indexOf(mode);
}

function isTransactionBlockError(error: unknown): boolean {
  // 25001 active_sql_transaction: "CREATE INDEX CONCURRENTLY cannot run inside a transaction block".
  return error instanceof pg.DatabaseError && error.code === '25001';
}

function toFailure(statement: Located, error: unknown): MeasurementFailure {
  const code = error instanceof pg.DatabaseError ? error.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return {
    line: statement.line,
    column: statement.column,
    code: code ?? null,
    message,
    onData: code !== undefined && (code.startsWith('22') || code.startsWith('23')),
  };
}
