import { lockFinding, tableName, timing, took, type LockRule } from './rule.js';

// A statement rewrites an existing table on which an earlier statement of the same transaction already took
// ACCESS EXCLUSIVE: the lock is held for the whole copy all the same.
export const rewrite: LockRule = {
  id: 'lock/rewrite',
  check(measurement, ctx) {
    return measurement.statements.flatMap((statement) =>
      statement.rewritten
        .filter((table) => took(statement, table) !== 'AccessExclusiveLock')
        .map((table) =>
          lockFinding(this.id, ctx, statement, table, {
            message: `Rewrites ${tableName(table, ctx)}${timing(statement)} while the migration holds ACCESS EXCLUSIVE on it: every query on the table waits for the copy.`,
            hint: 'On a large table, avoid the rewrite (backfill in batches, or add a new column and switch over) or run it in a maintenance window.',
          }),
        ),
    );
  },
};
