import { formatType, type ColumnType } from '../../model.js';
import { columnTypeOf, displayTable, quoteName, tableKey, tableOf } from '../ast.js';
import { alterTableCommands, finding, type Rule } from './rule.js';

// destructive/error: a cast that can fail aborts the deploy on the first bad row; one that narrows
// silently truncates or rounds values. Widening (int4 → int8, varchar(n) → text) is not reported.
export const typeChange: Rule = {
  id: 'destructive/type-change',
  hint: 'Check that every existing value converts without loss. For a large or busy table, add a new column, backfill it and switch over instead of rewriting the table in place.',
  check(ctx) {
    return ctx.statements.flatMap((statement) => {
      const table = 'AlterTableStmt' in statement.node ? tableOf(statement.node.AlterTableStmt.relation, ctx.defaultSchema) : null;
      const existing = table && statement.existing.tables.get(tableKey(table));
      if (!table || !existing) return [];
      return alterTableCommands(statement).flatMap((cmd) => {
        if (cmd.subtype !== 'AT_AlterColumnType' || !cmd.def || !('ColumnDef' in cmd.def) || !cmd.def.ColumnDef.typeName) return [];
        const column = existing.columns.find((c) => c.name === cmd.name);
        if (!column) return [];
        const to = columnTypeOf(cmd.def.ColumnDef.typeName);
        // Prisma's enum rewrite (`"Role"` → `"Role_new"`) is destructive/enum-value-removed's to judge.
        if (to.name === `${column.type.name}_new`) return [];
        if (isLossless(column.type, to)) return [];
        return [
          finding(typeChange, ctx, statement, {
            message: `Changes column ${quoteName(column.name)} of ${displayTable(table, ctx.defaultSchema)} from ${formatType(column.type)} to ${formatType(to)}: the conversion can fail or lose data.`,
            object: { kind: 'column', schema: table.schema, table: table.name, column: column.name, name: column.name },
          }),
        ];
      });
    });
  },
};

/** Target types every value of the source type converts to exactly. */
const WIDENINGS: Record<string, string[]> = {
  int2: ['int4', 'int8', 'numeric', 'float4', 'float8'],
  int4: ['int8', 'numeric', 'float8'],
  int8: ['numeric'],
  float4: ['float8'],
  varchar: ['text', 'citext'],
  bpchar: ['text', 'varchar', 'citext'],
  citext: ['text'],
  json: ['jsonb'],
  date: ['timestamp', 'timestamptz'],
  timestamp: ['timestamptz'],
};

/** Decimal digits an integer type needs, for casts to a bounded numeric. */
const INTEGER_DIGITS: Record<string, number> = { int2: 5, int4: 10, int8: 19 };

/** Types whose length or precision modifier, when absent, means "unbounded" or the maximum. */
const UNBOUNDED_WITHOUT_ARGS = new Set(['varchar', 'varbit', 'numeric', 'timestamp', 'timestamptz', 'time', 'timetz', 'interval']);

export function isLossless(from: ColumnType, to: ColumnType): boolean {
  if (from.array !== to.array) return false;
  if (from.name === to.name) return argsWiden(from, to);
  // Every value has a text form.
  if (to.name === 'text' || (to.name === 'varchar' && to.args.length === 0)) return true;
  if (!WIDENINGS[from.name]?.includes(to.name)) return false;
  if (to.name === 'varchar') return to.args.length === 0 || (from.args[0] !== undefined && to.args[0]! >= from.args[0]);
  if (to.name === 'numeric' && to.args.length > 0) {
    const [precision = 0, scale = 0] = to.args;
    return precision - scale >= (INTEGER_DIGITS[from.name] ?? Infinity);
  }
  return true;
}

function argsWiden(from: ColumnType, to: ColumnType): boolean {
  if (to.args.length === 0) return from.args.length === 0 || UNBOUNDED_WITHOUT_ARGS.has(to.name);
  if (from.args.length === 0) return false;
  if (to.name === 'numeric') {
    const [p1 = 0, s1 = 0] = from.args;
    const [p2 = 0, s2 = 0] = to.args;
    return s2 >= s1 && p2 - s2 >= p1 - s1;
  }
  return to.args.every((arg, i) => arg >= (from.args[i] ?? 0));
}
