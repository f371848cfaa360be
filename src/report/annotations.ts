import * as core from '@actions/core';
import { docUrl } from '../common/catalogue.js';
import type { Finding } from '../common/findings.js';
import type { Severity } from '../common/catalogue.js';

export interface Annotation {
  level: Severity;
  message: string;
  properties: core.AnnotationProperties;
}

/** GitHub shows at most this many annotations of one level from one step; the rest are dropped silently. */
export const ANNOTATIONS_PER_LEVEL = 10;

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'notice'];

/**
 * One annotation per finding, most severe first. Accepted findings (waived or baselined) are downgraded to
 * notices so the diff view still shows them without alarming anyone. Finding locations are already relative
 * to the repository root, which is what GitHub needs to place an annotation on the diff.
 */
export function annotationsFor(findings: readonly Finding[]): Annotation[] {
  const annotations = findings.map((f): Annotation => {
    const acceptedBecause = f.waived ? `waived: ${f.waived.reason}` : f.baselined ? 'baselined' : null;
    const properties: core.AnnotationProperties = { title: acceptedBecause ? `${f.rule} (accepted)` : f.rule };
    if (f.location) {
      properties.file = f.location.file;
      properties.startLine = f.location.line;
      properties.startColumn = f.location.column;
    }
    const lines = [f.message, f.hint, acceptedBecause && `Accepted (${acceptedBecause}).`, `About ${f.rule}: ${docUrl(f.rule)}`].filter(
      Boolean,
    );
    return { level: acceptedBecause ? 'notice' : f.severity, message: lines.join('\n'), properties };
  });
  return annotations
    .map((a, i) => ({ a, i }))
    .sort((x, y) => SEVERITY_ORDER.indexOf(x.a.level) - SEVERITY_ORDER.indexOf(y.a.level) || x.i - y.i)
    .map(({ a }) => a);
}

/**
 * Writes the annotations, the most severe first, up to GitHub's per-level display limit. Returns how many
 * were left out so the job summary can say so.
 */
export function emitAnnotations(annotations: readonly Annotation[]): number {
  const emitted = new Map<Severity, number>();
  let overflow = 0;
  for (const annotation of [...annotations].sort((a, b) => SEVERITY_ORDER.indexOf(a.level) - SEVERITY_ORDER.indexOf(b.level))) {
    const count = emitted.get(annotation.level) ?? 0;
    if (count >= ANNOTATIONS_PER_LEVEL) {
      overflow++;
      continue;
    }
    emitted.set(annotation.level, count + 1);
    const write = { error: core.error, warning: core.warning, notice: core.notice }[annotation.level];
    write(annotation.message, annotation.properties);
  }
  return overflow;
}
