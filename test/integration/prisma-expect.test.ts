import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { DbSchema, Table } from '../../src/common/model.js';
import { conventionsFor } from '../../src/prisma/conventions.js';
import { expectSchema, type ExpectOptions } from '../../src/prisma/expect.js';
import { readSchemaFiles } from '../../src/prisma/files.js';
import { parseSchema } from '../../src/prisma/parse.js';
import { CORPUS_MISSING_MESSAGE, corpusProjects } from '../support/corpus.js';
import { runScript, withDatabase } from '../support/pg.js';

const DATASOURCE = 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n';

function expected(models: string, options: ExpectOptions = {}, datasource = DATASOURCE): DbSchema {
  return expectSchema(parseSchema([{ path: 'schema.prisma', content: datasource + models }]), options);
}

function table(db: DbSchema, name: string): Table {
  const found = db.tables.find((t) => t.name === name);
  if (!found) throw new Error(`no table ${name} in ${db.tables.map((t) => t.name).join(', ')}`);
  return found;
}

const BLOG = `
enum Role {
  USER
  ADMIN @map("admin")
  @@map("role")
}

model User {
  id       Int      @id @default(autoincrement())
  email    String   @unique
  role     Role     @default(ADMIN)
  posts    Post[]
  profile  Profile?
  tags     Tag[]
}

model Profile {
  id     String @id @default(uuid()) @db.Uuid
  userId Int    @unique @map("user_id")
  user   User   @relation(fields: [userId], references: [id], onDelete: Cascade)
}

model Post {
  id        Int       @id @default(autoincrement())
  authorId  Int?
  author    User?     @relation(fields: [authorId], references: [id])
  editorId  Int
  editor    Editor    @relation(fields: [editorId], references: [id], map: "post_editor")
  title     String    @db.VarChar(200)
  createdAt DateTime  @default(now())
  @@index([title(sort: Desc), createdAt], type: BTree)
  @@unique([authorId, title])
  @@map("posts")
}

model Editor {
  id    Int    @id
  posts Post[]
}

model Tag {
  name  String @id
  users User[]
}
`;

