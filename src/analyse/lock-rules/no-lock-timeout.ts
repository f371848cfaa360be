import { compareBytes } from '../../common/order.js';
import { lockFinding, tableName, type LockRule } from './rule.js';

/** Long enough for a brief ALTER TABLE on a quiet table, short enough that queued traffic barely notices. */
export const LOCK_TIMEOUT = '5s';

// Prisma sets no lock_timeout. A statement that needs ACCESS EXCLUSIVE on an existing table waits behind any
// query that holds a lock on it, and every query that comes after waits behind the statement: a brief ALTER
// TABLE becomes an outage for as long as the longest running query. Reported once per file, at the first such
// statement, with the line that makes it give up instead: Prisma runs a SET in the file as part of the script.
export const noLockTimeout: LockRule = {
  id: 'lock/no-lock-timeout',
  check(measurement, ctx) {
    const statement = measurement.statements.find((s) => !s.lockTimeout && s.locks.some((lock) => lock.mode === 'AccessExclusiveLock'));
    if (!statement) return [];
    // pg_locks lists a statement's locks in no fixed order; naming the first table by byte order keeps the
    // finding, and so its review comment, the same from run to run.
    const lock = statement.locks
      .filter((l) => l.mode === 'AccessExclusiveLock')
      .sort((a, b) => compareBytes(`${a.table.schema}.${a.table.name}`, `${b.table.schema}.${b.table.name}`))[0]!;
    const set = `SET lock_timeout = '${LOCK_TIMEOUT}';`;
    const firstLine = ctx.sql.split(/\r?\n/, 1)[0]!;
    return [
      lockFinding(this.id, ctx, statement, lock.table, {
        message: `Waits for ACCESS EXCLUSIVE on ${tableName(lock.table, ctx)} with no lock_timeout set: behind one long query on the table, it queues every other query on it until that query ends.`,
        hint: `Add \`${set}\` as the first line of the file: Prisma runs it as part of the script, so the statement gives up after ${LOCK_TIMEOUT} instead of blocking traffic, and the deploy can be retried.`,
        suggestion: { file: ctx.file, startLine: 1, endLine: 1, replacement: `${set}\n${firstLine}` },
      }),
    ];
  },
};
