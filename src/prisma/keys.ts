import type { Index, IndexColumn, IndexMethod, PrimaryKey, SortOrder } from '../common/model.js';
import { quoteIdent } from '../db/quote.js';
import { type Attribute, type Expression, type Field, type ModelBlock, argument, findAttribute } from './ast.js';
import { listItems, type SchemaContext } from './context.js';
import { SchemaError } from './errors.js';
import { indexName, primaryKeyName, truncateIdentifier, uniqueIndexName } from './names.js';

/**
 * Primary keys and indexes: `@id`, `@@id`, `@unique`, `@@unique` and `@@index`, with their names, sort orders,
 * operator classes and conditions.
 */

export function primaryKeyOf(ctx: SchemaContext, model: ModelBlock): PrimaryKey | null {
  const fieldIds = model.fields.filter((field) => findAttribute(field.attributes, 'id'));
  const blockId = findAttribute(model.attributes, 'id');
  if (fieldIds.length > 1)
    throw new SchemaError(model.loc, `model ${model.name} marks several fields with @id: use @@id([a, b]) for a compound key`);
  if (fieldIds.length && blockId) throw new SchemaError(blockId.loc, `model ${model.name} has both @id and @@id: keep one`);
  const table = ctx.tableDbName(model);
  const optional = [...fieldIds, ...(blockId ? indexFields(ctx, model, blockId).map((column) => column.field) : [])].find(
    (field) => field.type.optional,
  );
  if (optional)
    throw new SchemaError(
      optional.loc,
      `field "${optional.name}" of model ${model.name} is part of the id, so it must be required: remove the "?"`,
    );
  if (fieldIds[0]) {
    const attribute = findAttribute(fieldIds[0].attributes, 'id')!;
    return {
      name: ctx.constraintName(attribute, () => primaryKeyName(table)),
      columns: [truncateIdentifier(ctx.columnDbName(fieldIds[0]))],
      source: attribute.loc,
    };
  }
  if (blockId) {
    return {
      name: ctx.constraintName(blockId, () => primaryKeyName(table)),
      columns: indexFields(ctx, model, blockId).map((column) => column.name!),
      source: blockId.loc,
    };
  }
  const hasUnique =
    model.fields.some((field) => findAttribute(field.attributes, 'unique') && !field.type.optional) ||
    findAttribute(model.attributes, 'unique');
  if (!hasUnique && !findAttribute(model.attributes, 'ignore'))
    throw new SchemaError(
      model.loc,
      `model ${model.name} has no unique criterion: mark a field with @id or @unique, or add @@id([...]) or @@unique([...])`,
    );
  return null;
}

export function indexesOf(ctx: SchemaContext, model: ModelBlock): Index[] {
  const table = ctx.tableDbName(model);
  const indexes: Index[] = [];
  for (const field of model.fields) {
    const attribute = findAttribute(field.attributes, 'unique');
    if (!attribute) continue;
    const column = truncateIdentifier(ctx.columnDbName(field));
    indexes.push({
      name: ctx.constraintName(attribute, () => uniqueIndexName(table, [ctx.columnDbName(field)])),
      unique: true,
      method: 'btree',
      columns: [{ name: column, sort: sortOf(attribute), opclass: null }],
      predicate: indexPredicate(ctx, model, attribute),
      constraint: false,
      source: attribute.loc,
    });
  }
  for (const attribute of model.attributes) {
    if (attribute.name !== 'unique' && attribute.name !== 'index') continue;
    const unique = attribute.name === 'unique';
    const method = unique ? 'btree' : indexMethod(attribute);
    const columns = indexFields(ctx, model, attribute, method);
    const rawColumns = columns.map((column) => column.rawName);
    indexes.push({
      name: ctx.constraintName(attribute, () => (unique ? uniqueIndexName : indexName)(table, rawColumns), !unique),
      unique,
      method,
      columns: columns.map(({ rawName: _, field: __, ...column }) => column),
      predicate: indexPredicate(ctx, model, attribute),
      constraint: false,
      source: attribute.loc,
    });
  }
  for (const attribute of model.attributes.filter((a) => a.name === 'fulltext'))
    throw new SchemaError(attribute.loc, '@@fulltext is for MySQL and MongoDB only: use @@index([...], type: Gin) on PostgreSQL');
  return indexes;
}

/**
 * The condition of a partial index (`where:`), as SQL: `raw("...")` as written, or the object form
 * (`{ deletedAt: null, status: { not: "archived" } }`) rendered the way Prisma renders it.
 */
