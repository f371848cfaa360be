import { displayTable, tableKey, tableOf } from '../ast.js';
import { alterTableCommands, columnConstraints, finding, type Rule } from './rule.js';

// destructive/warning: no data is deleted, but the new key fails on duplicate or null values, every
// foreign key that references the old key has to be dropped first, and the table is locked while the new
// index is built.
export const primaryKeyChanged: Rule = {
  id: 'destructive/primary-key-changed',
  hint: 'Check the new key columns hold no duplicates or nulls, and that foreign keys referencing the table are recreated.',
  check(ctx) {
    // Prisma may drop the old key and add the new one in separate statements: one finding per table.
    const reported = new Set<string>();
    return ctx.statements.flatMap((statement) => {
      const table = 'AlterTableStmt' in statement.node ? tableOf(statement.node.AlterTableStmt.relation, ctx.defaultSchema) : null;
      const existing = table && statement.existing.tables.get(tableKey(table));
      if (!table || !existing) return [];
      const commands = alterTableCommands(statement);
      const drops = commands.some((cmd) => cmd.subtype === 'AT_DropConstraint' && cmd.name === existing.primaryKey?.name);
      const adds = commands.some(
        (cmd) =>
          // PRIMARY KEY USING INDEX attaches a unique index that is already built: the safe recipe, not a change
          // to judge here (the index's own build is, where it happens).
          (cmd.subtype === 'AT_AddConstraint' &&
            cmd.def &&
            'Constraint' in cmd.def &&
            cmd.def.Constraint.contype === 'CONSTR_PRIMARY' &&
            !cmd.def.Constraint.indexname) ||
          // A column added with PRIMARY KEY adds the key the same way.
          (cmd.subtype === 'AT_AddColumn' &&
            cmd.def &&
            'ColumnDef' in cmd.def &&
            columnConstraints(cmd.def.ColumnDef).some((c) => c.contype === 'CONSTR_PRIMARY')),
      );
      if ((!drops && !adds) || reported.has(tableKey(table))) return [];
      reported.add(tableKey(table));
      const what = drops && adds ? 'Replaces the primary key' : drops ? 'Drops the primary key' : 'Adds a primary key';
      return [
        finding(primaryKeyChanged, ctx, statement, {
          message: `${what} of ${displayTable(table, ctx.defaultSchema)}.`,
          object: { kind: 'primary-key', schema: table.schema, table: table.name, name: existing.primaryKey?.name ?? table.name },
        }),
      ];
    });
  },
};
