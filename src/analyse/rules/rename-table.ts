import { displayTable, quoteName, tableKey, tableOf } from '../ast.js';
import { expandContract } from './rename-column.js';
import { finding, type Rule } from './rule.js';

// risk/notice: the rows stay, but the running release queries the old name until the new one is deployed.
export const renameTable: Rule = {
  id: 'risk/rename-table',
  hint: expandContract('table', '`@@map("OldName")` on the model'),
  check(ctx) {
    return ctx.statements.flatMap((statement) => {
      const { node } = statement;
      if (!('RenameStmt' in node) || node.RenameStmt.renameType !== 'OBJECT_TABLE' || !node.RenameStmt.newname) return [];
      const table = tableOf(node.RenameStmt.relation, ctx.defaultSchema);
      if (!table || !statement.existing.tables.has(tableKey(table))) return [];
      return [
        finding(renameTable, ctx, statement, {
          message: `Renames table ${displayTable(table, ctx.defaultSchema)} to ${quoteName(node.RenameStmt.newname)}: the rows stay, but the release still running uses the old name until this one is deployed.`,
          object: { kind: 'table', schema: table.schema, name: table.name },
        }),
      ];
    });
  },
};
