import type { Node } from 'libpg-query';
import type { TableName } from './ast.js';

/*
 * What measuring a migration on a scratch copy yields (locks.ts): the facts the lock rules (lock-rules/) read.
 */

/** PostgreSQL's table lock modes as pg_locks names them, weakest first (the order of their conflicts). */
export const LOCK_MODES = [
  'AccessShareLock',
  'RowShareLock',
  'RowExclusiveLock',
  'ShareUpdateExclusiveLock',
  'ShareLock',
  'ShareRowExclusiveLock',
  'ExclusiveLock',
  'AccessExclusiveLock',
] as const;
export type LockMode = (typeof LOCK_MODES)[number];

export interface TableLock {
  table: TableName;
  mode: LockMode;
}

export interface StatementMeasurement {
  line: number;
  column: number;
  /** Wall time of the statement; null when it ran outside a transaction and was held up to be observed. */
  ms: number | null;
  /** Locks on existing tables this statement took that its transaction did not already hold, strongest per table. */
  locks: TableLock[];
  /** Existing tables this statement rewrote (their storage file changed). */
  rewritten: TableName[];
  /** The statement as parsed; null when the parser rejected the file, which then runs as one piece. */
  node: Node | null;
  /** A lock_timeout was in effect when the statement ran (a wait for a lock would give up rather than queue). */
  lockTimeout: boolean;
  /**
   * 'transaction': read from pg_locks on the statement's own connection before its transaction ended.
   * 'observed': the statement cannot run in a transaction (CONCURRENTLY), so a second connection held
   * ROW EXCLUSIVE on the existing tables and read the lock the statement held or asked for when it had to
   * wait; locks weaker than SHARE (which never wait on it) go unseen.
   */
  method: 'transaction' | 'observed';
}

export interface MeasurementFailure {
  line: number;
  column: number;
  code: string | null;
  message: string;
  /** The error is about the rows in the tables (SQLSTATE class 22 or 23), not about the SQL itself. */
  onData: boolean;
}

export interface MigrationMeasurement {
  statements: StatementMeasurement[];
  /** Strongest lock the migration took on each existing table and whether it rewrote it, in input order. */
  tables: { table: TableName; lock: LockMode | null; rewritten: boolean }[];
  /** The statement that failed; the migration was rolled back from there and the statements after it not run. */
  failure: MeasurementFailure | null;
}

const SQL_NAMES: Record<LockMode, string> = {
  AccessShareLock: 'ACCESS SHARE',
  RowShareLock: 'ROW SHARE',
  RowExclusiveLock: 'ROW EXCLUSIVE',
  ShareUpdateExclusiveLock: 'SHARE UPDATE EXCLUSIVE',
  ShareLock: 'SHARE',
  ShareRowExclusiveLock: 'SHARE ROW EXCLUSIVE',
  ExclusiveLock: 'EXCLUSIVE',
  AccessExclusiveLock: 'ACCESS EXCLUSIVE',
};

export function lockModeSql(mode: LockMode): string {
  return SQL_NAMES[mode];
}
