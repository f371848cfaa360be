import type { BaselineEntry } from './baseline.js';
import type { CacheOutcome } from '../apply/cache/index.js';
import { docUrl, ruleInfo, type RuleId } from '../common/catalogue.js';
import type { Finding } from '../common/findings.js';
import type { Group, Severity } from '../common/catalogue.js';
import type { MigrationOrder } from '../locate/migrations.js';
import type { UnmodelledObject } from '../common/model.js';

/** The JSON report (`report` output). Bump REPORT_VERSION on any incompatible change to this shape. */
export const REPORT_VERSION = 1;

export interface Report {
  version: typeof REPORT_VERSION;
  /** False when a finding of a `fail-on` group is neither waived nor baselined. */
  ok: boolean;
  /** True when schema.prisma and the migrated database disagree (unaccepted drift findings). */
  drift: boolean;
  failOn: Group[];
  /** Paths relative to the repository root. */
  schema: string;
  migrations: string;
  /** The Prisma version whose conventions were applied; null when unknown (the latest were assumed). */
  prismaVersion: string | null;
  /** Where that version was read from (a package.json, a lockfile, the input). */
  prismaVersionSource: string | null;
  /** The order migrations were replayed in: by bytes before Prisma 6.6, `localeCompare` since. */
  migrationOrder: MigrationOrder;
  postgresVersion: string;
  findings: Finding[];
  /** The catalogue's description of every rule the findings name, with its documentation page. */
  rules: RuleSummary[];
  /** Problems with how the check was run (e.g. a shallow checkout) that limited what it could check. */
  warnings: string[];
  /** Baseline entries that matched nothing this run: remove them so the file stays honest. */
  staleBaseline: BaselineEntry[];
  /** The live databases checked, and whether their schema could be compared. */
  targets: { name: string; compared: boolean }[];
  /** Migrations replayed, in order, with how long PostgreSQL took for each. */
  applied: { name: string; ms: number }[];
  /** Objects the migrations create that Prisma does not model (never drift). */
  unmodelled: UnmodelledObject[];
  /** Whether the state of the base branch's history came from the cache, or was stored in it. */
  cache?: CacheOutcome;
  durationMs: number;
}

export interface RuleSummary {
  id: RuleId;
  group: Group;
  /** The rule's usual severity; a finding may say otherwise (production's sizes raise or lower some). */
  severity: Severity;
  summary: string;
  docs: string;
}

/** The catalogue's entries for the rules the findings name, in the order they first appear. */
export function rulesOf(findings: readonly Finding[]): RuleSummary[] {
  return [...new Set(findings.map((finding) => finding.rule))].map((id) => {
    const { group, severity, summary } = ruleInfo(id);
    return { id, group, severity, summary, docs: docUrl(id) };
  });
}
