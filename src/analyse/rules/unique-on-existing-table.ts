import { displayTable, nameParts, quoteName, tableKey, tableOf } from '../ast.js';
import { alterTableCommands, columnConstraints, finding, type Rule, type RuleStatement } from './rule.js';

// risk/warning: fails when existing rows already hold duplicates, which only production data can tell.
export const uniqueOnExistingTable: Rule = {
  id: 'risk/unique-on-existing-table',
  hint: 'Check production for duplicates first (SELECT cols, count(*) ... GROUP BY cols HAVING count(*) > 1) and clean them up in this migration or before it.',
  check(ctx) {
    return ctx.statements.flatMap((statement) => {
      const added = uniqueAdditions(statement, ctx.defaultSchema);
      if (!added || !statement.existing.tables.has(tableKey(added.table))) return [];
      return added.names.map((name) =>
        finding(uniqueOnExistingTable, ctx, statement, {
          message: `Adds unique ${quoteName(name)} to ${displayTable(added.table, ctx.defaultSchema)}: the deploy fails if existing rows hold duplicates.`,
          object: { kind: 'index', schema: added.table.schema, table: added.table.name, name },
        }),
      );
    });
  },
};

function uniqueAdditions(statement: RuleStatement, defaultSchema: string) {
  const { node } = statement;
  if ('IndexStmt' in node) {
    const table = tableOf(node.IndexStmt.relation, defaultSchema);
    return node.IndexStmt.unique && table ? { table, names: [node.IndexStmt.idxname ?? '(unnamed)'] } : null;
  }
  const table = 'AlterTableStmt' in node ? tableOf(node.AlterTableStmt.relation, defaultSchema) : null;
  if (!table) return null;
  const names = alterTableCommands(statement).flatMap((cmd) => {
    // A column added with UNIQUE builds its index the same way as a table constraint does.
    if (cmd.subtype === 'AT_AddColumn' && cmd.def && 'ColumnDef' in cmd.def) {
      const column = cmd.def.ColumnDef;
      return columnConstraints(column)
        .filter((constraint) => constraint.contype === 'CONSTR_UNIQUE')
        .map((constraint) => constraint.conname ?? `(${column.colname ?? ''})`);
    }
    if (cmd.subtype !== 'AT_AddConstraint' || !cmd.def || !('Constraint' in cmd.def)) return [];
    const constraint = cmd.def.Constraint;
    // UNIQUE USING INDEX attaches an index PostgreSQL requires to be unique already: its build was the risk,
    // reported where it happened.
    if (constraint.contype !== 'CONSTR_UNIQUE' || constraint.indexname) return [];
    return [constraint.conname ?? `(${(constraint.keys ?? []).flatMap(nameParts).join(', ')})`];
  });
  return { table, names };
}
