import type { DbObjectRef, Finding } from './findings.js';
import type { Column, ColumnType, DbSchema, Enum, ForeignKey, Index, SourceLocation, Table } from './model.js';
import { formatType, qualifiedKey } from './model.js';
import { quoteIdent } from './db/quote.js';
import { defaultsMatch, parseDefault, typeFamily } from './defaults.js';
import * as ddl from './render-sql.js';
import { settingName } from './setting-names.js';

/** Finds the migration.sql line that created an object only the migrations have. */
export type MigrationLocator = (object: DbObjectRef) => { location: SourceLocation; migration: string } | undefined;

export interface CompareOptions {
  locate?: MigrationLocator;
}

/** Tables Prisma keeps for itself, and PostGIS's own tables, which it never diffs. */
const IGNORED_TABLES = /^(_prisma_migrations|spatial_ref_sys|geometry_columns|geography_columns|raster_columns|raster_overviews)$/i;

/**
 * Diffs the database the migrations produce (`migrated`) against the one schema.prisma describes
 * (`expected`), the way `prisma migrate diff --from-migrations --to-schema` does: only the namespaces the
 * schema manages, only what Prisma models (expression indexes, CHECK constraints, triggers, functions and
 * views are not compared), enum value order ignored.
 */
export function compareSchemas(expected: DbSchema, migrated: DbSchema, options: CompareOptions = {}): Finding[] {
  const namespaces = new Set(expected.namespaces.length ? expected.namespaces : ['public']);
  const inScope = (object: { schema: string }) => namespaces.has(object.schema);
  const ctx: Context = {
    locate: options.locate ?? (() => undefined),
    findings: [],
    partialIndexes: expected.partialIndexes === true,
    migratedEnums: new Set(migrated.enums.map((e) => qualifiedKey(e.schema, e.name))),
    expectedEnums: new Set(expected.enums.map((e) => qualifiedKey(e.schema, e.name))),
  };

  const migratedTables = byKey(migrated.tables.filter((t) => inScope(t) && !IGNORED_TABLES.test(t.name)));
  const expectedTables = byKey(expected.tables);
  for (const [key, table] of expectedTables) {
    const actual = migratedTables.get(key);
    if (actual) compareTables(ctx, table, actual);
    else missingTable(ctx, table);
  }
  for (const [key, table] of migratedTables) {
    if (!expectedTables.has(key)) extraTable(ctx, table);
  }

  const migratedEnums = byKey(migrated.enums.filter(inScope));
  const expectedEnums = byKey(expected.enums);
  for (const [key, enumType] of expectedEnums) {
    const actual = migratedEnums.get(key);
    if (actual) compareEnums(ctx, enumType, actual);
    else missingEnum(ctx, enumType);
  }
  for (const [key, enumType] of migratedEnums) {
    if (!expectedEnums.has(key)) extraEnum(ctx, enumType);
  }

  const migratedExtensions = new Set(migrated.extensions.map((e) => e.name));
  for (const extension of expected.extensions) {
    if (!migratedExtensions.has(extension.name)) {
      ctx.findings.push({
        rule: 'drift/missing-extension',
        group: 'drift',
        severity: 'error',
        message: `schema.prisma enables the PostgreSQL extension \`${extension.name}\`, the migrations never create it.`,
        object: { kind: 'extension', name: extension.name },
        sql: `CREATE EXTENSION IF NOT EXISTS "${extension.name}";`,
      });
    }
  }
  return ctx.findings;
}

interface Context {
  locate: MigrationLocator;
  findings: Finding[];
  partialIndexes: boolean;
  /** `schema.name` of each side's enums, to tell enum columns from others. */
  migratedEnums: Set<string>;
  expectedEnums: Set<string>;
}

function byKey<T extends { schema: string; name: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((item) => [qualifiedKey(item.schema, item.name), item]));
}

function modelLabel(table: Table): string {
  return table.model ? `model \`${table.model}\`` : `table \`${table.name}\``;
}

function fieldLabel(table: Table, column: Column): string {
  return `${modelLabel(table)}, field \`${column.field ?? column.name}\``;
}

function push(ctx: Context, finding: Omit<Finding, 'group' | 'severity'> & { severity?: Finding['severity'] }, origin?: DbObjectRef) {
  const found = origin ? ctx.locate(origin) : undefined;
  ctx.findings.push({
    group: 'drift',
    severity: 'error',
    ...finding,
    ...(found && !finding.location ? { location: found.location, migration: found.migration } : {}),
  });
}

