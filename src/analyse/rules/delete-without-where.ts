import { displayTable, tableKey, tableOf } from '../ast.js';
import { finding, type Rule } from './rule.js';

// destructive/error: a DELETE without WHERE empties the table, like TRUNCATE.
export const deleteWithoutWhere: Rule = {
  id: 'destructive/delete-without-where',
  hint: 'Add a WHERE clause for the rows that should go, or waive this finding if emptying the table is intended.',
  check(ctx) {
    return ctx.statements.flatMap((statement) => {
      const { node } = statement;
      if (!('DeleteStmt' in node) || node.DeleteStmt.whereClause || node.DeleteStmt.usingClause) return [];
      const table = tableOf(node.DeleteStmt.relation, ctx.defaultSchema);
      if (!table || !statement.existing.tables.has(tableKey(table))) return [];
      return [
        finding(deleteWithoutWhere, ctx, statement, {
          message: `Deletes every row of ${displayTable(table, ctx.defaultSchema)}.`,
          object: { kind: 'table', schema: table.schema, name: table.name },
        }),
      ];
    });
  },
};
