import type {
  Column,
  ColumnType,
  DbSchema,
  Enum,
  Extension,
  ForeignKey,
  Index,
  IndexColumn,
  IndexMethod,
  PrimaryKey,
  ReferentialAction,
  Sequence,
  SortOrder,
  SourceLocation,
  Table,
} from '../model.js';
import { emptySchema } from '../model.js';
import { quoteIdent } from '../db/quote.js';
import type { Attribute, ConfigBlock, EnumBlock, Expression, Field, ModelBlock, PrismaSchema } from './ast.js';
import { argument, findAttribute } from './ast.js';
import { conventionsFor, type Conventions } from './conventions.js';
import { SchemaError } from './errors.js';
import {
  foreignKeyName,
  indexName,
  joinTableName,
  joinTableNames,
  primaryKeyName,
  serialSequenceName,
  truncateIdentifier,
  uniqueIndexName,
} from './names.js';
import { columnDefault, isScalarType, scalarColumnType } from './types.js';

export interface ExpectOptions {
  /** The project's Prisma version (`5.10.2`, `^6.19.0`); conventions changed with 6.0. Latest when absent. */
  prismaVersion?: string;
}

/** The database `prisma migrate` would create for this schema, in the terms introspection reads it. */
export function expectSchema(schema: PrismaSchema, options: ExpectOptions = {}): DbSchema {
  const datasource = readDatasource(schema.datasources[0], 'public');
  const version = /\d+(\.\d+){0,2}/.exec(options.prismaVersion ?? '')?.[0] ?? null;
  const ctx = new Context(schema, datasource, conventionsFor(version));
  const db = emptySchema();

  if (previewFeatures(schema).has('partialIndexes')) db.partialIndexes = true;
  db.namespaces = [...new Set([datasource.defaultSchema, ...datasource.schemas])].sort();
  db.extensions = datasource.extensions;
  db.enums = schema.enums.map((block) => ctx.enumOf(block)).sort(bySchemaAndName);
  for (const model of schema.models) {
    const { table, sequences } = ctx.tableOf(model);
    db.tables.push(table);
    db.sequences.push(...sequences);
  }
  rejectClashingNames(db.tables);
  if (!datasource.foreignKeys) for (const table of db.tables) table.foreignKeys = [];
  db.tables.push(...ctx.joinTables());
  db.tables.sort(bySchemaAndName);
  db.sequences.sort(bySchemaAndName);
  for (const table of db.tables) {
    table.indexes.sort(byName);
    table.foreignKeys.sort(byName);
  }
  return db;
}

interface Datasource {
  /** The block's name, which prefixes native type attributes: `@db.VarChar` under `datasource db`. */
  name: string;
  defaultSchema: string;
  /** `schemas = [...]` of multiSchema; empty when not used. */
  schemas: string[];
  foreignKeys: boolean;
  extensions: Extension[];
}

function previewFeatures(schema: PrismaSchema): Set<string> {
  return new Set(
    schema.generators
      .flatMap((generator) => generator.properties.filter((property) => property.name === 'previewFeatures'))
      .flatMap((property) => (property.value.kind === 'array' ? property.value.items : []))
      .flatMap((item) => (item.kind === 'string' ? [item.value] : [])),
  );
}

function readDatasource(block: ConfigBlock | undefined, defaultSchema: string): Datasource {
  const datasource: Datasource = { name: block?.name ?? 'db', defaultSchema, schemas: [], foreignKeys: true, extensions: [] };
  if (!block) return datasource;
  for (const property of block.properties) {
    const { value } = property;
    switch (property.name) {
      case 'provider':
        if (value.kind === 'string' && value.value !== 'postgresql' && value.value !== 'postgres')
          throw new SchemaError(
            value.loc,
            `provider "${value.value}" is not PostgreSQL: this check replays migrations on PostgreSQL only`,
          );
        break;
      case 'relationMode':
      case 'referentialIntegrity':
        datasource.foreignKeys = !(value.kind === 'string' && value.value === 'prisma');
        break;
      case 'schemas':
        datasource.schemas = stringList(value, 'schemas');
        break;
      case 'extensions':
        datasource.extensions = extensionList(value, defaultSchema);
        break;
    }
  }
  return datasource;
}

