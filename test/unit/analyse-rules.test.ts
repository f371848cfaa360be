import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accept } from '../../src/report/accept.js';
import { analyseNewMigrations } from '../../src/analyse/static.js';
import { parseMigrationSql } from '../../src/apply/sql.js';
import { RULES } from '../../src/analyse/rules/index.js';
import { ruleInfo } from '../../src/common/catalogue.js';
import { listMigrations } from '../../src/locate/migrations.js';
import { emptySchema, type Column, type DbSchema, type Table } from '../../src/common/model.js';
import { CORPUS_MISSING_MESSAGE, corpusProjects } from '../support/corpus.js';

function column(name: string, type: string, args: number[] = [], extra: Partial<Column> = {}): Column {
  return { name, type: { name: type, args, array: false }, nullable: true, default: null, identity: null, generated: null, ...extra };
}

function table(name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { schema: 'public', name, columns, primaryKey: { name: `${name}_pkey`, columns: ['id'] }, indexes: [], foreignKeys: [], ...extra };
}

/** The database the existing migrations produced: what the new ones can destroy. */
const BASE: DbSchema = {
  ...emptySchema(),
  namespaces: ['public', 'audit'],
  tables: [
    table(
      'User',
      [
        column('id', 'int4'),
        column('name', 'text'),
        column('email', 'varchar', [191]),
        column('age', 'int4'),
        column('bio', 'varchar', [255]),
        column('balance', 'numeric', [10, 2]),
        column('role', 'Role', [], { type: { name: 'Role', schema: 'public', args: [], array: false } }),
      ],
      {
        indexes: [
          {
            name: 'User_email_idx',
            unique: false,
            method: 'btree',
            columns: [{ name: 'email', sort: 'ASC', opclass: null }],
            predicate: null,
            constraint: false,
          },
        ],
      },
    ),
    table('Post', [column('id', 'int4'), column('title', 'text'), column('authorId', 'int4')]),
    { ...table('Log', [column('id', 'int8')]), schema: 'audit' },
  ],
  enums: [{ schema: 'public', name: 'Role', values: ['USER', 'ADMIN', 'GUEST'] }],
};

const FILE = 'prisma/migrations/20240101000000_change/migration.sql';

/** Findings for `sql` as the one new migration (or the last of several). */
async function analyse(sql: string, earlier: string[] = []) {
  const migrations = [...earlier, sql].map((text, i) => ({
    name: i === earlier.length ? '20240101000000_change' : `2023010100000${i}_earlier`,
    file: i === earlier.length ? FILE : `prisma/migrations/2023010100000${i}_earlier/migration.sql`,
    sql: text,
  }));
  const analysed = await analyseNewMigrations({ migrations, base: BASE, defaultSchema: 'public' });
  const { findings } = accept(analysed.findings, {
    waivers: analysed.waivers,
    allowDestructive: null,
    baseline: { version: 1, accepted: [] },
    scope: { drift: false, history: false, environments: [] },
  });
  return findings.filter((f) => f.migration === '20240101000000_change');
}

async function rulesFired(sql: string, earlier: string[] = []) {
  return (await analyse(sql, earlier)).map((f) => f.rule);
}

