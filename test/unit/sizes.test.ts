import { accept } from '../../src/report/accept.js';
import { describe, expect, it } from 'vitest';
import { analyseNewMigrations } from '../../src/analyse/static.js';
import type { Finding } from '../../src/common/findings.js';
import { parseInputs } from '../../src/inputs.js';
import { emptySchema, type DbSchema } from '../../src/common/model.js';
import {
  estimateDuration,
  formatBytes,
  formatCount,
  formatDuration,
  sizeLine,
  sizeRequests,
  withSizes,
  type TableStats,
} from '../../src/analyse/sizes.js';

const GB = 1024 ** 3;
const largeTable = (value: string) => parseInputs((name) => (name === 'large-table' ? value : '')).largeTable;

const dropNote: Finding = {
  rule: 'destructive/drop-column',
  group: 'destructive',
  severity: 'error',
  message: 'Drops column "note" of "Event" and its data.',
  location: { file: 'prisma/migrations/2_x/migration.sql', line: 5, column: 1 },
  object: { kind: 'column', schema: 'public', table: 'Event', column: 'note', name: 'note' },
  migration: '2_x',
};
const rewrite: Finding = {
  rule: 'lock/access-exclusive',
  group: 'lock',
  severity: 'warning',
  message: 'Takes ACCESS EXCLUSIVE on `"Event"` and rewrites it.',
  location: { file: 'prisma/migrations/2_x/migration.sql', line: 2, column: 1 },
  object: { kind: 'table', schema: 'public', name: 'Event' },
  migration: '2_x',
};
const index: Finding = {
  rule: 'risk/index-without-concurrently',
  group: 'risk',
  severity: 'warning',
  message: 'Creates index "Event_amount_idx" on "Event" without CONCURRENTLY.',
  object: { kind: 'index', schema: 'public', table: 'Event', name: 'Event_amount_idx' },
  migration: '2_x',
};
const drift: Finding = {
  rule: 'drift/missing-column',
  group: 'drift',
  severity: 'error',
  message: 'schema.prisma has it.',
  object: { kind: 'column', schema: 'public', table: 'Event', column: 'bio', name: 'bio' },
};

const stats = (over: Partial<TableStats> = {}): TableStats => ({
  schema: 'public',
  table: 'Event',
  column: null,
  rows: 12_400_000,
  bytes: 4.1 * GB,
  nullFraction: null,
  writesPerMinute: 350,
  ...over,
});

describe('the large-table input', () => {
  it('defaults to 1 M rows or 1 GB', () => {
    expect(largeTable('')).toEqual({ rows: 1_000_000, bytes: GB });
  });

  it('takes a row count, a size, or both', () => {
    expect(largeTable('1000000 rows')).toEqual({ rows: 1_000_000 });
    expect(largeTable('500k rows')).toEqual({ rows: 500_000 });
    expect(largeTable('1GB')).toEqual({ bytes: GB });
    expect(largeTable('2M rows, 500 MB')).toEqual({ rows: 2_000_000, bytes: 500 * 1024 ** 2 });
  });

  it('names the input and the forms it takes', () => {
    expect(() => largeTable('1000000')).toThrow(
      'input `large-table`: `1000000` is neither a row count (`1000000 rows`, `1M rows`) nor a size (`1GB`, `500MB`); give one or both, as in `1M rows or 1GB`',
    );
    expect(() => largeTable('1 GB rows')).toThrow('input `large-table`: `1 GB rows` is neither');
  });
});

describe('sizeRequests', () => {
  it('asks for each table a new migration changes once, with the column whose values it drops', () => {
    expect(sizeRequests([dropNote, rewrite, index, drift, { ...rewrite, migration: undefined }])).toEqual([
      { schema: 'public', table: 'Event', column: 'note' },
      { schema: 'public', table: 'Event', column: null },
    ]);
  });
});

