import { qualifiedKey } from '../common/model.js';
import type { Column, ColumnType, DbSchema, Enum, ForeignKey, Index, IndexColumn, Table } from '../common/model.js';
import type { Change } from './changes.js';
import { defaultsMatch, parseDefault, typeFamily } from './defaults.js';

/** Tables Prisma keeps for itself, and PostGIS's own tables, which it never diffs. */
const IGNORED_TABLES = /^(_prisma_migrations|spatial_ref_sys|geometry_columns|geography_columns|raster_columns|raster_overviews)$/i;

/**
 * Diffs the database the migrations produce (`migrated`) against the one schema.prisma describes
 * (`expected`), the way `prisma migrate diff --from-migrations --to-schema` does: only the namespaces the
 * schema manages, only what Prisma models (expression indexes, CHECK constraints, triggers, functions and
 * views are not compared), enum value order ignored.
 */
export function diffSchemas(expected: DbSchema, migrated: DbSchema): Change[] {
  const namespaces = new Set(expected.namespaces.length ? expected.namespaces : ['public']);
  const inScope = (object: { schema: string }) => namespaces.has(object.schema);
  const ctx: Context = {
    changes: [],
    partialIndexes: expected.partialIndexes === true,
    migratedEnums: new Set(migrated.enums.map((e) => qualifiedKey(e.schema, e.name))),
    expectedEnums: new Set(expected.enums.map((e) => qualifiedKey(e.schema, e.name))),
  };

  const migratedTables = byKey(migrated.tables.filter((t) => inScope(t) && !IGNORED_TABLES.test(t.name)));
  const expectedTables = byKey(expected.tables);
  for (const [key, table] of expectedTables) {
    const actual = migratedTables.get(key);
    if (actual) compareTables(ctx, table, actual);
    else ctx.changes.push({ kind: 'missing-table', object: { kind: 'table', schema: table.schema, name: table.name }, table });
  }
  for (const [key, table] of migratedTables) {
    if (!expectedTables.has(key))
      ctx.changes.push({ kind: 'extra-table', object: { kind: 'table', schema: table.schema, name: table.name }, table });
  }

  const migratedEnums = byKey(migrated.enums.filter(inScope));
  const expectedEnums = byKey(expected.enums);
  for (const [key, enumType] of expectedEnums) {
    const actual = migratedEnums.get(key);
    if (actual) compareEnums(ctx, enumType, actual);
    else ctx.changes.push({ kind: 'missing-enum', object: { kind: 'enum', schema: enumType.schema, name: enumType.name }, enum: enumType });
  }
  for (const [key, enumType] of migratedEnums) {
    if (!expectedEnums.has(key))
      ctx.changes.push({ kind: 'extra-enum', object: { kind: 'enum', schema: enumType.schema, name: enumType.name }, enum: enumType });
  }

  const migratedExtensions = new Set(migrated.extensions.map((e) => e.name));
  for (const extension of expected.extensions) {
    if (!migratedExtensions.has(extension.name))
      ctx.changes.push({ kind: 'missing-extension', object: { kind: 'extension', name: extension.name }, extension });
  }
  return ctx.changes;
}

interface Context {
  changes: Change[];
  partialIndexes: boolean;
  /** `schema.name` of each side's enums, to tell enum columns from others. */
  migratedEnums: Set<string>;
  expectedEnums: Set<string>;
}

function byKey<T extends { schema: string; name: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((item) => [qualifiedKey(item.schema, item.name), item]));
}

function compareTables(ctx: Context, expected: Table, actual: Table) {
  const actualColumns = new Map(actual.columns.map((c) => [c.name, c]));
  const expectedColumns = new Set(expected.columns.map((c) => c.name));
  const columnRef = (table: Table, column: Column) => ({
    kind: 'column' as const,
    schema: table.schema,
    table: table.name,
    name: column.name,
    column: column.name,
  });
  for (const column of expected.columns) {
    const migrated = actualColumns.get(column.name);
    if (migrated) compareColumns(ctx, expected, column, migrated);
    else ctx.changes.push({ kind: 'missing-column', object: columnRef(expected, column), table: expected, column });
  }
  for (const column of actual.columns) {
    if (!expectedColumns.has(column.name))
      ctx.changes.push({ kind: 'extra-column', object: columnRef(actual, column), table: expected, actualTable: actual, column });
  }
  comparePrimaryKeys(ctx, expected, actual);
  compareIndexes(ctx, expected, actual);
  compareForeignKeys(ctx, expected, actual);
}