/** One statement that must fire the rule and one that must not, each on BASE. */
const CASES: Record<string, { fires: string; quiet: string; earlier?: string[] }> = {
  'destructive/drop-table': {
    fires: 'DROP TABLE "Post";',
    quiet: 'CREATE TABLE "Tmp" (id int);\nDROP TABLE "Tmp";',
  },
  'destructive/drop-schema': {
    fires: 'DROP SCHEMA "audit" CASCADE;',
    quiet: 'CREATE SCHEMA "scratch";\nDROP SCHEMA "scratch";',
  },
  'destructive/drop-column': {
    fires: 'ALTER TABLE "User" DROP COLUMN "bio";',
    quiet: 'ALTER TABLE "User" ADD COLUMN "tmp" TEXT;\nALTER TABLE "User" DROP COLUMN "tmp";',
  },
  'destructive/rename-as-drop-add': {
    fires: 'ALTER TABLE "User" DROP COLUMN "name",\nADD COLUMN "fullName" TEXT;',
    quiet: 'ALTER TABLE "User" DROP COLUMN "name",\nADD COLUMN "score" INTEGER;',
  },
  'destructive/type-change': {
    fires: 'ALTER TABLE "User" ALTER COLUMN "email" SET DATA TYPE VARCHAR(100);',
    quiet: 'ALTER TABLE "User" ALTER COLUMN "email" SET DATA TYPE TEXT,\nALTER COLUMN "age" SET DATA TYPE BIGINT;',
  },
  'destructive/enum-value-removed': {
    fires: [
      'BEGIN;',
      `CREATE TYPE "Role_new" AS ENUM ('USER', 'ADMIN');`,
      'ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");',
      'ALTER TYPE "Role" RENAME TO "Role_old";',
      'ALTER TYPE "Role_new" RENAME TO "Role";',
      'DROP TYPE "Role_old";',
      'COMMIT;',
    ].join('\n'),
    // Reordering values recreates the type the same way but loses nothing.
    quiet: [
      `CREATE TYPE "Role_new" AS ENUM ('GUEST', 'ADMIN', 'USER');`,
      'ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");',
      'DROP TYPE "Role";',
      'ALTER TYPE "Role_new" RENAME TO "Role";',
    ].join('\n'),
  },
  'destructive/primary-key-changed': {
    fires: 'ALTER TABLE "Post" DROP CONSTRAINT "Post_pkey",\nADD CONSTRAINT "Post_pkey" PRIMARY KEY ("id", "authorId");',
    quiet: 'CREATE TABLE "Tag" (id int);\nALTER TABLE "Tag" ADD CONSTRAINT "Tag_pkey" PRIMARY KEY ("id");',
  },
  'destructive/truncate': {
    fires: 'TRUNCATE "Post";',
    quiet: 'CREATE TABLE "Tmp" (id int);\nTRUNCATE "Tmp";',
  },
  'destructive/delete-without-where': {
    fires: 'DELETE FROM "Post";',
    quiet: `DELETE FROM "Post" WHERE "title" = '';`,
  },
  'risk/update-without-where': {
    fires: `UPDATE "Post" SET "title" = '';`,
    quiet: `UPDATE "Post" SET "title" = '' WHERE "title" IS NULL;`,
  },
  'risk/set-not-null': {
    fires: 'ALTER TABLE "User" ALTER COLUMN "name" SET NOT NULL;',
    quiet: 'CREATE TABLE "Tmp" (x text);\nALTER TABLE "Tmp" ALTER COLUMN "x" SET NOT NULL;',
  },
  'risk/required-column-without-default': {
    fires: 'ALTER TABLE "User" ADD COLUMN "slug" TEXT NOT NULL;',
    quiet: `ALTER TABLE "User" ADD COLUMN "slug" TEXT NOT NULL DEFAULT '',\nADD COLUMN "n" SERIAL NOT NULL;`,
  },
  'risk/unique-on-existing-table': {
    fires: 'CREATE UNIQUE INDEX "User_name_key" ON "User"("name");',
    quiet: 'CREATE TABLE "Tag" (name text);\nCREATE UNIQUE INDEX "Tag_name_key" ON "Tag"("name");',
  },
  'risk/constraint-without-not-valid': {
    fires: 'ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id");',
    quiet: 'ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") NOT VALID;',
  },
  'risk/index-without-concurrently': {
    fires: 'DROP INDEX "User_email_idx";',
    // A table created by an earlier migration of the same pull request is empty on deploy.
    earlier: ['CREATE TABLE "Tag" (name text);'],
    quiet: 'CREATE INDEX "Tag_name_idx" ON "Tag"("name");',
  },
  'destructive/drop-database': {
    fires: 'DROP DATABASE IF EXISTS "x";',
    quiet: 'DROP SCHEMA IF EXISTS "x";',
  },
  'risk/rename-column': {
    fires: 'ALTER TABLE "User" RENAME COLUMN "name" TO "fullName";',
    quiet: 'CREATE TABLE "Tmp" (x text);\nALTER TABLE "Tmp" RENAME COLUMN "x" TO "y";',
  },
  'risk/rename-table': {
    fires: 'ALTER TABLE "Post" RENAME TO "Article";',
    quiet: 'CREATE TABLE "Tmp" (x text);\nALTER TABLE "Tmp" RENAME TO "Scratch";',
  },
  'risk/concurrently-in-transaction': {
    fires:
      'CREATE INDEX CONCURRENTLY "Post_title_idx" ON "Post"("title");\nCREATE INDEX CONCURRENTLY "Post_authorId_idx" ON "Post"("authorId");',
    quiet: '-- CreateIndex\nCREATE INDEX CONCURRENTLY "Post_title_idx" ON "Post"("title");\n',
  },
};

