import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/compare/diff.js';
import { driftFindings } from '../../src/compare/drift-findings.js';
import type { Column, DbSchema, Index } from '../../src/common/model.js';
import { expectSchema } from '../../src/prisma/expect.js';
import { parseSchema } from '../../src/prisma/parse.js';
import { withSchemaSuggestions } from '../../src/compare/suggest.js';

/**
 * The schema.prisma lines suggested for what the migrations create and the schema lacks. Each is checked the
 * way the pull request test checks it on PostgreSQL: the line added, the schema compared again, the finding gone.
 */

const FILE = 'prisma/schema.prisma';
const SCHEMA = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Event {
  id     Int    @id
  kind   String
  amount Int    @map("amount_cents")

  @@map("events")
}
`;

const column = (name: string, type: string, extra: Partial<Column> = {}): Column => ({
  name,
  type: { name: type, args: [], array: false },
  nullable: true,
  default: null,
  identity: null,
  generated: null,
  ...extra,
});
const index = (name: string, columns: string[], extra: Partial<Index> = {}): Index => ({
  name,
  unique: false,
  method: 'btree',
  columns: columns.map((c) => ({ name: c, sort: 'ASC' as const, opclass: null })),
  predicate: null,
  constraint: false,
  ...extra,
});

/** The suggestions for a database that has what schema.prisma describes plus `extra`. */
function suggestions(schema: string, extra: { columns?: Column[]; indexes?: Index[] }) {
  const files = [{ path: FILE, content: schema }];
  const parsed = parseSchema(files);
  const expected = expectSchema(parsed);
  const migrated: DbSchema = {
    ...expected,
    tables: expected.tables.map((t) => ({
      ...t,
      columns: [...t.columns, ...(extra.columns ?? [])],
      indexes: [...t.indexes, ...(extra.indexes ?? [])],
    })),
  };
  const findings = withSchemaSuggestions(driftFindings(diffSchemas(expected, migrated)), { source: { files, parsed }, expected, migrated });
  return { findings, migrated };
}

/** The schema with the suggestion committed, and what comparing it with the same database finds. */
function commit(schema: string, migrated: DbSchema, s: { startLine: number; endLine: number; replacement: string }) {
  const lines = schema.split('\n');
  lines.splice(s.startLine - 1, s.endLine - s.startLine + 1, ...s.replacement.split('\n'));
  const fixed = lines.join('\n');
  return { fixed, findings: driftFindings(diffSchemas(expectSchema(parseSchema([{ path: FILE, content: fixed }])), migrated)) };
}

describe('schema.prisma suggestions', () => {
  it.for([
    ['a nullable text column', column('note', 'text'), '  note   String?'],
    [
      'a NOT NULL column with a default',
      column('retries', 'int2', { nullable: false, default: "'3'::smallint" }),
      '  retries Int   @db.SmallInt @default(3)',
    ],
    [
      'a timestamp that defaults to now',
      column('seenAt', 'timestamptz', { nullable: false, default: 'now()', type: { name: 'timestamptz', args: [6], array: false } }),
      '  seenAt DateTime @db.Timestamptz(6) @default(now())',
    ],
    ['a list', column('tags', 'text', { nullable: false, type: { name: 'text', args: [], array: true } }), '  tags   String[]'],
    [
      'a default Prisma keeps as SQL',
      column('ref', 'text', { default: 'gen_random_uuid()' }),
      '  ref    String? @default(dbgenerated("gen_random_uuid()"))',
    ],
  ] as const)('declares %s after the last field, and the finding goes', ([, extra, line]) => {
    const { findings, migrated } = suggestions(SCHEMA, { columns: [extra] });
    const [finding] = findings;
    expect(finding).toMatchObject({ rule: 'drift/extra-column', suggestion: { file: FILE, startLine: 9, endLine: 9 } });
    expect(finding!.suggestion!.replacement).toBe(`  amount Int    @map("amount_cents")\n${line}`);
    expect(commit(SCHEMA, migrated, finding!.suggestion!).findings).toEqual([]);
  });

  it.for([
    ['an index under its standard name', index('events_kind_idx', ['kind']), '  @@index([kind])'],
    [
      'a unique index under another name, by a mapped field, descending',
      index('events_amount', ['amount_cents'], { unique: true, columns: [{ name: 'amount_cents', sort: 'DESC', opclass: null }] }),
      '  @@unique([amount(sort: Desc)], map: "events_amount")',
    ],
  ] as const)('declares %s before the closing brace, and the finding goes', ([, extra, line]) => {
    const { findings, migrated } = suggestions(SCHEMA, { indexes: [extra] });
    const [finding] = findings;
    expect(finding).toMatchObject({
      rule: 'drift/extra-index',
      suggestion: { file: FILE, startLine: 12, endLine: 12, replacement: `${line}\n}` },
    });
    expect(commit(SCHEMA, migrated, finding!.suggestion!).findings).toEqual([]);
    // Without block attributes yet, a blank line sets the first one off from the fields.
    const bare = SCHEMA.replace('\n\n  @@map("events")', '').replaceAll('events', 'Event');
    const [first] = suggestions(bare, { indexes: [{ ...extra, name: extra.name.replace('events', 'Event') }] }).findings;
    expect(first!.suggestion).toMatchObject({ startLine: 10, replacement: `\n${line.replace('events', 'Event')}\n}` });
  });

  it('suggests nothing it cannot write exactly', () => {
    const { findings } = suggestions(SCHEMA, {
      columns: [
        column('n', 'int4', { identity: 'always' }),
        column('geo', 'geometry'),
        column('has space', 'text'),
        column('seq', 'int4', { default: "nextval('seq'::regclass)" }),
      ],
      indexes: [
        index('events_kind_part', ['kind'], { predicate: "(kind = 'x'::text)" }),
        index('events_trgm', ['kind'], { method: 'gin' }),
      ],
    });
    expect(findings.filter((f) => f.suggestion)).toEqual([]);
    // Four columns and the GIN index; a partial index is no drift at all.
    expect(findings.map((f) => f.object!.name).sort()).toEqual(['events_trgm', 'geo', 'has space', 'n', 'seq']);
  });
});
