import { describe, expect, it } from 'vitest';
import { docUrl, ruleInfo } from '../../src/common/catalogue.js';
import { toSarif } from '../../src/report/sarif.js';
import { finding, reportWith } from '../support/report-fixture.js';

const report = reportWith(
  [
    finding('drift/missing-column', 'Column "User"."email" is missing', {
      model: 'User',
      location: { file: 'apps/api/prisma/schema.prisma', line: 14, column: 3 },
      sql: 'ALTER TABLE "User" ADD COLUMN "email" TEXT;',
      hint: 'Create a migration with prisma migrate dev.',
    }),
    finding('destructive/drop-column', 'Drops column "User"."name"', {
      migration: '20240102000000_drop name',
      location: { file: 'apps/api/prisma/migrations/20240102000000_drop name/migration.sql', line: 3, column: 1 },
    }),
    finding('drift/missing-column', 'Column "Post"."slug" is missing', { model: 'Post', baselined: {} }),
    finding('lock/rewrite', 'Rewrites "Order"', {
      severity: 'notice',
      migration: '20240103000000_money',
      waived: { reason: 'off-peak deploy' },
    }),
  ],
  { schema: 'apps/api/prisma/schema.prisma', migrations: 'apps/api/prisma/migrations' },
);

describe('toSarif', () => {
  const log = toSarif(report);

  it('has the structure SARIF 2.1.0 requires', () => {
    expect(sarifProblems(JSON.parse(JSON.stringify(log)))).toEqual([]);
  });

  it('describes each rule once and points every result at its rule', () => {
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['drift/missing-column', 'destructive/drop-column', 'lock/rewrite']);
    expect(run.results.map((r) => run.tool.driver.rules[r.ruleIndex]?.id)).toEqual(run.results.map((r) => r.ruleId));
    expect(run.tool.driver.rules[0]?.shortDescription.text).toBe(ruleInfo('drift/missing-column').summary);
    expect(run.tool.driver.rules[0]?.helpUri).toBe(docUrl('drift/missing-column'));
    expect(run.results.map((r) => r.level)).toEqual(['error', 'error', 'error', 'note']);
  });

  it('locates results relative to the repository root', () => {
    const locations = log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation);
    expect(locations[0]).toEqual({
      artifactLocation: { uri: 'apps/api/prisma/schema.prisma', uriBaseId: '%SRCROOT%' },
      region: { startLine: 14, startColumn: 3 },
    });
    expect(locations[1]?.artifactLocation.uri).toBe('apps/api/prisma/migrations/20240102000000_drop%20name/migration.sql');
    // Code scanning drops results without a location: a finding without a line points at its file's start.
    expect(locations[2]).toEqual({
      artifactLocation: { uri: 'apps/api/prisma/schema.prisma', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    });
    expect(locations[3]?.artifactLocation.uri).toBe('apps/api/prisma/migrations/20240103000000_money/migration.sql');
  });

  it('keeps accepted findings as suppressed results', () => {
    expect(log.runs[0]!.results.map((r) => r.suppressions)).toEqual([
      undefined,
      undefined,
      [{ kind: 'external' }],
      [{ kind: 'external', justification: 'off-peak deploy' }],
    ]);
  });

  it('carries the SQL a drift finding needs in its message', () => {
    expect(log.runs[0]!.results[0]!.message.text).toBe(
      'Column "User"."email" is missing\n\nCreate a migration with prisma migrate dev.\n\nALTER TABLE "User" ADD COLUMN "email" TEXT;',
    );
  });
});

/**
 * The required properties and value constraints of SARIF 2.1.0 (OASIS standard, sarif-schema-2.1.0.json)
 * for the objects this action writes, plus what GitHub code scanning needs on top: relative paths.
 */
function sarifProblems(log: any): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  need(log.version === '2.1.0', 'version must be "2.1.0"');
  need(typeof log.$schema === 'string' && URL.canParse(log.$schema), '$schema must be a URI');
  need(Array.isArray(log.runs), 'runs must be an array');
  for (const [r, run] of (log.runs ?? []).entries()) {
    const at = `runs[${r}]`;
    need(typeof run.tool?.driver?.name === 'string', `${at}.tool.driver.name is required`);
    const rules: any[] = run.tool?.driver?.rules ?? [];
    need(new Set(rules.map((rule) => rule.id)).size === rules.length, `${at}: rule ids must be unique`);
    for (const [i, rule] of rules.entries()) {
      need(typeof rule.id === 'string', `${at}.rules[${i}].id is required`);
      for (const key of ['shortDescription', 'fullDescription', 'help']) {
        if (key in rule) need(typeof rule[key]?.text === 'string', `${at}.rules[${i}].${key}.text is required`);
      }
      if (rule.defaultConfiguration) {
        need(['none', 'note', 'warning', 'error'].includes(rule.defaultConfiguration.level), `${at}.rules[${i}]: bad default level`);
      }
    }
    for (const [i, result] of (run.results ?? []).entries()) {
      const where = `${at}.results[${i}]`;
      need(typeof result.message?.text === 'string' || typeof result.message?.id === 'string', `${where}.message needs text or id`);
      need(result.level === undefined || ['none', 'note', 'warning', 'error'].includes(result.level), `${where}.level`);
      need(Number.isInteger(result.ruleIndex) && result.ruleIndex >= -1, `${where}.ruleIndex must be an integer >= -1`);
      need(rules[result.ruleIndex]?.id === result.ruleId, `${where}.ruleId must match the rule at ruleIndex`);
      for (const suppression of result.suppressions ?? []) {
        need(['inSource', 'external'].includes(suppression.kind), `${where}.suppressions[].kind`);
      }
      need(Array.isArray(result.locations) && result.locations.length > 0, `${where} needs a location for code scanning`);
      for (const location of result.locations ?? []) {
        const physical = location.physicalLocation;
        need(
          physical?.artifactLocation !== undefined || physical?.address !== undefined,
          `${where}: physicalLocation needs artifactLocation or address`,
        );
        const uri: unknown = physical?.artifactLocation?.uri;
        need(
          typeof uri === 'string' && !URL.canParse(uri) && !uri.startsWith('/') && !uri.split('/').includes('..'),
          `${where}: uri must be repository-relative`,
        );
        const region = physical?.region;
        if (region) {
          need(Number.isInteger(region.startLine) && region.startLine >= 1, `${where}: startLine must be >= 1`);
          need(
            region.startColumn === undefined || (Number.isInteger(region.startColumn) && region.startColumn >= 1),
            `${where}: startColumn must be >= 1`,
          );
        }
      }
    }
  }
  return problems;
}
