import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateProject } from '../../src/locate/project.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-locate-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const SCHEMA = 'datasource db {\n  provider = "postgresql"\n}\n';
const MIGRATION = { 'prisma/migrations/1_init/migration.sql': 'SELECT 1;' };

describe('locateProject', () => {
  it.each([
    [
      'a Prisma 8 version',
      { 'prisma/schema.prisma': SCHEMA, ...MIGRATION, 'package.json': '{"devDependencies":{"prisma":"8.0.0-rc.2"}}' },
      /package\.json says Prisma 8\.0\.0\. Prisma 8 is not supported yet/,
    ],
    [
      'a contract.prisma',
      { 'prisma/contract.prisma': SCHEMA, 'prisma/migrations/1_init/ops.json': '[]' },
      /prisma\/contract\.prisma is a Prisma 8 contract/,
    ],
    [
      'a migration as ops.json',
      { 'prisma/schema.prisma': SCHEMA, 'prisma/migrations/1_init/migration.ts': '', 'prisma/migrations/1_init/ops.json': '[]' },
      /prisma\/migrations\/1_init holds a Prisma 8 migration/,
    ],
  ])('stops on a Prisma 8 project, found by %s, saying what is supported', (_what, files, message) => {
    const dir = project(files);
    expect(() => locateProject(dir, {})).toThrow(message);
    expect(() => locateProject(dir, {})).toThrow(/supports Prisma 4 to 7/);
  });

  it('finds prisma/schema.prisma and the migrations next to it', () => {
    const dir = project({ 'prisma/schema.prisma': SCHEMA, ...MIGRATION });
    const found = locateProject(dir, {});
    expect(found.schema).toBe(path.join(dir, 'prisma/schema.prisma'));
    expect(found.migrations).toBe(path.join(dir, 'prisma/migrations'));
  });

  it('finds a multi-file schema folder', () => {
    const dir = project({ 'prisma/schema/main.prisma': SCHEMA, ...MIGRATION });
    expect(locateProject(dir, {}).schema).toBe(path.join(dir, 'prisma/schema'));
  });

  it('follows package.json prisma.schema', () => {
    const dir = project({
      'db/main.prisma': SCHEMA,
      'db/migrations/1_init/migration.sql': 'SELECT 1;',
      'package.json': '{"prisma":{"schema":"db/main.prisma"}}',
    });
    expect(locateProject(dir, {})).toMatchObject({ schema: path.join(dir, 'db/main.prisma'), migrations: path.join(dir, 'db/migrations') });
  });

  it('follows prisma.config.ts schema and migrations.path', () => {
    const dir = project({
      'database/schema.prisma': SCHEMA,
      'database/history/1_init/migration.sql': 'SELECT 1;',
      'prisma.config.ts':
        "import { defineConfig } from 'prisma/config';\nexport default defineConfig({\n  schema: 'database/schema.prisma',\n  migrations: { path: 'database/history' },\n});\n",
    });
    expect(locateProject(dir, {})).toMatchObject({
      schema: path.join(dir, 'database/schema.prisma'),
      migrations: path.join(dir, 'database/history'),
    });
  });

  it('lists what it tried when there is no schema', () => {
    const dir = project({ 'README.md': '' });
    expect(() => locateProject(dir, {})).toThrow(
      /Tried: prisma\/schema\.prisma \(Prisma default\), prisma\/schema \(Prisma default\), schema\.prisma \(Prisma default\)\. Set input `schema` to/,
    );
  });

  it('says which input is wrong', () => {
    const dir = project({ 'prisma/schema.prisma': SCHEMA });
    expect(() => locateProject(dir, { schema: 'nope.prisma' })).toThrow('The schema `nope.prisma` (input `schema`) does not exist');
    expect(() => locateProject(dir, {})).toThrow('No migrations folder at prisma/migrations. Set input `migrations` to');
  });
});
