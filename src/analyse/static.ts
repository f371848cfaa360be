import type { Finding } from '../common/findings.js';
import type { DbSchema } from '../common/model.js';
import { existingIn, trackExisting } from './existing.js';
import { RULES } from './rules/index.js';
import type { RuleContext } from './rules/rule.js';
import { parseMigrationSql } from '../apply/sql.js';
import { readWaivers, waive } from './waivers.js';

export interface NewMigration {
  /** Folder name. */
  name: string;
  /** Path of its migration.sql, as reports print it. */
  file: string;
  sql: string;
}

// risk/warning: the rules could not read the file, so it was not checked. Replaying it is a separate
// step: if PostgreSQL rejects it too, that is reported there.
export const UNPARSABLE_SQL = 'risk/unparsable-sql';

const KNOWN_RULES = new Set([...RULES.map((rule) => rule.id), UNPARSABLE_SQL]);

/**
 * Runs every static rule over the pull request's new migrations, in apply order. `base` is the database
 * the existing migrations produce: only what it holds can carry data, so only changes to it are risky.
 */
export async function analyseNewMigrations(input: {
  migrations: readonly NewMigration[];
  base: DbSchema;
  defaultSchema: string;
}): Promise<Finding[]> {
  let existing = existingIn(input.base);
  const findings: Finding[] = [];
  for (const migration of input.migrations) {
    const parsed = await parseMigrationSql(migration.sql);
    if (!parsed.ok) {
      findings.push({
        rule: UNPARSABLE_SQL,
        group: 'risk',
        severity: 'warning',
        message: `The SQL parser rejects this file (${parsed.message}), so it was not checked for destructive or risky changes.`,
        location: { file: migration.file, line: parsed.line, column: parsed.column },
        object: { kind: 'migration', name: migration.name },
        migration: migration.name,
        hint: 'Fix the syntax error, or review the file by hand if PostgreSQL accepts it.',
      });
      continue;
    }
    const tracked = trackExisting(existing, parsed.statements, input.defaultSchema);
    const ctx: RuleContext = {
      migration: migration.name,
      file: migration.file,
      defaultSchema: input.defaultSchema,
      statements: parsed.statements.map((statement, i) => ({ ...statement, existing: tracked.before[i]! })),
    };
    const waivers = readWaivers(parsed.statements, { file: migration.file, migration: migration.name }, KNOWN_RULES);
    const statementAt = new Map(parsed.statements.map((s, i) => [`${s.line}:${s.column}`, i]));
    const fileFindings = RULES.flatMap((rule) => rule.check(ctx)).map((finding) =>
      waive(finding, waivers, statementAt.get(`${finding.location?.line}:${finding.location?.column}`) ?? 0),
    );
    findings.push(...sortByLocation([...fileFindings, ...waivers.problems]));
    existing = tracked.after;
  }
  return findings;
}

function sortByLocation(findings: Finding[]): Finding[] {
  const line = (f: Finding) => f.location?.line ?? 0;
  const column = (f: Finding) => f.location?.column ?? 0;
  // Array.prototype.sort is stable, so rules keep registry order within a statement.
  return findings.sort((a, b) => line(a) - line(b) || column(a) - column(b));
}
