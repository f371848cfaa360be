import type { Constraint } from 'libpg-query';
import { tableKey, tableOf, type TableName } from '../ast.js';
import { lockModeSql, type LockMode, type MigrationMeasurement, type StatementMeasurement } from '../measurement.js';
import { lockFinding, tableName, timing, type LockRule } from './rule.js';

const WRITE_BLOCKING: readonly LockMode[] = ['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock'];

// A statement takes SHARE, SHARE ROW EXCLUSIVE or EXCLUSIVE on an existing table (CREATE INDEX without
// CONCURRENTLY, ADD FOREIGN KEY, CREATE TRIGGER): reads go on, every INSERT, UPDATE and DELETE waits until
// the migration commits.
export const share: LockRule = {
  id: 'lock/share',
  check(measurement, ctx) {
    return measurement.statements.flatMap((statement) =>
      statement.locks
        .filter(
          (lock) =>
            WRITE_BLOCKING.includes(lock.mode) &&
            !isForeignKeyFromNewTable(statement, lock.table, measurement, ctx.defaultSchema) &&
            !isForeignKeyNotValid(statement),
        )
        .map((lock) =>
          lockFinding(this.id, ctx, statement, lock.table, {
            message: `Takes ${lockModeSql(lock.mode)} on ${tableName(lock.table, ctx)}${timing(statement)}: reads go on, but every INSERT, UPDATE and DELETE on it waits until the migration commits.`,
            hint: 'For an index, use CREATE INDEX CONCURRENTLY in a migration of its own; for a foreign key or check, add it NOT VALID and VALIDATE it in a later migration.',
          }),
        ),
    );
  },
};

/** ADD FOREIGN KEY … NOT VALID reads no row: its lock is taken and let go, the validation comes later. */
function isForeignKeyNotValid(statement: StatementMeasurement): boolean {
  const commands = addedConstraints(statement);
  return (
    commands !== null && commands.every((constraint) => constraint.contype === 'CONSTR_FOREIGN' && constraint.skip_validation === true)
  );
}

/** The constraints an ALTER TABLE adds, when adding constraints is all it does. */
function addedConstraints(statement: StatementMeasurement): Constraint[] | null {
  const node = statement.node;
  if (!node || !('AlterTableStmt' in node)) return null;
  const constraints: Constraint[] = [];
  for (const cmd of node.AlterTableStmt.cmds ?? []) {
    const def = 'AlterTableCmd' in cmd && cmd.AlterTableCmd.subtype === 'AT_AddConstraint' ? cmd.AlterTableCmd.def : undefined;
    if (!def || !('Constraint' in def)) return null;
    constraints.push(def.Constraint);
  }
  return constraints;
}

/**
 * A foreign key from a table the pull request creates, to `locked`: Prisma's shape for every new model with a
 * relation (CREATE TABLE, then ALTER TABLE … ADD CONSTRAINT … REFERENCES). The new table is empty, so
 * validating the key reads nothing and the lock on the referenced table is only taken, not waited through.
 */
function isForeignKeyFromNewTable(
  statement: StatementMeasurement,
  locked: TableName,
  measurement: MigrationMeasurement,
  defaultSchema: string,
): boolean {
  const node = statement.node;
  const existing = new Set(measurement.tables.map((t) => tableKey(t.table)));
  if (node && 'CreateStmt' in node) {
    const table = tableOf(node.CreateStmt.relation, defaultSchema);
    return table !== null && !existing.has(tableKey(table)) && tableKey(table) !== tableKey(locked);
  }
  if (!node || !('AlterTableStmt' in node)) return false;
  const table = tableOf(node.AlterTableStmt.relation, defaultSchema);
  const constraints = addedConstraints(statement);
  if (!table || existing.has(tableKey(table)) || !constraints) return false;
  return constraints.every((constraint) => constraint.contype === 'CONSTR_FOREIGN');
}
