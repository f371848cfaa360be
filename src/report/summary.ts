import type { Finding } from '../common/findings.js';
import { sizeLine } from '../analyse/sizes.js';
import { fence, ruleLink } from './comment.js';
import type { Report } from './report.js';
import { conventionsNote, sortFindings, verdict, where } from './text.js';

/** The job summary: the whole report in markdown, drift grouped by model. */
export function renderSummary(report: Report): string {
  const out = [`## Prisma drift check: ${report.ok ? 'passed' : 'failed'}`, '', verdict(report), ''];
  for (const warning of report.warnings) out.push(`> [!WARNING]\n> ${warning}`, '');
  const findings = sortFindings(report.findings);
  const drift = findings.filter((f) => f.group === 'drift');
  const rest = findings.filter((f) => f.group !== 'drift');

  if (drift.length) {
    out.push('### Drift between schema.prisma and the migrations', '');
    const byModel = new Map<string, Finding[]>();
    for (const finding of drift) {
      const key = finding.model ? `model ${finding.model}` : (finding.object?.table ?? finding.object?.name ?? 'other');
      byModel.set(key, [...(byModel.get(key) ?? []), finding]);
    }
    for (const [model, group] of byModel) {
      out.push(`#### ${escape(model)}`, '');
      for (const finding of group) out.push(bullet(finding));
      const sql = group.flatMap((f) => (f.sql ? [f.sql] : []));
      if (sql.length) out.push('', '```sql', ...sql, '```');
      out.push('');
    }
    out.push('Generate the missing migration with `npx prisma migrate dev --name <name>` once schema.prisma says what you want.', '');
  }
  if (rest.length) {
    out.push('### Migrations', '');
    for (const finding of rest) {
      out.push(bullet(finding));
      // An edited migration shows its edit, indented so it stays part of the list item.
      if (finding.patch)
        out.push('', ...fence('diff', finding.patch.trimEnd()).flatMap((block) => block.split('\n').map((line) => `  ${line}`)), '');
    }
    out.push('');
  }
  if (report.staleBaseline.length) {
    out.push(
      `### Stale baseline entries`,
      '',
      'These accepted differences no longer occur; remove them so the baseline stays honest (`prisma-drift baseline` rewrites the file).',
      '',
    );
    for (const entry of report.staleBaseline)
      out.push(`- \`${entry.rule}\` ${entry.object ?? entry.migration ?? ''}${entry.environment ? ` (${entry.environment})` : ''}`);
    out.push('');
  }
  if (report.unmodelled.length) {
    out.push('<details><summary>Not modelled by Prisma (never drift)</summary>', '');
    for (const object of report.unmodelled)
      out.push(`- ${object.kind} \`${[object.schema, object.table, object.name].filter(Boolean).join('.')}\``);
    out.push('', '</details>', '');
  }
  const slowest = [...report.applied].sort((a, b) => b.ms - a.ms).slice(0, 5);
  out.push(
    `<sub>${report.applied.length} migrations replayed on PostgreSQL ${report.postgresVersion}; ${conventionsNote(report)}; ${report.durationMs} ms.` +
      (slowest.length ? ` Slowest: ${slowest.map((m) => `${m.name} ${Math.round(m.ms)} ms`).join(', ')}.` : '') +
      cacheNote(report) +
      '</sub>',
  );
  return out.join('\n') + '\n';
}

function cacheNote({ cache }: Report): string {
  if (!cache) return '';
  if (cache.hit) return ` Cache hit: the state of ${cache.migrations} base migrations was restored in ${cache.ms} ms instead of replayed.`;
  return cache.saved
    ? ` Cache: the state of ${cache.migrations} migrations was saved for pull requests (${cache.ms} ms).`
    : ' Cache: no saved state for the base migrations; replayed them all.';
}

function bullet(finding: Finding): string {
  const at = where(finding);
  const state = finding.waived ? ` _(waived: ${finding.waived.reason})_` : finding.baselined ? ' _(in baseline)_' : '';
  const sizes = (finding.sizes ?? []).map((size) => `\n  - ${escape(sizeLine(size))}`).join('');
  return `- **${finding.severity}** ${ruleLink(finding.rule)}${at ? ` at \`${at}\`` : ''}: ${finding.message}${finding.hint ? ` ${finding.hint}` : ''}${state}${sizes}`;
}

function escape(text: string): string {
  return text.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}
