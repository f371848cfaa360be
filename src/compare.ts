import type { DbObjectRef, Finding } from './findings.js';
import type { Column, DbSchema, Enum, ForeignKey, Index, SourceLocation, Table } from './model.js';
import { formatType, qualifiedKey, quoteIdent } from './model.js';
import { normalizeDefault } from './defaults.js';
import * as ddl from './render-sql.js';

/** Finds the migration.sql line that created an object only the migrations have. */
export type MigrationLocator = (object: DbObjectRef) => { location: SourceLocation; migration: string } | undefined;

export interface CompareOptions {
  locate?: MigrationLocator;
}

/** Tables Prisma keeps for itself and never diffs. */
const PRISMA_TABLES = new Set(['_prisma_migrations']);

/**
 * Diffs the database the migrations produce (`migrated`) against the one schema.prisma describes
 * (`expected`), the way `prisma migrate diff --from-migrations --to-schema` does: only the namespaces the
 * schema manages, only what Prisma models (partial and expression indexes, CHECK constraints, triggers,
 * functions and views are not compared), enum value order ignored.
 */
export function compareSchemas(expected: DbSchema, migrated: DbSchema, options: CompareOptions = {}): Finding[] {
  const namespaces = new Set(expected.namespaces.length ? expected.namespaces : ['public']);
  const inScope = (object: { schema: string }) => namespaces.has(object.schema);
  const ctx: Context = { locate: options.locate ?? (() => undefined), findings: [] };

  const migratedTables = byKey(migrated.tables.filter((t) => inScope(t) && !PRISMA_TABLES.has(t.name)));
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
  if (expectedType !== actualType) {
    push(ctx, {
      ...base,
      rule: 'drift/column-type',
      message: `${fieldLabel(table, expected)}: schema.prisma says ${expectedType}, the migrations create ${actualType}.`,
      sql: `${alter} SET DATA TYPE ${expectedType};`,
    });
  }
  if (expected.nullable !== actual.nullable) {
    push(ctx, {
      ...base,
      rule: 'drift/column-nullability',
      message: expected.nullable
        ? `${fieldLabel(table, expected)}: optional in schema.prisma, NOT NULL in the migrations.`
        : `${fieldLabel(table, expected)}: required in schema.prisma, nullable in the migrations.`,
      sql: `${alter} ${expected.nullable ? 'DROP' : 'SET'} NOT NULL;`,
    });
  }
  if (!defaultsMatch(expected, actual)) {
    push(ctx, {
      ...base,
      rule: 'drift/column-default',
      message: `${fieldLabel(table, expected)}: schema.prisma's default is ${expected.default ?? 'none'}, the migrations' is ${actual.default ?? 'none'}.`,
      sql: expected.default === null ? `${alter} DROP DEFAULT;` : `${alter} SET DEFAULT ${expected.default};`,
    });
  }
}

function defaultsMatch(expected: Column, actual: Column): boolean {
  const want = normalizeDefault(expected.default);
  const have = normalizeDefault(actual.default);
  // A sequence default is owned by the column's autoincrement, which Prisma compares separately.
  if (want?.kind === 'sequence' || have?.kind === 'sequence') return (want?.kind === 'sequence') === (have?.kind === 'sequence');
  return JSON.stringify(want) === JSON.stringify(have);
}

function comparePrimaryKeys(ctx: Context, expected: Table, actual: Table) {
  const want = expected.primaryKey;
  const have = actual.primaryKey;
  if (want && have && want.name === have.name && want.columns.join() === have.columns.join()) return;
  if (!want && !have) return;
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
      sql: [have ? ddl.dropConstraint(actual, have.name) : null, want ? ddl.addPrimaryKey(expected, want) : null].filter(Boolean).join('\n'),
    },
    object,
  );
}

/** Prisma does not model partial or expression indexes: they are never drift. */
function isModelled(index: Index): boolean {
  return index.predicate === null && index.columns.every((column) => column.name !== null);
}

function indexShape(index: Index): string {
  return JSON.stringify([index.unique, index.method, index.columns.map((c) => [c.name, c.sort, c.opclass])]);
}

