import { docUrl } from '../common/catalogue.js';
import type { Finding } from '../common/findings.js';
import { GROUPS } from '../common/catalogue.js';
import { sizeLine } from '../analyse/sizes.js';
import type { Report } from './report.js';

/** Findings in a stable reading order: by group, then file and line. */
export function sortFindings(findings: Finding[]): Finding[] {
  const order = (f: Finding) => GROUPS.indexOf(f.group);
  return [...findings].sort(
    (a, b) =>
      order(a) - order(b) ||
      (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      a.message.localeCompare(b.message),
  );
}

export function countsByGroup(findings: Finding[]): string {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.group, (counts.get(finding.group) ?? 0) + 1);
  return GROUPS.filter((group) => counts.has(group))
    .map((group) => `${counts.get(group)} ${group}`)
    .join(', ');
}

export function verdict(report: Report): string {
  if (!report.findings.length) {
    return `In sync: ${report.migrations} (${report.applied.length} migrations) produces exactly what ${report.schema} describes.`;
  }
  const counts = countsByGroup(report.findings);
  return report.ok ? `Passed with findings that do not fail the check: ${counts}.` : `Failed: ${counts}.`;
}

/** Which Prisma's conventions the check applied, and why: a reader must be able to tell a version mismatch. */
export function conventionsNote(report: Report): string {
  if (!report.prismaVersion) return 'Prisma version unknown: the latest conventions were assumed (set prisma-version to choose)';
  return `Prisma ${report.prismaVersion} conventions (from ${report.prismaVersionSource ?? 'the project'})`;
}

export function where(finding: Finding): string {
  return finding.location ? `${finding.location.file}:${finding.location.line}:${finding.location.column}` : '';
}

/** The console form: one block per finding, readable in the Actions log and a terminal. */
export function renderText(report: Report): string {
  const lines = [verdict(report), ...report.warnings.map((warning) => `Warning: ${warning}`)];
  for (const finding of sortFindings(report.findings)) {
    const at = where(finding);
    lines.push('', `${finding.severity.toUpperCase()} ${finding.rule}${at ? ` at ${at}` : ''}`, `  ${finding.message}`);
    for (const size of finding.sizes ?? []) lines.push(`  ${sizeLine(size)}`);
    if (finding.hint) lines.push(`  Fix: ${finding.hint}`);
    lines.push(`  About ${finding.rule}: ${docUrl(finding.rule)}`);
    if (finding.sql) lines.push(...finding.sql.split('\n').map((line) => `    ${line}`));
  }
  if (report.staleBaseline.length) {
    lines.push(
      '',
      `${report.staleBaseline.length} baseline entries match nothing any more; remove them (prisma-drift baseline rewrites the file):`,
    );
    lines.push(
      ...report.staleBaseline.map(
        (entry) => `  ${entry.rule} ${entry.object ?? entry.migration ?? ''}${entry.environment ? ` (${entry.environment})` : ''}`,
      ),
    );
  }
  if (report.unmodelled.length) {
    lines.push(
      '',
      `Not modelled by Prisma (never drift): ${report.unmodelled.length} objects (${[...new Set(report.unmodelled.map((o) => o.kind))].join(', ')}).`,
    );
  }
  const replayed = report.applied.length ? `Replayed ${report.applied.length} migrations` : 'Checked';
  lines.push('', `${replayed} on PostgreSQL ${report.postgresVersion}; ${conventionsNote(report)}; check took ${report.durationMs} ms.`);
  return lines.join('\n');
}
