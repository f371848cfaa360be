import * as core from '@actions/core';
import type { Finding } from '../findings.js';

/** GitHub shows at most ten annotations of each level per step; the rest would be silently dropped. */
const PER_LEVEL = 10;

/** Annotates findings on their files, most severe first; returns how many did not fit. */
export function emitAnnotations(findings: Finding[]): number {
  const used = { error: 0, warning: 0, notice: 0 };
  let overflow = 0;
  for (const finding of findings) {
    if (!finding.location) continue;
    const level = finding.waived || finding.baselined ? 'notice' : finding.severity;
    if (used[level] >= PER_LEVEL) {
      overflow++;
      continue;
    }
    used[level]++;
    const properties: core.AnnotationProperties = {
      title: finding.rule,
      file: finding.location.file,
      startLine: finding.location.line,
      startColumn: finding.location.column,
    };
    if (level === 'error') core.error(finding.message, properties);
    else if (level === 'warning') core.warning(finding.message, properties);
    else core.notice(finding.message, properties);
  }
  return overflow;
}
