import type { RuleId } from '../common/catalogue.js';
import { dropColumn } from './rules/drop-column.js';
import { indexWithoutConcurrently } from './rules/index-without-concurrently.js';
import { renameAsDropAdd } from './rules/rename-as-drop-add.js';
import type { DurationEstimate, Finding, TableSize, Timing } from '../common/findings.js';

/**
 * Production's sizes on the findings of a pull request's new migrations: how many rows a statement drops,
 * rewrites or locks where it matters. Read from the live targets' statistics (target/sizes.ts); everything
 * here is plain data in, plain data out.
 */

/** The `large-table` input: a table at or above either bound is large. */
export interface LargeTable {
  rows?: number;
  bytes?: number;
}

/** A table whose size some finding needs, and the column whose values it loses, if any. */
export interface SizeRequest {
  schema: string;
  table: string;
  column: string | null;
}

/** What a target's statistics say about one request. */
export interface TableStats extends SizeRequest {
  /** pg_class.reltuples; null when the table was never analysed (or vacuumed), so there is no estimate. */
  rows: number | null;
  /** pg_total_relation_size: heap, indexes and TOAST. Exact, whatever the statistics. */
  bytes: number;
  /** pg_stats.null_frac of the column; null when there is no column, no ANALYZE, or the role may not read it. */
  nullFraction: number | null;
  /** Rows inserted, updated and deleted per minute since the database's statistics were reset; null when never reset. */
  writesPerMinute: number | null;
}

export interface EnvironmentStats {
  environment: string;
  stats: TableStats[];
}

/** Measured statements that hold their lock for as long as they take to go through every row: the size decides. */
const ROW_BOUND_LOCKS: readonly RuleId[] = ['lock/access-exclusive', 'lock/rewrite', 'lock/share'];

/**
 * Whether the finding's statement holds its lock for as long as it takes on every row: a rewrite, or an
 * index built while writes wait. The static index rule is needed besides the measured SHARE lock: after an
 * earlier ACCESS EXCLUSIVE in the same migration (ADD COLUMN, then CREATE INDEX) the build takes no new lock
 * to measure. Its DROP INDEX findings are not row-bound: removing an index takes no time per row.
 */
export function isRowBound(finding: Finding): boolean {
  if (ROW_BOUND_LOCKS.includes(finding.rule)) return true;
  return finding.rule === indexWithoutConcurrently.id && finding.message.startsWith('Creates ');
}
/** Findings whose column's values are gone once the migration runs. */
const VALUES_LOST: readonly string[] = [dropColumn.id, renameAsDropAdd.id];
/** Groups of the findings about what the new migrations do to existing tables. */
const SIZED_GROUPS: readonly string[] = ['destructive', 'risk', 'lock'];

/** The table a finding is about, for findings that have one. */
function tableOf(finding: Finding): { schema: string; table: string } | null {
  if (!SIZED_GROUPS.includes(finding.group) || !finding.migration || !finding.object?.schema) return null;
  const table = finding.object.kind === 'table' ? finding.object.name : finding.object.table;
  return table ? { schema: finding.object.schema, table } : null;
}

function columnOf(finding: Finding): string | null {
  return VALUES_LOST.includes(finding.rule) ? (finding.object?.column ?? null) : null;
}

const requestKey = (r: SizeRequest) => JSON.stringify([r.schema, r.table, r.column]);

/** The tables (and dropped columns) the findings are about, once each. */
export function sizeRequests(findings: readonly Finding[]): SizeRequest[] {
  const requests = new Map<string, SizeRequest>();
  for (const finding of findings) {
    const table = tableOf(finding);
    if (!table) continue;
    const request = { ...table, column: columnOf(finding) };
    requests.set(requestKey(request), request);
  }
  return [...requests.values()];
}

/**
 * Adds each environment's sizes to the findings about existing tables, and ranks the statements whose lock
 * lasts as long as they take on every row: on a large table (in any environment) they are raised to
 * `destructive`, which fails by default, and accepted by the pull request's allow-label like any other
 * destructive finding; on a table every environment shows small they become notices. Unknown sizes change
 * nothing.
 */
export function withSizes(
  findings: readonly Finding[],
  environments: readonly EnvironmentStats[],
  options: { largeTable: LargeTable },
): Finding[] {
  const byKey = environments.map(({ environment, stats }) => ({ environment, stats: new Map(stats.map((s) => [requestKey(s), s])) }));
  return findings.map((finding) => {
    const table = tableOf(finding);
    if (!table) return finding;
    const key = requestKey({ ...table, column: columnOf(finding) });
    const sizes = byKey.flatMap(({ environment, stats }) => {
      const found = stats.get(key);
      return found ? [toSize(environment, found, columnOf(finding) !== null, finding.timings)] : [];
    });
    if (!sizes.length) return finding;
    const sized: Finding = { ...finding, sizes };
    return isRowBound(finding) ? rank(sized, sizes, options) : sized;
  });
}

function toSize(environment: string, stats: TableStats, valuesLost: boolean, timings: readonly Timing[] | undefined): TableSize {
  const duration = timings && stats.rows !== null ? estimateDuration(timings, stats.rows) : null;
  return {
    environment,
    table: `${stats.schema}.${stats.table}`,
    rows: stats.rows,
    bytes: stats.bytes,
    analysed: stats.rows !== null,
    ...(valuesLost
      ? { nonNullValues: stats.rows !== null && stats.nullFraction !== null ? Math.round(stats.rows * (1 - stats.nullFraction)) : null }
      : {}),
    ...(stats.writesPerMinute !== null ? { writesPerMinute: stats.writesPerMinute } : {}),
    ...(duration ? { duration } : {}),
  };
}

