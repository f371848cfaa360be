import { lockFinding, type LockRule } from './rule.js';

// The statement failed on rows seeded into the existing tables (duplicates under a new unique index, NULLs
// under SET NOT NULL, values a cast rejects): production data of that shape makes `prisma migrate deploy`
// fail there. A warning, because the seeded rows only resemble real data.
export const failedOnData: LockRule = {
  id: 'lock/failed-on-data',
  check(measurement, ctx) {
    const failure = measurement.failure;
    if (!failure?.onData) return [];
    return [
      lockFinding(this.id, ctx, failure, null, {
        message: `Fails on existing rows: ${failure.message}${failure.code ? ` (SQLSTATE ${failure.code})` : ''}. The check seeded a few rows into every existing table; production data like them makes \`prisma migrate deploy\` stop here.`,
        hint: 'Clean up or backfill the data first (in this migration, before the failing statement, or in an earlier one), or make the change tolerate it.',
      }),
    ];
  },
};
