import { readFileSync } from 'node:fs';
import pg from 'pg';
import { parseMigrationSql } from './sql.js';
import { extensionStatement, type ExtensionCreation, type ExtensionRequest } from './extension.js';
import { batchQuery, COMMITTED, sharesQuery } from './batch.js';
import type { Finding } from '../common/findings.js';
import type { MigrationEntry } from '../locate/migrations.js';
import type { SourceLocation } from '../common/model.js';
import { lineColumnAtCodePoint } from '../common/text-position.js';
import { expiredOn, running, type Expired } from '../db/scratch.js';

export interface AppliedMigration {
  name: string;
  ms: number;
}

export interface ApplyResult {
  applied: AppliedMigration[];
  /** Set when a migration could not be applied; the replay stopped there. */
  failure: Finding | null;
}

/**
 * Replays migrations the way `prisma migrate deploy` does: in the given order, on one connection, each
 * `migration.sql` as one simple-protocol script in its own transaction. PostgreSQL then runs a multi-statement
 * file as one implicit transaction, so files with `CREATE INDEX CONCURRENTLY`, their own `BEGIN`/`COMMIT`, or
 * an enum value added and used in one file succeed or fail exactly as they do under Prisma. Runs of files that
 * behave the same either way share a query (see batch.ts); a file that fails in one is replayed on its own.
 */
export interface ApplyOptions {
  /** Migrations that must not run (see screen.ts), with the finding that says why: the replay stops there. */
  refused?: ReadonlyMap<string, Finding>;
  /**
   * Creates an extension the migration's role may not create (one only a superuser can) in the database
   * `client` is on, as the migration's statement asks for it, when it is one that stays inside the database.
   * `currentSchema` is where the migration's session creates objects, for a statement that names no schema.
   */
  createExtension?: (request: ExtensionRequest, currentSchema: string | null) => Promise<ExtensionCreation>;
}

export async function applyMigrations(
  client: pg.ClientBase,
  migrations: MigrationEntry[],
  relativePath: (file: string) => string,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const applied: AppliedMigration[] = [];
  const refusedAt = migrations.findIndex((migration) => options.refused?.has(migration.name));
  const queries = queriesOf(refusedAt < 0 ? migrations : migrations.slice(0, refusedAt), relativePath);
  let next = queries.next();
  while (!next.done) {
    const query = next.value;
    if ('missing' in query) return { applied, failure: missingScript(query.missing, relativePath) };
    const running =
      query.scripts.length > 1
        ? runBatch(client, query.scripts, options.createExtension)
        : runAlone(client, query.scripts[0]!, options.createExtension);
    // The server runs this query while the files of the next one are read.
    try {
      next = queries.next();
    } catch (error) {
      await running.catch(() => {});
      throw error;
    }
    const { done, failed } = await running;
    applied.push(...done);
    if (failed) {
      const { script, error } = failed;
      if (error instanceof ExtensionAfterFunctions) return { applied, failure: extensionAfterFunctions(script, error) };
      const expired = expiredOn(client);
      if (expired) {
        const slow = await slowStatement(client, script.sql).catch(() => undefined);
        return { applied, failure: timeoutFinding(script.migration.name, script.file, slow ?? null, expired, 'replaying') };
      }
      const position = error instanceof pg.DatabaseError && error.position ? undefined : await failingStatement(client, script.sql);
      return { applied, failure: failedMigration(script.migration, script.sql, error, relativePath, position) };
    }
  }
  if (refusedAt >= 0) return { applied, failure: options.refused!.get(migrations[refusedAt]!.name)! };
  return { applied, failure: null };
}

interface Script {
  migration: MigrationEntry;
  /** migration.sql as reports print it. */
  file: string;
  sql: string;
}

// migration/timeout (error): the check's time limit (input `timeout`) was reached while a migration ran; the
// statement was cancelled. A migration that runs this long on an empty database blocks a deploy for as long.
export const TIMEOUT = 'migration/timeout';

