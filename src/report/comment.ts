import { docUrl, type RuleId } from '../common/catalogue.js';
import { type Finding } from '../common/findings.js';
import { GROUPS, type Group, type Severity } from '../common/catalogue.js';
import { sizeLine } from '../analyse/sizes.js';
import type { Report } from './report.js';

/** GitHub rejects issue comments longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

/** A section with more lines than this is collapsed so the verdict stays on screen. */
const COLLAPSE_LINES = 25;
/** One finding's SQL is cut here so a single huge statement cannot crowd out every other finding. */
const SQL_LIMIT = 4_000;

const MIGRATION_GROUPS: readonly Group[] = ['migration', 'destructive', 'risk', 'lock'];
const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'notice'];
const ICONS: Record<Severity, string> = { error: '🛑', warning: '⚠️', notice: 'ℹ️' };

export interface CommentOptions {
  /** `https://github.com/<owner>/<repo>`, for links to file lines. */
  repoUrl: string;
  /** Commit the links point at: the pull request's head. */
  sha: string;
  marker: string;
  /** The review comment of each finding that has one on the diff. */
  reviewLinks?: ReadonlyMap<Finding, string>;
}

/** The hidden line that identifies one schema's comment among all comments on a pull request. */
export function commentMarker(schemaPath: string): string {
  return `<!-- prisma-drift-action:${schemaPath} -->`;
}

/** What a failing comment becomes once the pull request is fixed, in `on-failure` mode. */
export function renderAllClear(marker: string): string {
  return `${marker}\n✅ **Prisma drift check passed.** The findings reported earlier in this pull request are resolved.\n`;
}

/**
 * The pull request comment for one schema. Kept under GitHub's size limit by showing the most severe
 * findings first and saying how many were left out; the job summary and JSON report always have them all.
 */
export function renderComment(report: Report, options: CommentOptions): string {
  const ordered = byPriority(report.findings);
  const complete = compose(report, options, report.findings);
  if (complete.length <= COMMENT_LIMIT) return complete;
  // Longest prefix of the priority order that fits; the body only grows as more findings are shown.
  let low = 0;
  let high = ordered.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (compose(report, options, ordered.slice(0, mid)).length <= COMMENT_LIMIT) low = mid;
    else high = mid - 1;
  }
  return compose(report, options, ordered.slice(0, low));
}

function compose(report: Report, options: CommentOptions, shown: readonly Finding[]): string {
  const visible = new Set(shown);
  const findings = report.findings.filter((f) => visible.has(f));
  const active = findings.filter((f) => !accepted(f));
  const omitted = report.findings.length - findings.length;

  const parts = [
    options.marker,
    verdict(report),
    section(
      'Schema drift',
      driftSection(
        active.filter((f) => f.group === 'drift'),
        options,
      ),
    ),
    section(
      'Migrations',
      migrationSection(
        active.filter((f) => MIGRATION_GROUPS.includes(f.group)),
        options,
      ),
    ),
    section(
      'Migration history',
      active.filter((f) => f.group === 'history').flatMap((f) => [bullet(f, options), ...patchBlock(f)]),
    ),
    section(
      'Live database',
      active.filter((f) => f.group === 'target').map((f) => bullet(f, options)),
    ),
    details(
      `Accepted findings (${findings.length - active.length}): baselined or waived, never failing`,
      findings.filter(accepted).map((f) => `${bullet(f, options)} — ${acceptance(f)}`),
    ),
    omissionNote(omitted),
  ];
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}

function omissionNote(omitted: number): string {
  if (!omitted) return '';
  return `**${omitted} more finding${omitted === 1 ? '' : 's'} in the job summary / JSON report**: the full comment would exceed GitHub's size limit.`;
}

function verdict(report: Report): string {
  const active = report.findings.filter((f) => !accepted(f));
  const counts = GROUPS.map((group) => [group, active.filter((f) => f.group === group).length] as const)
    .filter(([, n]) => n > 0)
    .map(([group, n]) => `${n} ${group}`);
  const acceptedCount = report.findings.length - active.length;
  if (acceptedCount) counts.push(`${acceptedCount} accepted`);
  const head = report.ok
    ? `✅ **Prisma drift check passed** for \`${report.schema}\``
    : `❌ **Prisma drift check failed** for \`${report.schema}\``;
  return `${head}: ${counts.length ? counts.join(' · ') : 'no findings'}`;
}