describe('static rules', () => {
  it('every registered rule has a firing and a quiet case', () => {
    expect(RULES.map((rule) => rule.id).sort()).toEqual(Object.keys(CASES).sort());
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
    for (const rule of RULES) expect(['destructive', 'risk']).toContain(ruleInfo(rule.id).group);
  });

  for (const [rule, { fires, quiet, earlier }] of Object.entries(CASES)) {
    it(`${rule} fires`, async () => {
      expect(await rulesFired(fires, earlier)).toContain(rule);
    });
    it(`${rule} stays quiet`, async () => {
      const fired = await rulesFired(quiet, earlier);
      expect(fired).not.toContain(rule);
      expect(fired).not.toContain('risk/unparsable-sql');
    });
  }

  it('points at the statement, in characters, past multi-byte text', async () => {
    const sql = `-- Größe ändern\nCREATE TABLE "Zähler" (id int); DROP TABLE "Post";\n`;
    const [finding] = await analyse(sql);
    expect(finding).toMatchObject({
      rule: 'destructive/drop-table',
      group: 'destructive',
      severity: 'error',
      migration: '20240101000000_change',
      location: { file: FILE, line: 2, column: 33 },
      object: { kind: 'table', schema: 'public', name: 'Post' },
    });
  });

  it('suggests the rename with the real names', async () => {
    const [finding] = await analyse('ALTER TABLE "User" DROP COLUMN "name",\nADD COLUMN "fullName" TEXT;');
    expect(finding?.rule).toBe('destructive/rename-as-drop-add');
    expect(finding?.hint).toContain('ALTER TABLE "User" RENAME COLUMN "name" TO "fullName";');
    // The drop is reported once, as the rename.
    expect(await rulesFired('ALTER TABLE "User" DROP COLUMN "name", ADD COLUMN "fullName" TEXT;')).not.toContain('destructive/drop-column');
  });

  it('reads constraints written on an added column like table constraints', async () => {
    const added = (definition: string) => rulesFired(`ALTER TABLE "User" ADD COLUMN "x" ${definition};`);
    expect(await added('TEXT UNIQUE')).toEqual(['risk/unique-on-existing-table']);
    expect(await added('TEXT CONSTRAINT "User_x_key" UNIQUE')).toEqual(['risk/unique-on-existing-table']);
    expect(await added('INTEGER REFERENCES "Post"("id")')).toEqual(['risk/constraint-without-not-valid']);
    expect(await added('INTEGER CHECK ("x" > 0)')).toEqual(['risk/constraint-without-not-valid']);
    expect(await added('SERIAL PRIMARY KEY')).toEqual(['destructive/primary-key-changed']);
    // The same column on a table the pull request creates is nobody's concern.
    expect(
      await rulesFired(
        'CREATE TABLE "Tmp" (id int);\nALTER TABLE "Tmp" ADD COLUMN "x" TEXT UNIQUE REFERENCES "Post"("id") CHECK ("x" <> \'\');',
      ),
    ).toEqual([]);
  });

  it('does not flag the safe recipes, and names every table TRUNCATE … CASCADE empties', async () => {
    // Prisma's shape for a new model with a relation is no static finding either.
    expect(
      await rulesFired(
        'CREATE TABLE "Tag" (id int PRIMARY KEY, "postId" int);\nALTER TABLE "Tag" ADD CONSTRAINT "Tag_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id");',
      ),
    ).toEqual([]);
    expect(await rulesFired('ALTER TABLE "Post" ADD CONSTRAINT "Post_title_key" UNIQUE USING INDEX "Post_title_key";')).toEqual([]);
    expect(
      await rulesFired(
        'ALTER TABLE "Post" DROP CONSTRAINT "Post_pkey";\nALTER TABLE "Post" ADD CONSTRAINT "Post_pkey" PRIMARY KEY USING INDEX "Post_id_key";',
      ),
    ).toEqual(['destructive/primary-key-changed']);
    const check = 'ALTER TABLE "User" ADD CONSTRAINT "User_name_nn" CHECK ("name" IS NOT NULL)';
    expect(
      await rulesFired(
        `${check} NOT VALID;\nALTER TABLE "User" VALIDATE CONSTRAINT "User_name_nn";\nALTER TABLE "User" ALTER COLUMN "name" SET NOT NULL;`,
      ),
    ).toEqual([]);
    // Not validated, or dropped again, it proves nothing.
    expect(await rulesFired(`${check} NOT VALID;\nALTER TABLE "User" ALTER COLUMN "name" SET NOT NULL;`)).toEqual(['risk/set-not-null']);
    expect(
      await rulesFired(
        `${check};\nALTER TABLE "User" DROP CONSTRAINT "User_name_nn";\nALTER TABLE "User" ALTER COLUMN "name" SET NOT NULL;`,
      ),
    ).toEqual(['risk/constraint-without-not-valid', 'risk/set-not-null']);
  });

  it('names the removed enum values', async () => {
    const findings = await analyse(CASES['destructive/enum-value-removed']!.fires);
    expect(findings.find((f) => f.rule === 'destructive/enum-value-removed')?.message).toContain(`'GUEST'`);
    // Prisma's cast to the `_new` type is the enum rule's to judge, not a type change.
    expect(findings.map((f) => f.rule)).not.toContain('destructive/type-change');
  });

  it('judges type conversions by whether every value survives', async () => {
    const changes: [string, boolean][] = [
      ['"age" SET DATA TYPE BIGINT', false],
      ['"age" SET DATA TYPE SMALLINT', true],
      ['"name" SET DATA TYPE INTEGER USING "name"::integer', true],
      ['"bio" SET DATA TYPE VARCHAR(300)', false],
      ['"bio" SET DATA TYPE VARCHAR', false],
      ['"bio" SET DATA TYPE VARCHAR(10)', true],
      ['"balance" SET DATA TYPE DECIMAL(12,2)', false],
      ['"balance" SET DATA TYPE DECIMAL(10,3)', true],
      ['"age" SET DATA TYPE DECIMAL(65,30)', false],
      ['"age" SET DATA TYPE TEXT', false],
      ['"role" SET DATA TYPE TEXT', false],
    ];
    for (const [change, destructive] of changes) {
      const fired = await rulesFired(`ALTER TABLE "User" ALTER COLUMN ${change};`);
      expect([change, fired.includes('destructive/type-change')]).toEqual([change, destructive]);
    }
  });

  it('follows renames and schemas: a renamed existing table still holds data', async () => {
    expect(await rulesFired('ALTER TABLE "Post" RENAME TO "Article";\nDROP TABLE "Article";')).toContain('destructive/drop-table');
    expect(await rulesFired('DROP TABLE "Log";')).toEqual([]);
    expect(await rulesFired('DROP TABLE "audit"."Log";')).toEqual(['destructive/drop-table']);
    // Dropped in an earlier migration of the pull request and recreated: the new table is empty.
    expect(await rulesFired('DROP TABLE "Post";', ['DROP TABLE "Post";\nCREATE TABLE "Post" (id int);'])).toEqual([]);
  });

  it('waives a statement with the comment above it, keeping the finding', async () => {
    const findings = await analyse(
      [
        '-- CreateTable',
        'CREATE TABLE "Tmp" (id int);',
        '',
        '-- prisma-drift-ignore destructive/drop-table: Post moved to the CMS in #412',
        'DROP TABLE "Post";',
        'TRUNCATE "User";',
      ].join('\n'),
    );
    expect(findings.map((f) => [f.rule, f.waived?.reason])).toEqual([
      ['destructive/drop-table', 'Post moved to the CMS in #412'],
      ['destructive/truncate', undefined],
    ]);
  });

  it('waives the whole file from its header', async () => {
    const findings = await analyse(
      [
        '-- prisma-drift-ignore destructive/drop-table, destructive/truncate: retired features',
        '',
        'DROP TABLE "Post";',
        'TRUNCATE "User";',
      ].join('\n'),
    );
    expect(findings.map((f) => [f.rule, f.waived?.reason])).toEqual([
      ['destructive/drop-table', 'retired features'],
      ['destructive/truncate', 'retired features'],
    ]);
  });

  it('refuses a waiver without a reason or with an unknown rule, and says so', async () => {
    const findings = await analyse(
      [
        'SELECT 1;',
        '-- prisma-drift-ignore destructive/drop-table',
        'DROP TABLE "Post";',
        '  -- prisma-drift-ignore destructive/drop-tabel: typo',
        'TRUNCATE "User";',
      ].join('\n'),
    );
    expect(findings.map((f) => [f.rule, f.waived, f.location?.line, f.location?.column])).toEqual([
      ['risk/invalid-waiver', undefined, 2, 1],
      ['destructive/drop-table', undefined, 3, 1],
      ['risk/invalid-waiver', undefined, 4, 3],
      ['destructive/truncate', undefined, 5, 1],
    ]);
  });

  it('reports a file the parser rejects at the exact line instead of throwing', async () => {
    const findings = await analyse('-- AddColumn\nALTER TABLE "User" ADD COLUMN "é" TEXT;\nALTER TABEL "User" DROP COLUMN "name";\n');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'risk/unparsable-sql', group: 'risk', location: { file: FILE, line: 3, column: 7 } });
  });

  it('keeps statement text and positions from byte offsets', async () => {
    const parsed = await parseMigrationSql('/* ünïcödé */ SELECT 1;\r\n-- 🎉\r\n  SELECT 2');
    expect(parsed.ok && parsed.statements.map((s) => [s.text, s.line, s.column])).toEqual([
      ['SELECT 1', 1, 15],
      ['SELECT 2', 3, 3],
    ]);
  });
});

describe('static rules on real projects', () => {
  const projects = corpusProjects();
  it.skipIf(projects.length > 0)(CORPUS_MISSING_MESSAGE, () => {});

  // Replayed from an empty database every table is new, so no rule about existing data may fire; the
  // parser must read every file these projects ship, and their CONCURRENTLY files (which deploy fine)
  // stand alone.
  it.runIf(projects.length > 0).each(projects)('$name parses and raises nothing from scratch', async (project) => {
    const migrations = listMigrations(project.migrations).flatMap((entry) =>
      entry.sqlPath
        ? [{ name: entry.name, file: path.relative(project.dir, entry.sqlPath), sql: readFileSync(entry.sqlPath, 'utf8') }]
        : [],
    );
    const { findings } = await analyseNewMigrations({ migrations, base: emptySchema(), defaultSchema: 'public' });
    expect(findings.map((f) => `${f.migration}: ${f.rule} ${f.message}`)).toEqual([]);
  });
});
