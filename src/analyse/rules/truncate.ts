import type { Table } from '../../common/model.js';
import { displayTable, tableKey, tableOf, type TableName } from '../ast.js';
import { finding, type Rule } from './rule.js';

// destructive/error: every row of the table is deleted, and with CASCADE every row of each table whose
// foreign keys reference it, however deep.
export const truncate: Rule = {
  id: 'destructive/truncate',
  hint: 'Make sure deleting every row is intended, and name every table in the statement rather than leaving them to CASCADE; then waive this finding.',
  check(ctx) {
    return ctx.statements.flatMap((statement) => {
      const { node } = statement;
      if (!('TruncateStmt' in node)) return [];
      const named = (node.TruncateStmt.relations ?? []).flatMap((relation) => {
        const table = 'RangeVar' in relation ? tableOf(relation.RangeVar, ctx.defaultSchema) : null;
        return table ? [table] : [];
      });
      const tables = statement.existing.tables;
      const cascaded = node.TruncateStmt.behavior === 'DROP_CASCADE' ? referencing(named, tables) : [];
      const existing = named.filter((table) => tables.has(tableKey(table)));
      return [
        ...existing.map((table) =>
          finding(truncate, ctx, statement, {
            message: `Truncates ${displayTable(table, ctx.defaultSchema)}: every row is deleted.`,
            object: { kind: 'table', schema: table.schema, name: table.name },
          }),
        ),
        ...cascaded.map(({ table, through }) =>
          finding(truncate, ctx, statement, {
            message: `Truncates ${displayTable(table, ctx.defaultSchema)} through CASCADE (its foreign key references ${displayTable(through, ctx.defaultSchema)}): every row is deleted.`,
            object: { kind: 'table', schema: table.schema, name: table.name },
          }),
        ),
      ];
    });
  },
};

/** The existing tables CASCADE empties with `named`: those whose foreign keys reference one of them, transitively. */
function referencing(named: TableName[], tables: ReadonlyMap<string, Table>): { table: TableName; through: TableName }[] {
  const emptied = new Set(named.map(tableKey));
  const found: { table: TableName; through: TableName }[] = [];
  for (let i = 0, queue = [...named]; i < queue.length; i++) {
    const target = queue[i]!;
    for (const table of tables.values()) {
      if (emptied.has(tableKey(table))) continue;
      if (!table.foreignKeys.some((fk) => fk.referencedSchema === target.schema && fk.referencedTable === target.name)) continue;
      emptied.add(tableKey(table));
      const name = { schema: table.schema, name: table.name };
      found.push({ table: name, through: target });
      queue.push(name);
    }
  }
  return found;
}