function missingTable(ctx: Context, table: Table) {
  push(ctx, {
    rule: 'drift/missing-table',
    message: `${modelLabel(table)}: schema.prisma has it, the migrations never create table \`${table.name}\`.`,
    location: table.source,
    model: table.model,
    object: { kind: 'table', schema: table.schema, name: table.name },
    sql: ddl.createTable(table),
  });
}

function extraTable(ctx: Context, table: Table) {
  const object: DbObjectRef = { kind: 'table', schema: table.schema, name: table.name };
  push(
    ctx,
    {
      rule: 'drift/extra-table',
      message: `Table \`${table.name}\`: the migrations create it, schema.prisma has no model for it.`,
      object,
      sql: `DROP TABLE ${ddl.tableName(table)};`,
      hint: 'Add the model to schema.prisma (`npx prisma db pull` can write it), or a migration that drops the table.',
    },
    object,
  );
}

function compareTables(ctx: Context, expected: Table, actual: Table) {
  const actualColumns = new Map(actual.columns.map((c) => [c.name, c]));
  const expectedColumns = new Set(expected.columns.map((c) => c.name));
  for (const column of expected.columns) {
    const migrated = actualColumns.get(column.name);
    if (migrated) compareColumns(ctx, expected, column, migrated);
    else
      push(ctx, {
        rule: 'drift/missing-column',
        message: `${fieldLabel(expected, column)}: schema.prisma has it, the migrations never create column \`${expected.name}.${column.name}\`.`,
        location: column.source,
        model: expected.model,
        object: { kind: 'column', schema: expected.schema, table: expected.name, name: column.name, column: column.name },
        sql: `ALTER TABLE ${ddl.tableName(expected)} ADD COLUMN ${ddl.columnDefinition(column)};`,
      });
  }
  for (const column of actual.columns) {
    if (expectedColumns.has(column.name)) continue;
    const object: DbObjectRef = { kind: 'column', schema: actual.schema, table: actual.name, name: column.name, column: column.name };
    push(
      ctx,
      {
        rule: 'drift/extra-column',
        message: `${modelLabel(expected)}: the migrations create column \`${actual.name}.${column.name}\`, schema.prisma has no field for it.`,
        model: expected.model,
        object,
        sql: `ALTER TABLE ${ddl.tableName(actual)} DROP COLUMN ${quoteIdent(column.name)};`,
      },
      object,
    );
  }
  comparePrimaryKeys(ctx, expected, actual);
  compareIndexes(ctx, expected, actual);
  compareForeignKeys(ctx, expected, actual);
}

function compareColumns(ctx: Context, table: Table, expected: Column, actual: Column) {
  const base = {
    location: expected.source,
    model: table.model,
    object: { kind: 'column' as const, schema: table.schema, table: table.name, name: expected.name, column: expected.name },
  };
  const alter = `ALTER TABLE ${ddl.tableName(table)} ALTER COLUMN ${quoteIdent(expected.name)}`;
  const expectedType = formatType(expected.type);
  const actualType = formatType(actual.type);
  if (typeChanged(ctx, actual.type, expected.type)) {
    push(ctx, {
      ...base,
      rule: 'drift/column-type',
      message: `${fieldLabel(table, expected)}: schema.prisma says ${expectedType}, the migrations create ${actualType}.`,
      sql: `${alter} SET DATA TYPE ${expectedType};`,
    });
  }
  // A list column has no arity but "list": Prisma does not compare the nullability of arrays.
  if (expected.nullable !== actual.nullable && !(expected.type.array && actual.type.array)) {
    push(ctx, {
      ...base,
      rule: 'drift/column-nullability',
      message: expected.nullable
        ? `${fieldLabel(table, expected)}: optional in schema.prisma, NOT NULL in the migrations.`
        : `${fieldLabel(table, expected)}: required in schema.prisma, nullable in the migrations.`,
      sql: `${alter} ${expected.nullable ? 'DROP' : 'SET'} NOT NULL;`,
    });
  }
  const want = parseDefault(expected.default, familyOf(ctx.expectedEnums, expected.type), expected.type.array, 'expected');
  const have = parseDefault(actual.default, familyOf(ctx.migratedEnums, actual.type), actual.type.array, 'migrated');
  const datetime = familyOf(ctx.expectedEnums, expected.type) === 'datetime' || familyOf(ctx.migratedEnums, actual.type) === 'datetime';
  const autoincrement = (column: Column, parsed: typeof want) => column.identity !== null || parsed?.kind === 'sequence';
  const sameDefault = expected.anyDefault || defaultsMatch(have, want, datetime);
  if (!sameDefault || autoincrement(expected, want) !== autoincrement(actual, have)) {
    push(ctx, {
      ...base,
      rule: 'drift/column-default',
      message: `${fieldLabel(table, expected)}: schema.prisma's default is ${describeDefault(expected)}, the migrations' is ${describeDefault(actual)}.`,
      sql: expected.default === null ? `${alter} DROP DEFAULT;` : `${alter} SET DEFAULT ${expected.default};`,
    });
  }
}