/** The finding for a statement the time limit cancelled: where, how long it ran, and what it was waiting for. */
export function timeoutFinding(migration: string, file: string, line: number | null, expired: Expired, doing: string): Finding {
  const waiting = expired.waitEvent
    ? `, waiting on ${expired.waitEvent}${expired.blockedBy.length ? ` (blocked by server process ${expired.blockedBy.join(', ')})` : ''}`
    : ', working (not waiting on anything)';
  const where = line === null ? '' : ` at line ${line}`;
  return {
    rule: TIMEOUT,
    group: 'migration',
    severity: 'error',
    message:
      `Migration \`${migration}\` was still running${where} when the check reached its time limit of ${duration(expired.limitMs)} while ${doing}: ` +
      `the statement had run for ${duration(expired.ranMs)}${waiting}. It was cancelled.`,
    migration,
    location: { file, line: line ?? 1, column: 1 },
    object: { kind: 'migration', name: migration },
    hint: expired.blockedBy.length
      ? 'The statement waited for a lock another session held: a migration must not wait on work of its own it has not finished (or on a session it opened).'
      : 'Remove what makes the migration wait or run this long (pg_sleep, an unbounded loop, a lock on itself), or raise `timeout` if it is genuinely this slow.',
  };
}

function duration(ms: number): string {
  return ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`;
}

/** Bounds what a batch holds in memory; beyond a few dozen files a longer batch saves nothing measurable. */
const BATCH_FILES = 64;
const BATCH_CHARS = 1 << 20;

/** The migrations as they go to the server, reading each file once: runs that share a query, files alone. */
function* queriesOf(
  migrations: MigrationEntry[],
  relativePath: (file: string) => string,
): Generator<{ scripts: Script[] } | { missing: MigrationEntry }> {
  let batch: Script[] = [];
  let chars = 0;
  for (const migration of migrations) {
    if (!migration.sqlPath) {
      if (batch.length) yield { scripts: batch };
      yield { missing: migration };
      return;
    }
    const script = { migration, file: relativePath(migration.sqlPath), sql: readFileSync(migration.sqlPath, 'utf8') };
    if (!sharesQuery(script.sql)) {
      if (batch.length) yield { scripts: batch };
      yield { scripts: [script] };
      batch = [];
      chars = 0;
      continue;
    }
    batch.push(script);
    chars += script.sql.length;
    if (batch.length === BATCH_FILES || chars >= BATCH_CHARS) {
      yield { scripts: batch };
      batch = [];
      chars = 0;
    }
  }
  if (batch.length) yield { scripts: batch };
}

interface Outcome {
  /** The scripts committed, in order. */
  done: AppliedMigration[];
  /** The script that failed; the ones after it were not run. */
  failed: { script: Script; error: unknown } | null;
}

async function runAlone(
  client: pg.ClientBase,
  script: Script,
  createExtension?: ApplyOptions['createExtension'],
  asked = new Set<string>(),
): Promise<Outcome> {
  const started = performance.now();
  running(client, { migration: script.migration.name, file: script.file, line: null, doing: 'replaying' });
  let error: unknown;
  try {
    await client.query(script.sql);
    return { done: [{ name: script.migration.name, ms: performance.now() - started }], failed: null };
  } catch (caught) {
    error = caught;
  } finally {
    running(client, null);
  }
  const failed = { done: [], failed: { script, error } };
  // An extension only a superuser may create: created for the migration, which then runs again. Each one is
  // asked for once: the run after it may stop at another one, never at the same one again.
  const extension = superuserExtension(error);
  if (!extension || !createExtension || asked.has(extension)) return failed;
  asked.add(extension);
  const statement = await extensionStatement(script.sql, extension);
  const { rows } = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
  const request = statement?.request ?? { name: extension, schema: null, version: null, cascade: false, createsSchema: false };
  const creation = await createExtension(request, rows[0]!.schema);
  if (creation === 'after-functions')
    return { done: [], failed: { script, error: new ExtensionAfterFunctions(extension, statement ?? { line: 1, column: 1 }) } };
  if (creation === 'not-created') return failed;
  return runAlone(client, { ...script, sql: statement?.rerun ?? script.sql }, createExtension, asked);
}

/** The admin did not create an extension for a migration, because the migration's role had defined functions or operators by then. */
class ExtensionAfterFunctions extends Error {
  constructor(
    readonly extension: string,
    readonly at: { line: number; column: number },
  ) {
    super(`the extension ${extension} was not created`);
  }
}

function extensionAfterFunctions(script: Script, refused: ExtensionAfterFunctions): Finding {
  const { name } = script.migration;
  return {
    rule: 'migration/failed',
    group: 'migration',
    severity: 'error',
    message:
      `Migration \`${name}\` creates the extension \`${refused.extension}\`, which only a superuser may create: the check creates such an ` +
      'extension as its admin only while the migrations have not yet defined functions or operators, which the ' +
      "extension's install script, run as a superuser, could call. These migrations had defined some by then, so it was not created.",
    migration: name,
    location: { file: script.file, ...refused.at },
    object: { kind: 'migration', name },
    hint:
      `Create \`${refused.extension}\` before the migrations define functions or operators (in an earlier migration, or before them in the ` +
      'first one that does), or run the check against a server where the extension is trusted or already installed in the template database.',
  };
}