function compareColumns(ctx: Context, table: Table, expected: Column, actual: Column) {
  const change = (kind: 'column-type' | 'column-nullability' | 'column-default') =>
    ctx.changes.push({
      kind,
      object: { kind: 'column', schema: table.schema, table: table.name, name: expected.name, column: expected.name },
      table,
      expected,
      actual,
    });
  if (typeChanged(ctx, actual.type, expected.type)) change('column-type');
  // A list column has no arity but "list": Prisma does not compare the nullability of arrays.
  if (expected.nullable !== actual.nullable && !(expected.type.array && actual.type.array)) change('column-nullability');
  const want = parseDefault(expected.default, familyOf(ctx.expectedEnums, expected.type), expected.type.array, 'expected');
  const have = parseDefault(actual.default, familyOf(ctx.migratedEnums, actual.type), actual.type.array, 'migrated');
  const datetime = familyOf(ctx.expectedEnums, expected.type) === 'datetime' || familyOf(ctx.migratedEnums, actual.type) === 'datetime';
  const autoincrement = (column: Column, parsed: typeof want) => column.identity !== null || parsed?.kind === 'sequence';
  const sameDefault = expected.anyDefault || defaultsMatch(have, want, datetime);
  if (!sameDefault || autoincrement(expected, want) !== autoincrement(actual, have)) change('column-default');
}

function familyOf(enums: Set<string>, type: ColumnType) {
  return typeFamily(type, isEnumType(enums, type));
}

function isEnumType(enums: Set<string>, type: ColumnType): boolean {
  return type.schema !== undefined && enums.has(qualifiedKey(type.schema, type.name));
}