describe('expectSchema', () => {
  const db = expected(BLOG);

  it('maps models, fields, scalar and native types, nullability and sources', () => {
    expect(db.tables.map((t) => t.name)).toEqual(['Editor', 'Profile', 'Tag', 'User', '_TagToUser', 'posts']);
    const posts = table(db, 'posts');
    expect(posts.model).toBe('Post');
    expect(posts.columns.map((c) => [c.name, c.type.name, c.type.args, c.nullable])).toEqual([
      ['id', 'int4', [], false],
      ['authorId', 'int4', [], true],
      ['editorId', 'int4', [], false],
      ['title', 'varchar', [200], false],
      ['createdAt', 'timestamp', [3], false],
    ]);
    expect(posts.columns[3]).toMatchObject({ field: 'title', source: { file: 'schema.prisma', line: 33, column: 3 } });
    expect(table(db, 'Profile').columns[0]).toMatchObject({ type: { name: 'uuid' }, default: null });
  });

  it('derives defaults, enums and serial sequences', () => {
    const user = table(db, 'User');
    expect(user.columns.map((c) => c.default)).toEqual([`nextval('"User_id_seq"'::regclass)`, null, `'admin'::role`]);
    expect(user.columns[2]!.type).toEqual({ name: 'role', schema: 'public', args: [], array: false });
    expect(db.enums).toEqual([expect.objectContaining({ schema: 'public', name: 'role', values: ['USER', 'admin'] })]);
    expect(db.sequences).toEqual([
      { schema: 'public', name: 'User_id_seq', ownedBy: { table: 'User', column: 'id' } },
      { schema: 'public', name: 'posts_id_seq', ownedBy: { table: 'posts', column: 'id' } },
    ]);
  });

  it('names keys and indexes the way Prisma does', () => {
    const posts = table(db, 'posts');
    expect(posts.primaryKey).toMatchObject({ name: 'posts_pkey', columns: ['id'] });
    expect(posts.indexes.map((i) => [i.name, i.unique, i.method, i.columns.map((c) => `${c.name} ${c.sort}`)])).toEqual([
      ['posts_authorId_title_key', true, 'btree', ['authorId ASC', 'title ASC']],
      ['posts_title_createdAt_idx', false, 'btree', ['title DESC', 'createdAt ASC']],
    ]);
    expect(table(db, 'User').indexes.map((i) => i.name)).toEqual(['User_email_key']);
    expect(table(db, 'Profile').indexes.map((i) => i.name)).toEqual(['Profile_user_id_key']);
  });

  it('derives foreign keys with Prisma referential action defaults', () => {
    expect(table(db, 'posts').foreignKeys).toEqual([
      expect.objectContaining({
        name: 'post_editor',
        columns: ['editorId'],
        referencedTable: 'Editor',
        onDelete: 'RESTRICT',
        onUpdate: 'CASCADE',
      }),
      expect.objectContaining({ name: 'posts_authorId_fkey', referencedColumns: ['id'], onDelete: 'SET NULL', onUpdate: 'CASCADE' }),
    ]);
    expect(table(db, 'Profile').foreignKeys[0]).toMatchObject({ name: 'Profile_user_id_fkey', onDelete: 'CASCADE' });
  });

  it('creates implicit many-to-many tables by Prisma version', () => {
    const v6 = table(db, '_TagToUser');
    expect(v6.columns.map((c) => [c.name, c.type.name, c.nullable])).toEqual([
      ['A', 'text', false],
      ['B', 'int4', false],
    ]);
    expect(v6.primaryKey).toMatchObject({ name: '_TagToUser_AB_pkey', columns: ['A', 'B'] });
    expect(v6.indexes.map((i) => i.name)).toEqual(['_TagToUser_B_index']);
    expect(v6.foreignKeys.map((f) => [f.name, f.referencedTable, f.onDelete])).toEqual([
      ['_TagToUser_A_fkey', 'Tag', 'CASCADE'],
      ['_TagToUser_B_fkey', 'User', 'CASCADE'],
    ]);
    const v5 = table(expected(BLOG, { conventions: conventionsFor('5.22.0') }), '_TagToUser');
    expect(v5.primaryKey).toBeNull();
    expect(v5.indexes.map((i) => [i.name, i.unique])).toEqual([
      ['_TagToUser_AB_unique', true],
      ['_TagToUser_B_index', false],
    ]);
  });

  it('gives two many-to-many relations one table when their names are equal within 63 bytes, as Prisma does', () => {
    const long = `Long${'X'.repeat(56)}`;
    const db = expected(`
model Post {
  id    String @id
  longs ${long}[]
}
model ${long} {
  id     String @id @db.Uuid
  orders order[]
  posts  Post[]
}
model order {
  id    BigInt @id
  longs ${long}[]
}
`);
    const joins = db.tables.filter((t) => t.name.startsWith('_'));
    // `_${long}ToPost` and `_${long}Toorder` are both cut to `_${long}To`. Prisma meets each relation at the
    // field of its model A (${long}, whose name sorts first), in declaration order: orders, then posts; the last wins.
    expect(joins.map((t) => [t.name, t.columns.map((c) => c.type.name)])).toEqual([[`_${long}To`, ['uuid', 'text']]]);
  });

  it('keeps the colliding many-to-many table of the relation Prisma meets last, whatever the order of the models', () => {
    const long = `Long${'X'.repeat(56)}`;
    const schema = (models: string[]) => expected(models.join('\n'));
    const longModel = `model ${long} {\n  id    String @id @db.Uuid\n  users User[]\n  posts Post[]\n}`;
    const post = 'model Post {\n  id    String @id\n  longs ' + long + '[]\n}';
    const user = 'model User {\n  id    BigInt @id\n  longs ' + long + '[]\n}';
    // Found by the generated-schema test (seed 43619048): the table Prisma's engine creates references the model
    // of the later field of model A, not the model declared first nor the relation found first walking every model.
    for (const order of [
      [longModel, post, user],
      [user, post, longModel],
      [post, longModel, user],
    ]) {
      const joins = schema(order).tables.filter((t) => t.name.startsWith('_'));
      expect(joins.map((t) => [t.name, t.columns.map((c) => c.type.name)])).toEqual([[`_${long}To`, ['uuid', 'text']]]);
    }
  });

  it('creates no foreign keys under relationMode = "prisma"', () => {
    const prismaMode = expected(BLOG, {}, 'datasource db {\n  provider = "postgresql"\n  relationMode = "prisma"\n}\n');
    expect(prismaMode.tables.flatMap((t) => t.foreignKeys)).toEqual([]);
  });

  it('shortens generated names to 63 bytes as Prisma and PostgreSQL do', () => {
    const long = 'a'.repeat(40);
    const result = expected(`
model ${long} {
  id              Int @id @default(autoincrement())
  someRatherLongColumnName Int
  @@index([someRatherLongColumnName])
}`);
    const t = table(result, long);
    expect(t.indexes[0]!.name).toBe(`${long}_someRatherLongColu_idx`);
    expect(Buffer.byteLength(t.indexes[0]!.name)).toBe(63);
    expect(t.columns[0]!.default).toBe(`nextval('${long}_id_seq'::regclass)`);
  });

  it('keeps @@ignore models and multiSchema placement, and leaves views out', () => {
    const result = expected(
      `
model Legacy {
  code String
  @@ignore
  @@schema("legacy")
}
model Account {
  id Int @id
  @@schema("auth")
}
view Summary {
  id Int @unique
}`,
      {},
      'datasource db {\n  provider = "postgresql"\n  schemas = ["auth", "legacy"]\n  extensions = [citext(schema: "ext")]\n}\n',
    );
    expect(result.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['auth.Account', 'legacy.Legacy']);
    expect(result.namespaces).toEqual(['auth', 'legacy', 'public']);
    expect(result.extensions).toEqual([{ name: 'citext', schema: 'ext', version: '' }]);
  });

  it("reads native types under the datasource's own name, and only under it", () => {
    const client = 'datasource client {\n  provider = "postgresql"\n}\n';
    const result = expected('model A {\n  id Int @id\n  day DateTime @client.Date\n}\n', {}, client);
    expect(table(result, 'A').columns.find((c) => c.name === 'day')?.type).toEqual({ name: 'date', args: [], array: false });
    expect(() => expected('model A {\n  id Int @id\n  day DateTime @db.Date\n}\n', {}, client)).toThrow(
      /prefix "db" .* write @client.Date/,
    );
  });

  it('finds the opposite end of a relation on a view, and gives neither a key', () => {
    const result = expected(`
model Item {
  id      Int     @id
  history Trend[]
}
view Trend {
  itemId Int @unique
  item   Item @relation(fields: [itemId], references: [id])
}`);
    expect(result.tables.map((t) => t.name)).toEqual(['Item']);
    expect(table(result, 'Item').foreignKeys).toEqual([]);
  });

  it.each([
    ['model A {\n  id Int @id\n  b Strin\n}\n', 7, 5, /type "Strin" of field "b" in model A/],
    ['model A {\n  name String\n}\n', 5, 1, /model A has no unique criterion/],
    ['model A {\n  id Int @id\n  n String @db.VarChar2(3)\n}\n', 7, 12, /@db.VarChar2 is not a PostgreSQL type/],
    ['model A {\n  id Int @id\n  n Int @db.VarChar(3)\n}\n', 7, 9, /cannot be used on field "n" of type Int/],
    [
      'model A {\n  id Int @id\n  b B\n}\nmodel B {\n  id Int @id\n  a A\n}\n',
      7,
      3,
      /neither "b" on model A nor "a" on model B has @relation\(fields/,
    ],
    ['model A {\n  id Int @id\n  b B\n}\nmodel B {\n  id Int @id\n}\n', 7, 3, /"b" on model A has no opposite field on model B/],
  ])('rejects invalid schemas at the place: %j', (models, line, column, message) => {
    expect(() => expected(models)).toThrow(expect.objectContaining({ location: { file: 'schema.prisma', line, column } }));
    expect(() => expected(models)).toThrow(message);
  });
});

/** Defaults written the way Prisma's DDL writes them, read back from the catalog, against what expectSchema predicts. */
describe('defaults on PostgreSQL', () => {
  const schema = `
enum Role {
  USER
  ADMIN
}
enum lower_role {
  a
}
model Defaults {
  id        Int        @id @default(autoincrement())
  big       BigInt     @default(autoincrement())
  small     Int        @default(autoincrement()) @db.SmallInt
  s         String     @default("it's")
  vc        String     @default("x") @db.VarChar(10)
  ch        String     @default("x") @db.Char(3)
  u         String     @default("00000000-0000-0000-0000-000000000000") @db.Uuid
  zero      Int        @default(0)
  neg       Int        @default(-1)
  bigNeg    BigInt     @default(-5)
  huge      BigInt     @default(3000000000)
  f         Float      @default(1.5)
  fNeg      Float      @default(-1.5)
  fInt      Float      @default(2)
  d         Decimal    @default(1.50)
  dNeg      Decimal    @default(-2)
  yes       Boolean    @default(true)
  at        DateTime   @default(now())
  atTz      DateTime   @default(now()) @db.Timestamptz(6)
  day       DateTime   @default(now()) @db.Date
  fixed     DateTime   @default("2020-01-01T10:00:00.120+02:00")
  fixedTz   DateTime   @default("2020-01-01T10:00:00+02:00") @db.Timestamptz(3)
  fixedDay  DateTime   @default("2020-01-01T00:00:00Z") @db.Date
  j         Json       @default("{}")
  j2        Json       @default("{\\"bb\\":1,\\"a\\":[true, null]}")
  jPlain    Json       @default("{\\"bb\\":1}") @db.Json
  bytes     Bytes      @default("aGVsbG8=")
  role      Role       @default(USER)
  lower     lower_role @default(a)
  texts     String[]   @default([])
  texts2    String[]   @default(["a", "b"])
  ints      Int[]      @default([1, -2])
  bigs      BigInt[]   @default([1, -2])
  floats    Float[]    @default([1.5, -1.5, 2])
  decs      Decimal[]  @default([1.5, -2])
  roles     Role[]     @default([USER])
  noRoles   Role[]     @default([])
  stamps    DateTime[] @default(["2020-01-01T00:00:00Z"])
  generated String     @default(dbgenerated("gen_random_uuid()"))
  clientId  String     @default(cuid())
}
`;

  // The DDL `prisma migrate dev` writes for the model above.
  const ddl = `
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
CREATE TYPE "lower_role" AS ENUM ('a');
CREATE TABLE "Defaults" (
  "id" SERIAL NOT NULL,
  "big" BIGSERIAL NOT NULL,
  "small" SMALLSERIAL NOT NULL,
  "s" TEXT NOT NULL DEFAULT 'it''s',
  "vc" VARCHAR(10) NOT NULL DEFAULT 'x',
  "ch" CHAR(3) NOT NULL DEFAULT 'x',
  "u" UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
  "zero" INTEGER NOT NULL DEFAULT 0,
  "neg" INTEGER NOT NULL DEFAULT -1,
  "bigNeg" BIGINT NOT NULL DEFAULT -5,
  "huge" BIGINT NOT NULL DEFAULT 3000000000,
  "f" DOUBLE PRECISION NOT NULL DEFAULT 1.5,
  "fNeg" DOUBLE PRECISION NOT NULL DEFAULT -1.5,
  "fInt" DOUBLE PRECISION NOT NULL DEFAULT 2,
  "d" DECIMAL(65,30) NOT NULL DEFAULT 1.50,
  "dNeg" DECIMAL(65,30) NOT NULL DEFAULT -2,
  "yes" BOOLEAN NOT NULL DEFAULT true,
  "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "atTz" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "day" DATE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "fixed" TIMESTAMP(3) NOT NULL DEFAULT '2020-01-01 10:00:00.120 +02:00',
  "fixedTz" TIMESTAMPTZ(3) NOT NULL DEFAULT '2020-01-01 10:00:00 +02:00',
  "fixedDay" DATE NOT NULL DEFAULT '2020-01-01 00:00:00 +00:00',
  "j" JSONB NOT NULL DEFAULT '{}',
  "j2" JSONB NOT NULL DEFAULT '{"bb":1,"a":[true, null]}',
  "jPlain" JSON NOT NULL DEFAULT '{"bb":1}',
  "bytes" BYTEA NOT NULL DEFAULT '\\x68656c6c6f',
  "role" "Role" NOT NULL DEFAULT 'USER',
  "lower" "lower_role" NOT NULL DEFAULT 'a',
  "texts" TEXT[] DEFAULT ARRAY[]::TEXT[],
  "texts2" TEXT[] DEFAULT ARRAY['a', 'b']::TEXT[],
  "ints" INTEGER[] DEFAULT ARRAY[1, -2]::INTEGER[],
  "bigs" BIGINT[] DEFAULT ARRAY[1, -2]::BIGINT[],
  "floats" DOUBLE PRECISION[] DEFAULT ARRAY[1.5, -1.5, 2]::DOUBLE PRECISION[],
  "decs" DECIMAL(65,30)[] DEFAULT ARRAY[1.5, -2]::DECIMAL(65,30)[],
  "roles" "Role"[] DEFAULT ARRAY['USER']::"Role"[],
  "noRoles" "Role"[] DEFAULT ARRAY[]::"Role"[],
  "stamps" TIMESTAMP(3)[] DEFAULT ARRAY['2020-01-01 00:00:00 +00:00']::TIMESTAMP(3)[],
  "generated" TEXT NOT NULL DEFAULT gen_random_uuid(),
  "clientId" TEXT NOT NULL,
  CONSTRAINT "Defaults_pkey" PRIMARY KEY ("id")
);`;

  it('match what pg_get_expr prints', async () => {
    const predicted = table(expected(schema), 'Defaults').columns.map((c) => [c.name, c.default]);
    const actual = await withDatabase(async (url) => {
      await runScript(url, ddl);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`SET TimeZone = 'UTC'`);
        const { rows } = await client.query<{ name: string; def: string | null }>(
          `SELECT a.attname AS name, pg_get_expr(d.adbin, d.adrelid) AS def
             FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = '"Defaults"'::regclass AND a.attnum > 0 ORDER BY a.attnum`,
        );
        return rows.map((row) => [row.name, row.def]);
      } finally {
        await client.end();
      }
    });
    expect(predicted).toEqual(actual);
  });
});

describe('corpus schemas', () => {
  const projects = corpusProjects();
  if (projects.length === 0) it.skip(CORPUS_MISSING_MESSAGE, () => {});
  else
    it.each(projects.map((project) => [project.name, project] as const))('%s: expectSchema produces plausible tables', (_name, project) => {
      expect(existsSync(project.schema)).toBe(true);
      const db = expectSchema(parseSchema(readSchemaFiles(project.schema)));
      expect(db.tables.length).toBeGreaterThan(5);
      for (const t of db.tables) {
        expect(t.columns.length).toBeGreaterThan(0);
        expect(t.primaryKey !== null || t.indexes.some((i) => i.unique) || t.name.startsWith('_')).toBe(true);
        for (const name of [t.name, t.primaryKey?.name, ...t.indexes.map((i) => i.name), ...t.foreignKeys.map((f) => f.name)])
          expect(Buffer.byteLength(name ?? '')).toBeLessThanOrEqual(63);
      }
    });
});
