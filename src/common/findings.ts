import { ruleInfo, type Group, type RuleId, type Severity } from './catalogue.js';
import type { SourceLocation } from './model.js';

export interface DbObjectRef {
  kind:
    | 'database'
    | 'schema'
    | 'table'
    | 'column'
    | 'primary-key'
    | 'index'
    | 'foreign-key'
    | 'enum'
    | 'enum-value'
    | 'extension'
    | 'view'
    | 'migration';
  schema?: string;
  table?: string;
  column?: string;
  name: string;
}

export interface Finding {
  /** Stable id: `<group>/<name>`, e.g. `drift/missing-column`; every one is in the catalogue. */
  rule: RuleId;
  group: Group;
  severity: Severity;
  message: string;
  /** The line to annotate: schema.prisma for what the schema declares, migration.sql for what only SQL has. */
  location?: SourceLocation;
  object?: DbObjectRef;
  /** Prisma model the finding belongs to, for grouping reports. */
  model?: string;
  /** Migration folder name the finding is about. */
  migration?: string;
  /** For target findings: the name of the live database (`production`) the finding is about. */
  environment?: string;
  /** For drift: SQL a new migration would need to bring the database to the schema. */
  sql?: string;
  /** What to do about it. */
  hint?: string;
  /** The fix, where it is mechanical: reviewers can commit it from the pull request's review comment. */
  suggestion?: Suggestion;
  /** For history/edited: a unified diff of the migration as merged and as the pull request has it. */
  patch?: string;
  /** Set when a waiver comment or label accepts the finding: still reported, never fails the check. */
  waived?: { reason: string };
  /** Set when the project's baseline file accepts the finding. */
  baselined?: { reason?: string };
  /** For a new migration's change to an existing table: the table's size in each live database given. */
  sizes?: TableSize[];
  /**
   * For a statement that holds its lock for as long as it goes through the table's rows, with live databases
   * to compare with: its time on the seeded copy with the table grown to each number of rows.
   */
  timings?: Timing[];
}

/** A statement's wall time on the seeded copy with `rows` rows in its table. */
export interface Timing {
  rows: number;
  ms: number;
}

/**
 * The statement's time on a live database's rows, extrapolated linearly from its timings: an order of
 * magnitude, since the seeded rows are not production's rows and the server is not production's server.
 */
export interface DurationEstimate {
  ms: number;
  /** The timings it was extrapolated from. */
  basis: Timing[];
}

/** One table's size in one live database, from its statistics (never by reading the table). */
export interface TableSize {
  environment: string;
  /** `schema.table`. */
  table: string;
  /** The planner's estimate (pg_class.reltuples); null when the table was never analysed. */
  rows: number | null;
  /** Heap, indexes and TOAST (pg_total_relation_size). */
  bytes: number;
  /** False when the table has no statistics yet: `rows` is then unknown rather than guessed. */
  analysed: boolean;
  /**
   * For a dropped column, the values lost: rows × (1 − pg_stats.null_frac). Null when the column's statistics
   * are not there or not visible to the role (pg_stats shows only columns the role may SELECT).
   */
  nonNullValues?: number | null;
  /** Rows inserted, updated and deleted per minute since the database's statistics were last reset. */
  writesPerMinute?: number;
  /** For a statement with timings, how long it would take on this table's rows; absent when they are unknown. */
  duration?: DurationEstimate;
}

/**
 * A fix as whole lines of one file, the unit a GitHub suggestion commits: lines `startLine` to `endLine`
 * (1-based, inclusive) become `replacement` (its lines joined by \n, without a final line break).
 */
export interface Suggestion {
  file: string;
  startLine: number;
  endLine: number;
  replacement: string;
}

export function groupOf(rule: RuleId): Group {
  return ruleInfo(rule).group;
}

/** A finding counts against the check when its group is in `fail-on` and nothing accepted it. */
export function isFailing(finding: Finding, failOn: ReadonlySet<Group>): boolean {
  return failOn.has(finding.group) && !finding.waived && !finding.baselined;
}
