import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/compare/diff.js';
import { driftFindings } from '../../src/compare/drift-findings.js';
import { emptySchema, type DbSchema, type Table } from '../../src/common/model.js';

const int = { name: 'int4', args: [], array: false };

function joinTable(key: 'primary-key' | 'unique-index'): Table {
  return {
    schema: 'public',
    name: '_PostToTag',
    columns: ['A', 'B'].map((name) => ({ name, type: int, nullable: false, default: null, identity: null, generated: null })),
    primaryKey: key === 'primary-key' ? { name: '_PostToTag_AB_pkey', columns: ['A', 'B'] } : null,
    indexes: [
      ...(key === 'unique-index'
        ? [
            {
              name: '_PostToTag_AB_unique',
              unique: true,
              method: 'btree',
              constraint: false,
              predicate: null,
              columns: ['A', 'B'].map((name) => ({ name, sort: 'ASC' as const, opclass: null })),
            },
          ]
        : []),
      {
        name: '_PostToTag_B_index',
        unique: false,
        method: 'btree',
        constraint: false,
        predicate: null,
        columns: [{ name: 'B', sort: 'ASC' as const, opclass: null }],
      },
    ],
    foreignKeys: [],
  };
}

const compareSchemas = (expected: DbSchema, migrated: DbSchema) => driftFindings(diffSchemas(expected, migrated));

const withTable = (table: Table): DbSchema => ({ ...emptySchema(), namespaces: ['public'], tables: [table] });

describe('drift findings on implicit many-to-many tables', () => {
  it('names the Prisma 6 upgrade step a project still carrying _AB_unique missed', () => {
    const findings = compareSchemas(withTable(joinTable('primary-key')), withTable(joinTable('unique-index')));
    expect(findings.map((f) => f.rule).sort()).toEqual(['drift/extra-index', 'drift/primary-key']);
    for (const finding of findings) expect(finding.hint).toContain('Prisma 6.0 replaced the unique index of implicit many-to-many tables');
  });

  it('finds nothing when both sides follow the same convention', () => {
    expect(compareSchemas(withTable(joinTable('unique-index')), withTable(joinTable('unique-index')))).toEqual([]);
  });
});

describe('compareSchemas on indexes Prisma recreates on every diff', () => {
  const table = (index: Partial<Table['indexes'][number]>): Table => ({
    schema: 'public',
    name: 'A',
    model: 'A',
    columns: ['id', 'code', 'n'].map((name) => ({ name, type: int, nullable: false, default: null, identity: null, generated: null })),
    primaryKey: { name: 'A_pkey', columns: ['id'] },
    indexes: [
      {
        name: 'A_code_idx',
        unique: false,
        method: 'btree',
        constraint: false,
        predicate: null,
        columns: [{ name: 'code', sort: 'ASC', opclass: null }],
        ...index,
      },
    ],
    foreignKeys: [],
  });

  it('takes INCLUDE columns for a difference, and says that accepting it is the way', () => {
    const [finding, ...rest] = compareSchemas(withTable(table({})), withTable(table({ include: ['n'] })));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: 'drift/index-definition',
      message: expect.stringContaining('INCLUDE (n)'),
      hint: expect.stringContaining('accept this finding in the baseline'),
    });
  });

  it("reads no B-tree operator class from the database, as Prisma's engine does not", () => {
    const opclass = [{ name: 'code', sort: 'ASC' as const, opclass: 'text_pattern_ops' }];
    expect(compareSchemas(withTable(table({})), withTable(table({ columns: opclass })))).toEqual([]);
    const [written] = compareSchemas(withTable(table({ columns: opclass })), withTable(table({ columns: opclass })));
    expect(written).toMatchObject({
      rule: 'drift/index-definition',
      hint: expect.stringContaining('does not read the operator class of a B-tree index'),
    });
  });
});
