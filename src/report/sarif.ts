import { docUrl, ruleInfo, type RuleId } from '../common/catalogue.js';
import type { Finding } from '../common/findings.js';
import type { Severity } from '../common/catalogue.js';
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
  help: { text: string; markdown: string };
  helpUri: string;
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
    rules.push(ruleFor(finding.rule));
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

/** A rule as the catalogue describes it, with its documentation page. */
function ruleFor(id: RuleId): SarifRule {
  const info = ruleInfo(id);
  const url = docUrl(id);
  return {
    id,
    name: id.slice(id.indexOf('/') + 1),
    shortDescription: { text: info.summary },
    fullDescription: { text: info.summary },
    help: {
      text: `${info.summary} What it means and how to fix or accept it: ${url}`,
      markdown: `${info.summary} [What it means and how to fix or accept it](${url}).`,
    },
    helpUri: url,
    defaultConfiguration: { level: LEVELS[info.severity] },
    properties: { tags: ['prisma', info.group] },
  };
}

function resultFor(finding: Finding, ruleIndex: number, report: Report): SarifResult {
  const result: SarifResult = {
    ruleId: finding.rule,
    ruleIndex,
    level: LEVELS[finding.severity],
    message: { text: [finding.message, finding.hint, finding.sql].filter(Boolean).join('\n\n') },
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
  const region = finding.location ? { startLine: finding.location.line, startColumn: finding.location.column } : { startLine: 1 };
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
