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
        ? [{ name: '_PostToTag_AB_unique', unique: true, method: 'btree', constraint: false, predicate: null, columns: ['A', 'B'].map((name) => ({ name, sort: 'ASC' as const, opclass: null })) }]
        : []),
      { name: '_PostToTag_B_index', unique: false, method: 'btree', constraint: false, predicate: null, columns: [{ name: 'B', sort: 'ASC' as const, opclass: null }] },
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
