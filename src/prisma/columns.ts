import type { Column, ColumnType, Enum, SourceLocation } from '../common/model.js';
import { type Attribute, type EnumBlock, type Field, type ModelBlock, argument, findAttribute } from './ast.js';
import { mappedName, type SchemaContext } from './context.js';
import { SchemaError } from './errors.js';
import { serialSequenceName, truncateIdentifier } from './names.js';
import { columnDefault } from './default-values.js';
import { isScalarType, scalarColumnType } from './types.js';

/** Columns as Prisma creates them for scalar and enum fields: type, nullability, default; and enum types. */

export function enumOf(ctx: SchemaContext, block: EnumBlock): Enum {
  const valueSources: Record<string, SourceLocation> = {};
  const values = block.values.map((value) => {
    const name = mappedName(value.attributes) ?? value.name;
    valueSources[name] = value.loc;
    return name;
  });
  return { schema: ctx.schemaOf(block.attributes), name: ctx.enumDbName(block), values, source: block.loc, valueSources };
}

export function columnOf(ctx: SchemaContext, model: ModelBlock, field: Field, tableName: string, schemaName: string): Column {
  const columnName = truncateIdentifier(ctx.columnDbName(field));
  const { type: fieldType } = field;
  const defaultAttribute = findAttribute(field.attributes, 'default');
  const defaultValue = defaultAttribute ? argument(defaultAttribute, 'value', true)?.value : undefined;
  if (defaultAttribute && !defaultValue)
    throw new SchemaError(defaultAttribute.loc, '@default needs a value, as in @default(0) or @default(now())');
  const updatedAt = findAttribute(field.attributes, 'updatedAt');
  if (updatedAt && (fieldType.name !== 'DateTime' || fieldType.list))
    throw new SchemaError(
      updatedAt.loc,
      `@updatedAt works on DateTime fields only: field "${field.name}" is ${fieldType.name}${fieldType.list ? '[]' : ''}`,
    );
  let type: ColumnType;
  let defaultText: string | null = null;
  let serial = false;

  if (fieldType.unsupported !== undefined) {
    type = { name: fieldType.unsupported, args: [], array: fieldType.list };
    if (defaultValue) {
      if (defaultValue.kind !== 'function' || defaultValue.name !== 'dbgenerated')
        throw new SchemaError(defaultValue.loc, 'an Unsupported field takes only @default(dbgenerated("..."))');
      defaultText = columnDefault(defaultValue, { scalar: 'String', type });
    }
  } else if (ctx.enums.has(fieldType.name)) {
    const block = ctx.enums.get(fieldType.name)!;
    type = { name: ctx.enumDbName(block), schema: ctx.schemaOf(block.attributes), args: [], array: fieldType.list };
    if (defaultValue) {
      const enumValues = new Map(block.values.map((value) => [value.name, mappedName(value.attributes) ?? value.name]));
      defaultText = columnDefault(defaultValue, { scalar: 'Enum', type, enumValues });
    }
  } else if (isScalarType(fieldType.name)) {
    const nativeType = nativeTypeOf(ctx, field);
    const extensionSchema =
      ctx.datasource.extensions.find((extension) => extension.name === 'citext')?.schema ?? ctx.datasource.defaultSchema;
    type = scalarColumnType(fieldType.name, nativeType, fieldType.list, field.name, extensionSchema);
    if (defaultValue) {
      serial = defaultValue.kind === 'function' && defaultValue.name === 'autoincrement' && ['int2', 'int4', 'int8'].includes(type.name);
      defaultText = columnDefault(defaultValue, {
        scalar: fieldType.name,
        type,
        ...(serial ? { sequence: { schema: schemaName, name: serialSequenceName(tableName, columnName) } } : {}),
      });
    }
  } else if (ctx.composites.has(fieldType.name)) {
    throw new SchemaError(
      fieldType.loc,
      `composite type "${fieldType.name}" is for MongoDB only; use Json or a related model on PostgreSQL`,
    );
  } else {
    throw new SchemaError(
      fieldType.loc,
      `type "${fieldType.name}" of field "${field.name}" in model ${model.name} is neither a built-in type nor a model, enum or view of this schema: check the spelling, or declare it`,
    );
  }
  // On an enum field Prisma drops such a default instead: there it keeps only enum values.
  const anyDefault =
    defaultValue?.kind === 'function' &&
    defaultValue.name === 'dbgenerated' &&
    defaultValue.args.length === 0 &&
    !ctx.enums.has(fieldType.name);
  return {
    name: columnName,
    type,
    // Prisma writes autoincrement() as SERIAL, which is NOT NULL even on an optional field.
    nullable: (fieldType.optional || fieldType.list) && !serial,
    default: defaultText,
    ...(anyDefault ? { anyDefault: true as const } : {}),
    identity: null,
    generated: null,
    source: field.loc,
    field: field.name,
  };
}

/**
 * The field's native type attribute. Prisma takes any dotted attribute for one and then requires its
 * prefix to be the datasource's name, so `@db.Date` is an error under `datasource client`.
 */
function nativeTypeOf(ctx: SchemaContext, field: Field): Attribute | undefined {
  const scoped = field.attributes.filter((attribute) => attribute.name.includes('.'));
  if (scoped.length > 1) throw new SchemaError(scoped[1]!.loc, `field "${field.name}" has two native type attributes: keep one`);
  const attribute = scoped[0];
  if (!attribute) return undefined;
  const prefix = attribute.name.slice(0, attribute.name.indexOf('.'));
  if (prefix !== ctx.datasource.name)
    throw new SchemaError(
      attribute.loc,
      `the prefix "${prefix}" of @${attribute.name} is not the name of the datasource: write @${ctx.datasource.name}${attribute.name.slice(prefix.length)}`,
    );
  return attribute;
}
