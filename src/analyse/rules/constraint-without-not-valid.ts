import { displayTable, quoteName, tableKey, tableOf } from '../ast.js';
import { alterTableCommands, columnConstraints, finding, replacing, type Rule } from './rule.js';

const KINDS: Record<string, string> = { CONSTR_FOREIGN: 'foreign key', CONSTR_CHECK: 'check constraint' };

// risk/notice: adding the constraint checks every existing row while holding a lock that blocks writes
// (for a foreign key, on both tables). Harmless on small tables, an outage on large ones; Prisma always
// writes constraints this way, so this is a notice, not a warning.
export const constraintWithoutNotValid: Rule = {
  id: 'risk/constraint-without-not-valid',
  hint: 'On a large table, add the constraint with NOT VALID and run ALTER TABLE ... VALIDATE CONSTRAINT in a later migration: validation then takes a lock that does not block writes.',
  check(ctx) {
    return ctx.statements.flatMap((statement) => {
      const table = 'AlterTableStmt' in statement.node ? tableOf(statement.node.AlterTableStmt.relation, ctx.defaultSchema) : null;
      if (!table || !statement.existing.tables.has(tableKey(table))) return [];
      return alterTableCommands(statement).flatMap((cmd) => {
        if (cmd.subtype === 'AT_AddColumn' && cmd.def && 'ColumnDef' in cmd.def) {
          const column = cmd.def.ColumnDef;
          return columnConstraints(column).flatMap((constraint) => {
            const kind = KINDS[constraint.contype ?? ''];
            if (!kind || !column.colname) return [];
            const name = constraint.conname ?? `(on ${quoteName(column.colname)})`;
            return [
              finding(constraintWithoutNotValid, ctx, statement, {
                message: `Adds column ${quoteName(column.colname)} to ${displayTable(table, ctx.defaultSchema)} with ${kind} ${name}, checking every existing row while writes are blocked.`,
                object: { kind: kind === 'foreign key' ? 'foreign-key' : 'table', schema: table.schema, table: table.name, name },
                hint:
                  'A constraint written on the column cannot be NOT VALID. On a large table, add the column without it, then the constraint with ' +
                  'ALTER TABLE … ADD CONSTRAINT … NOT VALID, and VALIDATE CONSTRAINT it in a later migration: validation then takes a lock that does not block writes.',
              }),
            ];
          });
        }
        if (cmd.subtype !== 'AT_AddConstraint' || !cmd.def || !('Constraint' in cmd.def)) return [];
        const constraint = cmd.def.Constraint;
        const kind = KINDS[constraint.contype ?? ''];
        if (!kind || constraint.skip_validation) return [];
        const name = constraint.conname ?? '(unnamed)';
        const display = displayTable(table, ctx.defaultSchema);
        // NOT VALID goes at the end of the constraint; only a statement that adds nothing else ends there.
        const named = constraint.conname !== undefined && alterTableCommands(statement).length === 1;
        return [
          finding(constraintWithoutNotValid, ctx, statement, {
            message: `Adds ${kind} ${quoteName(name)} to ${display}, checking every existing row while writes are blocked.`,
            object: { kind: kind === 'foreign key' ? 'foreign-key' : 'table', schema: table.schema, table: table.name, name },
            ...(named
              ? {
                  hint:
                    `On a large table, add the constraint with NOT VALID here and validate it in a new migration after this one: ALTER TABLE ${display} VALIDATE CONSTRAINT ${quoteName(name)}; ` +
                    'Validation then takes a lock that does not block writes (in this migration it would not help: the file runs as one transaction, which keeps the first lock).',
                  suggestion: replacing(ctx, statement, statement, `${statement.text} NOT VALID;`),
                }
              : {}),
          }),
        ];
      });
    });
  },
};
