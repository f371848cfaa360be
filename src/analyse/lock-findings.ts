import type { RuleId } from '../common/catalogue.js';
import type { Finding } from '../common/findings.js';
import { displayTable, type TableName } from './ast.js';
import type { LockMode, MigrationMeasurement, StatementMeasurement } from './locks.js';

/** Where findings point and how tables are named in them. */
export interface LockFindingContext {
  migration: string;
  /** migration.sql as reports print it. */
  file: string;
  defaultSchema: string;
}

// lock/access-exclusive (warning): a statement takes ACCESS EXCLUSIVE on an existing table and rewrites it,
// so every query on the table, reads included, waits for a copy of the whole table. A brief ACCESS
// EXCLUSIVE without a rewrite (ADD COLUMN without a volatile default, DROP COLUMN) is not reported: nearly
// every ALTER TABLE takes one, and queueing behind it is what the static rules already warn about.
export const ACCESS_EXCLUSIVE = 'lock/access-exclusive';
// lock/rewrite (warning): a statement rewrites an existing table on which an earlier statement of the same
// transaction already took ACCESS EXCLUSIVE: the lock is held for the whole copy all the same.
export const REWRITE = 'lock/rewrite';
// lock/share (warning): a statement takes SHARE, SHARE ROW EXCLUSIVE or EXCLUSIVE on an existing table
// (CREATE INDEX without CONCURRENTLY, ADD FOREIGN KEY, CREATE TRIGGER): reads go on, every INSERT, UPDATE
// and DELETE waits until the migration commits.
export const SHARE = 'lock/share';
// lock/failed-on-data (warning): the statement failed on rows seeded into the existing tables (duplicates
// under a new unique index, NULLs under SET NOT NULL, values a cast rejects): production data of that shape
// makes `prisma migrate deploy` fail there. A warning, because the seeded rows only resemble real data.
export const FAILED_ON_DATA = 'lock/failed-on-data';

const WRITE_BLOCKING: readonly LockMode[] = ['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock'];

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

/** The findings a measurement calls for, in statement order. */
export function lockFindings(measurement: MigrationMeasurement, ctx: LockFindingContext): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: RuleId, at: { line: number; column: number }, table: TableName | null, message: string, hint: string) =>
    findings.push({
      rule,
      group: 'lock',
      severity: 'warning',
      message,
      location: { file: ctx.file, line: at.line, column: at.column },
      object: table ? { kind: 'table', schema: table.schema, name: table.name } : { kind: 'migration', name: ctx.migration },
      migration: ctx.migration,
      hint,
    });
  const name = (table: TableName) => `\`${displayTable(table, ctx.defaultSchema)}\``;
  const took = (statement: StatementMeasurement, table: TableName) =>
    statement.locks.find((lock) => lock.table.schema === table.schema && lock.table.name === table.name)?.mode;
  const timing = (statement: StatementMeasurement) => (statement.ms === null ? '' : ` (${statement.ms.toFixed(1)} ms on the seeded rows)`);

  for (const statement of measurement.statements) {
    for (const table of statement.rewritten) {
      if (took(statement, table) === 'AccessExclusiveLock') {
        add(
          ACCESS_EXCLUSIVE,
          statement,
          table,
          `Takes ACCESS EXCLUSIVE on ${name(table)} and rewrites it${timing(statement)}: every query on the table, reads included, waits until the whole table is copied and the migration commits.`,
          'On a large table, reach the same end without a rewrite: add the column without a volatile default and backfill in batches, or add a new column of the new type and switch over.',
        );
      } else {
        add(
          REWRITE,
          statement,
          table,
          `Rewrites ${name(table)}${timing(statement)} while the migration holds ACCESS EXCLUSIVE on it: every query on the table waits for the copy.`,
          'On a large table, avoid the rewrite (backfill in batches, or add a new column and switch over) or run it in a maintenance window.',
        );
      }
    }
    for (const lock of statement.locks) {
      if (!WRITE_BLOCKING.includes(lock.mode)) continue;
      add(
        SHARE,
        statement,
        lock.table,
        `Takes ${lockModeSql(lock.mode)} on ${name(lock.table)}${timing(statement)}: reads go on, but every INSERT, UPDATE and DELETE on it waits until the migration commits.`,
        'For an index, use CREATE INDEX CONCURRENTLY in a migration of its own; for a foreign key or check, add it NOT VALID and VALIDATE it in a later migration.',
      );
    }
  }
  const failure = measurement.failure;
  if (failure?.onData) {
    add(
      FAILED_ON_DATA,
      failure,
      null,
      `Fails on existing rows: ${failure.message}${failure.code ? ` (SQLSTATE ${failure.code})` : ''}. The check seeded a few rows into every existing table; production data like them makes \`prisma migrate deploy\` stop here.`,
      'Clean up or backfill the data first (in this migration, before the failing statement, or in an earlier one), or make the change tolerate it.',
    );
  }
  return findings;
}