function driftSection(drift: Finding[], options: CommentOptions): string[] {
  if (!drift.length) return [];
  const lines = ['`schema.prisma` and the database the migrations build disagree.'];
  for (const [model, findings] of groupBy(drift, (f) => f.model ?? f.object?.table ?? 'Database')) {
    lines.push('', `**${escapeMarkdown(model)}**`, ...findings.map((f) => bullet(f, options)));
    const sql = findings.flatMap((f) => (f.sql ? [capSql(f.sql)] : []));
    if (sql.length) lines.push('', 'The missing migration needs:', ...fence('sql', sql.join('\n')));
  }
  lines.push('', 'Generate it from `schema.prisma` with:', ...fence('sh', `npx prisma migrate dev --name ${suggestMigrationName(drift)}`));
  return lines;
}

function migrationSection(findings: Finding[], options: CommentOptions): string[] {
  const lines: string[] = [];
  for (const [migration, group] of groupBy(findings, (f) => f.migration ?? '')) {
    lines.push('', migration ? `**\`${migration}\`**` : '**Other**', ...group.map((f) => bullet(f, options)));
  }
  return lines.slice(1);
}

/**
 * A name for `prisma migrate dev --name`: snake_case from the drifted models, so the folder says what it
 * fixes. Prisma puts it after the timestamp in the migration's folder name.
 */
export function suggestMigrationName(drift: readonly Finding[]): string {
  const models = [...new Set(drift.flatMap((f) => (f.model ? [snakeCase(f.model)] : [])))].filter(Boolean).sort();
  if (models.length === 0 || models.length > 3) return 'sync_schema';
  return `sync_${models.join('_')}`.slice(0, 60).replace(/_+$/, '');
}

function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** What an edited migration's edit was, under its bullet. */
function patchBlock(f: Finding): string[] {
  if (!f.patch) return [];
  return ['', ...fence('diff', capSql(f.patch)).flatMap((block) => block.split('\n').map((line) => `  ${line}`))];
}

function bullet(f: Finding, options: CommentOptions): string {
  const review = options.reviewLinks?.get(f);
  const where =
    (f.location ? ` · ${fileLink(f.location.file, f.location.line, options)}` : '') + (review ? ` · [review comment](${review})` : '');
  const hint = f.hint ? ` — ${proseMarkdown(f.hint)}` : '';
  // Accepted findings no longer need attention, so they go without the severity icon.
  const icon = accepted(f) ? '' : `${ICONS[f.severity]} `;
  const sizes = (f.sizes ?? []).map((size) => `\n  - ${escapeMarkdown(sizeLine(size))}`).join('');
  return `- ${icon}${proseMarkdown(f.message)} (${ruleLink(f.rule)})${where}${hint}${sizes}`;
}

/** A finding's rule id, linked to its documentation page. */
export function ruleLink(rule: RuleId): string {
  return `[\`${rule}\`](${docUrl(rule)})`;
}

function fileLink(file: string, line: number, options: CommentOptions): string {
  const path = file.split(/[\\/]/).filter(Boolean);
  const url = `${options.repoUrl.replace(/\/+$/, '')}/blob/${options.sha}/${path.map(encodeURIComponent).join('/')}#L${line}`;
  return `[${escapeMarkdown(path.join('/'))}:${line}](${url})`;
}

function acceptance(f: Finding): string {
  if (f.waived) return `waived: ${escapeMarkdown(f.waived.reason)}`;
  return f.baselined?.reason ? `baselined: ${escapeMarkdown(f.baselined.reason)}` : 'baselined';
}

function section(title: string, lines: string[]): string {
  if (!lines.length) return '';
  if (lines.length > COLLAPSE_LINES) return details(title, lines);
  return [`#### ${title}`, '', ...lines].join('\n');
}

function details(summary: string, lines: string[]): string {
  if (!lines.length) return '';
  return [`<details><summary><b>${escapeHtml(summary)}</b></summary>`, '', ...lines, '', '</details>'].join('\n');
}

/** A fenced block whose fence is longer than any backtick run inside, so the content cannot close it. */
export function fence(language: string, text: string): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return [`${ticks}${language}`, text, ticks];
}

function capSql(sql: string): string {
  const trimmed = sql.trimEnd();
  if (trimmed.length <= SQL_LIMIT) return trimmed;
  return `${trimmed.slice(0, SQL_LIMIT)}\n-- … cut here; the JSON report has the full statement`;
}

function byPriority(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding) => (accepted(f) ? SEVERITY_ORDER.length : 0) + SEVERITY_ORDER.indexOf(f.severity);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map(({ f }) => f);
}

function accepted(f: Finding): boolean {
  return Boolean(f.waived || f.baselined);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * Finding text quotes SQL and identifiers; keep it literal instead of letting Markdown or HTML read it.
 * Messages and hints mark identifiers as `code`: keep those spans, escape everything around them.
 */
export function proseMarkdown(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 ? part : escapeMarkdown(part)))
    .join('');
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#~]/g, '\\$&').replace(/\r?\n/g, ' ');
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