function compareIndexes(ctx: Context, expected: Table, actual: Table) {
  const remaining = new Map(actual.indexes.filter(isModelled).map((index) => [index.name, index]));
  const unmatched: Index[] = [];
  for (const index of expected.indexes) {
    const same = remaining.get(index.name);
    if (same && indexShape(same) === indexShape(index)) remaining.delete(index.name);
    else unmatched.push(index);
  }
  for (const index of unmatched) {
    const renamed = [...remaining.values()].find((candidate) => indexShape(candidate) === indexShape(index));
    const sameName = remaining.get(index.name);
    const object: DbObjectRef = { kind: 'index', schema: expected.schema, table: expected.name, name: index.name };
    const base = { location: index.source ?? expected.source, model: expected.model, object };
    if (renamed) {
      remaining.delete(renamed.name);
      push(ctx, {
        ...base,
        rule: 'drift/index-name',
        message: `${modelLabel(expected)}: schema.prisma names the index on (${columnList(index)}) \`${index.name}\`, the migrations name it \`${renamed.name}\`.`,
        sql: `ALTER INDEX ${quoteIdent(renamed.name)} RENAME TO ${quoteIdent(index.name)};`,
      });
    } else if (sameName) {
      remaining.delete(sameName.name);
      push(ctx, {
        ...base,
        rule: 'drift/index-definition',
        message: `${modelLabel(expected)}: index \`${index.name}\` is ${describeIndex(index)} in schema.prisma, ${describeIndex(sameName)} in the migrations.`,
        sql: `${ddl.dropIndex(actual, sameName)}\n${ddl.createIndex(expected, index)}`,
      });
    } else {
      push(ctx, {
        ...base,
        rule: 'drift/missing-index',
        message: `${modelLabel(expected)}: schema.prisma declares ${describeIndex(index)} \`${index.name}\`, the migrations never create it.`,
        sql: ddl.createIndex(expected, index),
      });
    }
  }
  for (const index of remaining.values()) {
    const object: DbObjectRef = { kind: 'index', schema: actual.schema, table: actual.name, name: index.name };
    push(
      ctx,
      {
        rule: 'drift/extra-index',
        message: `${modelLabel(expected)}: the migrations create ${describeIndex(index)} \`${index.name}\`, schema.prisma does not declare it.`,
        model: expected.model,
        object,
        sql: ddl.dropIndex(actual, index),
        hint: `Declare it in schema.prisma (\`@@${index.unique ? 'unique' : 'index'}([${columnList(index)}], map: "${index.name}")\`) or drop it in a migration.`,
      },
      object,
    );
  }
}

function columnList(index: Index): string {
  return index.columns.map((c) => c.name ?? c.expression).join(', ');
}

export function describeIndex(index: Index): string {
  const details = [
    index.method === 'btree' ? null : index.method.toUpperCase(),
    ...index.columns.filter((c) => c.sort === 'DESC' || c.opclass).map((c) => `${c.name} ${[c.opclass, c.sort === 'DESC' ? 'DESC' : null].filter(Boolean).join(' ')}`),
  ].filter(Boolean);
  return `${index.unique ? 'a unique index' : 'an index'} on (${columnList(index)})${details.length ? ` [${details.join(', ')}]` : ''}`;
}

function foreignKeyShape(fk: ForeignKey): string {
  return JSON.stringify([fk.columns, fk.referencedSchema, fk.referencedTable, fk.referencedColumns, fk.onDelete, fk.onUpdate]);
}

export function describeForeignKey(fk: ForeignKey): string {
  return `(${fk.columns.join(', ')}) → ${fk.referencedTable}(${fk.referencedColumns.join(', ')}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`;
}

function compareForeignKeys(ctx: Context, expected: Table, actual: Table) {
  const remaining = new Map(actual.foreignKeys.map((fk) => [fk.name, fk]));
  for (const fk of expected.foreignKeys) {
    const same = remaining.get(fk.name);
    const object: DbObjectRef = { kind: 'foreign-key', schema: expected.schema, table: expected.name, name: fk.name };
    const base = { location: fk.source ?? expected.source, model: expected.model, object };
    if (same && foreignKeyShape(same) === foreignKeyShape(fk)) {
      remaining.delete(fk.name);
      continue;
    }
    const renamed = same ? undefined : [...remaining.values()].find((c) => foreignKeyShape(c) === foreignKeyShape(fk));
    const previous = same ?? renamed;
    if (previous) remaining.delete(previous.name);
    if (renamed) {
      push(ctx, {
        ...base,
        rule: 'drift/foreign-key-name',
        message: `${modelLabel(expected)}: schema.prisma names the foreign key ${describeForeignKey(fk)} \`${fk.name}\`, the migrations name it \`${renamed.name}\`.`,
        sql: `ALTER TABLE ${ddl.tableName(expected)} RENAME CONSTRAINT ${quoteIdent(renamed.name)} TO ${quoteIdent(fk.name)};`,
      });
    } else if (same) {
      push(ctx, {
        ...base,
        rule: 'drift/foreign-key-definition',
        message: `${modelLabel(expected)}: foreign key \`${fk.name}\` is ${describeForeignKey(fk)} in schema.prisma, ${describeForeignKey(same)} in the migrations.`,
        sql: `${ddl.dropConstraint(actual, same.name)}\n${ddl.addForeignKey(expected, fk)}`,
      });
    } else {
      push(ctx, {
        ...base,
        rule: 'drift/missing-foreign-key',
        message: `${modelLabel(expected)}: schema.prisma's relation needs the foreign key ${describeForeignKey(fk)} \`${fk.name}\`, the migrations never create it.`,
        sql: ddl.addForeignKey(expected, fk),
      });
    }
  }
  for (const fk of remaining.values()) {
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
