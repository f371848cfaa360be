import { applyBaseline, type Baseline, type BaselineEntry, type BaselineScope } from './baseline.js';
import { ruleInfo } from './catalogue.js';
import type { Finding } from './findings.js';
import { waiverFor, type FileWaivers } from './analyse/waivers.js';

export interface Acceptance {
  /** The waiver comments of the pull request's new migrations. */
  waivers: readonly FileWaivers[];
  /** Set when the pull request carries the label that accepts destructive findings. */
  allowDestructive: string | null;
  baseline: Baseline;
  scope: BaselineScope;
}

/**
 * The one place findings are accepted: a waiver comment, the pull request's label, the baseline file. Each
 * applies only to the rules the catalogue lets it accept (a waiver that names another is reported where
 * it is read), and an accepted finding stays in the report, marked with why. The label goes by the
 * finding's group rather than its rule: production's sizes can raise a lock finding into `destructive`.
 */
export function accept(findings: readonly Finding[], acceptance: Acceptance): { findings: Finding[]; stale: BaselineEntry[] } {
  const label = acceptance.allowDestructive;
  const waived = findings.map((finding): Finding => {
    if (finding.waived || ruleInfo(finding.rule).waiver !== true) return finding;
    const waiver = acceptance.waivers.map((file) => waiverFor(finding, file)).find(Boolean);
    if (waiver) return { ...finding, waived: { reason: waiver.reason } };
    if (label && finding.group === 'destructive') return { ...finding, waived: { reason: `the pull request is labelled \`${label}\`` } };
    return finding;
  });
  return applyBaseline(waived, acceptance.baseline, acceptance.scope);
}