/** PostgreSQL types Prisma knows as native types; it takes any two others to be the same type. */
const KNOWN_TYPES = new Set([
  'int2',
  'int4',
  'int8',
  'numeric',
  'money',
  'inet',
  'oid',
  'citext',
  'float4',
  'float8',
  'varchar',
  'bpchar',
  'text',
  'bytea',
  'timestamp',
  'timestamptz',
  'date',
  'time',
  'timetz',
  'bool',
  'bit',
  'varbit',
  'uuid',
  'xml',
  'json',
  'jsonb',
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
  if (PRECISION_TYPES.has(migrated.name))
    return migrated.args.length > 0 && expected.args.length > 0 && migrated.args[0] !== expected.args[0];
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
  ctx.changes.push({
    kind: 'primary-key',
    object: { kind: 'primary-key', schema: expected.schema, table: expected.name, name: (want ?? have)!.name },
    table: expected,
    actualTable: actual,
    expected: want,
    actual: have,
    replaced,
  });
}

/**
 * Prisma does not model expression indexes: its describer does not read them. Partial indexes it reads only
 * under the partialIndexes preview feature; then one the schema does not declare is dropped.
 */
function isModelled(index: Index, partialIndexes: boolean): boolean {
  return index.columns.every((column) => column.name !== null) && (index.predicate === null || partialIndexes);
}

/**
 * What makes two indexes the same to Prisma: everything but the name, as its engine reads them. It reads no
 * operator class of a B-tree index back from the database, so there only the schema's `ops:` counts, and
 * one written there never matches; it reads INCLUDE columns as columns.
 */
function indexShape(index: Index, side: 'schema' | 'database'): string {
  const opclass = (c: IndexColumn) =>
    index.method !== 'btree' ? c.opclass : side === 'schema' && c.opclass ? `${c.opclass} (not read back)` : null;
  return JSON.stringify([
    index.unique,
    index.method,
    index.columns.map((c) => [c.name, c.sort, opclass(c)]),
    index.include ?? [],
    predicateKey(index.predicate),
  ]);
}

/** The cast PostgreSQL prints after a string literal (`'x'::text`, `'a'::"Status"`, `'b'::character varying`). */
const LITERAL_CAST =
  /(')::\s*(?:"(?:[^"]|"")*"|character varying|bit varying|double precision|(?:timestamp|time)(?:\(\d+\))? with(?:out)? time zone|[A-Za-z_][\w.]*)(?:\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\[\])*/g;
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
  // `a` is the database's index, `b` the schema's.
  const same = (a: Index, b: Index) => indexShape(a, 'database') === indexShape(b, 'schema');
  const dropped = previous.filter((index) => !next.some((candidate) => same(index, candidate)));
  const created = next.filter((index) => !previous.some((candidate) => same(candidate, index)));
  const ref = (table: Table, index: Index) => ({ kind: 'index' as const, schema: table.schema, table: table.name, name: index.name });

  const sameColumns = (a: Index, b: Index) =>
    a.unique === b.unique && a.columns.map((c) => c.name).join() === b.columns.map((c) => c.name).join();
  for (const index of previous) {
    if (previous.filter((other) => sameColumns(index, other)).length !== 1) continue;
    const renamed = next.find((candidate) => same(index, candidate));
    if (!renamed || renamed.name === index.name) continue;
    ctx.changes.push({ kind: 'index-name', object: ref(expected, renamed), table: expected, expected: renamed, actual: index });
  }
  const sides = { table: expected, actualTable: actual };
  pushByName(ctx, created, dropped, {
    changed: (index, old) => ({ kind: 'index-definition', object: ref(expected, index), ...sides, expected: index, actual: old }),
    missing: (index) => ({ kind: 'missing-index', object: ref(expected, index), table: expected, index }),
    extra: (index) => ({ kind: 'extra-index', object: ref(actual, index), ...sides, index }),
  });
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
  const ref = (table: Table, fk: ForeignKey) => ({ kind: 'foreign-key' as const, schema: table.schema, table: table.name, name: fk.name });

  const paired = new Set<ForeignKey>();
  for (const fk of actual.foreignKeys) {
    const match = expected.foreignKeys.find((candidate) => !paired.has(candidate) && same(fk, candidate));
    if (!match) continue;
    paired.add(match);
    if (match.name === fk.name || (isImplicitManyToMany(actual) && isImplicitManyToMany(expected))) continue;
    ctx.changes.push({ kind: 'foreign-key-name', object: ref(expected, match), table: expected, expected: match, actual: fk });
  }

  const dropped = actual.foreignKeys.filter((fk) => !expected.foreignKeys.some((candidate) => same(fk, candidate)));
  const created = expected.foreignKeys.filter((fk) => !actual.foreignKeys.some((candidate) => same(candidate, fk)));
  const sides = { table: expected, actualTable: actual };
  pushByName(ctx, created, dropped, {
    changed: (fk, old) => ({ kind: 'foreign-key-definition', object: ref(expected, fk), ...sides, expected: fk, actual: old }),
    missing: (fk) => ({ kind: 'missing-foreign-key', object: ref(expected, fk), table: expected, foreignKey: fk }),
    extra: (fk) => ({ kind: 'extra-foreign-key', object: ref(actual, fk), ...sides, foreignKey: fk }),
  });
}

/**
 * Indexes or foreign keys found on one side only, in the order `prisma migrate diff` lists them: one of the
 * same name on both sides is that object with another definition; the others are missing or extra.
 */
function pushByName<T extends { name: string }>(
  ctx: Context,
  created: T[],
  dropped: T[],
  change: { changed: (next: T, previous: T) => Change; missing: (next: T) => Change; extra: (previous: T) => Change },
) {
  for (const next of created) {
    const previous = dropped.find((old) => old.name === next.name);
    ctx.changes.push(previous ? change.changed(next, previous) : change.missing(next));
  }
  for (const previous of dropped) {
    if (!created.some((next) => next.name === previous.name)) ctx.changes.push(change.extra(previous));
  }
}

/**
 * The join table of an implicit many-to-many relation as Prisma's differ recognises it: exactly the columns
 * `A` and `B`, whatever the table is called.
 */
function isImplicitManyToMany(table: Table): boolean {
  return table.columns.length === 2 && table.columns.some((c) => c.name === 'A') && table.columns.some((c) => c.name === 'B');
}

function compareEnums(ctx: Context, expected: Enum, actual: Enum) {
  const ref = (type: Enum, value: string) => ({ kind: 'enum-value' as const, schema: type.schema, name: value, table: type.name });
  for (const value of expected.values.filter((v) => !actual.values.includes(v)))
    ctx.changes.push({ kind: 'missing-enum-value', object: ref(expected, value), enum: expected, value });
  for (const value of actual.values.filter((v) => !expected.values.includes(v)))
    ctx.changes.push({ kind: 'extra-enum-value', object: ref(actual, value), enum: expected, actualEnum: actual, value });
}
