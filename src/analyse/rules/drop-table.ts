import { displayTable, nameParts, qualified, tableKey } from '../ast.js';
import { finding, type Rule } from './rule.js';

// destructive/error: every row of the table is gone, and no later migration can bring it back.
export const dropTable: Rule = {
  id: 'destructive/drop-table',
  hint: 'Make sure the data is no longer needed (or copied elsewhere) before merging; then waive this finding.',
  check(ctx) {
    return ctx.statements.flatMap((statement) => {
      const { node } = statement;
      if (!('DropStmt' in node) || node.DropStmt.removeType !== 'OBJECT_TABLE') return [];
      return (node.DropStmt.objects ?? []).flatMap((object) => {
        const table = qualified(nameParts(object), ctx.defaultSchema);
        if (!table || !statement.existing.tables.has(tableKey(table))) return [];
        return [
          finding(dropTable, ctx, statement, {
            message: `Drops table ${displayTable(table, ctx.defaultSchema)} and all of its rows.`,
            object: { kind: 'table', schema: table.schema, name: table.name },
          }),
        ];
      });
    });
  },
};
