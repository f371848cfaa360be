import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listMigrations } from '../../src/locate/migrations.js';
import { decodeUtf8, screenMigrations } from '../../src/apply/screen.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A migrations folder with one migration per file content, in order. */
function migrations(...files: (string | Buffer)[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-screen-'));
  dirs.push(dir);
  files.forEach((content, i) => {
    const folder = path.join(dir, `2024010${i + 1}000000_m${i + 1}`);
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'migration.sql'), content);
  });
  return listMigrations(dir);
}

const relative = (file: string) => file.split(path.sep).slice(-2).join('/');

describe('screening migrations before they run', () => {
  it('lets what Prisma writes through', async () => {
    const screened = await screenMigrations(
      migrations(
        'CREATE TABLE "User" ("id" SERIAL NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));',
        'CREATE EXTENSION IF NOT EXISTS "pgcrypto";\nCREATE SCHEMA IF NOT EXISTS "auth";\nALTER TABLE "User" OWNER TO CURRENT_USER;\nRESET ROLE;',
        "DO $$ BEGIN PERFORM set_config('search_path', 'public', true); END $$;\nSELECT set_config('search_path', 'public', false);",
      ),
      relative,
    );
    expect(screened).toEqual({ findings: [], stopAt: null });
  });

  it('stops at the first migration with a statement outside the database and reports every one, anywhere in a statement', async () => {
    const screened = await screenMigrations(
      migrations(
        'CREATE TABLE "A" (id int);',
        "-- two\nCREATE VIEW v AS SELECT pg_ls_dir('/');\nALTER SYSTEM SET work_mem = '1GB';",
        'ALTER TABLE "A" ADD COLUMN b text DEFAULT pg_read_file(\'/etc/hostname\');',
      ),
      relative,
    );
    expect(screened.stopAt).toBe(1);
    expect(screened.findings.map((f) => [f.rule, f.migration, f.location?.line])).toEqual([
      ['migration/outside-database', '20240102000000_m2', 2],
      ['migration/outside-database', '20240102000000_m2', 3],
      ['migration/outside-database', '20240103000000_m3', 1],
    ]);
    expect(screened.findings[0]!.message).toContain('calls `pg_ls_dir`');
  });

  it('reports a file that is not UTF-8 at its first bad byte', async () => {
    const latin1 = Buffer.concat([Buffer.from('SELECT 1;\n-- r'), Buffer.from([0xe9]), Buffer.from('sum\u00e9\n')]);
    const screened = await screenMigrations(migrations('SELECT 1;', latin1), relative);
    expect(screened.stopAt).toBe(1);
    expect(screened.findings).toMatchObject([{ rule: 'migration/invalid-encoding', location: { line: 2, column: 5 } }]);
    expect(screened.findings[0]!.message).toContain('byte 0xe9 at line 2, column 5 (byte offset 14)');
  });

  it('tells overlong forms, surrogates and truncated sequences from valid UTF-8', () => {
    expect(decodeUtf8(Buffer.from('naïve ✓ 𝄞'))).toEqual({ text: 'naïve ✓ 𝄞' });
    expect(decodeUtf8(Buffer.from([0x61, 0xc0, 0xaf]))).toEqual({ invalidAt: 1 });
    expect(decodeUtf8(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toEqual({ invalidAt: 2 });
    expect(decodeUtf8(Buffer.from([0x61, 0xe2, 0x9c]))).toEqual({ invalidAt: 1 });
  });
});
