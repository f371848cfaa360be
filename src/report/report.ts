import type { Finding, Group } from '../findings.js';
import type { UnmodelledObject } from '../model.js';

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
  prismaVersion: string | null;
  postgresVersion: string;
  findings: Finding[];
  /** Migrations replayed, in order, with how long PostgreSQL took for each. */
  applied: { name: string; ms: number }[];
  /** Objects the migrations create that Prisma does not model (never drift). */
  unmodelled: UnmodelledObject[];
  durationMs: number;
  /** Per-model text of what schema.prisma expects and what the migrations built, for models that drifted. */
  diffs?: ModelDiff[];
}

export interface ModelDiff {
  model: string;
  expected: string;
  migrated: string;
}
