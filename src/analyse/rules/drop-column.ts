import { displayTable, quoteName, tableKey, tableOf } from '../ast.js';
import { renamedColumns } from './rename-as-drop-add.js';
import { alterTableCommands, finding, type Rule } from './rule.js';

// destructive/error: the column's values are gone for every row.
export const dropColumn: Rule = {
  id: 'destructive/drop-column',
  hint: 'Make sure the data is no longer needed and no deployed code still reads the column; then waive this finding.',
  check(ctx) {
    // A drop that is half of a rename is reported once, by destructive/rename-as-drop-add.
    const renamed = [...renamedColumns(ctx).keys()];
    return ctx.statements.flatMap((statement) => {
      const table = 'AlterTableStmt' in statement.node ? tableOf(statement.node.AlterTableStmt.relation, ctx.defaultSchema) : null;
      const existing = table && statement.existing.tables.get(tableKey(table));
      if (!table || !existing) return [];
      return alterTableCommands(statement).flatMap((cmd) => {
        if (cmd.subtype !== 'AT_DropColumn' || !cmd.name) return [];
        if (!existing.columns.some((c) => c.name === cmd.name)) return [];
        if (renamed.some((drop) => drop.statement === statement && drop.column.name === cmd.name)) return [];
        return [
          finding(dropColumn, ctx, statement, {
            message: `Drops column ${quoteName(cmd.name)} of ${displayTable(table, ctx.defaultSchema)} and its data.`,
            object: { kind: 'column', schema: table.schema, table: table.name, column: cmd.name, name: cmd.name },
          }),
        ];
      });
    });
  },
};
