import type { ColumnDef } from 'libpg-query';
import { columnTypeOf, displayTable, quoteName, tableKey, tableOf } from '../ast.js';
import { alterTableCommands, finding, type Rule } from './rule.js';

// risk/error: PostgreSQL cannot fill the new column for existing rows, so the deploy fails on any table
// that has rows, which production tables usually do.
export const requiredColumnWithoutDefault: Rule = {
  id: 'risk/required-column-without-default',
  hint: 'Give the field a @default in schema.prisma, or add the column as nullable, backfill it, then make it required in a later migration.',
  check(ctx) {
    return ctx.statements.flatMap((statement) => {
      const table = 'AlterTableStmt' in statement.node ? tableOf(statement.node.AlterTableStmt.relation, ctx.defaultSchema) : null;
      if (!table || !statement.existing.tables.has(tableKey(table))) return [];
      return alterTableCommands(statement).flatMap((cmd) => {
        if (cmd.subtype !== 'AT_AddColumn' || !cmd.def || !('ColumnDef' in cmd.def)) return [];
        const column = cmd.def.ColumnDef;
        if (!column.colname || !requiredWithoutValue(column)) return [];
        return [
          finding(requiredColumnWithoutDefault, ctx, statement, {
            message: `Adds required column ${quoteName(column.colname)} to ${displayTable(table, ctx.defaultSchema)} without a default: the deploy fails if the table has rows.`,
            object: { kind: 'column', schema: table.schema, table: table.name, column: column.colname, name: column.colname },
          }),
        ];
      });
    });
  },
};

/** serial types and identity or generated columns fill themselves. */
const SELF_FILLING_TYPES = new Set(['serial', 'serial4', 'serial2', 'smallserial', 'serial8', 'bigserial']);

function requiredWithoutValue(column: ColumnDef): boolean {
  const kinds = new Set(
    (column.constraints ?? []).flatMap((c) => ('Constraint' in c && c.Constraint.contype ? [c.Constraint.contype] : [])),
  );
  const notNull = kinds.has('CONSTR_NOTNULL') || kinds.has('CONSTR_PRIMARY');
  const filled = kinds.has('CONSTR_DEFAULT') || kinds.has('CONSTR_IDENTITY') || kinds.has('CONSTR_GENERATED');
  const serial = column.typeName ? SELF_FILLING_TYPES.has(columnTypeOf(column.typeName).name) : false;
  return notNull && !filled && !serial;
}
