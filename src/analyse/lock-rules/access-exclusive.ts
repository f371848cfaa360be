import { lockFinding, tableName, timing, took, type LockRule } from './rule.js';

// A statement takes ACCESS EXCLUSIVE on an existing table and rewrites it, so every query on the table, reads
// included, waits for a copy of the whole table. A brief ACCESS EXCLUSIVE without a rewrite (ADD COLUMN
// without a volatile default, DROP COLUMN) is lock/no-lock-timeout's concern: nearly every ALTER TABLE takes one.
export const accessExclusive: LockRule = {
  id: 'lock/access-exclusive',
  check(measurement, ctx) {
    return measurement.statements.flatMap((statement) =>
      statement.rewritten
        .filter((table) => took(statement, table) === 'AccessExclusiveLock')
        .map((table) =>
          lockFinding(this.id, ctx, statement, table, {
            message: `Takes ACCESS EXCLUSIVE on ${tableName(table, ctx)} and rewrites it${timing(statement)}: every query on the table, reads included, waits until the whole table is copied and the migration commits.`,
            hint: 'On a large table, reach the same end without a rewrite: add the column without a volatile default and backfill in batches, or add a new column of the new type and switch over.',
          }),
        ),
    );
  },
};
