import type { Finding } from '../../common/findings.js';
import type { MigrationMeasurement } from '../measurement.js';
import { accessExclusive } from './access-exclusive.js';
import { failedOnData } from './failed-on-data.js';
import { noLockTimeout } from './no-lock-timeout.js';
import { rewrite } from './rewrite.js';
import type { LockFindingContext, LockRule } from './rule.js';
import { share } from './share.js';

export type { LockFindingContext } from './rule.js';

/** Every measured rule. */
export const LOCK_RULES: readonly LockRule[] = [accessExclusive, rewrite, share, failedOnData, noLockTimeout];

/** The findings a measurement calls for, in statement order. */
export function lockFindings(measurement: MigrationMeasurement, ctx: LockFindingContext): Finding[] {
  const findings = LOCK_RULES.flatMap((rule) => rule.check(measurement, ctx));
  const line = (f: Finding) => f.location?.line ?? 0;
  return findings.sort((a, b) => line(a) - line(b));
}