function describeDefault(column: Column): string {
  if (column.identity) return `an identity (GENERATED ${column.identity.toUpperCase()})`;
  if (column.anyDefault) return 'dbgenerated() (any but a sequence)';
  return column.default ?? 'none';
}

function familyOf(enums: Set<string>, type: ColumnType) {
  return typeFamily(type, isEnumType(enums, type));
}

function isEnumType(enums: Set<string>, type: ColumnType): boolean {
  return type.schema !== undefined && enums.has(qualifiedKey(type.schema, type.name));
}

/** PostgreSQL types Prisma knows as native types; it takes any two others to be the same type. */
const KNOWN_TYPES = new Set([
  'int2', 'int4', 'int8', 'numeric', 'money', 'inet', 'oid', 'citext', 'float4', 'float8', 'varchar', 'bpchar', 'text',
  'bytea', 'timestamp', 'timestamptz', 'date', 'time', 'timetz', 'bool', 'bit', 'varbit', 'uuid', 'xml', 'json', 'jsonb',
]);
const PRECISION_TYPES = new Set(['timestamp', 'timestamptz', 'time', 'timetz']);

/** Whether Prisma would change the column's type, by the rules of its PostgreSQL differ. */
function typeChanged(ctx: Context, migrated: ColumnType, expected: ColumnType): boolean {
  const migratedEnum = isEnumType(ctx.migratedEnums, migrated);
  const expectedEnum = isEnumType(ctx.expectedEnums, expected);
  if (migratedEnum || expectedEnum) {
    return !(migratedEnum && expectedEnum && migrated.name === expected.name && migrated.schema === expected.schema);
  }
  if (migrated.array !== expected.array) return true;
  const migratedKnown = KNOWN_TYPES.has(migrated.name);
  const expectedKnown = KNOWN_TYPES.has(expected.name);
  if (!migratedKnown && !expectedKnown) return false;
  if (migratedKnown !== expectedKnown || migrated.name !== expected.name) return true;
  // A datetime precision given on one side only is not a change to Prisma.
  if (PRECISION_TYPES.has(migrated.name)) return migrated.args.length > 0 && expected.args.length > 0 && migrated.args[0] !== expected.args[0];
  return migrated.args.join() !== expected.args.join();
}

/**
 * Prisma replaces a primary key whose columns change, or whose columns change type, and renames one that
 * only changed name.
 */
function comparePrimaryKeys(ctx: Context, expected: Table, actual: Table) {
  const want = expected.primaryKey;
  const have = actual.primaryKey;
  if (!want && !have) return;
  const columnTypeChanged = (name: string) => {
    const before = actual.columns.find((c) => c.name === name);
    const after = expected.columns.find((c) => c.name === name);
    return !!before && !!after && typeChanged(ctx, before.type, after.type);
  };
  const replaced = !want || !have || want.columns.join() !== have.columns.join() || have.columns.some(columnTypeChanged);
  if (!replaced && want.name === have.name) return;
  const object: DbObjectRef = { kind: 'primary-key', schema: expected.schema, table: expected.name, name: want?.name ?? have!.name };
  const describe = (pk: typeof want) => (pk ? `\`${pk.name}\` on (${pk.columns.join(', ')})` : 'none');
  push(
    ctx,
    {
      rule: 'drift/primary-key',
      message: `${modelLabel(expected)}: schema.prisma's primary key is ${describe(want)}, the migrations' is ${describe(have)}.`,
      location: want?.source ?? expected.source,
      model: expected.model,
      object,
      sql: replaced
        ? [have ? ddl.dropConstraint(actual, have.name) : null, want ? ddl.addPrimaryKey(expected, want) : null].filter(Boolean).join('\n')
        : `ALTER TABLE ${ddl.tableName(expected)} RENAME CONSTRAINT ${quoteIdent(have!.name)} TO ${quoteIdent(want!.name)};`,
      ...(isJoinTable(expected) ? { hint: manyToManyUpgrade() } : {}),
    },
    object,
  );
}

