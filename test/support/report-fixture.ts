import type { RuleId } from '../../src/catalogue.js';
import { groupOf, type Finding } from '../../src/findings.js';
import { REPORT_VERSION, rulesOf, type Report } from '../../src/report/report.js';

/** A report for the given findings with everything else plausible, for tests of the report renderers. */
export function reportWith(findings: Finding[], overrides: Partial<Report> = {}): Report {
  return {
    version: REPORT_VERSION,
    ok: !findings.some((f) => f.severity === 'error' && !f.waived && !f.baselined),
    drift: findings.some((f) => f.group === 'drift' && !f.waived && !f.baselined),
    failOn: ['drift', 'migration', 'destructive', 'history'],
    schema: 'prisma/schema.prisma',
    migrations: 'prisma/migrations',
    prismaVersion: '6.2.1',
    prismaVersionSource: 'package.json',
    migrationOrder: 'locale',
    postgresVersion: '15.6',
    findings,
    rules: rulesOf(findings),
    staleBaseline: [],
    warnings: [],
    targets: [],
    applied: [],
    unmodelled: [],
    durationMs: 1234,
    ...overrides,
  };
}

/** A finding of `rule` with an error severity unless told otherwise. */
export function finding(rule: RuleId, message: string, extra: Partial<Finding> = {}): Finding {
  return { rule, group: groupOf(rule), severity: 'error', message, ...extra };
}
