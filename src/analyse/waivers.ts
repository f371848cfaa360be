import { isRuleId, ruleInfo, type RuleId } from '../common/catalogue.js';
import type { Finding } from '../common/findings.js';
import type { SqlStatement } from '../apply/sql.js';

/**
 * `-- prisma-drift-ignore <rule-id>[, <rule-id>]: <reason>` on its own line. Above the first statement it
 * waives the rules for the whole file; above any other statement, for that statement only.
 */
export interface Waiver {
  rules: RuleId[];
  reason: string;
}

/** The waivers of one migration.sql. */
export interface FileWaivers {
  /** migration.sql as findings name it. */
  path: string;
  file: Waiver[];
  /** Same order as the statements. */
  statements: Waiver[][];
  /** Index of the statement that starts at `line:column`, where static and measured findings point. */
  statementAt: ReadonlyMap<string, number>;
  /** Waiver comments that were not honoured, as findings. */
  problems: Finding[];
}

const MARKER = /^(\s*)--\s*prisma-drift-ignore\b(.*)$/;

export function readWaivers(statements: readonly SqlStatement[], where: { file: string; migration: string }): FileWaivers {
  const problems: Finding[] = [];
  const perStatement = statements.map((statement) =>
    statement.leading.split('\n').flatMap((text, i) => {
      const match = MARKER.exec(text);
      if (!match) return [];
      const location = { file: where.file, line: statement.leadingLine + i, column: match[1]!.length + 1 };
      const problem = (message: string) =>
        problems.push({
          rule: 'risk/invalid-waiver',
          group: 'risk',
          severity: 'warning',
          message,
          location,
          migration: where.migration,
          hint: 'Write it as: -- prisma-drift-ignore <rule-id>[, <rule-id>]: <why this is safe>',
        });
      const body = match[2]!;
      const colon = body.indexOf(':');
      const reason = colon < 0 ? '' : body.slice(colon + 1).trim();
      const ids = (colon < 0 ? body : body.slice(0, colon)).split(/[\s,]+/).filter(Boolean);
      if (ids.length === 0 || !reason) {
        problem(
          'This waiver is not honoured: it needs at least one rule id and a reason after a colon, so reviewers can see why the finding is accepted.',
        );
        return [];
      }
      const unknown = ids.filter((id) => !isRuleId(id));
      if (unknown.length)
        problem(`This waiver names unknown rule ${unknown.join(', ')}; it has no effect for ${unknown.length === 1 ? 'it' : 'them'}.`);
      const known = ids.filter(isRuleId);
      for (const id of known) {
        const why = ruleInfo(id).waiver;
        if (why !== true) problem(`This waiver has no effect for ${id}, which no waiver can accept: ${why}.`);
      }
      const rules = known.filter((id) => ruleInfo(id).waiver === true);
      return rules.length ? [{ rules, reason }] : [];
    }),
  );
  return {
    path: where.file,
    // Comments above the first statement are the file's header.
    file: perStatement[0] ?? [],
    statements: [[], ...perStatement.slice(1)],
    statementAt: new Map(statements.map((s, i) => [`${s.line}:${s.column}`, i])),
    problems,
  };
}

/**
 * The waiver that accepts a finding in this file: one in the file's header, or one above the statement the
 * finding points at.
 */
export function waiverFor(finding: Finding, waivers: FileWaivers): Waiver | undefined {
  if (finding.location?.file !== waivers.path) return undefined;
  const statement = waivers.statementAt.get(`${finding.location.line}:${finding.location.column}`);
  const candidates = [...waivers.file, ...(statement === undefined ? [] : (waivers.statements[statement] ?? []))];
  return candidates.find((waiver) => waiver.rules.includes(finding.rule));
}
