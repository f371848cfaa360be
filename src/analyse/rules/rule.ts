import type { ColumnDef, Constraint } from 'libpg-query';
import { ruleInfo, type RuleId } from '../../common/catalogue.js';
import type { DbObjectRef, Finding, Suggestion } from '../../common/findings.js';
import type { Existing } from '../existing.js';
import type { SqlStatement } from '../../apply/sql.js';

export interface RuleStatement extends SqlStatement {
  /** What existed before the PR's new migrations and still exists when this statement runs. */
  existing: Existing;
}

/** What a rule sees: the statements of one new migration. */
export interface RuleContext {
  /** Migration folder name. */
  migration: string;
  /** Path of its migration.sql, as reports print it. */
  file: string;
  /** The schema unqualified names resolve to (the `schema` of the connection URL; `public` by default). */
  defaultSchema: string;
  statements: readonly RuleStatement[];
}

/** A static rule: its id (the catalogue has its group, severity and summary), its usual fix, its logic. */
export interface Rule {
  id: RuleId;
  hint: string;
  check(ctx: RuleContext): Finding[];
}

export function finding(
  rule: Rule,
  ctx: RuleContext,
  statement: SqlStatement,
  details: { message: string; object: DbObjectRef; hint?: string; suggestion?: Suggestion },
): Finding {
  return {
    rule: rule.id,
    group: ruleInfo(rule.id).group,
    severity: ruleInfo(rule.id).severity,
    message: details.message,
    location: { file: ctx.file, line: statement.line, column: statement.column },
    object: details.object,
    migration: ctx.migration,
    hint: details.hint ?? rule.hint,
    ...(details.suggestion ? { suggestion: details.suggestion } : {}),
  };
}

/**
 * The lines from `first`'s first to `last`'s last, with the statements between replaced by `sql` (which
 * brings its own semicolons) and whatever else those lines hold kept.
 */
export function replacing(ctx: RuleContext, first: SqlStatement, last: SqlStatement, sql: string): Suggestion {
  return { file: ctx.file, startLine: first.line, endLine: last.endLine, replacement: `${first.before}${sql}${last.after}` };
}

/** The `ALTER TABLE` sub-commands of a statement, with the table they apply to. */
export function alterTableCommands(statement: RuleStatement) {
  const { node } = statement;
  if (!('AlterTableStmt' in node) || node.AlterTableStmt.objtype !== 'OBJECT_TABLE') return [];
  return (node.AlterTableStmt.cmds ?? []).flatMap((cmd) => ('AlterTableCmd' in cmd ? [cmd.AlterTableCmd] : []));
}

/** The constraints written on a column definition (`ADD COLUMN "x" int UNIQUE REFERENCES …`). */
export function columnConstraints(column: ColumnDef): Constraint[] {
  return (column.constraints ?? []).flatMap((c) => ('Constraint' in c ? [c.Constraint] : []));
}