describe('withSizes', () => {
  const options = { largeTable: largeTable('') };

  it('adds each environment that has the table, with the values a dropped column loses', () => {
    const [dropped] = withSizes(
      [dropNote],
      [
        { environment: 'production', stats: [stats({ column: 'note', nullFraction: 0.25 })] },
        {
          environment: 'staging',
          stats: [stats({ column: 'note', rows: 1200, bytes: 2 * 1024 ** 2, nullFraction: null, writesPerMinute: null })],
        },
        { environment: 'preview', stats: [] },
      ],
      options,
    );
    expect(dropped!.sizes).toEqual([
      {
        environment: 'production',
        table: 'public.Event',
        rows: 12_400_000,
        bytes: 4.1 * GB,
        analysed: true,
        nonNullValues: 9_300_000,
        writesPerMinute: 350,
      },
      { environment: 'staging', table: 'public.Event', rows: 1200, bytes: 2 * 1024 ** 2, analysed: true, nonNullValues: null },
    ]);
    expect(dropped).toMatchObject({ group: 'destructive', severity: 'error', message: dropNote.message });
    expect(sizeLine(dropped!.sizes![0]!)).toBe('production: ≈ 12.4 M rows, 4.1 GB, ≈ 350 writes/min; ≈ 9.3 M non-null values lost');
    expect(sizeLine(dropped!.sizes![1]!)).toBe(
      'staging: ≈ 1.2 k rows, 2 MB; values lost unknown (no statistics of the column visible to this role)',
    );
  });

  it('raises a rewrite of a table that is large in any environment to a failing error, and says why', () => {
    const [raised] = withSizes(
      [rewrite],
      [
        { environment: 'staging', stats: [stats({ rows: 900, bytes: 64 * 1024 })] },
        { environment: 'production', stats: [stats()] },
      ],
      options,
    );
    expect(raised).toMatchObject({ group: 'destructive', severity: 'error', rule: 'lock/access-exclusive' });
    expect(raised!.message).toBe(
      `${rewrite.message} Raised to an error: in \`production\` the table holds ≈ 12.4 M rows, 4.1 GB, at or above \`large-table\` (1 M rows or 1 GB), so the lock lasts as long as the statement takes on every row.`,
    );
  });

  it('judges by bytes a table that was never analysed', () => {
    const [raised] = withSizes([rewrite], [{ environment: 'production', stats: [stats({ rows: null, bytes: 2 * GB })] }], options);
    expect(raised).toMatchObject({ group: 'destructive', severity: 'error' });
    expect(raised!.message).toContain('an unknown number of rows (never analysed), 2 GB');
    const [unknown] = withSizes([rewrite], [{ environment: 'production', stats: [stats({ rows: null, bytes: 8192 })] }], options);
    // Small on disk, but without an estimate: neither raised nor lowered.
    expect(unknown).toMatchObject({ group: 'lock', severity: 'warning', message: rewrite.message });
    expect(sizeLine(unknown!.sizes![0]!)).toBe(
      'production: an unknown number of rows (never analysed), 8 kB, ≈ 350 writes/min; run ANALYZE on the table for an estimate',
    );
  });

  it('lets the allow-label accept a raised finding, as any destructive one', () => {
    const sized = withSizes([rewrite], [{ environment: 'production', stats: [stats()] }], options);
    const {
      findings: [raised],
    } = accept(sized, {
      waivers: [],
      allowDestructive: 'allow-destructive-migration',
      baseline: { version: 1, accepted: [] },
      scope: { drift: true, history: true, environments: [] },
    });
    expect(raised!.waived).toEqual({ reason: 'the pull request is labelled `allow-destructive-migration`' });
  });

  it('makes a rewrite of a table small everywhere a notice', () => {
    const [notice] = withSizes(
      [rewrite],
      [{ environment: 'production', stats: [stats({ rows: 200_000, bytes: 13 * 1024 ** 2 })] }],
      options,
    );
    expect(notice).toMatchObject({ group: 'lock', severity: 'notice' });
    expect(notice!.message).toBe(
      `${rewrite.message} A notice only: the table is below \`large-table\` (1 M rows or 1 GB) in every environment checked.`,
    );
  });

  it('ranks an index built without CONCURRENTLY, not an index dropped without it', async () => {
    const base: DbSchema = {
      ...emptySchema(),
      tables: [
        {
          schema: 'public',
          name: 'Event',
          columns: [
            {
              name: 'amount',
              type: { name: 'int4', args: [], array: false },
              nullable: false,
              default: null,
              identity: null,
              generated: null,
            },
          ],
          primaryKey: null,
          indexes: [
            {
              name: 'Event_old_idx',
              unique: false,
              method: 'btree',
              columns: [{ name: 'amount', sort: 'ASC', opclass: null }],
              predicate: null,
              constraint: false,
            },
          ],
          foreignKeys: [],
        },
      ],
    };
    const sql = 'CREATE INDEX "Event_amount_idx" ON "Event"("amount");\nDROP INDEX "Event_old_idx";\n';
    const { findings } = await analyseNewMigrations({ migrations: [{ name: '2_x', file: 'm.sql', sql }], base, defaultSchema: 'public' });
    const [create, drop] = withSizes(findings, [{ environment: 'production', stats: [stats()] }], options);
    expect(create).toMatchObject({
      rule: 'risk/index-without-concurrently',
      group: 'destructive',
      severity: 'error',
      location: { line: 1 },
    });
    expect(drop).toMatchObject({ rule: 'risk/index-without-concurrently', group: 'risk', severity: 'warning', location: { line: 2 } });
    expect(drop!.sizes).toHaveLength(1);
  });

  it('leaves findings without sizes, and other rules, as they are', () => {
    expect(withSizes([rewrite, drift], [], options)).toEqual([rewrite, drift]);
    const [sized] = withSizes([dropNote], [{ environment: 'production', stats: [stats({ column: 'note' })] }], options);
    expect(sized).toMatchObject({ group: 'destructive', severity: 'error', message: dropNote.message });
    expect(sized!.sizes).toHaveLength(1);
  });
});

