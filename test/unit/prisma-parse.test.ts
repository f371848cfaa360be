import { describe, expect, it } from 'vitest';
import { SchemaError } from '../../src/prisma/errors.js';
import { parseSchema } from '../../src/prisma/parse.js';

const parse = (content: string, path = 'schema.prisma') => parseSchema([{ path, content }]);

function errorOf(content: string): SchemaError {
  try {
    parse(content);
  } catch (error) {
    if (error instanceof SchemaError) return error;
    throw error;
  }
  throw new Error('expected a SchemaError');
}

describe('parseSchema', () => {
  const schema = parse(`// leading comment
datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
  extensions = [citext, pgvector(map: "vector", schema: "ext")]
}

generator client {
  provider        = "prisma-client-js"
  previewFeatures = [
    "multiSchema",
    "views",
  ]
}

/// A user of the app.
model User {
  id    Int     @id @default(autoincrement())
  email String  @unique(map: "user_email") // trailing comment
  bio   String? @db.VarChar(280)
  tags  String[] @default(["a \\"quoted\\" tag", "back\\\\slash"])
  geo   Unsupported("geography(Point, 4326)")?
  @@map("users")
  @@index([email(sort: Desc), bio], type: Hash)
}

enum Role {
  USER  @map("user")
  ADMIN
  @@map("role")
}

view Active {
  id Int @unique
}

type Address {
  street String
}
`);

  it('reads every block kind', () => {
    expect(schema.datasources.map((d) => d.name)).toEqual(['db']);
    expect(schema.generators.map((g) => g.name)).toEqual(['client']);
    expect(schema.models.map((m) => m.name)).toEqual(['User']);
    expect(schema.views.map((v) => v.name)).toEqual(['Active']);
    expect(schema.types.map((t) => t.name)).toEqual(['Address']);
    expect(schema.enums[0]!.values.map((v) => v.name)).toEqual(['USER', 'ADMIN']);
  });

  it('keeps 1-based positions of blocks, fields, attributes and arguments', () => {
    const user = schema.models[0]!;
    expect(user.loc).toEqual({ file: 'schema.prisma', line: 17, column: 1 });
    const email = user.fields[1]!;
    expect(email.loc).toEqual({ file: 'schema.prisma', line: 19, column: 3 });
    expect(email.type.loc).toEqual({ file: 'schema.prisma', line: 19, column: 9 });
    expect(email.attributes[0]!.loc).toEqual({ file: 'schema.prisma', line: 19, column: 17 });
    expect(email.attributes[0]!.args[0]).toMatchObject({ name: 'map', loc: { line: 19, column: 25 } });
    const index = user.attributes[1]!;
    expect(index).toMatchObject({ name: 'index', loc: { line: 24, column: 3 } });
    expect(index.args[1]).toMatchObject({ name: 'type', value: { kind: 'constant', value: 'Hash' } });
  });

  it('reads types, native types, functions, arrays and escaped strings', () => {
    const [id, , bio, tags, geo] = schema.models[0]!.fields;
    expect(id!.attributes[1]!.args[0]!.value).toMatchObject({ kind: 'function', name: 'autoincrement', args: [] });
    expect(bio!.type).toMatchObject({ name: 'String', optional: true, list: false });
    expect(bio!.attributes[0]).toMatchObject({ name: 'db.VarChar', args: [{ value: { kind: 'number', value: '280' } }] });
    expect(tags!.type.list).toBe(true);
    const items = tags!.attributes[0]!.args[0]!.value;
    expect(items.kind === 'array' && items.items.map((item) => item.kind === 'string' && item.value)).toEqual([
      'a "quoted" tag',
      'back\\slash',
    ]);
    expect(geo!.type).toMatchObject({ name: 'Unsupported', unsupported: 'geography(Point, 4326)', optional: true });
    const preview = schema.generators[0]!.properties[1]!.value;
    expect(preview.kind === 'array' && preview.items.length).toBe(2);
    const extensions = schema.datasources[0]!.properties[2]!.value;
    expect(extensions).toMatchObject({
      kind: 'array',
      items: [
        { kind: 'constant', value: 'citext' },
        { kind: 'function', name: 'pgvector' },
      ],
    });
  });

  it('treats several files as one schema, each keeping its own name', () => {
    const multi = parseSchema([
      { path: 'schema/base.prisma', content: 'datasource db {\n  provider = "postgresql"\n}\n' },
      { path: 'schema/models/user.prisma', content: '\nmodel User {\n  id Int @id\n}\n' },
    ]);
    expect(multi.models[0]!.loc).toEqual({ file: 'schema/models/user.prisma', line: 2, column: 1 });
  });

  it('rejects the same name declared in two files, naming the second place', () => {
    expect(() =>
      parseSchema([
        { path: 'a.prisma', content: 'model User {\n  id Int @id\n}\n' },
        { path: 'b.prisma', content: 'enum User {\n  A\n}\n' },
      ]),
    ).toThrow(/^b\.prisma:1:1: enum "User" has the same name as the model at a\.prisma:1/);
  });

  it.each([
    ['model User {\n  id Int @id\n', /^schema\.prisma:1:1: model User is not closed/],
    ['modle User {\n}\n', /^schema\.prisma:1:1: unknown block type "modle"/],
    ['model User {\n  id Int @id\n  name\n}\n', /^schema\.prisma:3:3: field "name" in User has no type/],
    ['model User {\n  id Int @id @default("abc)\n}\n', /^schema\.prisma:2:23: string is not closed/],
    ['model User {\n  id Int @id\n  id String\n}\n', /^schema\.prisma:3:3: field "id" is declared twice/],
    ['model User {\n  id Int[]? @id\n}\n', /^schema\.prisma:2:11: a list cannot be optional/],
    ['model User {\n  id Int @id @default(1 2)\n}\n', /^schema\.prisma:2:25: expected "," or "\)"/],
    ['model User {\n  id Int @id\n  @unique([id])\n}\n', /^schema\.prisma:3:3: a model attribute needs two @/],
  ])('reports %j at its place', (content, message) => {
    expect(errorOf(content).message).toMatch(message);
  });
});
