import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { applyMigrations, locate } from '../../src/apply/apply.js';
import { listMigrations } from '../../src/locate/migrations.js';
import { withDatabase } from '../support/pg.js';

function migrations(files: Record<string, string | null>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-apply-'));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, name), { recursive: true });
    if (sql !== null) writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return { dir, entries: listMigrations(dir) };
}

async function replay(files: Record<string, string | null>) {
  const { dir, entries } = migrations(files);
  return withDatabase(async (url) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const result = await applyMigrations(client, entries, (file) => path.relative(dir, file));
      const tables = await client.query<{ relname: string }>(
        "SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY 1",
      );
      return { ...result, tables: tables.rows.map((row) => row.relname) };
    } finally {
      await client.end();
    }
  });
}

describe('applyMigrations, as prisma migrate deploy sends them', () => {
  it('runs a multi-statement file as one implicit transaction: a failure leaves nothing of it', async () => {
    const result = await replay({
      '1_init': 'CREATE TABLE a (id int);',
      '2_broken': 'CREATE TABLE b (id int);\nCREATE TABLE c (id int REFERENCES nowhere(id));',
    });
    expect(result.applied.map((m) => m.name)).toEqual(['1_init']);
    expect(result.tables).toEqual(['a']);
    expect(result.failure).toMatchObject({
      rule: 'migration/failed',
      migration: '2_broken',
      location: { file: '2_broken/migration.sql', line: 2, column: 1 },
    });
    expect(result.failure!.message).toContain('relation "nowhere" does not exist (SQLSTATE 42P01)');
  });

  it('runs CREATE INDEX CONCURRENTLY alone in its file, and refuses it beside other statements', async () => {
    const ok = await replay({ '1_init': 'CREATE TABLE a (id int);', '2_index': 'CREATE INDEX CONCURRENTLY a_id ON a (id);' });
    expect(ok.failure).toBeNull();
    const refused = await replay({ '1_init': 'CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);' });
    expect(refused.failure?.message).toContain('CREATE INDEX CONCURRENTLY cannot run inside a transaction block (SQLSTATE 25001)');
  });

  it('honours a file that manages its own transaction', async () => {
    const result = await replay({ '1_init': 'BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nCREATE INDEX CONCURRENTLY a_id ON a (id);' });
    expect(result.failure?.rule).toBe('migration/failed');
    const own = await replay({ '1_init': 'BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;' });
    expect(own.failure).toBeNull();
    expect(own.tables).toEqual(['a']);
  });

  it('fails, as under Prisma, when a file adds an enum value and uses it', async () => {
    const result = await replay({
      '1_enum': 'CREATE TYPE "Role" AS ENUM (\'USER\');',
      '2_use': 'ALTER TYPE "Role" ADD VALUE \'ADMIN\';\nCREATE TABLE a (role "Role" DEFAULT \'ADMIN\');',
    });
    expect(result.failure?.message).toContain('unsafe use of new value "ADMIN" of enum type "Role"');
  });

  it('applies an empty migration and stops at a folder without migration.sql', async () => {
    const result = await replay({ '1_empty': '', '2_missing': null, '3_after': 'CREATE TABLE a (id int);' });
    expect(result.applied.map((m) => m.name)).toEqual(['1_empty']);
    expect(result.failure).toMatchObject({ rule: 'migration/missing-script', migration: '2_missing' });
  });

  it('names a missing extension and the image that has it', async () => {
    const result = await replay({ '1_vector': 'CREATE EXTENSION IF NOT EXISTS vector;' });
    expect(result.failure).toMatchObject({ rule: 'migration/missing-extension', location: { line: 1, column: 1 } });
    expect(result.failure!.message).toContain('needs the PostgreSQL extension `vector`');
    expect(result.failure!.hint).toContain('pgvector/pgvector:pg16');
  });
});

