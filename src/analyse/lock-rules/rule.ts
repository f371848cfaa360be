import { ruleInfo, type RuleId } from '../../common/catalogue.js';
import type { Finding, Suggestion } from '../../common/findings.js';
import { displayTable, type TableName } from '../ast.js';
import type { MigrationMeasurement, StatementMeasurement } from '../measurement.js';

/** Where findings point and how tables are named in them. */
export interface LockFindingContext {
  migration: string;
  /** migration.sql as reports print it. */
  file: string;
  /** Its text, for fixes that add a line to it. */
  sql: string;
  defaultSchema: string;
}

/** A rule over what applying one migration was measured to do to the tables that existed before it. */
export interface LockRule {
  id: RuleId;
  check(measurement: MigrationMeasurement, ctx: LockFindingContext): Finding[];
}

export function lockFinding(
  rule: RuleId,
  ctx: LockFindingContext,
  at: { line: number; column: number },
  table: TableName | null,
  details: { message: string; hint: string; suggestion?: Suggestion },
): Finding {
  return {
    rule,
    group: ruleInfo(rule).group,
    severity: ruleInfo(rule).severity,
    message: details.message,
    location: { file: ctx.file, line: at.line, column: at.column },
    object: table ? { kind: 'table', schema: table.schema, name: table.name } : { kind: 'migration', name: ctx.migration },
    migration: ctx.migration,
    hint: details.hint,
    ...(details.suggestion ? { suggestion: details.suggestion } : {}),
  };
}

export function tableName(table: TableName, ctx: LockFindingContext): string {
  return `\`${displayTable(table, ctx.defaultSchema)}\``;
}

/** The lock the statement took on the table, when it took a stronger one than its transaction held. */
export function took(statement: StatementMeasurement, table: TableName) {
  return statement.locks.find((lock) => lock.table.schema === table.schema && lock.table.name === table.name)?.mode;
}

export function timing(statement: StatementMeasurement): string {
  return statement.ms === null ? '' : ` (${statement.ms.toFixed(1)} ms on the seeded rows)`;
}
