import type { ColumnDef } from 'libpg-query';
import type { Suggestion } from '../../common/findings.js';
import type { Column, ColumnType } from '../../common/model.js';
import { columnTypeOf, displayTable, quoteName, tableKey, tableOf, type TableName } from '../ast.js';
import { alterTableCommands, finding, replacing, type Rule, type RuleContext, type RuleStatement } from './rule.js';

export interface DroppedColumn {
  statement: RuleStatement;
  /** Index of the DROP COLUMN among the statement's sub-commands. */
  command: number;
  table: TableName;
  column: Column;
}

export interface AddedColumn {
  statement: RuleStatement;
  command: number;
  table: TableName;
  name: string;
  type: ColumnType;
  definition: ColumnDef;
}

/**
 * Columns one migration drops from an existing table and adds back under another name with the same type:
 * what Prisma writes when a field is renamed in schema.prisma without `@map`. Keyed by the dropped column.
 */
export function renamedColumns(ctx: RuleContext): Map<DroppedColumn, AddedColumn> {
  const dropped: DroppedColumn[] = [];
  const added: AddedColumn[] = [];
  for (const statement of ctx.statements) {
    const table = 'AlterTableStmt' in statement.node ? tableOf(statement.node.AlterTableStmt.relation, ctx.defaultSchema) : null;
    if (!table) continue;
    for (const [command, cmd] of alterTableCommands(statement).entries()) {
      if (cmd.subtype === 'AT_DropColumn') {
        const column = statement.existing.tables.get(tableKey(table))?.columns.find((c) => c.name === cmd.name);
        if (column) dropped.push({ statement, command, table, column });
      } else if (cmd.subtype === 'AT_AddColumn' && cmd.def && 'ColumnDef' in cmd.def) {
        const definition = cmd.def.ColumnDef;
        const { colname, typeName } = definition;
        if (colname && typeName) added.push({ statement, command, table, name: colname, type: columnTypeOf(typeName), definition });
      }
    }
  }
  const pairs = new Map<DroppedColumn, AddedColumn>();
  for (const drop of dropped) {
    const index = added.findIndex(
      (add) => tableKey(add.table) === tableKey(drop.table) && add.name !== drop.column.name && sameType(add.type, drop.column.type),
    );
    if (index < 0) continue;
    pairs.set(drop, added[index]!);
    added.splice(index, 1);
  }
  return pairs;
}

function sameType(a: ColumnType, b: ColumnType): boolean {
  return a.name === b.name && a.array === b.array && a.args.join(',') === b.args.join(',');
}

/**
 * `RENAME COLUMN` in place of the drop and the add, when that builds the same column: the added column
 * has the dropped one's nullability and neither has a default or anything else a rename would not carry
 * over. A statement that does more (Prisma writes every change to a table as one ALTER TABLE) keeps its
 * other commands, after the renames; a drop and an add in two statements are replaced when they are
 * neighbours and do nothing else, so the suggestion's lines hold nothing it would lose.
 */
function renameSuggestion(
  ctx: RuleContext,
  pairs: Map<DroppedColumn, AddedColumn>,
  drop: DroppedColumn,
  add: AddedColumn,
): Suggestion | undefined {
  if (!keepsColumn(drop, add)) return undefined;
  const table = displayTable(drop.table, ctx.defaultSchema);
  const rename = (d: DroppedColumn, a: AddedColumn) =>
    `ALTER TABLE ${table} RENAME COLUMN ${quoteName(d.column.name)} TO ${quoteName(a.name)};`;

  if (drop.statement !== add.statement) {
    const first = ctx.statements.indexOf(drop.statement);
    const second = ctx.statements.indexOf(add.statement);
    const single = (statement: RuleStatement) => alterTableCommands(statement).length === 1;
    if (Math.abs(first - second) !== 1 || !single(drop.statement) || !single(add.statement)) return undefined;
    const [from, to] = first < second ? [drop.statement, add.statement] : [add.statement, drop.statement];
    return replacing(ctx, from, to, rename(drop, add));
  }

  // Every rename of this statement goes into the one suggestion, so committing it leaves none half done.
  const statement = drop.statement;
  const renames = [...pairs].filter(([d, a]) => d.statement === statement && a.statement === statement && keepsColumn(d, a));
  const replaced = new Set(renames.flatMap(([d, a]) => [d.command, a.command]));
  const commands = statement.alter?.commands;
  if (!commands) return undefined;
  const rest = commands.filter((_, i) => !replaced.has(i));
  const sql = [...renames.map(([d, a]) => rename(d, a)), ...(rest.length ? [`${statement.alter!.header} ${rest.join(',\n')};`] : [])];
  return replacing(ctx, statement, statement, sql.join('\n'));
}

function keepsColumn(drop: DroppedColumn, add: AddedColumn): boolean {
  const constraints = (add.definition.constraints ?? []).map((c) => ('Constraint' in c ? c.Constraint.contype : undefined));
  const notNull = constraints.includes('CONSTR_NOTNULL');
  if (constraints.some((c) => c !== 'CONSTR_NOTNULL') || notNull === drop.column.nullable) return false;
  return drop.column.default === null && !drop.column.identity && !drop.column.generated;
}

// destructive/error: the drop loses the column's data and the new column starts empty, although the
// intent was almost always a rename.
export const renameAsDropAdd: Rule = {
  id: 'destructive/rename-as-drop-add',
  hint: 'If this is a rename, edit the migration to use ALTER TABLE ... RENAME COLUMN, which keeps the data.',
  check(ctx) {
    const pairs = renamedColumns(ctx);
    return [...pairs].map(([drop, add]) => {
      const table = displayTable(drop.table, ctx.defaultSchema);
      const suggestion = renameSuggestion(ctx, pairs, drop, add);
      return finding(renameAsDropAdd, ctx, drop.statement, {
        message: `Drops column ${quoteName(drop.column.name)} of ${table} and adds ${quoteName(add.name)} of the same type: the data of ${quoteName(drop.column.name)} is lost.`,
        object: { kind: 'column', schema: drop.table.schema, table: drop.table.name, column: drop.column.name, name: drop.column.name },
        hint:
          `If this is a rename, replace the DROP COLUMN and ADD COLUMN with: ALTER TABLE ${table} RENAME COLUMN ${quoteName(drop.column.name)} TO ${quoteName(add.name)}; ` +
          'which keeps the data. The release that is running until this one is deployed still uses the old name and fails on it: ' +
          'to avoid that, add the new column, copy the data, switch the code over and drop the old column in a later release (expand and contract).',
        ...(suggestion ? { suggestion } : {}),
      });
    });
  },
};