function indexPredicate(ctx: SchemaContext, model: ModelBlock, attribute: Attribute): string | null {
  const where = argument(attribute, 'where')?.value;
  if (!where) return null;
  if (!ctx.previewFeatures.has('partialIndexes'))
    throw new SchemaError(
      attribute.loc,
      'where: makes a partial index, a preview feature: add "partialIndexes" to previewFeatures in the generator block',
    );
  if (where.kind === 'function' && where.name === 'raw' && where.args[0]?.value.kind === 'string') return where.args[0].value.value;
  if (where.kind !== 'object' || where.entries.length === 0)
    throw new SchemaError(where.loc, 'where: takes raw("SQL condition") or an object such as { deletedAt: null }');
  return where.entries
    .map(({ key, value, loc }) => {
      const field = model.fields.find((candidate) => candidate.name === key);
      if (!field || ctx.isRelationField(field)) throw new SchemaError(loc, `where: "${key}" is not a scalar field of model ${model.name}`);
      const column = quoteIdent(ctx.columnDbName(field));
      if (value.kind === 'object') {
        const not = value.entries.find((entry) => entry.key === 'not');
        if (!not || value.entries.length !== 1)
          throw new SchemaError(value.loc, `where: a field takes a value or { not: value }; only "not" is supported`);
        const negated = predicateValue(not.value, field);
        return negated === 'NULL' ? `${column} IS NOT NULL` : `${column} <> ${negated}`;
      }
      const literal = predicateValue(value, field);
      return literal === 'NULL' ? `${column} IS NULL` : `${column} = ${literal}`;
    })
    .join(' AND ');
}

/** The fields of `@@id`/`@@unique`/`@@index`: `[a, b(sort: Desc, ops: JsonbPathOps)]`, positional or `fields:`. */
export function indexFields(
  ctx: SchemaContext,
  model: ModelBlock,
  attribute: Attribute,
  method: IndexMethod = 'btree',
): (IndexColumn & { rawName: string; field: Field })[] {
  const list = argument(attribute, 'fields', true)?.value;
  const items = list ? listItems(list) : [];
  if (items.length === 0)
    throw new SchemaError(attribute.loc, `@@${attribute.name} takes a list of fields, as in @@${attribute.name}([a, b])`);
  return items.map((item) => {
    const name = item.kind === 'constant' ? item.value : item.kind === 'function' ? item.name : null;
    const field = model.fields.find((candidate) => candidate.name === name);
    if (!name || !field || ctx.isRelationField(field))
      throw new SchemaError(
        item.loc,
        `@@${attribute.name} refers to ${name ? `"${name}", which is not a scalar field of model ${model.name}` : 'something that is not a field'}: list the model's own scalar fields`,
      );
    const options = item.kind === 'function' ? item.args : [];
    const sort = options.find((arg) => arg.name === 'sort')?.value;
    const ops = options.find((arg) => arg.name === 'ops')?.value;
    const rawName = ctx.columnDbName(field);
    return {
      name: truncateIdentifier(rawName),
      rawName,
      field,
      sort: sort?.kind === 'constant' && sort.value === 'Desc' ? 'DESC' : 'ASC',
      opclass: ops ? operatorClass(ops, method) : null,
    };
  });
}

/** A value of a `where:` object as an SQL literal; `NULL` for null. */
function predicateValue(value: Expression, field: Field): string {
  if (value.kind === 'constant' && value.value === 'null') return 'NULL';
  if (value.kind === 'constant' && (value.value === 'true' || value.value === 'false')) return value.value;
  if (value.kind === 'number') return value.value;
  if (value.kind === 'string') return quoteLiteral(value.value);
  throw new SchemaError(value.loc, `where: "${field.name}" takes true, false, null, a "string" (also for an enum value) or a number`);
}

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function sortOf(attribute: Attribute): SortOrder {
  const sort = argument(attribute, 'sort')?.value;
  return sort?.kind === 'constant' && sort.value === 'Desc' ? 'DESC' : 'ASC';
}

const INDEX_METHODS: Record<string, IndexMethod> = {
  BTree: 'btree',
  Hash: 'hash',
  Gist: 'gist',
  Gin: 'gin',
  SpGist: 'spgist',
  Brin: 'brin',
};

function indexMethod(attribute: Attribute): IndexMethod {
  const type = argument(attribute, 'type')?.value;
  if (!type) return 'btree';
  const method = type.kind === 'constant' ? INDEX_METHODS[type.value] : undefined;
  if (!method) throw new SchemaError(type.loc, `index type must be one of ${Object.keys(INDEX_METHODS).join(', ')}`);
  return method;
}

/**
 * The operator class an `ops:` names, or null when it is the type's default one (the catalog does not set
 * those apart from an index without `ops:`). `raw("...")` is taken as written.
 */
function operatorClass(ops: Expression, method: IndexMethod): string | null {
  if (ops.kind === 'function' && ops.name === 'raw' && ops.args[0]?.value.kind === 'string') return ops.args[0].value.value;
  if (ops.kind !== 'constant') throw new SchemaError(ops.loc, 'ops: takes an operator class such as JsonbPathOps, or raw("...")');
  const name = ops.value;
  if (name === 'InetOps') return method === 'spgist' ? null : 'inet_ops';
  if (name === 'JsonbPathOps' || /Bloom|MinMaxMulti/.test(name)) return snakeOpclass(name);
  if (/^(JsonbOps|ArrayOps|TextOps|InetInclusionOps)$|MinMaxOps$/.test(name)) return null;
  throw new SchemaError(ops.loc, `"${name}" is not an operator class Prisma knows: write raw("opclass_name") for others`);
}

/** `TimestampTzMinMaxMultiOps` → `timestamptz_minmax_multi_ops`. */
function snakeOpclass(name: string): string {
  return name
    .replace('TimestampTz', 'Timestamptz')
    .replace('TimeTz', 'Timetz')
    .replace('VarBit', 'Varbit')
    .replace('MinMax', 'Minmax')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}
