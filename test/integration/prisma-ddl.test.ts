import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_MISSING_MESSAGE, REPO_ROOT, corpusProjects } from '../support/corpus.js';
import { RoundTrip } from '../support/ddl-roundtrip.js';
import { adminQuery, databaseUrl } from '../support/pg.js';
import { closePrismaEngine, loadSchemaFiles, prismaSqlFromEmpty, type SchemaFile } from '../support/prisma-engine.js';
import { parseMigrationSql } from '../../src/apply/sql.js';
import { listMigrations } from '../../src/locate/migrations.js';
import { SchemaError } from '../../src/prisma/errors.js';
import { expectSchema } from '../../src/prisma/expect.js';
import { parseSchema } from '../../src/prisma/parse.js';
import { prismaSchemas } from '../support/schema-generator.js';

/**
 * `expectSchema` must predict exactly the database Prisma creates: each schema goes through Prisma's own
 * engine (`migrate diff --from-empty`), the DDL runs on PostgreSQL, and what introspection reads back is
 * compared with `expectSchema` object for object. Zero differences is the bar.
 */

const DATABASE = `pdtest_ddl_${process.pid}`;
let roundTrip: RoundTrip;

beforeAll(async () => {
  await adminQuery(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${DATABASE}"`);
  roundTrip = await RoundTrip.open(databaseUrl(DATABASE));
});

afterAll(async () => {
  await roundTrip?.close();
  await adminQuery(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  await closePrismaEngine();
});

/** Asserts that the engine accepts the schema and that `expectSchema` predicts its database exactly. */
async function expectExact(files: SchemaFile[], functions?: string): Promise<void> {
  const result = await roundTrip.check(files, functions);
  if (result.verdict === 'engine-ddl-fails')
    throw new Error(`Prisma's DDL fails on PostgreSQL: ${result.postgresError.message}\n${result.sql}`);
  if (result.verdict !== 'compared') throw new Error(`Prisma's engine rejects the schema:\n${String(result.engineError)}`);
  expect(result.differences, `DDL:\n${result.sql}`).toEqual([]);
}

describe('real projects: expectSchema against the database Prisma creates', () => {
  const projects = corpusProjects();
  if (projects.length === 0) it.skip(CORPUS_MISSING_MESSAGE, () => {});
  for (const project of projects) {
    it(project.name, async (context) => {
      const files = await loadSchemaFiles(project.schema);
      const missing = await roundTrip.unavailableExtensions(files);
      if (missing.length) context.skip(`needs the PostgreSQL extension ${missing.join(', ')}, which this server does not have`);
      await expectExact(files, await functionsOf(project.migrations));
    });
  }
});

/**
 * The functions a project's migrations create, in order: a default such as `dbgenerated("nanoid()")` calls
 * one, and Prisma's from-empty DDL does not create it.
 */
async function functionsOf(migrationsDir: string): Promise<string> {
  const found: string[] = [];
  for (const migration of listMigrations(migrationsDir, 'bytes')) {
    if (!migration.sqlPath || !existsSync(migration.sqlPath)) continue;
    const parsed = await parseMigrationSql(readFileSync(migration.sqlPath, 'utf8'));
    if (!parsed.ok) continue;
    for (const statement of parsed.statements) if ('CreateFunctionStmt' in statement.node) found.push(`${statement.text};`);
  }
  return found.join('\n');
}

describe('fixtures: expectSchema against the database Prisma creates', () => {
  const fixtures = readdirSync(path.join(REPO_ROOT, 'fixtures')).filter((name) =>
    existsSync(path.join(REPO_ROOT, 'fixtures', name, 'prisma')),
  );
  it.each(fixtures)('%s', async (fixture) => {
    const prismaDir = path.join(REPO_ROOT, 'fixtures', fixture, 'prisma');
    const multiFile = existsSync(path.join(prismaDir, 'schema'));
    await expectExact(await loadSchemaFiles(path.join(prismaDir, multiFile ? 'schema' : 'schema.prisma')));
  });
});

describe('generated schemas: expectSchema against the database Prisma creates', () => {
  const runs = Number(process.env.PRISMA_DRIFT_SCHEMAS ?? 500);
  const seed = Number(process.env.PRISMA_DRIFT_SEED ?? Date.now() % 2 ** 31);

  it(`${runs} random valid schemas have zero differences`, async () => {
    const tally = { compared: 0, bothReject: 0, engineDdlFails: 0 };
    console.log(`generated schemas: PRISMA_DRIFT_SEED=${seed} PRISMA_DRIFT_SCHEMAS=${runs}`);
    await fc.assert(
      fc.asyncProperty(prismaSchemas, async (schema) => {
        const result = await roundTrip.check([{ path: 'schema.prisma', content: schema }]);
        if (result.verdict === 'only-engine-rejects')
          throw new Error(
            `the generator made a schema Prisma rejects and we accept (a generator bug, or a check we lack):\n${String(result.engineError)}`,
          );
        if (result.verdict === 'both-reject') tally.bothReject++;
        // No database to compare with: `prisma migrate dev` fails on this schema with the same error.
        else if (result.verdict === 'engine-ddl-fails') tally.engineDdlFails++;
        else {
          tally.compared++;
          if (result.differences.length)
            throw new Error(`${result.differences.length} differences:\n${result.differences.join('\n')}\nDDL:\n${result.sql}`);
        }
      }),
      // No shrinking: every schema costs an engine call and a database round trip; the first failure is shown whole.
      { seed, numRuns: runs, endOnFailure: true },
    );
    console.log(
      `generated schemas: ${tally.compared} compared, ${tally.bothReject} rejected by both Prisma and us, ` +
        `${tally.engineDdlFails} whose DDL from Prisma fails on PostgreSQL (two names cut to one)`,
    );
  }, 600_000);
});

describe('many-to-many tables whose names collide within 63 bytes: the one Prisma keeps', () => {
  const long = `Long${'X'.repeat(56)}`;
  const models = (fields: string[]) => ({
    long: `model ${long} {\n  id String @id @db.Uuid\n${fields.map((f) => `  ${f}\n`).join('')}}`,
    post: `model Post {\n  id String @id\n  longs ${long}[]\n}`,
    user: `model User {\n  id BigInt @id\n  longs ${long}[]\n}`,
  });
  const cases: [string, string[], (keyof ReturnType<typeof models>)[]][] = [
    ['model A first, users before posts', ['users User[]', 'posts Post[]'], ['long', 'post', 'user']],
    ['model A first, posts before users', ['posts Post[]', 'users User[]'], ['long', 'post', 'user']],
    ['model A last, users before posts', ['users User[]', 'posts Post[]'], ['user', 'post', 'long']],
    ['model A between, posts before users', ['posts Post[]', 'users User[]'], ['user', 'long', 'post']],
  ];
  it.each(cases)('%s', async (_title, fields, order) => {
    const blocks = models(fields);
    await expectExact([
      { path: 'schema.prisma', content: `datasource db {\n  provider = "postgresql"\n}\n\n${order.map((m) => blocks[m]).join('\n\n')}\n` },
    ]);
  });
});

const RELATION = (action: string) =>
  `model A {\n  id Int @id\n  bId Int\n  b B @relation(fields: [bId], references: [id], ${action})\n}\nmodel B {\n  id Int @id\n  as A[]\n}`;

/** Schemas Prisma refuses, each after a PostgreSQL datasource (plain, or with the given setting). */
const INVALID_SCHEMAS: [string, string, string?][] = [
  ['unknown field type', 'model A {\n  id Int @id\n  b Strin\n}'],
  ['model without a unique criterion', 'model A {\n  name String\n}'],
  ['1-1 relation where neither side names fields', 'model A {\n  id Int @id\n  b B?\n}\nmodel B {\n  id Int @id\n  a A\n}'],
  [
    'relation without an opposite field',
    'model A {\n  id Int @id\n  bId Int\n  b B @relation(fields: [bId], references: [id])\n}\nmodel B {\n  id Int @id\n}',
  ],
  [
    'ambiguous relations',
    'model A {\n  id Int @id\n  b1Id Int\n  b2Id Int\n  b1 B @relation(fields: [b1Id], references: [id])\n  b2 B @relation(fields: [b2Id], references: [id])\n}\nmodel B {\n  id Int @id\n  as1 A[]\n  as2 A[]\n}',
  ],
  ['native type argument that is not a number', 'model A {\n  id Int @id\n  s String @db.VarChar("x")\n}'],
  ['native type with too many arguments', 'model A {\n  id Int @id\n  s String @db.VarChar(1, 2)\n}'],
  ['native type on the wrong scalar', 'model A {\n  id Int @id\n  n Int @db.VarChar(3)\n}'],
  ['unknown native type', 'model A {\n  id Int @id\n  s String @db.VarChar2(3)\n}'],
  ['Decimal with a precision only', 'model A {\n  id Int @id\n  d Decimal @db.Decimal(10)\n}'],
  ['duplicate model', 'model A {\n  id Int @id\n}\nmodel A {\n  id Int @id\n}'],
  ['duplicate field', 'model A {\n  id Int @id\n  b Int\n  b String\n}'],
  ['duplicate enum value', 'enum E {\n  X\n  X\n}\nmodel A {\n  id Int @id\n}'],
  ['model and enum with one name', 'enum A {\n  X\n}\nmodel A {\n  id Int @id\n}'],
  ['string default on an Int', 'model A {\n  id Int @id\n  n Int @default("x")\n}'],
  ['number default on a Boolean', 'model A {\n  id Int @id\n  b Boolean @default(1)\n}'],
  ['DateTime default that is not a date', 'model A {\n  id Int @id\n  t DateTime @default("yesterday")\n}'],
  ['now() on a String', 'model A {\n  id Int @id\n  s String @default(now())\n}'],
  ['autoincrement() on a String', 'model A {\n  id String @id @default(autoincrement())\n}'],
  ['uuid() on an Int', 'model A {\n  id Int @id @default(uuid())\n}'],
  ['enum default that is not a value', 'enum E {\n  X\n}\nmodel A {\n  id Int @id\n  e E @default(Y)\n}'],
  ['exponent in a number', 'model A {\n  id Int @id\n  f Float @default(1e10)\n}'],
  ['@updatedAt on a String', 'model A {\n  id Int @id\n  s String @updatedAt\n}'],
  ['optional list', 'model A {\n  id Int @id\n  s String[]?\n}'],
  ['@@id over an unknown field', 'model A {\n  a Int\n  @@id([a, nope])\n}'],
  [
    '@@index over a relation field',
    'model A {\n  id Int @id\n  bId Int\n  b B @relation(fields: [bId], references: [id])\n  @@index([b])\n}\nmodel B {\n  id Int @id\n  as A[]\n}',
  ],
  [
    'fewer references than fields',
    'model A {\n  id Int @id\n  b1 Int\n  b2 Int\n  b B @relation(fields: [b1, b2], references: [id])\n}\nmodel B {\n  id Int @id\n  as A[]\n}',
  ],
  ['unknown attribute', 'model A {\n  id Int @id @primary\n}'],
  [
    'unknown referential action',
    'model A {\n  id Int @id\n  bId Int\n  b B @relation(fields: [bId], references: [id], onDelete: Explode)\n}\nmodel B {\n  id Int @id\n  as A[]\n}',
  ],
  ['@@schema without a schemas list', 'model A {\n  id Int @id\n  @@schema("other")\n}'],
  ['name longer than 63 bytes in map', `model A {\n  id Int @id(map: "${'k'.repeat(64)}")\n}`],
  ['two indexes with one generated name', 'model A {\n  id Int @id\n  a Int\n  @@index([a])\n  @@index([a])\n}'],
  ['unknown block', 'table A {\n  id Int @id\n}'],
  ['optional @id', 'model A {\n  id Int? @id\n}'],
  ['@id on two fields', 'model A {\n  a Int @id\n  b Int @id\n}'],
  [
    'relation to a field that is not unique',
    'model A {\n  id Int @id\n  bName String\n  b B @relation(fields: [bName], references: [name])\n}\nmodel B {\n  id Int @id\n  name String\n  as A[]\n}',
  ],
  [
    'relation fields of another type than the references',
    'model A {\n  id Int @id\n  bId String\n  b B @relation(fields: [bId], references: [id])\n}\nmodel B {\n  id Int @id\n  as A[]\n}',
  ],
  ['index type Prisma does not know', 'model A {\n  id Int @id\n  a Int\n  @@index([a], type: Bloom)\n}'],
  ['onUpdate: NoAction under relationMode = "prisma"', RELATION('onUpdate: NoAction'), 'relationMode = "prisma"'],
  ['onDelete: SetDefault under relationMode = "prisma"', RELATION('onDelete: SetDefault'), 'relationMode = "prisma"'],
  ['onDelete: SetNull on a required relation under relationMode = "prisma"', RELATION('onDelete: SetNull'), 'relationMode = "prisma"'],
  ['partial index without the preview feature', 'model A {\n  id Int @id\n  a Int?\n  @@index([a], where: { a: { not: null } })\n}'],
  [
    'partial index condition with an operator other than not',
    'generator client {\n  provider = "prisma-client-js"\n  previewFeatures = ["partialIndexes"]\n}\nmodel A {\n  id Int @id\n  a Int?\n  @@index([a], where: { a: { gt: 0 } })\n}',
  ],
];

describe('invalid schemas: where Prisma refuses, expectSchema throws a SchemaError at the place Prisma names', () => {
  it.each(INVALID_SCHEMAS)('%s', async (_title, models, setting) => {
    const datasource = `datasource db {\n  provider = "postgresql"${setting ? `\n  ${setting}` : ''}\n}`;
    const files = [{ path: 'schema.prisma', content: `${datasource}\n\n${models}\n` }];
    const engineError = await prismaSqlFromEmpty(files).then(
      () => expect.fail('Prisma accepts this schema, so it is no case for this test'),
      (error: Error) => error.message,
    );
    const engineLines = [...engineError.matchAll(/schema\.prisma:(\d+)/g)].map((match) => Number(match[1]));
    let ours: unknown;
    try {
      expectSchema(parseSchema(files));
    } catch (error) {
      ours = error;
    }
    expect(ours, `Prisma says:\n${engineError}`).toBeInstanceOf(SchemaError);
    const { location } = ours as SchemaError;
    expect(location.file).toBe('schema.prisma');
    expect(location.column).toBeGreaterThan(0);
    expect(engineLines, `we point at line ${location.line}: ${(ours as Error).message}\nPrisma says:\n${engineError}`).toContain(
      location.line,
    );
  });
});