/** The extension named by `permission denied to create extension "x"` (42501), which the role got for one that is not trusted. */
function superuserExtension(error: unknown): string | null {
  if (!(error instanceof pg.DatabaseError) || error.code !== '42501') return null;
  return /permission denied to create extension "([^"]+)"/.exec(error.message)?.[1] ?? null;
}

/**
 * Runs scripts in one query; its marker rows tell which are committed, and when by the server's clock. When the
 * query fails, the scripts not committed are run again one by one: the one that fails alone is the failure.
 */
async function runBatch(client: pg.ClientBase, scripts: Script[], createExtension?: ApplyOptions['createExtension']): Promise<Outcome> {
  const marks: number[] = [];
  const query = new pg.Query(batchQuery(scripts.map((script) => script.sql)));
  // The server sends the marker rows when the query ends, so progress can only name the whole run.
  running(client, {
    migration: `${scripts.length} migrations from ${scripts[0]!.migration.name} to ${scripts.at(-1)!.migration.name}`,
    file: null,
    line: null,
    doing: 'replaying',
  });
  query.on('row', (row: Record<string, unknown>) => {
    if (COMMITTED in row) marks.push(Number(row.at) * 1000);
  });
  const failed = await new Promise<boolean>((resolve) => {
    // After an error pg emits no 'end'; the next query waits for the server to be ready in either case.
    query.on('end', () => resolve(false));
    query.on('error', () => resolve(true));
    client.query(query);
  });
  running(client, null);
  const done = marks.slice(1).map((at, i) => ({ name: scripts[i]!.migration.name, ms: at - marks[i]! }));
  if (!failed) return { done, failed: null };
  await client.query('ROLLBACK');
  // The time limit cancelled the batch: the script that ran then is the one to report, not run again.
  if (expiredOn(client)) return { done, failed: { script: scripts[done.length]!, error: new Error('cancelled') } };
  for (const script of scripts.slice(done.length)) {
    const alone = await runAlone(client, script, createExtension);
    done.push(...alone.done);
    if (alone.failed) return { done, failed: alone.failed };
  }
  return { done, failed: null };
}

function missingScript(migration: MigrationEntry, relativePath: (file: string) => string): Finding {
  return {
    rule: 'migration/missing-script',
    group: 'migration',
    severity: 'error',
    message: `Migration \`${migration.name}\` has no migration.sql: \`prisma migrate deploy\` stops here with "Failed to read migration script".`,
    migration: migration.name,
    location: { file: relativePath(`${migration.dir}/migration.sql`), line: 1, column: 1 },
    object: { kind: 'migration', name: migration.name },
    hint: 'Add the migration.sql the folder is missing, or delete the folder if it was created by mistake.',
  };
}

/**
 * PostgreSQL gives no position for errors raised while a statement runs (a missing referenced table, a
 * violated constraint), only for those found while parsing. To still point at the right line, the file is
 * run again statement by statement inside a transaction that is rolled back: the database is where the
 * failed implicit transaction left it, so the same statement fails again. Files that manage their own
 * transactions or build indexes concurrently cannot run that way and keep the file's first line.
 */