function extensionList(value: Expression, defaultSchema: string): Extension[] {
  if (value.kind !== 'array') throw new SchemaError(value.loc, 'extensions is a list, as in extensions = [citext, pg_trgm]');
  return value.items.map((item) => {
    if (item.kind === 'constant') return { name: item.value, schema: defaultSchema, version: '' };
    if (item.kind === 'function') {
      const named = (name: string) => {
        const arg = item.args.find((a) => a.name === name);
        if (arg && arg.value.kind !== 'string') throw new SchemaError(arg.loc, `${name}: takes a "string"`);
        return arg?.value.kind === 'string' ? arg.value.value : undefined;
      };
      return { name: named('map') ?? item.name, schema: named('schema') ?? defaultSchema, version: named('version') ?? '' };
    }
    throw new SchemaError(item.loc, 'an extension is a name, optionally with (map: "...", schema: "...", version: "...")');
  });
}

interface RelationEnd {
  model: ModelBlock;
  field: Field;
  relation: Attribute | undefined;
  /** Explicit relation name, or null. */
  name: string | null;
}

class Context {
  private readonly models = new Map<string, ModelBlock>();
  private readonly views = new Map<string, ModelBlock>();
  private readonly enums = new Map<string, EnumBlock>();
  private readonly composites = new Set<string>();
  private readonly tables = new Map<string, Table>();
  private readonly previewFeatures: Set<string>;

  constructor(
    private readonly schema: PrismaSchema,
    private readonly datasource: Datasource,
    private readonly conventions: Conventions,
  ) {
    for (const model of schema.models) this.models.set(model.name, model);
    for (const view of schema.views) this.views.set(view.name, view);
    for (const block of schema.enums) this.enums.set(block.name, block);
    for (const type of schema.types) this.composites.add(type.name);
    this.previewFeatures = previewFeatures(schema);
  }

  enumOf(block: EnumBlock): Enum {
    const valueSources: Record<string, SourceLocation> = {};
    const values = block.values.map((value) => {
      const name = mappedName(value.attributes) ?? value.name;
      valueSources[name] = value.loc;
      return name;
    });
    return { schema: this.schemaOf(block.attributes), name: this.enumDbName(block), values, source: block.loc, valueSources };
  }

