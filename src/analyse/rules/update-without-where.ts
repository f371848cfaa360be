import { displayTable, tableKey, tableOf } from '../ast.js';
import { finding, type Rule } from './rule.js';

// risk/notice, not destructive: an UPDATE of every row is how a new column is usually backfilled. It
// still overwrites whatever the rows held and rewrites the whole table under a lock.
export const updateWithoutWhere: Rule = {
  id: 'risk/update-without-where',
  hint: 'Check that overwriting every row is intended (a backfill); on a large table, backfill in batches outside the migration.',
  check(ctx) {
    return ctx.statements.flatMap((statement) => {
      const { node } = statement;
      if (!('UpdateStmt' in node) || node.UpdateStmt.whereClause || node.UpdateStmt.fromClause) return [];
      const table = tableOf(node.UpdateStmt.relation, ctx.defaultSchema);
      if (!table || !statement.existing.tables.has(tableKey(table))) return [];
      const columns = (node.UpdateStmt.targetList ?? []).flatMap((t) => ('ResTarget' in t && t.ResTarget.name ? [t.ResTarget.name] : []));
      return [
        finding(updateWithoutWhere, ctx, statement, {
          message: `Updates every row of ${displayTable(table, ctx.defaultSchema)} (${columns.map((c) => `"${c}"`).join(', ')}).`,
          object: { kind: 'table', schema: table.schema, name: table.name },
        }),
      ];
    });
  },
};
