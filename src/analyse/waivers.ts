import type { Finding } from '../common/findings.js';
import type { SqlStatement } from '../apply/sql.js';

/**
 * `-- prisma-drift-ignore <rule-id>[, <rule-id>]: <reason>` on its own line. Above the first statement it
 * waives the rules for the whole file; above any other statement, for that statement only.
 */
export interface Waiver {
  rules: string[];
  reason: string;
}

export interface FileWaivers {
  file: Waiver[];
  /** Same order as the statements. */
  statements: Waiver[][];
  /** Waiver comments that were not honoured, as findings. */
  problems: Finding[];
}

const MARKER = /^(\s*)--\s*prisma-drift-ignore\b(.*)$/;

// risk/warning: a waiver that cannot be honoured leaves the finding it meant to accept failing; this says why.
export const INVALID_WAIVER = 'risk/invalid-waiver';

export function readWaivers(
  statements: readonly SqlStatement[],
  where: { file: string; migration: string },
  knownRules: ReadonlySet<string>,
): FileWaivers {
  const problems: Finding[] = [];
  const perStatement = statements.map((statement) =>
    statement.leading.split('\n').flatMap((text, i) => {
      const match = MARKER.exec(text);
      if (!match) return [];
      const location = { file: where.file, line: statement.leadingLine + i, column: match[1]!.length + 1 };
      const problem = (message: string) =>
        problems.push({
          rule: INVALID_WAIVER,
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
        problem('This waiver is not honoured: it needs at least one rule id and a reason after a colon, so reviewers can see why the finding is accepted.');
        return [];
      }
      const unknown = ids.filter((id) => !knownRules.has(id));
      if (unknown.length) problem(`This waiver names unknown rule ${unknown.join(', ')}; it has no effect for ${unknown.length === 1 ? 'it' : 'them'}.`);
      const rules = ids.filter((id) => knownRules.has(id));
      return rules.length ? [{ rules, reason }] : [];
    }),
  );
  // Comments above the first statement are the file's header.
  return { file: perStatement[0] ?? [], statements: [[], ...perStatement.slice(1)], problems };
}

/** Marks a finding of `statementIndex` waived when a file or statement waiver names its rule. */
export function waive(finding: Finding, waivers: FileWaivers, statementIndex: number): Finding {
  const waiver = [...waivers.file, ...(waivers.statements[statementIndex] ?? [])].find((w) => w.rules.includes(finding.rule));
  return waiver ? { ...finding, waived: { reason: waiver.reason } } : finding;
}
