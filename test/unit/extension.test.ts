import { describe, expect, it } from 'vitest';
import { extensionStatement } from '../../src/apply/extension.js';
import { createExtensionSql } from '../../src/provision/extensions.js';

describe("a migration's CREATE EXTENSION, for the admin to create the extension as it asks", () => {
  it('reads the schema, the version and CASCADE the statement names', async () => {
    const found = await extensionStatement(
      'CREATE SCHEMA IF NOT EXISTS "ext";\n-- Needs it\nCREATE EXTENSION IF NOT EXISTS "moddatetime" WITH SCHEMA "ext" VERSION \'1.0\' CASCADE;\n',
      'moddatetime',
    );
    expect(found).toMatchObject({
      request: { name: 'moddatetime', schema: 'ext', version: '1.0', cascade: true, createsSchema: true },
      line: 3,
      column: 1,
    });
  });

  it('leaves to the server what the statement does not name', async () => {
    const found = await extensionStatement('CREATE EXTENSION citext;\nCREATE EXTENSION moddatetime;', 'moddatetime');
    expect(found?.request).toEqual({ name: 'moddatetime', schema: null, version: null, cascade: false, createsSchema: false });
  });

  it('has the admin create the schema only for a CREATE SCHEMA IF NOT EXISTS of it before the statement', async () => {
    const createsSchema = async (sql: string) => (await extensionStatement(sql, 'moddatetime'))?.request.createsSchema;
    expect(await createsSchema('CREATE SCHEMA ext;\nCREATE EXTENSION moddatetime SCHEMA ext;')).toBe(false);
    expect(await createsSchema('CREATE SCHEMA IF NOT EXISTS other;\nCREATE EXTENSION moddatetime SCHEMA ext;')).toBe(false);
    expect(await createsSchema('CREATE EXTENSION moddatetime SCHEMA ext;\nCREATE SCHEMA IF NOT EXISTS ext;')).toBe(false);
    expect(await createsSchema('CREATE SCHEMA IF NOT EXISTS ext;\nCREATE EXTENSION moddatetime SCHEMA ext;')).toBe(true);
  });

  it('runs the statement again in its IF NOT EXISTS form, on its own line, and no other statement', async () => {
    const sql = '-- café\nCREATE TABLE "Ünïcode" (id int); CREATE /* why */ EXTENSION moddatetime;\nCREATE EXTENSION autoinc;\n';
    expect((await extensionStatement(sql, 'moddatetime'))?.rerun).toBe(
      '-- café\nCREATE TABLE "Ünïcode" (id int); CREATE /* why */ EXTENSION IF NOT EXISTS moddatetime;\nCREATE EXTENSION autoinc;\n',
    );
  });

  it('runs a statement that has IF NOT EXISTS again as it is', async () => {
    const sql = 'CREATE EXTENSION IF NOT EXISTS moddatetime;';
    expect((await extensionStatement(sql, 'moddatetime'))?.rerun).toBe(sql);
  });

  it('finds no statement for an extension created in dynamic SQL', async () => {
    expect(await extensionStatement("DO $$ BEGIN EXECUTE 'CREATE EXTENSION moddatetime'; END $$;", 'moddatetime')).toBeNull();
  });
});

describe("the admin's CREATE EXTENSION", () => {
  it('quotes the names and the version', () => {
    expect(
      createExtensionSql({ name: 'uuid-ossp', schema: 'my "ext"', version: "1.1'", cascade: true, createsSchema: false }, 'my "ext"'),
    ).toBe(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp" SCHEMA "my ""ext""" VERSION '1.1''' CASCADE`);
  });

  it('leaves out what is not asked for', () => {
    expect(createExtensionSql({ name: 'moddatetime', schema: null, version: null, cascade: false, createsSchema: false }, null)).toBe(
      'CREATE EXTENSION IF NOT EXISTS "moddatetime"',
    );
  });
});
