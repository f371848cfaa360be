import { type DbSchema, type Sequence, type Table, emptySchema } from '../common/model.js';
import { byName, bySchemaAndName, compareBytes } from '../common/order.js';
import type { ModelBlock, PrismaSchema } from './ast.js';
import { columnOf, enumOf } from './columns.js';
import { SchemaContext } from './context.js';
import { type Conventions, conventionsFor } from './conventions.js';
import { readDatasource } from './datasource.js';
import { SchemaError } from './errors.js';
import { indexesOf, primaryKeyOf } from './keys.js';
import { serialSequenceName, truncateIdentifier } from './names.js';
import { foreignKeysOf, joinTables } from './relations.js';

/**
 * The database `prisma migrate` would create for a schema, by concern: the datasource (datasource.ts),
 * columns and enum types (columns.ts), keys and indexes (keys.ts), relations and join tables
 * (relations.ts), over the schema's blocks and Prisma's naming rules (context.ts). The Prisma version's
 * conventions come resolved (conventions.ts), as the rest of the check uses them.
 */
export interface ExpectOptions {
  /** The conventions of the project's Prisma version (see conventions.ts); the latest release's when absent. */
  conventions?: Conventions;
}

/** The database `prisma migrate` would create for this schema, in the terms introspection reads it. */
export function expectSchema(schema: PrismaSchema, options: ExpectOptions = {}): DbSchema {
  const datasource = readDatasource(schema.datasources[0], 'public');
  const ctx = new SchemaContext(schema, datasource, options.conventions ?? conventionsFor(null));
  const db = emptySchema();

  if (ctx.previewFeatures.has('partialIndexes')) db.partialIndexes = true;
  db.namespaces = [...new Set([datasource.defaultSchema, ...datasource.schemas])].sort(compareBytes);
  db.extensions = datasource.extensions;
  db.enums = schema.enums.map((block) => enumOf(ctx, block)).sort(bySchemaAndName);
  for (const model of schema.models) {
    const { table, sequences } = tableOf(ctx, model);
    db.tables.push(table);
    db.sequences.push(...sequences);
  }
  rejectClashingNames(db.tables);
  if (!datasource.foreignKeys) for (const table of db.tables) table.foreignKeys = [];
  db.tables.push(...joinTables(ctx));
  db.tables.sort(bySchemaAndName);
  db.sequences.sort(bySchemaAndName);
  for (const table of db.tables) {
    table.indexes.sort(byName);
    table.foreignKeys.sort(byName);
  }
  return db;
}

function tableOf(ctx: SchemaContext, model: ModelBlock): { table: Table; sequences: Sequence[] } {
  const tableName = truncateIdentifier(ctx.tableDbName(model));
  const schemaName = ctx.schemaOf(model.attributes);
  const table: Table = {
    schema: schemaName,
    name: tableName,
    columns: [],
    primaryKey: null,
    indexes: [],
    foreignKeys: [],
    source: model.loc,
    model: model.name,
  };
  const sequences: Sequence[] = [];
  rejectUnknownAttributes(model);
  for (const field of model.fields) {
    if (ctx.isRelationField(field)) continue;
    const column = columnOf(ctx, model, field, tableName, schemaName);
    table.columns.push(column);
    if (column.default?.startsWith('nextval(')) {
      sequences.push({
        schema: schemaName,
        name: serialSequenceName(tableName, column.name),
        ownedBy: { table: tableName, column: column.name },
      });
    }
  }
  table.primaryKey = primaryKeyOf(ctx, model);
  table.indexes = indexesOf(ctx, model);
  // Under relationMode = "prisma" the keys are still checked and named (Prisma validates both), then dropped.
  table.foreignKeys = foreignKeysOf(ctx, model);
  ctx.tables.set(model.name, table);
  return { table, sequences };
}

const FIELD_ATTRIBUTES = new Set(['id', 'unique', 'default', 'map', 'relation', 'updatedAt', 'ignore']);

const MODEL_ATTRIBUTES = new Set(['id', 'unique', 'index', 'fulltext', 'map', 'schema', 'ignore']);

/**
 * An attribute Prisma does not know is an error there, so a misspelt one (`@uniqe`) must not pass silently here.
 * Native type attributes carry the datasource's name (`@db.Date` under `datasource db`); another prefix is
 * checked where the field's type is read.
 */
function rejectUnknownAttributes(model: ModelBlock): void {
  const onField = model.fields.flatMap((field) => field.attributes).find((a) => !FIELD_ATTRIBUTES.has(a.name) && !a.name.includes('.'));
  const onModel = model.attributes.find((a) => !MODEL_ATTRIBUTES.has(a.name));
  const unknown = onField ? `@${onField.name}` : onModel ? `@@${onModel.name}` : null;
  if (unknown)
    throw new SchemaError((onField ?? onModel)!.loc, `unknown attribute "${unknown}" in model ${model.name}: check its spelling`);
}

/**
 * PostgreSQL keeps primary keys and indexes in one namespace per schema, and a table's constraints in one per
 * table. Prisma refuses a schema whose names (given or generated, after shortening) clash there, because
 * the database could not hold both.
 */
function rejectClashingNames(tables: Table[]): void {
  const perSchema = new Set<string>();
  for (const table of tables) {
    const perTable = new Set<string>();
    const keys = [...(table.primaryKey ? [table.primaryKey] : []), ...table.indexes];
    for (const [constraint, global] of [
      ...keys.map((key) => [key, true] as const),
      ...table.foreignKeys.map((key) => [key, false] as const),
    ]) {
      const schemaKey = `${table.schema}.${constraint.name}`;
      if (perTable.has(constraint.name) || (global && perSchema.has(schemaKey)))
        throw new SchemaError(
          constraint.source!,
          `the constraint name "${constraint.name}" is already used ${perTable.has(constraint.name) ? `on model ${table.model}` : `in schema "${table.schema}"`} (PostgreSQL shortens names to 63 bytes): give this one another name with map: "..."`,
        );
      perTable.add(constraint.name);
      if (global) perSchema.add(schemaKey);
    }
  }
}
