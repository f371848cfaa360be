import type { Finding } from '../findings.js';
import type { DbSchema } from '../model.js';
import { existingIn, trackExisting } from './existing.js';
import { RULES } from './rules/index.js';
import type { RuleContext } from './rules/rule.js';
import { parseMigrationSql } from './sql.js';
import { readWaivers, type FileWaivers } from './waivers.js';

export interface NewMigration {
  /** Folder name. */
  name: string;
  /** Path of its migration.sql, as reports print it. */
  file: string;
  sql: string;
}

/**
 * Runs every static rule over the pull request's new migrations, in apply order. `base` is the database
 * the existing migrations produce: only what it holds can carry data, so only changes to it are risky.
 * Returns the findings as the rules see them, and each file's waiver comments for acceptance to apply
 * (to these findings and the measured ones alike); comments that cannot be honoured are findings.
 */
export async function analyseNewMigrations(input: {
  migrations: readonly NewMigration[];
  base: DbSchema;
  defaultSchema: string;
}): Promise<{ findings: Finding[]; waivers: FileWaivers[] }> {
  let existing = existingIn(input.base);
  const findings: Finding[] = [];
  const waivers: FileWaivers[] = [];
  for (const migration of input.migrations) {
    const parsed = await parseMigrationSql(migration.sql);
    if (!parsed.ok) {
      // The rules could not read the file, so it was not checked. Replaying it is a separate step: if
      // PostgreSQL rejects it too, that is reported there.
      findings.push({
        rule: 'risk/unparsable-sql',
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
    const fileWaivers = readWaivers(parsed.statements, { file: migration.file, migration: migration.name });
    waivers.push(fileWaivers);
    findings.push(...sortByLocation([...RULES.flatMap((rule) => rule.check(ctx)), ...fileWaivers.problems]));
    existing = tracked.after;
  }
  return { findings, waivers };
}

function sortByLocation(findings: Finding[]): Finding[] {
  const line = (f: Finding) => f.location?.line ?? 0;
  const column = (f: Finding) => f.location?.column ?? 0;
  // Array.prototype.sort is stable, so rules keep registry order within a statement.
  return findings.sort((a, b) => line(a) - line(b) || column(a) - column(b));
}
