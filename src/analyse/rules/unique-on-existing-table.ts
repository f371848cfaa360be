import { displayTable, nameParts, quoteName, tableKey, tableOf } from '../ast.js';
import { alterTableCommands, finding, type Rule, type RuleStatement } from './rule.js';

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
    if (cmd.subtype !== 'AT_AddConstraint' || !cmd.def || !('Constraint' in cmd.def)) return [];
    const constraint = cmd.def.Constraint;
    if (constraint.contype !== 'CONSTR_UNIQUE') return [];
    return [constraint.conname ?? `(${(constraint.keys ?? []).flatMap(nameParts).join(', ')})`];
  });
  return { table, names };
}