  tableOf(model: ModelBlock): { table: Table; sequences: Sequence[] } {
    const tableName = truncateIdentifier(this.tableDbName(model));
    const schemaName = this.schemaOf(model.attributes);
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
      if (this.isRelationField(field)) continue;
      const column = this.columnOf(model, field, tableName, schemaName);
      table.columns.push(column);
      if (column.default?.startsWith('nextval(')) {
        sequences.push({
          schema: schemaName,
          name: serialSequenceName(tableName, column.name),
          ownedBy: { table: tableName, column: column.name },
        });
      }
    }
    table.primaryKey = this.primaryKeyOf(model);
    table.indexes = this.indexesOf(model);
    // Under relationMode = "prisma" the keys are still checked and named (Prisma validates both), then dropped.
    table.foreignKeys = this.foreignKeysOf(model);
    this.tables.set(model.name, table);
    return { table, sequences };
  }

  private columnOf(model: ModelBlock, field: Field, tableName: string, schemaName: string): Column {
    const columnName = truncateIdentifier(this.columnDbName(field));
    const { type: fieldType } = field;
    const defaultAttribute = findAttribute(field.attributes, 'default');
    const defaultValue = defaultAttribute ? argument(defaultAttribute, 'value', true)?.value : undefined;
    if (defaultAttribute && !defaultValue)
      throw new SchemaError(defaultAttribute.loc, '@default needs a value, as in @default(0) or @default(now())');
    const updatedAt = findAttribute(field.attributes, 'updatedAt');
    if (updatedAt && (fieldType.name !== 'DateTime' || fieldType.list))
      throw new SchemaError(updatedAt.loc, `@updatedAt works on DateTime fields only: field "${field.name}" is ${fieldType.name}${fieldType.list ? '[]' : ''}`);
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
    } else if (this.enums.has(fieldType.name)) {
      const block = this.enums.get(fieldType.name)!;
      type = { name: this.enumDbName(block), schema: this.schemaOf(block.attributes), args: [], array: fieldType.list };
      if (defaultValue) {
        const enumValues = new Map(block.values.map((value) => [value.name, mappedName(value.attributes) ?? value.name]));
        defaultText = columnDefault(defaultValue, { scalar: 'Enum', type, enumValues });
      }
    } else if (isScalarType(fieldType.name)) {
      const nativeType = this.nativeTypeOf(field);
      const extensionSchema =
        this.datasource.extensions.find((extension) => extension.name === 'citext')?.schema ?? this.datasource.defaultSchema;
      type = scalarColumnType(fieldType.name, nativeType, fieldType.list, field.name, extensionSchema);
      if (defaultValue) {
        serial = defaultValue.kind === 'function' && defaultValue.name === 'autoincrement' && ['int2', 'int4', 'int8'].includes(type.name);
        defaultText = columnDefault(defaultValue, {
          scalar: fieldType.name,
          type,
          ...(serial ? { sequence: { schema: schemaName, name: serialSequenceName(tableName, columnName) } } : {}),
        });
      }
    } else if (this.composites.has(fieldType.name)) {
      throw new SchemaError(fieldType.loc, `composite type "${fieldType.name}" is for MongoDB only; use Json or a related model on PostgreSQL`);
    } else {
      throw new SchemaError(
        fieldType.loc,
        `type "${fieldType.name}" of field "${field.name}" in model ${model.name} is neither a built-in type nor a model, enum or view of this schema: check the spelling, or declare it`,
      );
    }
    // On an enum field Prisma drops such a default instead: there it keeps only enum values.
    const anyDefault =
      defaultValue?.kind === 'function' && defaultValue.name === 'dbgenerated' && defaultValue.args.length === 0 && !this.enums.has(fieldType.name);
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
  private nativeTypeOf(field: Field): Attribute | undefined {
    const scoped = field.attributes.filter((attribute) => attribute.name.includes('.'));
    if (scoped.length > 1)
      throw new SchemaError(scoped[1]!.loc, `field "${field.name}" has two native type attributes: keep one`);
    const attribute = scoped[0];
    if (!attribute) return undefined;
    const prefix = attribute.name.slice(0, attribute.name.indexOf('.'));
    if (prefix !== this.datasource.name)
      throw new SchemaError(
        attribute.loc,
        `the prefix "${prefix}" of @${attribute.name} is not the name of the datasource: write @${this.datasource.name}${attribute.name.slice(prefix.length)}`,
      );
    return attribute;
  }

  private primaryKeyOf(model: ModelBlock): PrimaryKey | null {
    const fieldIds = model.fields.filter((field) => findAttribute(field.attributes, 'id'));
    const blockId = findAttribute(model.attributes, 'id');
    if (fieldIds.length > 1)
      throw new SchemaError(model.loc, `model ${model.name} marks several fields with @id: use @@id([a, b]) for a compound key`);
    if (fieldIds.length && blockId)
      throw new SchemaError(blockId.loc, `model ${model.name} has both @id and @@id: keep one`);
    const table = this.tableDbName(model);
    const optional = [...fieldIds, ...(blockId ? this.indexFields(model, blockId).map((column) => column.field) : [])].find((field) => field.type.optional);
    if (optional) throw new SchemaError(optional.loc, `field "${optional.name}" of model ${model.name} is part of the id, so it must be required: remove the "?"`);
    if (fieldIds[0]) {
      const attribute = findAttribute(fieldIds[0].attributes, 'id')!;
      return {
        name: this.constraintName(attribute, () => primaryKeyName(table)),
        columns: [truncateIdentifier(this.columnDbName(fieldIds[0]))],
        source: attribute.loc,
      };
    }
    if (blockId) {
      return {
        name: this.constraintName(blockId, () => primaryKeyName(table)),
        columns: this.indexFields(model, blockId).map((column) => column.name!),
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

  private indexesOf(model: ModelBlock): Index[] {
    const table = this.tableDbName(model);
    const indexes: Index[] = [];
    for (const field of model.fields) {
      const attribute = findAttribute(field.attributes, 'unique');
      if (!attribute) continue;
      const column = truncateIdentifier(this.columnDbName(field));
      indexes.push({
        name: this.constraintName(attribute, () => uniqueIndexName(table, [this.columnDbName(field)])),
        unique: true,
        method: 'btree',
        columns: [{ name: column, sort: sortOf(attribute), opclass: null }],
        predicate: this.indexPredicate(model, attribute),
        constraint: false,
        source: attribute.loc,
      });
    }
    for (const attribute of model.attributes) {
      if (attribute.name !== 'unique' && attribute.name !== 'index') continue;
      const unique = attribute.name === 'unique';
      const method = unique ? 'btree' : indexMethod(attribute);
      const columns = this.indexFields(model, attribute, method);
      const rawColumns = columns.map((column) => column.rawName);
      indexes.push({
        name: this.constraintName(attribute, () => (unique ? uniqueIndexName : indexName)(table, rawColumns), !unique),
        unique,
        method,
        columns: columns.map(({ rawName: _, field: __, ...column }) => column),
        predicate: this.indexPredicate(model, attribute),
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
  private indexPredicate(model: ModelBlock, attribute: Attribute): string | null {
    const where = argument(attribute, 'where')?.value;
    if (!where) return null;
    if (!this.previewFeatures.has('partialIndexes'))
      throw new SchemaError(attribute.loc, 'where: makes a partial index, a preview feature: add "partialIndexes" to previewFeatures in the generator block');
    if (where.kind === 'function' && where.name === 'raw' && where.args[0]?.value.kind === 'string') return where.args[0].value.value;
    if (where.kind !== 'object' || where.entries.length === 0)
      throw new SchemaError(where.loc, 'where: takes raw("SQL condition") or an object such as { deletedAt: null }');
    return where.entries
      .map(({ key, value, loc }) => {
        const field = model.fields.find((candidate) => candidate.name === key);
        if (!field || this.isRelationField(field))
          throw new SchemaError(loc, `where: "${key}" is not a scalar field of model ${model.name}`);
        const column = quoteIdent(this.columnDbName(field));
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
  private indexFields(model: ModelBlock, attribute: Attribute, method: IndexMethod = 'btree'): (IndexColumn & { rawName: string; field: Field })[] {
    const list = argument(attribute, 'fields', true)?.value;
    const items = list ? listItems(list) : [];
    if (items.length === 0)
      throw new SchemaError(attribute.loc, `@@${attribute.name} takes a list of fields, as in @@${attribute.name}([a, b])`);
    return items.map((item) => {
      const name = item.kind === 'constant' ? item.value : item.kind === 'function' ? item.name : null;
      const field = model.fields.find((candidate) => candidate.name === name);
      if (!name || !field || this.isRelationField(field))
        throw new SchemaError(
          item.loc,
          `@@${attribute.name} refers to ${name ? `"${name}", which is not a scalar field of model ${model.name}` : 'something that is not a field'}: list the model's own scalar fields`,
        );
      const options = item.kind === 'function' ? item.args : [];
      const sort = options.find((arg) => arg.name === 'sort')?.value;
      const ops = options.find((arg) => arg.name === 'ops')?.value;
      const rawName = this.columnDbName(field);
      return {
        name: truncateIdentifier(rawName),
        rawName,
        field,
        sort: sort?.kind === 'constant' && sort.value === 'Desc' ? 'DESC' : 'ASC',
        opclass: ops ? operatorClass(ops, method) : null,
      };
    });
  }

  private foreignKeysOf(model: ModelBlock): ForeignKey[] {
    const table = this.tableDbName(model);
    const foreignKeys: ForeignKey[] = [];
    for (const field of model.fields) {
      if (!this.isRelationField(field)) continue;
      const end = this.relationEnd(model, field);
      const opposite = this.oppositeEnd(end);
      const fields = end.relation ? argument(end.relation, 'fields')?.value : undefined;
      if (!fields) {
        const oppositeFields = opposite.relation ? argument(opposite.relation, 'fields') : undefined;
        if (!field.type.list && !oppositeFields)
          throw new SchemaError(
            field.loc,
            opposite.field.type.list
              ? `relation field "${field.name}" on model ${model.name} must say which fields hold the key: add @relation(fields: [...], references: [...])`
              : `neither "${field.name}" on model ${model.name} nor "${opposite.field.name}" on model ${opposite.model.name} has @relation(fields: [...], references: [...]): add it on the side that holds the foreign key`,
          );
        continue;
      }
      if (this.views.has(field.type.name)) continue;
      const related = this.models.get(field.type.name)!;
      const references = argument(end.relation!, 'references')?.value;
      const localFields = this.fieldList(model, fields, 'fields');
      const referencedFields = references ? this.fieldList(related, references, 'references') : [];
      if (referencedFields.length !== localFields.length)
        throw new SchemaError(
          end.relation!.loc,
          `@relation on "${field.name}" needs as many references as fields: list the referenced fields of ${related.name} in references: [...]`,
        );
      const mismatch = localFields.findIndex((local, i) => local.type.name !== referencedFields[i]!.type.name);
      if (mismatch >= 0)
        throw new SchemaError(
          end.relation!.loc,
          `field "${localFields[mismatch]!.name}" is ${localFields[mismatch]!.type.name} but references "${referencedFields[mismatch]!.name}" of ${related.name}, which is ${referencedFields[mismatch]!.type.name}: give both the same type`,
        );
      if (!this.isUniqueCriterion(related, referencedFields))
        throw new SchemaError(
          end.relation!.loc,
          `references: [${referencedFields.map((f) => f.name).join(', ')}] is not the id or a unique criterion of ${related.name}: reference its @id or @unique fields`,
        );
      const required = localFields.some((local) => !local.type.optional);
      const onDelete = argument(end.relation!, 'onDelete')?.value;
      const onUpdate = argument(end.relation!, 'onUpdate')?.value;
      if (!this.datasource.foreignKeys) rejectEmulatedActions(field, required, [onDelete, onUpdate]);
      const localColumns = localFields.map((local) => this.columnDbName(local));
      foreignKeys.push({
        name: this.constraintName(end.relation!, () => foreignKeyName(table, localColumns)),
        columns: localColumns.map(truncateIdentifier),
        referencedSchema: this.schemaOf(related.attributes),
        referencedTable: truncateIdentifier(this.tableDbName(related)),
        referencedColumns: referencedFields.map((referenced) => truncateIdentifier(this.columnDbName(referenced))),
        onDelete: onDelete ? referentialAction(onDelete) : required ? 'RESTRICT' : 'SET NULL',
        onUpdate: onUpdate ? referentialAction(onUpdate) : 'CASCADE',
        deferrable: false,
        source: end.relation!.loc,
      });
    }
    return foreignKeys;
  }

  /** Implicit many-to-many relations: both ends are lists and neither names fields. */
  joinTables(): Table[] {
    const tables = new Map<string, Table>();
    for (const model of this.schema.models) {
      for (const field of model.fields) {
        if (!this.isRelationField(field) || !field.type.list || this.views.has(field.type.name)) continue;
        const end = this.relationEnd(model, field);
        const opposite = this.oppositeEnd(end);
        if (!opposite.field.type.list) continue;
        const [a, b] = [end, opposite].sort((x, y) => compareNames(x.model.name, y.model.name) || compareNames(x.field.name, y.field.name)) as [RelationEnd, RelationEnd];
        // Prisma meets each relation at model A's field, in declaration order; when two join tables have the
        // same name once cut to 63 characters, its differ keeps the one met last.
        if (a !== end) continue;
        const table = this.joinTable(end.name ?? `${a.model.name}To${b.model.name}`, a, b);
        const key = `${table.schema}.${table.name}`;
        tables.delete(key);
        tables.set(key, table);
      }
    }
    return [...tables.values()];
  }

  private joinTable(relationName: string, a: RelationEnd, b: RelationEnd): Table {
    const name = joinTableName(relationName);
    const names = joinTableNames(name);
    const schema = this.schemaOf(a.model.attributes);
    const column = (end: RelationEnd, columnName: 'A' | 'B'): { column: Column; target: Table; targetColumn: string } => {
      const target = this.tables.get(end.model.name)!;
      if (target.primaryKey?.columns.length !== 1)
        throw new SchemaError(
          end.field.loc,
          `the many-to-many relation "${relationName}" needs a single-field @id on model ${end.model.name}: add one, or model the join table explicitly`,
        );
      const targetColumn = target.primaryKey.columns[0]!;
      const type = target.columns.find((c) => c.name === targetColumn)!.type;
      return {
        column: { name: columnName, type: { ...type }, nullable: false, default: null, identity: null, generated: null, source: end.field.loc },
        target,
        targetColumn,
      };
    };
    const columnA = column(a, 'A');
    const columnB = column(b, 'B');
    const pairKey = this.conventions.implicitManyToManyKey.value === 'primary-key';
    const table: Table = {
      schema,
      name,
      columns: [columnA.column, columnB.column],
      primaryKey: pairKey ? { name: names.abPrimaryKey, columns: ['A', 'B'], source: a.field.loc } : null,
      indexes: [
        ...(pairKey
          ? []
          : [{ name: names.abUnique, unique: true, method: 'btree', columns: [indexColumn('A'), indexColumn('B')], predicate: null, constraint: false, source: a.field.loc } satisfies Index]),
        { name: names.bIndex, unique: false, method: 'btree', columns: [indexColumn('B')], predicate: null, constraint: false, source: a.field.loc },
      ],
      foreignKeys: [],
      source: a.field.loc,
    };
    if (this.datasource.foreignKeys) {
      for (const [fkName, side, end] of [
        [names.aForeignKey, columnA, a],
        [names.bForeignKey, columnB, b],
      ] as const) {
        table.foreignKeys.push({
          name: fkName,
          columns: [side.column.name],
          referencedSchema: side.target.schema,
          referencedTable: side.target.name,
          referencedColumns: [side.targetColumn],
          onDelete: 'CASCADE',
          onUpdate: 'CASCADE',
          deferrable: false,
          source: end.field.loc,
        });
      }
    }
    return table;
  }

  private relationEnd(model: ModelBlock, field: Field): RelationEnd {
    const relation = findAttribute(field.attributes, 'relation');
    const nameArg = relation ? argument(relation, 'name', true)?.value : undefined;
    if (nameArg && nameArg.kind !== 'string') throw new SchemaError(nameArg.loc, 'a relation name is a "string"');
    return { model, field, relation, name: nameArg?.kind === 'string' ? nameArg.value : null };
  }

  /** The other end of a relation: the field on the related model or view with the same relation name. */
  private oppositeEnd(end: RelationEnd): RelationEnd {
    const related = this.models.get(end.field.type.name) ?? this.views.get(end.field.type.name);
    const candidates = (related?.fields ?? [])
      .filter((field) => field !== end.field && field.type.name === end.model.name)
      .map((field) => this.relationEnd(related!, field))
      .filter((other) => other.name === end.name);
    if (candidates.length === 0)
      throw new SchemaError(
        end.field.loc,
        `relation field "${end.field.name}" on model ${end.model.name} has no opposite field on model ${end.field.type.name}${end.name ? ` with relation name "${end.name}"` : ''}: add it (prisma format does this)`,
      );
    if (candidates.length > 1)
      throw new SchemaError(
        end.field.loc,
        `relation field "${end.field.name}" on model ${end.model.name} is ambiguous: give both ends of each relation between ${end.model.name} and ${end.field.type.name} the same name, as in @relation("authored")`,
      );
    return candidates[0]!;
  }

  /** Whether the fields are, in any order, exactly the model's id or one of its unique constraints. */
  private isUniqueCriterion(model: ModelBlock, fields: Field[]): boolean {
    const wanted = fields.map((field) => field.name).sort().join(',');
    const single = model.fields.filter((field) => findAttribute(field.attributes, 'id') || findAttribute(field.attributes, 'unique')).map((field) => field.name);
    const compound = model.attributes
      .filter((attribute) => attribute.name === 'id' || attribute.name === 'unique')
      .map((attribute) => this.indexFields(model, attribute).map((column) => column.field.name).sort().join(','));
    return [...single, ...compound].includes(wanted);
  }

  private fieldList(model: ModelBlock, value: Expression, what: string): Field[] {
    return listItems(value).map((item) => {
      const field = item.kind === 'constant' ? model.fields.find((f) => f.name === item.value) : undefined;
      if (!field || this.isRelationField(field))
        throw new SchemaError(item.loc, `${what}: lists "${item.kind === 'constant' ? item.value : '?'}", which is not a scalar field of model ${model.name}`);
      return field;
    });
  }

  private isRelationField(field: Field): boolean {
    return this.models.has(field.type.name) || this.views.has(field.type.name);
  }

  private tableDbName(model: ModelBlock): string {
    return mappedName(model.attributes) ?? model.name;
  }

  private enumDbName(block: EnumBlock): string {
    return truncateIdentifier(mappedName(block.attributes) ?? block.name);
  }

  private columnDbName(field: Field): string {
    return mappedName(field.attributes) ?? field.name;
  }

  private schemaOf(attributes: Attribute[]): string {
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
  private constraintName(attribute: Attribute, generated: () => string, nameIsDatabaseName = false): string {
    const map = (argument(attribute, 'map') ?? (nameIsDatabaseName ? argument(attribute, 'name') : undefined))?.value;
    if (!map) return generated();
    if (map.kind !== 'string') throw new SchemaError(map.loc, 'map: takes the database name as a "string"');
    if (Buffer.byteLength(map.value) > 63)
      throw new SchemaError(map.loc, `the name "${map.value}" is longer than PostgreSQL's 63 bytes: shorten it`);
    return map.value;
  }
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
  if (unknown) throw new SchemaError((onField ?? onModel)!.loc, `unknown attribute "${unknown}" in model ${model.name}: check its spelling`);
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
    for (const [constraint, global] of [...keys.map((key) => [key, true] as const), ...table.foreignKeys.map((key) => [key, false] as const)]) {
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

function mappedName(attributes: Attribute[]): string | undefined {
  const attribute = findAttribute(attributes, 'map');
  if (!attribute) return undefined;
  const value = argument(attribute, 'name', true)?.value;
  if (value?.kind !== 'string') throw new SchemaError(attribute.loc, '@map takes the database name as a "string", as in @map("user_id")');
  return value.value;
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
  if (!method)
    throw new SchemaError(type.loc, `index type must be one of ${Object.keys(INDEX_METHODS).join(', ')}`);
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

const REFERENTIAL_ACTIONS: Record<string, ReferentialAction> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

/**
 * Under relationMode = "prisma" Prisma Client carries out the actions itself, and only Cascade, Restrict and
 * SetNull; SetNull needs every referencing field optional there, as nothing else would accept the null.
 */
function rejectEmulatedActions(field: Field, required: boolean, actions: (Expression | undefined)[]): void {
  for (const value of actions) {
    if (!value) continue;
    const action = referentialAction(value);
    if (action === 'NO ACTION' || action === 'SET DEFAULT')
      throw new SchemaError(
        value.loc,
        `referential action ${(value as { value: string }).value} is not available with relationMode = "prisma": use Cascade, Restrict or SetNull${action === 'NO ACTION' ? ' (Restrict behaves like NoAction there)' : ''}`,
      );
    if (action === 'SET NULL' && required)
      throw new SchemaError(
        field.loc,
        `relation field "${field.name}" uses SetNull, but a field that holds its key is required, and relationMode = "prisma" cannot set it to null: make those fields optional, or choose another action`,
      );
  }
}

function referentialAction(value: Expression): ReferentialAction {
  const action = value.kind === 'constant' ? REFERENTIAL_ACTIONS[value.value] : undefined;
  if (!action) throw new SchemaError(value.loc, `referential action must be one of ${Object.keys(REFERENTIAL_ACTIONS).join(', ')}`);
  return action;
}

function indexColumn(name: string): IndexColumn {
  return { name, sort: 'ASC', opclass: null };
}

/** Prisma reads a single value where a list is expected as a list of one. */
function listItems(value: Expression): Expression[] {
  return value.kind === 'array' ? value.items : [value];
}

function stringList(value: Expression, what: string): string[] {
  if (value.kind !== 'array' || value.items.some((item) => item.kind !== 'string'))
    throw new SchemaError(value.loc, `${what} is a list of strings, as in ${what} = ["public", "auth"]`);
  return value.items.map((item) => (item as { value: string }).value);
}

/** Prisma orders model names by their bytes. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bySchemaAndName(a: { schema: string; name: string }, b: { schema: string; name: string }): number {
  return compareNames(a.schema, b.schema) || compareNames(a.name, b.name);
}

function byName(a: { name: string }, b: { name: string }): number {
  return compareNames(a.name, b.name);
}
