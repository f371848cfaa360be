import { describe, expect, it } from 'vitest';
import { analyseNewMigrations } from '../../src/analyse/static.js';
import { parseMigrationSql } from '../../src/apply/sql.js';
import { emptySchema, type Column, type DbSchema } from '../../src/common/model.js';

/**
 * The fixes rules attach to findings, as the lines they replace. That a committed suggestion really fixes
 * its finding on PostgreSQL is shown in review-comments.test.ts; here are the shapes of file they meet.
 */

function column(name: string, type: string, extra: Partial<Column> = {}): Column {
  return { name, type: { name: type, args: [], array: false }, nullable: true, default: null, identity: null, generated: null, ...extra };
}

const BASE: DbSchema = {
  ...emptySchema(),
  tables: [
    {
      schema: 'public',
      name: 'User',
      columns: [
        column('id', 'int4', { nullable: false }),
        column('name', 'text'),
        column('email', 'text', { nullable: false }),
        column('age', 'int4'),
      ],
      primaryKey: { name: 'User_pkey', columns: ['id'] },
      indexes: [],
      foreignKeys: [],
    },
  ],
};

const FILE = 'prisma/migrations/20240101000000_change/migration.sql';

async function suggestions(sql: string) {
  const { findings } = await analyseNewMigrations({
    migrations: [{ name: '20240101000000_change', file: FILE, sql }],
    base: BASE,
    defaultSchema: 'public',
  });
  return findings.flatMap((f) => (f.suggestion ? [{ rule: f.rule, ...f.suggestion }] : []));
}

/** What GitHub does when the suggestion is committed. */
function apply(sql: string, s: { startLine: number; endLine: number; replacement: string }): string {
  const lines = sql.split('\n');
  lines.splice(s.startLine - 1, s.endLine - s.startLine + 1, ...s.replacement.split('\n'));
  return lines.join('\n');
}

describe('suggestions', () => {
  it('renames in place of a drop and an add in one statement, keeping its other commands and the lines around it', async () => {
    const sql = '-- AlterTable\nALTER TABLE "User" DROP COLUMN "name",\nDROP COLUMN "age",\nADD COLUMN     "fullName" TEXT; -- was name\n';
    const [rename] = await suggestions(sql);
    expect(rename).toEqual({
      rule: 'destructive/rename-as-drop-add',
      file: FILE,
      startLine: 2,
      endLine: 4,
      replacement: 'ALTER TABLE "User" RENAME COLUMN "name" TO "fullName";\nALTER TABLE "User" DROP COLUMN "age"; -- was name',
    });
    expect(apply(sql, rename!)).toBe(
      '-- AlterTable\nALTER TABLE "User" RENAME COLUMN "name" TO "fullName";\nALTER TABLE "User" DROP COLUMN "age"; -- was name\n',
    );
  });

  it('renames across two neighbouring statements', async () => {
    const sql = 'ALTER TABLE "User" DROP COLUMN "name";\nALTER TABLE "User" ADD COLUMN "fullName" TEXT;';
    expect(await suggestions(sql)).toEqual([
      {
        rule: 'destructive/rename-as-drop-add',
        file: FILE,
        startLine: 1,
        endLine: 2,
        replacement: 'ALTER TABLE "User" RENAME COLUMN "name" TO "fullName";',
      },
    ]);
  });

  it('suggests no rename that would build another column than the add', async () => {
    // NOT NULL where the old column allowed nulls, a default it did not have, statements far apart.
    expect(await suggestions('ALTER TABLE "User" DROP COLUMN "name", ADD COLUMN "fullName" TEXT NOT NULL;')).toEqual([]);
    expect(await suggestions('ALTER TABLE "User" DROP COLUMN "name", ADD COLUMN "fullName" TEXT DEFAULT \'\';')).toEqual([]);
    expect(await suggestions('ALTER TABLE "User" DROP COLUMN "name";\nSELECT 1;\nALTER TABLE "User" ADD COLUMN "fullName" TEXT;')).toEqual(
      [],
    );
  });

  it('adds CONCURRENTLY to an index that is alone in its file, and only there', async () => {
    expect(await suggestions('-- CreateIndex\nCREATE UNIQUE INDEX "User_email_key" ON "User"("email");\n')).toEqual([
      {
        rule: 'risk/index-without-concurrently',
        file: FILE,
        startLine: 2,
        endLine: 2,
        replacement: 'CREATE UNIQUE INDEX CONCURRENTLY "User_email_key" ON "User"("email");',
      },
    ]);
    expect(await suggestions('DROP INDEX "User_email_idx";\nCREATE INDEX "User_email_idx" ON "User"("email");')).toEqual([]);
  });

  it("adds NOT VALID to a constraint that is its statement's only command", async () => {
    const sql = 'ALTER TABLE "User" ADD CONSTRAINT "User_age_check"\n  CHECK ("age" >= 0);';
    expect(await suggestions(sql)).toEqual([
      {
        rule: 'risk/constraint-without-not-valid',
        file: FILE,
        startLine: 1,
        endLine: 2,
        replacement: 'ALTER TABLE "User" ADD CONSTRAINT "User_age_check"\n  CHECK ("age" >= 0) NOT VALID;',
      },
    ]);
    expect(await suggestions('ALTER TABLE "User" ADD CONSTRAINT "User_age_check" CHECK ("age" >= 0), ADD COLUMN "x" TEXT;')).toEqual([]);
    const foreignKey =
      'ALTER TABLE "User" ADD CONSTRAINT "User_age_fkey" FOREIGN KEY ("age") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;';
    expect(await suggestions(foreignKey)).toEqual([
      {
        rule: 'risk/constraint-without-not-valid',
        file: FILE,
        startLine: 1,
        endLine: 1,
        replacement: foreignKey.replace(/;$/, ' NOT VALID;'),
      },
    ]);
    // The other half of the pair, for a later migration: in this one it would run under the first lock.
    const {
      findings: [finding],
    } = await analyseNewMigrations({
      migrations: [{ name: '20240101000000_change', file: FILE, sql: foreignKey }],
      base: BASE,
      defaultSchema: 'public',
    });
    expect(finding!.hint).toContain('in a new migration after this one: ALTER TABLE "User" VALIDATE CONSTRAINT "User_age_fkey";');
  });
});

describe('statement extents', () => {
  it('knows the last line and what shares the first and last lines', async () => {
    const parsed = await parseMigrationSql('SELECT 1; SELECT\n  2 ;  -- two\r\nSELECT 3');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.statements.map(({ line, endLine, before, after }) => ({ line, endLine, before, after }))).toEqual([
      { line: 1, endLine: 1, before: '', after: ' SELECT' },
      { line: 1, endLine: 2, before: 'SELECT 1; ', after: '  -- two' },
      { line: 3, endLine: 3, before: '', after: '' },
    ]);
  });

  it('cuts ALTER TABLE into its commands at top-level commas only', async () => {
    const parsed = await parseMigrationSql(
      'ALTER TABLE ONLY "s"."T" ADD COLUMN "a" NUMERIC(3,2) DEFAULT \'x,y\',\n  ADD CONSTRAINT "u" UNIQUE ("a", "b");',
    );
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.statements[0]!.alter).toEqual({
      header: 'ALTER TABLE ONLY "s"."T"',
      commands: ['ADD COLUMN "a" NUMERIC(3,2) DEFAULT \'x,y\'', 'ADD CONSTRAINT "u" UNIQUE ("a", "b")'],
    });
  });
});
