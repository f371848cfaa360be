import type { Column, ForeignKey, Index, IndexColumn, ReferentialAction, Table } from '../common/model.js';
import { compareBytes } from '../common/order.js';
import { type Attribute, type Expression, type Field, type ModelBlock, argument, findAttribute } from './ast.js';
import type { SchemaContext } from './context.js';
import { SchemaError } from './errors.js';
import { indexFields } from './keys.js';
import { foreignKeyName, joinTableName, joinTableNames, truncateIdentifier } from './names.js';

/**
 * Relations: the foreign keys of one-to-one and one-to-many relations, and the join tables of implicit
 * many-to-many ones.
 */

interface RelationEnd {
  model: ModelBlock;
  field: Field;
  relation: Attribute | undefined;
  /** Explicit relation name, or null. */
  name: string | null;
}

export function foreignKeysOf(ctx: SchemaContext, model: ModelBlock): ForeignKey[] {
  const table = ctx.tableDbName(model);
  const foreignKeys: ForeignKey[] = [];
  for (const field of model.fields) {
    if (!ctx.isRelationField(field)) continue;
    const end = relationEnd(ctx, model, field);
    const opposite = oppositeEnd(ctx, end);
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
    if (ctx.views.has(field.type.name)) continue;
    const related = ctx.models.get(field.type.name)!;
    const references = argument(end.relation!, 'references')?.value;
    const localFields = ctx.fieldList(model, fields, 'fields');
    const referencedFields = references ? ctx.fieldList(related, references, 'references') : [];
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
    if (!isUniqueCriterion(ctx, related, referencedFields))
      throw new SchemaError(
        end.relation!.loc,
        `references: [${referencedFields.map((f) => f.name).join(', ')}] is not the id or a unique criterion of ${related.name}: reference its @id or @unique fields`,
      );
    const required = localFields.some((local) => !local.type.optional);
    const onDelete = argument(end.relation!, 'onDelete')?.value;
    const onUpdate = argument(end.relation!, 'onUpdate')?.value;
    if (!ctx.datasource.foreignKeys) rejectEmulatedActions(field, required, [onDelete, onUpdate]);
    const localColumns = localFields.map((local) => ctx.columnDbName(local));
    foreignKeys.push({
      name: ctx.constraintName(end.relation!, () => foreignKeyName(table, localColumns)),
      columns: localColumns.map(truncateIdentifier),
      referencedSchema: ctx.schemaOf(related.attributes),
      referencedTable: truncateIdentifier(ctx.tableDbName(related)),
      referencedColumns: referencedFields.map((referenced) => truncateIdentifier(ctx.columnDbName(referenced))),
      onDelete: onDelete ? referentialAction(onDelete) : required ? 'RESTRICT' : 'SET NULL',
      onUpdate: onUpdate ? referentialAction(onUpdate) : 'CASCADE',
      deferrable: false,
      source: end.relation!.loc,
    });
  }
  return foreignKeys;
}

/** Implicit many-to-many relations: both ends are lists and neither names fields. */
export function joinTables(ctx: SchemaContext): Table[] {
  const tables = new Map<string, Table>();
  for (const model of ctx.schema.models) {
    for (const field of model.fields) {
      if (!ctx.isRelationField(field) || !field.type.list || ctx.views.has(field.type.name)) continue;
      const end = relationEnd(ctx, model, field);
      const opposite = oppositeEnd(ctx, end);
      if (!opposite.field.type.list) continue;
      const [a, b] = [end, opposite].sort(
        (x, y) => compareBytes(x.model.name, y.model.name) || compareBytes(x.field.name, y.field.name),
      ) as [RelationEnd, RelationEnd];
      // Prisma meets each relation at model A's field, in declaration order; when two join tables have the
      // same name once cut to 63 characters, its differ keeps the one met last.
      if (a !== end) continue;
      const table = joinTable(ctx, end.name ?? `${a.model.name}To${b.model.name}`, a, b);
      const key = `${table.schema}.${table.name}`;
      tables.delete(key);
      tables.set(key, table);
    }
  }
  return [...tables.values()];
}

