import type { Attribute, EnumBlock, Expression, Field, ModelBlock, PrismaSchema } from './ast.js';
import { argument, findAttribute } from './ast.js';
import type { Conventions } from './conventions.js';
import { previewFeatures, type Datasource } from './datasource.js';
import { SchemaError } from './errors.js';
import { truncateIdentifier } from './names.js';
import type { Table } from '../common/model.js';

/**
 * What every part of the expected schema reads: the schema's blocks by name, its datasource, the Prisma
 * version's conventions, the tables made so far, and Prisma's naming rules (`@map`, `@@schema`, `map:`).
 */
export class SchemaContext {
  readonly models = new Map<string, ModelBlock>();
  readonly views = new Map<string, ModelBlock>();
  readonly enums = new Map<string, EnumBlock>();
  readonly composites = new Set<string>();
  /** The table of each model, once made: join tables take their key columns from them. */
  readonly tables = new Map<string, Table>();
  readonly previewFeatures: Set<string>;

  constructor(
    readonly schema: PrismaSchema,
    readonly datasource: Datasource,
    readonly conventions: Conventions,
  ) {
    for (const model of schema.models) this.models.set(model.name, model);
    for (const view of schema.views) this.views.set(view.name, view);
    for (const block of schema.enums) this.enums.set(block.name, block);
    for (const type of schema.types) this.composites.add(type.name);
    this.previewFeatures = previewFeatures(schema);
  }

  isRelationField(field: Field): boolean {
    return this.models.has(field.type.name) || this.views.has(field.type.name);
  }

  tableDbName(model: ModelBlock): string {
    return mappedName(model.attributes) ?? model.name;
  }

  enumDbName(block: EnumBlock): string {
    return truncateIdentifier(mappedName(block.attributes) ?? block.name);
  }

  columnDbName(field: Field): string {
    return mappedName(field.attributes) ?? field.name;
  }

  schemaOf(attributes: Attribute[]): string {
    const attribute = findAttribute(attributes, 'schema');
    if (!attribute) return this.datasource.defaultSchema;
    const value = argument(attribute, 'name', true)?.value;
    if (value?.kind !== 'string') throw new SchemaError(attribute.loc, '@@schema takes the schema name as a "string"');
    if (!this.datasource.schemas.includes(value.value))
      throw new SchemaError(value.loc, `schema "${value.value}" is not in the datasource's schemas list: add it there`);
    return value.value;
  }

  /**
   * `map:` of a constraint attribute, or Prisma's generated name. `@@index` has no client-side name, so
   * there its older `name:` argument still names the index in the database.
   */
  constraintName(attribute: Attribute, generated: () => string, nameIsDatabaseName = false): string {
    const map = (argument(attribute, 'map') ?? (nameIsDatabaseName ? argument(attribute, 'name') : undefined))?.value;
    if (!map) return generated();
    if (map.kind !== 'string') throw new SchemaError(map.loc, 'map: takes the database name as a "string"');
    if (Buffer.byteLength(map.value) > 63)
      throw new SchemaError(map.loc, `the name "${map.value}" is longer than PostgreSQL's 63 bytes: shorten it`);
    return map.value;
  }

  fieldList(model: ModelBlock, value: Expression, what: string): Field[] {
    return listItems(value).map((item) => {
      const field = item.kind === 'constant' ? model.fields.find((f) => f.name === item.value) : undefined;
      if (!field || this.isRelationField(field))
        throw new SchemaError(
          item.loc,
          `${what}: lists "${item.kind === 'constant' ? item.value : '?'}", which is not a scalar field of model ${model.name}`,
        );
      return field;
    });
  }
}

export function mappedName(attributes: Attribute[]): string | undefined {
  const attribute = findAttribute(attributes, 'map');
  if (!attribute) return undefined;
  const value = argument(attribute, 'name', true)?.value;
  if (value?.kind !== 'string') throw new SchemaError(attribute.loc, '@map takes the database name as a "string", as in @map("user_id")');
  return value.value;
}

/** Prisma reads a single value where a list is expected as a list of one. */
export function listItems(value: Expression): Expression[] {
  return value.kind === 'array' ? value.items : [value];
}