describe('applyMigrations, with files sharing a query', () => {
  it('commits the files before a failing one and names the failure as if each file went alone', async () => {
    const result = await replay({
      '1_a': 'CREATE TABLE a (id int);',
      '2_b': 'CREATE TABLE b (id int);',
      '3_broken': 'CREATE TABLE c (id int);\nINSERT INTO nowhere VALUES (1);',
      '4_d': 'CREATE TABLE d (id int);',
    });
    expect(result.applied.map((m) => m.name)).toEqual(['1_a', '2_b']);
    expect(result.tables).toEqual(['a', 'b']);
    expect(result.failure).toMatchObject({ migration: '3_broken', location: { file: '3_broken/migration.sql', line: 2, column: 13 } });
  });

  it('replays the files before a syntax error, which stops the whole query before anything runs', async () => {
    const result = await replay({
      '1_a': 'CREATE TABLE a (id int);',
      '2_b': 'CREATE TABLE b (id int);',
      '3_typo': '\nCREATE TABEL c (id int);',
    });
    expect(result.applied.map((m) => m.name)).toEqual(['1_a', '2_b']);
    expect(result.tables).toEqual(['a', 'b']);
    expect(result.failure).toMatchObject({ migration: '3_typo', location: { line: 2, column: 8 } });
  });

  it('fails a file whose deferred constraint breaks at its commit', async () => {
    const result = await replay({
      '1_a': 'CREATE TABLE a (id int PRIMARY KEY, b int REFERENCES a (id) DEFERRABLE INITIALLY DEFERRED);',
      '2_rows': 'INSERT INTO a VALUES (1, 2);',
      '3_c': 'CREATE TABLE c (id int);',
    });
    expect(result.applied.map((m) => m.name)).toEqual(['1_a']);
    expect(result.failure?.message).toContain('violates foreign key constraint');
  });

  it('commits each file: an enum value added in one file can be used in the next', async () => {
    const result = await replay({
      '1_enum': 'CREATE TYPE "Role" AS ENUM (\'USER\');',
      '2_add': 'ALTER TYPE "Role" ADD VALUE \'ADMIN\';',
      '3_use': 'CREATE TABLE a (role "Role" DEFAULT \'ADMIN\');',
    });
    expect(result.failure).toBeNull();
    expect(result.tables).toEqual(['a']);
  });

  it('refuses LOCK outside a transaction, as a file alone does', async () => {
    const result = await replay({ '1_a': 'CREATE TABLE a (id int);', '2_lock': 'LOCK TABLE a;', '3_b': 'CREATE TABLE b (id int);' });
    expect(result.failure?.message).toContain('LOCK TABLE can only be used in transaction blocks');
    expect(result.tables).toEqual(['a']);
  });

  it('keeps a file that ends in a comment or leaves a comment open from reaching into the next', async () => {
    const ok = await replay({ '1_a': 'CREATE TABLE a (id int) -- no newline', '2_b': 'CREATE TABLE b (id int);' });
    expect(ok.failure).toBeNull();
    expect(ok.tables).toEqual(['a', 'b']);
    const open = await replay({
      '1_a': 'CREATE TABLE a (id int); /* open',
      '2_b': 'CREATE TABLE b (id int); -- */ CREATE TABLE c (id int);',
    });
    expect(open.failure).toMatchObject({ migration: '1_a' });
    expect(open.failure?.message).toContain('unterminated /* comment');
    expect(open.tables).toEqual([]);
  });

  it('leaves no warning in the server log for the transactions it ends', async () => {
    const { dir, entries } = migrations({ '1_a': 'CREATE TABLE a (id int);', '2_b': 'CREATE TABLE b (id int);' });
    const notices = await withDatabase(async (url) => {
      const client = new pg.Client({ connectionString: url });
      const seen: string[] = [];
      client.on('notice', (notice) => seen.push(notice.message ?? ''));
      await client.connect();
      try {
        expect((await applyMigrations(client, entries, (file) => path.relative(dir, file))).failure).toBeNull();
        return seen;
      } finally {
        await client.end();
      }
    });
    expect(notices).toEqual([]);
  });

  it('times each file by the server clock', async () => {
    const result = await replay({
      '1_a': 'CREATE TABLE a (id int);',
      '2_sleep': 'SELECT pg_sleep(0.05);',
      '3_b': 'CREATE TABLE b (id int);',
    });
    expect(result.applied.map((m) => m.name)).toEqual(['1_a', '2_sleep', '3_b']);
    expect(result.applied[1]!.ms).toBeGreaterThanOrEqual(50);
    expect(result.applied[2]!.ms).toBeLessThan(50);
  });
});

describe('locate', () => {
  it('turns a character position into line and column, counting characters, not bytes', () => {
    expect(locate('SELECT 1;\n-- é\nSELEC 2;', 16, 'f.sql')).toEqual({ file: 'f.sql', line: 3, column: 1 });
    expect(locate('SELECT ☃, x', 11, 'f.sql')).toEqual({ file: 'f.sql', line: 1, column: 11 });
  });
});
