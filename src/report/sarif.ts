import type { Finding, Group, Severity } from '../common/findings.js';
import type { Report } from './report.js';

/** The subset of SARIF 2.1.0 this action writes (https://docs.oasis-open.org/sarif/sarif/v2.1.0/). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: { name: string; rules: SarifRule[] } };
  results: SarifResult[];
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' };
      region: { startLine: number; startColumn?: number };
    };
  }[];
  suppressions?: { kind: 'external'; justification?: string }[];
}

const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', notice: 'note' };

const GROUP_HELP: Record<Group, string> = {
  drift: 'schema.prisma and the database the migrations build disagree; a migration is missing or was edited by hand.',
  migration: 'A migration could not be replayed on a fresh database the way `prisma migrate deploy` runs it.',
  destructive: 'A new migration drops or rewrites data.',
  risk: 'A new migration does something that tends to fail or misbehave on a populated production database.',
  lock: 'Replaying a new migration took locks or rewrote a table in a way that blocks traffic in production.',
  history: 'The migration history was edited, reordered or is malformed.',
  target: 'The live database differs from what the repository\'s migrations build.',
};

/**
 * The report as one SARIF run for GitHub code scanning. Paths in the report are relative to the repository
 * root, which is what code scanning resolves `%SRCROOT%` against. Waived and baselined findings are kept as
 * suppressed results so code scanning shows them as dismissed rather than losing them.
 */
export function toSarif(report: Report): SarifLog {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  for (const finding of report.findings) {
    if (ruleIndex.has(finding.rule)) continue;
    ruleIndex.set(finding.rule, rules.length);
    rules.push(ruleFor(finding));
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'prisma-drift-action', rules } },
        results: report.findings.map((f) => resultFor(f, ruleIndex.get(f.rule) as number, report)),
      },
    ],
  };
}

function ruleFor(finding: Finding): SarifRule {
  const name = finding.rule.slice(finding.rule.indexOf('/') + 1);
  const title = name.replaceAll('-', ' ');
  return {
    id: finding.rule,
    name,
    shortDescription: { text: `${title.charAt(0).toUpperCase()}${title.slice(1)} (${finding.group})` },
    fullDescription: { text: GROUP_HELP[finding.group] },
    help: { text: finding.hint ? `${GROUP_HELP[finding.group]} ${finding.hint}` : GROUP_HELP[finding.group] },
    defaultConfiguration: { level: LEVELS[finding.severity] },
    properties: { tags: ['prisma', finding.group] },
  };
}

function resultFor(finding: Finding, ruleIndex: number, report: Report): SarifResult {
  const result: SarifResult = {
    ruleId: finding.rule,
    ruleIndex,
    level: LEVELS[finding.severity],
    message: { text: finding.sql ? `${finding.message}\n\n${finding.sql}` : finding.message },
    locations: [{ physicalLocation: locationOf(finding, report) }],
  };
  // A waiver may be a SQL comment or a pull request label and the finding does not say which, so both kinds
  // of acceptance are reported as external.
  const justification = finding.waived?.reason ?? finding.baselined?.reason;
  if (finding.waived || finding.baselined) {
    result.suppressions = [{ kind: 'external', ...(justification ? { justification } : {}) }];
  }
  return result;
}

/**
 * Code scanning drops results without a location, so a finding that names no line points at the start of
 * its migration, or of the schema.
 */
function locationOf(finding: Finding, report: Report): SarifResult['locations'][number]['physicalLocation'] {
  const region = finding.location
    ? { startLine: finding.location.line, startColumn: finding.location.column }
    : { startLine: 1 };
  const file = finding.location?.file ?? (finding.migration ? `${report.migrations}/${finding.migration}/migration.sql` : report.schema);
  return { artifactLocation: { uri: toUri(file), uriBaseId: '%SRCROOT%' }, region };
}

function toUri(file: string): string {
  return file
    .split(/[\\/]/)
    .filter((part) => part && part !== '.')
    .map(encodeURIComponent)
    .join('/');
}