describe('duration estimates', () => {
  const timings = [
    { rows: 10_000, ms: 20 },
    { rows: 100_000, ms: 290 },
  ];

  it('extrapolates along the line through the two timings', () => {
    // 3 µs a row and no fixed cost: 12.4 M rows take 37.2 s.
    expect(estimateDuration(timings, 12_400_000)).toEqual({ ms: 37_200, basis: timings });
    expect(estimateDuration(timings, 50_000)).toEqual({ ms: 150, basis: timings });
    // Noise that makes the larger table faster means no measurable cost per row.
    expect(
      estimateDuration(
        [
          { rows: 10_000, ms: 5 },
          { rows: 100_000, ms: 4 },
        ],
        1e9,
      ),
    ).toMatchObject({ ms: 4 });
    expect(estimateDuration([{ rows: 10_000, ms: 5 }], 1e6)).toBeNull();
  });

  it('is stated as an order of magnitude', () => {
    expect([400, 1_400, 37_200, 96_000, 9.6 * 60_000, 2.4 * 3_600_000].map(formatDuration)).toEqual([
      'under a second',
      '≈ 1 s',
      '≈ 40 s',
      '≈ 2 min',
      '≈ 10 min',
      '≈ 2 h',
    ]);
  });

  it('goes on the sizes of the findings that were timed, per environment, and on their line', () => {
    const [timed, notTimed] = withSizes(
      [{ ...rewrite, timings }, dropNote],
      [
        { environment: 'production', stats: [stats(), stats({ column: 'note', nullFraction: 0.25 })] },
        { environment: 'staging', stats: [stats({ rows: null, bytes: 8192 }), stats({ column: 'note', rows: null, bytes: 8192 })] },
      ],
      { largeTable: largeTable('') },
    );
    expect(timed!.sizes![0]!.duration).toEqual({ ms: 37_200, basis: timings });
    // No rows to extrapolate to: no estimate.
    expect(timed!.sizes![1]).not.toHaveProperty('duration');
    expect(notTimed!.sizes![0]).not.toHaveProperty('duration');
    expect(sizeLine(timed!.sizes![0]!)).toBe(
      'production: ≈ 12.4 M rows, 4.1 GB, ≈ 350 writes/min; statement ≈ 40 s on these rows (extrapolated from 20 ms at 10 k and 290 ms at 100 k seeded rows)',
    );
  });
});

describe('formatting', () => {
  it('rounds counts and sizes to what an estimate is worth', () => {
    expect([0, 840, 12_400, 200_000, 12_449_999, 3_100_000_000].map(formatCount)).toEqual([
      '0',
      '840',
      '12.4 k',
      '200 k',
      '12.4 M',
      '3.1 bn',
    ]);
    expect([512, 8192, 13.5 * 1024 ** 2, 4.1 * GB, 2 * 1024 ** 4].map(formatBytes)).toEqual([
      '512 bytes',
      '8 kB',
      '13.5 MB',
      '4.1 GB',
      '2 TB',
    ]);
  });
});
