import { displayTable, tableKey, tableOf } from '../ast.js';
import { finding, type Rule } from './rule.js';

// destructive/error: every row of the table is deleted.
export const truncate: Rule = {
  id: 'destructive/truncate',
  hint: 'Make sure deleting every row is intended; then waive this finding.',
  check(ctx) {
    return ctx.statements.flatMap((statement) => {
      const { node } = statement;
      if (!('TruncateStmt' in node)) return [];
      return (node.TruncateStmt.relations ?? []).flatMap((relation) => {
        const table = 'RangeVar' in relation ? tableOf(relation.RangeVar, ctx.defaultSchema) : null;
        if (!table || !statement.existing.tables.has(tableKey(table))) return [];
        return [
          finding(truncate, ctx, statement, {
            message: `Truncates ${displayTable(table, ctx.defaultSchema)}: every row is deleted.`,
            object: { kind: 'table', schema: table.schema, name: table.name },
          }),
        ];
      });
    });
  },
};
