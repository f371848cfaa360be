import type { Column, ColumnType } from '../../model.js';
import { columnTypeOf, displayTable, quoteName, tableKey, tableOf, type TableName } from '../ast.js';
import { alterTableCommands, finding, type Rule, type RuleContext, type RuleStatement } from './rule.js';

export interface DroppedColumn {
  statement: RuleStatement;
  table: TableName;
  column: Column;
}

/**
 * Columns one migration drops from an existing table and adds back under another name with the same type:
 * what Prisma writes when a field is renamed in schema.prisma without `@map`. Keyed by the dropped column.
 */
export function renamedColumns(ctx: RuleContext): Map<DroppedColumn, string> {
  const dropped: DroppedColumn[] = [];
  const added: { table: TableName; name: string; type: ColumnType }[] = [];
  for (const statement of ctx.statements) {
    const table = 'AlterTableStmt' in statement.node ? tableOf(statement.node.AlterTableStmt.relation, ctx.defaultSchema) : null;
    if (!table) continue;
    for (const cmd of alterTableCommands(statement)) {
      if (cmd.subtype === 'AT_DropColumn') {
        const column = statement.existing.tables.get(tableKey(table))?.columns.find((c) => c.name === cmd.name);
        if (column) dropped.push({ statement, table, column });
      } else if (cmd.subtype === 'AT_AddColumn' && cmd.def && 'ColumnDef' in cmd.def) {
        const { colname, typeName } = cmd.def.ColumnDef;
        if (colname && typeName) added.push({ table, name: colname, type: columnTypeOf(typeName) });
      }
    }
  }
  const pairs = new Map<DroppedColumn, string>();
  for (const drop of dropped) {
    const index = added.findIndex(
      (add) => tableKey(add.table) === tableKey(drop.table) && add.name !== drop.column.name && sameType(add.type, drop.column.type),
    );
    if (index < 0) continue;
    pairs.set(drop, added[index]!.name);
    added.splice(index, 1);
  }
  return pairs;
}

function sameType(a: ColumnType, b: ColumnType): boolean {
  return a.name === b.name && a.array === b.array && a.args.join(',') === b.args.join(',');
}

// destructive/error: the drop loses the column's data and the new column starts empty, although the
// intent was almost always a rename.
export const renameAsDropAdd: Rule = {
  id: 'destructive/rename-as-drop-add',
  group: 'destructive',
  severity: 'error',
  description: 'A column is dropped and another of the same type added to the same table: a rename that loses the data.',
  hint: 'If this is a rename, edit the migration to use ALTER TABLE ... RENAME COLUMN, which keeps the data.',
  check(ctx) {
    return [...renamedColumns(ctx)].map(([drop, newName]) => {
      const table = displayTable(drop.table, ctx.defaultSchema);
      return finding(renameAsDropAdd, ctx, drop.statement, {
        message: `Drops column ${quoteName(drop.column.name)} of ${table} and adds ${quoteName(newName)} of the same type: the data of ${quoteName(drop.column.name)} is lost.`,
        object: { kind: 'column', schema: drop.table.schema, table: drop.table.name, column: drop.column.name, name: drop.column.name },
        hint: `If this is a rename, replace the DROP COLUMN and ADD COLUMN with: ALTER TABLE ${table} RENAME COLUMN ${quoteName(drop.column.name)} TO ${quoteName(newName)};`,
      });
    });
  },
};