async function failingStatement(client: pg.ClientBase, sql: string): Promise<{ line: number; column: number } | undefined> {
  const parsed = await parseMigrationSql(sql);
  if (!parsed.ok) return undefined;
  const runsAlone = parsed.statements.some((statement) => 'TransactionStmt' in statement.node || isConcurrent(statement.node));
  if (runsAlone) return undefined;
  await client.query('BEGIN');
  try {
    for (const statement of parsed.statements) {
      try {
        await client.query(statement.text);
      } catch {
        return { line: statement.line, column: statement.column };
      }
    }
    return undefined;
  } finally {
    await client.query('ROLLBACK');
  }
}

/** A statement cut short gets this long, when the migration is run again to find which statement it was. */
const PROBE_MS = 2_000;

/**
 * Which statement of a script the time limit cut short: a cancelled script tells nothing about where it was.
 * The statements run again one by one in a transaction that is rolled back, each with a short timeout; the
 * first one that does not finish in it is the one. Statements before it ran before the slow one the first
 * time too, so they finish again.
 */
async function slowStatement(client: pg.ClientBase, sql: string): Promise<number | undefined> {
  const parsed = await parseMigrationSql(sql);
  if (!parsed.ok) return undefined;
  if (parsed.statements.length === 1) return parsed.statements[0]!.line;
  if (parsed.statements.some((statement) => 'TransactionStmt' in statement.node || isConcurrent(statement.node))) return undefined;
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL statement_timeout = ${PROBE_MS}`);
    for (const statement of parsed.statements) {
      try {
        await client.query(statement.text);
      } catch (error) {
        return error instanceof pg.DatabaseError && error.code === '57014' ? statement.line : undefined;
      }
    }
    return undefined;
  } finally {
    await client.query('ROLLBACK');
  }
}

/** Any CONCURRENTLY form (index builds and drops, reindex, materialized view refresh) sets `concurrent` in the parse tree. */
function isConcurrent(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  return Object.entries(node).some(([key, value]) => (key === 'concurrent' && value === true) || isConcurrent(value));
}

function failedMigration(
  migration: MigrationEntry,
  sql: string,
  error: unknown,
  relativePath: (file: string) => string,
  statement: { line: number; column: number } | undefined,
): Finding {
  // Anything but a server error (a connection lost on the way) has a message only.
  const pgError = error instanceof pg.DatabaseError ? error : null;
  const file = relativePath(migration.sqlPath!);
  const location = pgError?.position
    ? locate(sql, Number(pgError.position), file)
    : { file, line: statement?.line ?? 1, column: statement?.column ?? 1 };
  const extension = pgError && missingExtension(pgError);
  const code = pgError?.code ? ` (SQLSTATE ${pgError.code})` : '';
  const text = error instanceof Error ? error.message : String(error);
  const message = extension
    ? `Migration \`${migration.name}\` needs the PostgreSQL extension \`${extension}\`, which this PostgreSQL server does not have.`
    : `Migration \`${migration.name}\` failed at line ${location.line}, column ${location.column}: ${text}${code}.`;
  return {
    rule: extension ? 'migration/missing-extension' : 'migration/failed',
    group: 'migration',
    severity: 'error',
    message,
    migration: migration.name,
    location,
    object: { kind: 'migration', name: migration.name },
    hint: extension
      ? `Run the check against a PostgreSQL that ships \`${extension}\`: set \`database-url\` to a service container built with it` +
        (extension === 'vector' ? ' (for example the image `pgvector/pgvector:pg16`).' : '.')
      : [pgError?.detail, pgError?.hint].filter(Boolean).join(' ') ||
        'Fix the SQL so that the migration applies to the database the earlier migrations produce.',
  };
}

/** PostgreSQL reports a 1-based character position into the query; turn it into a line and column. */
export function locate(sql: string, position: number, file: string): SourceLocation {
  return { file, ...lineColumnAtCodePoint(sql, Math.max(position - 1, 0)) };
}

function missingExtension(error: pg.DatabaseError): string | null {
  // 0A000 since PostgreSQL 15 ("extension X is not available"), 58P01 before ("could not open extension control file").
  if (error.code !== '0A000' && error.code !== '58P01') return null;
  const text = `${error.message} ${error.detail ?? ''}`;
  const named = /extension "([^"]+)" is not available/.exec(text) ?? /extension\/([^/"]+)\.control/.exec(text);
  return named?.[1] ?? null;
}
