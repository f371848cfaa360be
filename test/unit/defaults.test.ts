import { describe, expect, it } from 'vitest';
import type { TypeFamily } from '../../src/compare/defaults.js';
import { defaultsMatch, parseDefault } from '../../src/compare/defaults.js';

const migrated = (text: string | null, family: TypeFamily, list = false) => parseDefault(text, family, list, 'migrated');
const expected = (text: string | null, family: TypeFamily, list = false) => parseDefault(text, family, list, 'expected');

describe('parseDefault reads what PostgreSQL prints the way Prisma does', () => {
  it('reads literals by the column family, casts and all', () => {
    expect(migrated(`'USER'::"Role"`, 'enum')).toEqual({ kind: 'value', value: { type: 'enum', value: 'USER' } });
    expect(migrated(`'it''s'::character varying`, 'string')).toEqual({ kind: 'value', value: { type: 'string', value: "it's" } });
    expect(migrated(`E'a\\nb'::text`, 'string')).toEqual({ kind: 'value', value: { type: 'string', value: 'a\nb' } });
    expect(migrated(`'-4'::integer`, 'int')).toEqual({ kind: 'value', value: { type: 'int', value: -4n } });
    expect(migrated(`'0'::numeric`, 'decimal')).toEqual({ kind: 'value', value: { type: 'decimal', value: '0' } });
    expect(migrated(`(-1.5)::double precision`, 'decimal')).toEqual({ kind: 'value', value: { type: 'decimal', value: '-1.5' } });
    expect(migrated('false', 'boolean')).toEqual({ kind: 'value', value: { type: 'boolean', value: 'false' } });
  });

  it('tells now(), sequences and database expressions apart', () => {
    expect(migrated('CURRENT_TIMESTAMP', 'datetime')).toEqual({ kind: 'now' });
    expect(migrated('now()', 'datetime')).toEqual({ kind: 'now' });
    expect(migrated(`nextval('"User_id_seq"'::regclass)`, 'int')).toEqual({ kind: 'sequence', name: 'User_id_seq' });
    expect(migrated(`nextval(('app."Order_seq"'::text)::regclass)`, 'int')).toEqual({ kind: 'sequence', name: 'Order_seq' });
    expect(migrated('gen_random_uuid()', 'other')).toEqual({ kind: 'dbgenerated', text: 'gen_random_uuid()' });
    // A precision argument is more than Prisma's reader takes: it keeps the text.
    expect(migrated('CURRENT_TIMESTAMP(3)', 'datetime')).toEqual({ kind: 'dbgenerated', text: 'CURRENT_TIMESTAMP(3)' });
    expect(migrated(`('a'::text || 'b'::text)`, 'string')).toEqual({ kind: 'dbgenerated', text: `('a'::text || 'b'::text)` });
  });

  it('reads list defaults from ARRAY[...] and from array literals', () => {
    expect(migrated('ARRAY[]::text[]', 'string', true)).toEqual({ kind: 'list', values: [] });
    expect(migrated(`'{}'::text[]`, 'string', true)).toEqual({ kind: 'list', values: [] });
    expect(migrated(`ARRAY['A'::"Role", 'B'::"Role"]`, 'enum', true)).toEqual({
      kind: 'list',
      values: [
        { type: 'enum', value: 'A' },
        { type: 'enum', value: 'B' },
      ],
    });
    expect(migrated(`'{1,2}'::integer[]`, 'int', true)).toEqual({
      kind: 'list',
      values: [
        { type: 'int', value: 1n },
        { type: 'int', value: 2n },
      ],
    });
  });
});

describe('defaultsMatch decides as Prisma differ does', () => {
  it('compares values by meaning, not spelling', () => {
    expect(defaultsMatch(migrated(`'1.50'::numeric`, 'decimal'), expected('1.5', 'decimal'), false)).toBe(true);
    expect(defaultsMatch(migrated(`'{"a": 1}'::jsonb`, 'json'), expected(`'{"a":1}'::jsonb`, 'json'), false)).toBe(true);
    expect(defaultsMatch(migrated(`'{"a": 1}'::jsonb`, 'json'), expected(`'{"a":2}'::jsonb`, 'json'), false)).toBe(false);
    expect(defaultsMatch(migrated('GEN_RANDOM_UUID()', 'other'), expected('gen_random_uuid()', 'other'), false)).toBe(true);
    expect(defaultsMatch(migrated(`'a'::text`, 'string'), expected(`'b'::text`, 'string'), false)).toBe(false);
  });

  it('never compares datetime literals the schema gives', () => {
    const literal = expected(`'2020-01-01 00:00:00'::timestamp(3)`, 'datetime');
    expect(defaultsMatch(migrated(`'1999-12-31 00:00:00'::timestamp without time zone`, 'datetime'), literal, true)).toBe(true);
    expect(defaultsMatch(migrated(null, 'datetime'), literal, true)).toBe(false);
  });

  it('leaves sequences to the autoincrement comparison', () => {
    const sequence = migrated(`nextval('"User_id_seq"'::regclass)`, 'int');
    expect(defaultsMatch(sequence, null, false)).toBe(true);
    expect(defaultsMatch(null, expected(`nextval('"User_id_seq"'::regclass)`, 'int'), false)).toBe(true);
    expect(defaultsMatch(sequence, expected('0', 'int'), false)).toBe(false);
  });

  it('treats a default on one side only as a change', () => {
    expect(defaultsMatch(migrated('now()', 'datetime'), null, true)).toBe(false);
    expect(defaultsMatch(null, expected('CURRENT_TIMESTAMP', 'datetime'), true)).toBe(false);
    expect(defaultsMatch(migrated('CURRENT_TIMESTAMP(3)', 'datetime'), expected('CURRENT_TIMESTAMP', 'datetime'), true)).toBe(false);
  });
});