/**
 * A statement's time on `rows` rows, from its times at two sizes: the straight line through them, a fixed
 * cost plus a cost per row. A rewrite or an index build goes through every row once (a sort is n log n, which
 * over the range of an extrapolation is close to linear); the seeded rows are narrower than most real ones,
 * so the estimate leans low. A slope the noise made negative counts as none: the statement is then as fast
 * as it was at the larger size.
 */
export function estimateDuration(timings: readonly Timing[], rows: number): DurationEstimate | null {
  const sorted = [...timings].sort((a, b) => a.rows - b.rows);
  const small = sorted.at(-2);
  const large = sorted.at(-1);
  if (!small || !large || large.rows === small.rows) return null;
  const perRow = Math.max(0, (large.ms - small.ms) / (large.rows - small.rows));
  const fixed = Math.max(0, large.ms - perRow * large.rows);
  return { ms: Math.round(fixed + perRow * rows), basis: [small, large] };
}

/**
 * An estimate as an order of magnitude: one significant digit in the largest unit that fits (≈ 40 s,
 * ≈ 3 min, ≈ 2 h), under a second as such.
 */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1_000, 's'],
  ];
  if (ms < 1_000) return 'under a second';
  const [scale, unit] = units.find(([scale]) => ms >= scale)!;
  const value = ms / scale;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return `≈ ${Math.round(value / magnitude) * magnitude} ${unit}`;
}

export function isLarge(size: Pick<TableSize, 'rows' | 'bytes'>, large: LargeTable): boolean {
  return (
    (large.rows !== undefined && size.rows !== null && size.rows >= large.rows) || (large.bytes !== undefined && size.bytes >= large.bytes)
  );
}

/** Small for sure: analysed (a table without an estimate may hold any number of rows) and under both bounds. */
function isSmall(size: TableSize, large: LargeTable): boolean {
  return size.analysed && !isLarge(size, large);
}

function rank(finding: Finding, sizes: TableSize[], options: { largeTable: LargeTable }): Finding {
  const bound = describeLargeTable(options.largeTable);
  const large = sizes.find((size) => isLarge(size, options.largeTable));
  if (large) {
    // In the destructive group, the allow-label accepts it as any other destructive finding.
    return {
      ...finding,
      group: 'destructive',
      severity: 'error',
      message: `${finding.message} Raised to an error: in \`${large.environment}\` the table holds ${sizeFacts(large)}, at or above \`large-table\` (${bound}), so the lock lasts as long as the statement takes on every row.`,
    };
  }
  if (sizes.every((size) => isSmall(size, options.largeTable))) {
    return {
      ...finding,
      severity: 'notice',
      message: `${finding.message} A notice only: the table is below \`large-table\` (${bound}) in every environment checked.`,
    };
  }
  return finding;
}

/** `large-table` as the reports state it. */
export function describeLargeTable(large: LargeTable): string {
  return [large.rows !== undefined ? `${formatCount(large.rows)} rows` : null, large.bytes !== undefined ? formatBytes(large.bytes) : null]
    .filter(Boolean)
    .join(' or ');
}

function sizeFacts(size: TableSize): string {
  return `${size.rows === null ? 'an unknown number of rows (never analysed)' : `≈ ${formatCount(size.rows)} rows`}, ${formatBytes(size.bytes)}`;
}

/** One line per environment, as the text report, the summary and the comment print it. */
export function sizeLine(size: TableSize): string {
  const parts = [`${size.environment}: ${sizeFacts(size)}`];
  if (size.writesPerMinute !== undefined) parts[0] += `, ≈ ${formatCount(size.writesPerMinute)} writes/min`;
  if (size.nonNullValues === null) parts.push('values lost unknown (no statistics of the column visible to this role)');
  else if (size.nonNullValues !== undefined) parts.push(`≈ ${formatCount(size.nonNullValues)} non-null values lost`);
  if (!size.analysed) parts.push('run ANALYZE on the table for an estimate');
  if (size.duration) {
    const [small, large] = size.duration.basis;
    parts.push(
      `statement ${formatDuration(size.duration.ms)} on these rows (extrapolated from ${formatMs(small!.ms)} at ${formatCount(small!.rows)} and ${formatMs(large!.ms)} at ${formatCount(large!.rows)} seeded rows)`,
    );
  }
  return parts.join('; ');
}

/** 840, 12.4 k, 200 k, 12.4 M, 3.1 bn: three significant digits at most, an estimate is no more precise. */
export function formatCount(n: number): string {
  const units: [number, string][] = [
    [1e9, ' bn'],
    [1e6, ' M'],
    [1e3, ' k'],
  ];
  for (const [scale, unit] of units) if (n >= scale) return `${short(n / scale)}${unit}`;
  return short(n);
}

/** PostgreSQL's units (pg_size_pretty): powers of 1024 named kB, MB, GB, TB. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? Math.round(value) : short(value)} ${units[unit]}`;
}

function formatMs(ms: number): string {
  return ms >= 1_000 ? `${short(ms / 1_000)} s` : `${short(ms)} ms`;
}

function short(value: number): string {
  return value < 100 ? String(Math.round(value * 10) / 10) : String(Math.round(value));
}