/**
 * Prisma does not model expression indexes: its describer does not read them. Partial indexes it reads only
 * under the partialIndexes preview feature; then one the schema does not declare is dropped.
 */
function isModelled(index: Index, partialIndexes: boolean): boolean {
  return index.columns.every((column) => column.name !== null) && (index.predicate === null || partialIndexes);
}

/** What makes two indexes the same to Prisma: everything but the name. */
function indexShape(index: Index): string {
  return JSON.stringify([index.unique, index.method, index.columns.map((c) => [c.name, c.sort, c.opclass]), predicateKey(index.predicate)]);
}

/** The cast PostgreSQL prints after a string literal (`'x'::text`, `'a'::"Status"`, `'b'::character varying`). */
const LITERAL_CAST = /(')::\s*(?:"(?:[^"]|"")*"|character varying|bit varying|double precision|(?:timestamp|time)(?:\(\d+\))? with(?:out)? time zone|[A-Za-z_][\w.]*)(?:\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\[\])*/g;
const KEYWORDS = /\b(?:and|or|not|is|null|true|false|in|like|ilike|between|any|all)\b/gi;

/**
 * A partial index's condition as Prisma compares it: the schema's SQL against the text PostgreSQL prints
 * back, so without the parentheses, quotes and spacing PostgreSQL adds and the casts it adds to string
 * literals, with keywords in any case. Other names keep their case, and a cast PostgreSQL adds to a column
 * (`("code")::text` of a varchar) stays, so Prisma takes such a condition for another one.
 */
export function predicateKey(predicate: string | null): string | null {
  if (predicate === null) return null;
  return predicate
    .replace(LITERAL_CAST, '$1')
    .replace(KEYWORDS, (word) => word.toUpperCase())
    .replace(/[\s"()]/g, '');
}

/**
 * Indexes are matched by definition, not by name: one the schema declares and the migrations lack is created,
 * one the migrations have and the schema lacks is dropped, and a match with another name is renamed, unless
 * the migrations have several indexes on the same columns (Prisma leaves such duplicates alone).
 */
function compareIndexes(ctx: Context, expected: Table, actual: Table) {
  const previous = actual.indexes.filter((index) => isModelled(index, ctx.partialIndexes));
  const next = expected.indexes;
  const same = (a: Index, b: Index) => indexShape(a) === indexShape(b);
  const dropped = previous.filter((index) => !next.some((candidate) => same(index, candidate)));
  const created = next.filter((index) => !previous.some((candidate) => same(candidate, index)));
  const target = (index: Index) => ({
    location: index.source ?? expected.source,
    model: expected.model,
    object: { kind: 'index' as const, schema: expected.schema, table: expected.name, name: index.name },
  });

  const sameColumns = (a: Index, b: Index) => a.unique === b.unique && a.columns.map((c) => c.name).join() === b.columns.map((c) => c.name).join();
  for (const index of previous) {
    if (previous.filter((other) => sameColumns(index, other)).length !== 1) continue;
    const renamed = next.find((candidate) => same(index, candidate));
    if (!renamed || renamed.name === index.name) continue;
    push(ctx, {
      ...target(renamed),
      rule: 'drift/index-name',
      message: `${modelLabel(expected)}: schema.prisma names the index on (${columnList(renamed)}) \`${renamed.name}\`, the migrations name it \`${index.name}\`.`,
      sql: `ALTER INDEX ${quoteIdent(index.name)} RENAME TO ${quoteIdent(renamed.name)};`,
    });
  }

  for (const index of created) {
    const replaced = dropped.find((old) => old.name === index.name);
    if (replaced) {
      push(ctx, {
        ...target(index),
        rule: 'drift/index-definition',
        message: `${modelLabel(expected)}: index \`${index.name}\` is ${describeIndex(index)} in schema.prisma, ${describeIndex(replaced)} in the migrations.`,
        sql: `${ddl.dropIndex(actual, replaced)}\n${ddl.createIndex(expected, index)}`,
      });
    } else {
      push(ctx, {
        ...target(index),
        rule: 'drift/missing-index',
        message: `${modelLabel(expected)}: schema.prisma declares ${describeIndex(index)} \`${index.name}\`, the migrations never create it.`,
        sql: ddl.createIndex(expected, index),
      });
    }
  }
  for (const index of dropped) {
    if (created.some((replacement) => replacement.name === index.name)) continue;
    const object: DbObjectRef = { kind: 'index', schema: actual.schema, table: actual.name, name: index.name };
    push(
      ctx,
      {
        rule: 'drift/extra-index',
        message: `${modelLabel(expected)}: the migrations create ${describeIndex(index)} \`${index.name}\`, schema.prisma does not declare it.`,
        model: expected.model,
        object,
        sql: ddl.dropIndex(actual, index),
        hint: isJoinTable(expected)
          ? manyToManyUpgrade()
          : `Declare it in schema.prisma (\`@@${index.unique ? 'unique' : 'index'}([${columnList(index)}], map: "${index.name}")\`) or drop it in a migration.`,
      },
      object,
    );
  }
}

/** An implicit many-to-many table: Prisma creates it for a relation, so no model declares it. */
function isJoinTable(table: Table): boolean {
  return table.model === undefined && table.name.startsWith('_');
}

/** Join tables are the one place a Prisma upgrade changes the database by itself: say which step it was. */
const manyToManyUpgrade = () =>
  'Prisma 6.0 replaced the unique index of implicit many-to-many tables (`_AB_unique`) with a primary key (`_AB_pkey`). ' +
  'If the project is on Prisma 6 or later, run `npx prisma migrate dev` once to generate that upgrade migration; ' +
  `if it is still on Prisma 5, set ${settingName('prisma-version')} to its version.`;

function columnList(index: Index): string {
  return index.columns.map((c) => c.name ?? c.expression).join(', ');
}

export function describeIndex(index: Index): string {
  const details = [
    index.method === 'btree' ? null : index.method.toUpperCase(),
    ...index.columns.filter((c) => c.sort === 'DESC' || c.opclass).map((c) => `${c.name} ${[c.opclass, c.sort === 'DESC' ? 'DESC' : null].filter(Boolean).join(' ')}`),
  ].filter(Boolean);
  const where = index.predicate === null ? '' : ` WHERE ${index.predicate}`;
  return `${index.unique ? 'a unique index' : 'an index'} on (${columnList(index)})${details.length ? ` [${details.join(', ')}]` : ''}${where}`;
}

export function describeForeignKey(fk: ForeignKey): string {
  return `(${fk.columns.join(', ')}) → ${fk.referencedTable}(${fk.referencedColumns.join(', ')}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`;
}

/**
 * Foreign keys are matched by definition: same columns (whose type did not change, and that did not become
 * required), same referenced table and columns, same actions. A match under another name is renamed, except
 * on implicit many-to-many tables, whose constraint names Prisma leaves as they are.
 */
function compareForeignKeys(ctx: Context, expected: Table, actual: Table) {
  const columnOk = (name: string) => {
    const before = actual.columns.find((c) => c.name === name);
    const after = expected.columns.find((c) => c.name === name);
    return !!before && !!after && !typeChanged(ctx, before.type, after.type) && (before.nullable === after.nullable || !before.nullable);
  };
  const same = (previous: ForeignKey, next: ForeignKey) =>
    previous.referencedTable === next.referencedTable &&
    previous.columns.join() === next.columns.join() &&
    previous.referencedColumns.join() === next.referencedColumns.join() &&
    previous.onDelete === next.onDelete &&
    previous.onUpdate === next.onUpdate &&
    next.columns.every(columnOk);
  const target = (fk: ForeignKey) => ({
    location: fk.source ?? expected.source,
    model: expected.model,
    object: { kind: 'foreign-key' as const, schema: expected.schema, table: expected.name, name: fk.name },
  });

  const paired = new Set<ForeignKey>();
  for (const fk of actual.foreignKeys) {
    const match = expected.foreignKeys.find((candidate) => !paired.has(candidate) && same(fk, candidate));
    if (!match) continue;
    paired.add(match);
    if (match.name === fk.name || (isImplicitManyToMany(actual) && isImplicitManyToMany(expected))) continue;
    push(ctx, {
      ...target(match),
      rule: 'drift/foreign-key-name',
      message: `${modelLabel(expected)}: schema.prisma names the foreign key ${describeForeignKey(match)} \`${match.name}\`, the migrations name it \`${fk.name}\`.`,
      sql: `ALTER TABLE ${ddl.tableName(expected)} RENAME CONSTRAINT ${quoteIdent(fk.name)} TO ${quoteIdent(match.name)};`,
    });
  }

  const dropped = actual.foreignKeys.filter((fk) => !expected.foreignKeys.some((candidate) => same(fk, candidate)));
  const created = expected.foreignKeys.filter((fk) => !actual.foreignKeys.some((candidate) => same(candidate, fk)));
  for (const fk of created) {
    const replaced = dropped.find((old) => old.name === fk.name);
    push(
      ctx,
      replaced
        ? {
            ...target(fk),
            rule: 'drift/foreign-key-definition',
            message: `${modelLabel(expected)}: foreign key \`${fk.name}\` is ${describeForeignKey(fk)} in schema.prisma, ${describeForeignKey(replaced)} in the migrations.`,
            sql: `${ddl.dropConstraint(actual, replaced.name)}\n${ddl.addForeignKey(expected, fk)}`,
          }
        : {
            ...target(fk),
            rule: 'drift/missing-foreign-key',
            message: `${modelLabel(expected)}: schema.prisma's relation needs the foreign key ${describeForeignKey(fk)} \`${fk.name}\`, the migrations never create it.`,
            sql: ddl.addForeignKey(expected, fk),
          },
    );
  }
  for (const fk of dropped) {
    if (created.some((replacement) => replacement.name === fk.name)) continue;
    const object: DbObjectRef = { kind: 'foreign-key', schema: actual.schema, table: actual.name, name: fk.name };
    push(
      ctx,
      {
        rule: 'drift/extra-foreign-key',
        message: `${modelLabel(expected)}: the migrations create the foreign key \`${fk.name}\` ${describeForeignKey(fk)}, schema.prisma has no relation for it.`,
        model: expected.model,
        object,
        sql: ddl.dropConstraint(actual, fk.name),
      },
      object,
    );
  }
}

/** The join table of an implicit many-to-many relation: exactly the columns `A` and `B`. */
function isImplicitManyToMany(table: Table): boolean {
  return table.columns.length === 2 && table.columns.some((c) => c.name === 'A') && table.columns.some((c) => c.name === 'B');
}

function missingEnum(ctx: Context, enumType: Enum) {
  push(ctx, {
    rule: 'drift/missing-enum',
    message: `enum \`${enumType.name}\`: schema.prisma has it, the migrations never create the type.`,
    location: enumType.source,
    object: { kind: 'enum', schema: enumType.schema, name: enumType.name },
    sql: ddl.createEnum(enumType),
  });
}

function extraEnum(ctx: Context, enumType: Enum) {
  const object: DbObjectRef = { kind: 'enum', schema: enumType.schema, name: enumType.name };
  push(
    ctx,
    {
      rule: 'drift/extra-enum',
      message: `Enum type \`${enumType.name}\`: the migrations create it, schema.prisma has no enum for it.`,
      object,
      sql: `DROP TYPE ${ddl.tableName(enumType)};`,
    },
    object,
  );
}

function compareEnums(ctx: Context, expected: Enum, actual: Enum) {
  const have = new Set(actual.values);
  const want = new Set(expected.values);
  for (const value of expected.values) {
    if (have.has(value)) continue;
    push(ctx, {
      rule: 'drift/missing-enum-value',
      message: `enum \`${expected.name}\`: schema.prisma has the value \`${value}\`, the migrations never add it.`,
      location: expected.valueSources?.[value] ?? expected.source,
      object: { kind: 'enum-value', schema: expected.schema, name: value, table: expected.name },
      sql: ddl.addEnumValue(expected, value),
    });
  }
  for (const value of actual.values) {
    if (want.has(value)) continue;
    const object: DbObjectRef = { kind: 'enum-value', schema: actual.schema, name: value, table: actual.name };
    push(
      ctx,
      {
        rule: 'drift/extra-enum-value',
        message: `enum \`${expected.name}\`: the migrations add the value \`${value}\`, schema.prisma does not have it.`,
        location: expected.source,
        object,
        hint: 'Add the value to the enum in schema.prisma, or write a migration that recreates the type without it.',
      },
      object,
    );
  }
}