function joinTable(ctx: SchemaContext, relationName: string, a: RelationEnd, b: RelationEnd): Table {
  const name = joinTableName(relationName);
  const names = joinTableNames(name);
  const schema = ctx.schemaOf(a.model.attributes);
  const column = (end: RelationEnd, columnName: 'A' | 'B'): { column: Column; target: Table; targetColumn: string } => {
    const target = ctx.tables.get(end.model.name)!;
    if (target.primaryKey?.columns.length !== 1)
      throw new SchemaError(
        end.field.loc,
        `the many-to-many relation "${relationName}" needs a single-field @id on model ${end.model.name}: add one, or model the join table explicitly`,
      );
    const targetColumn = target.primaryKey.columns[0]!;
    const type = target.columns.find((c) => c.name === targetColumn)!.type;
    return {
      column: {
        name: columnName,
        type: { ...type },
        nullable: false,
        default: null,
        identity: null,
        generated: null,
        source: end.field.loc,
      },
      target,
      targetColumn,
    };
  };
  const columnA = column(a, 'A');
  const columnB = column(b, 'B');
  const pairKey = ctx.conventions.implicitManyToManyKey.value === 'primary-key';
  const table: Table = {
    schema,
    name,
    columns: [columnA.column, columnB.column],
    primaryKey: pairKey ? { name: names.abPrimaryKey, columns: ['A', 'B'], source: a.field.loc } : null,
    indexes: [
      ...(pairKey
        ? []
        : [
            {
              name: names.abUnique,
              unique: true,
              method: 'btree',
              columns: [indexColumn('A'), indexColumn('B')],
              predicate: null,
              constraint: false,
              source: a.field.loc,
            } satisfies Index,
          ]),
      {
        name: names.bIndex,
        unique: false,
        method: 'btree',
        columns: [indexColumn('B')],
        predicate: null,
        constraint: false,
        source: a.field.loc,
      },
    ],
    foreignKeys: [],
    source: a.field.loc,
  };
  if (ctx.datasource.foreignKeys) {
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

function relationEnd(ctx: SchemaContext, model: ModelBlock, field: Field): RelationEnd {
  const relation = findAttribute(field.attributes, 'relation');
  const nameArg = relation ? argument(relation, 'name', true)?.value : undefined;
  if (nameArg && nameArg.kind !== 'string') throw new SchemaError(nameArg.loc, 'a relation name is a "string"');
  return { model, field, relation, name: nameArg?.kind === 'string' ? nameArg.value : null };
}

/** The other end of a relation: the field on the related model or view with the same relation name. */
function oppositeEnd(ctx: SchemaContext, end: RelationEnd): RelationEnd {
  const related = ctx.models.get(end.field.type.name) ?? ctx.views.get(end.field.type.name);
  const candidates = (related?.fields ?? [])
    .filter((field) => field !== end.field && field.type.name === end.model.name)
    .map((field) => relationEnd(ctx, related!, field))
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
function isUniqueCriterion(ctx: SchemaContext, model: ModelBlock, fields: Field[]): boolean {
  const wanted = fields
    .map((field) => field.name)
    .sort()
    .join(',');
  const single = model.fields
    .filter((field) => findAttribute(field.attributes, 'id') || findAttribute(field.attributes, 'unique'))
    .map((field) => field.name);
  const compound = model.attributes
    .filter((attribute) => attribute.name === 'id' || attribute.name === 'unique')
    .map((attribute) =>
      indexFields(ctx, model, attribute)
        .map((column) => column.field.name)
        .sort()
        .join(','),
    );
  return [...single, ...compound].includes(wanted);
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

export function indexColumn(name: string): IndexColumn {
  return { name, sort: 'ASC', opclass: null };
}
