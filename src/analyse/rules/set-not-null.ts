import { displayTable, quoteName, tableKey, tableOf } from '../ast.js';
import { alterTableCommands, finding, type Rule } from './rule.js';

// risk/warning: fails if any row is null, and scans the whole table under an ACCESS EXCLUSIVE lock.
export const setNotNull: Rule = {
  id: 'risk/set-not-null',
  hint: 'Backfill the nulls first (an UPDATE above this statement). On a large table, add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT NULL, which then skips the scan.',
  check(ctx) {
    return ctx.statements.flatMap((statement) => {
      const table = 'AlterTableStmt' in statement.node ? tableOf(statement.node.AlterTableStmt.relation, ctx.defaultSchema) : null;
      if (!table || !statement.existing.tables.has(tableKey(table))) return [];
      const proven = new Set((statement.existing.notNullChecks.get(tableKey(table)) ?? []).filter((c) => c.validated).map((c) => c.column));
      return alterTableCommands(statement).flatMap((cmd) =>
        // A validated CHECK (col IS NOT NULL) proves it: PostgreSQL 12+ skips the scan, and nothing can fail.
        cmd.subtype === 'AT_SetNotNull' && cmd.name && !proven.has(cmd.name)
          ? [
              finding(setNotNull, ctx, statement, {
                message: `Makes column ${quoteName(cmd.name)} of ${displayTable(table, ctx.defaultSchema)} required: the deploy fails if any row holds null.`,
                object: { kind: 'column', schema: table.schema, table: table.name, column: cmd.name, name: cmd.name },
              }),
            ]
          : [],
      );
    });
  },
};
