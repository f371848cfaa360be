import type pg from 'pg';
import { compareBytes } from './migrations.js';
import type {
  Column,
  DbSchema,
  ForeignKey,
  Index,
  IndexColumn,
  PrimaryKey,
  ReferentialAction,
  Table,
  UnmodelledObject,
} from './model.js';
import * as queries from './introspect/queries.js';
import { typeArgs } from './introspect/type-modifiers.js';

export interface IntrospectOptions {
  /** Read only these schemas; every user schema when absent. */
  schemas?: string[];
}

/**
 * Reads a PostgreSQL database into the DbSchema model from pg_catalog. It runs a fixed number of SELECTs
 * (one per kind of object, however many tables there are) and writes nothing, so it can run inside a
 * READ ONLY transaction and as a role that can read only the catalogs.
 *
 * Expressions (defaults, generated columns, index predicates, view and trigger definitions) come out as
 * PostgreSQL prints them for this session: names in a schema on the session's search_path, and that the role
 * has USAGE on, are left unqualified (`'USER'::"Role"`), all others are schema-qualified
 * (`'USER'::public."Role"`). Connect with the search_path Prisma uses, the schema of the connection URL,
 * to read expressions as Prisma writes them.
 */
export async function introspect(client: pg.ClientBase, options: IntrospectOptions = {}): Promise<DbSchema> {
  const params = [options.schemas ?? null];
  const select = <Row extends pg.QueryResultRow>(sql: string) =>
    client.query<Row>(sql, params).then((result) => result.rows);

  // One after another: a client runs one query at a time, and pg is dropping support for queueing them.
  const namespaces = await select<{ name: string }>(queries.NAMESPACES);
  const tables = await select<TableRow>(queries.TABLES);
  const columns = await select<ColumnRow>(queries.COLUMNS);
  const constraints = await select<ConstraintRow>(queries.CONSTRAINTS);
  const indexes = await select<IndexRow>(queries.INDEXES);
  const enums = await select<{ schema: string; name: string; values: string[] }>(queries.ENUMS);
  const views = await select<{ schema: string; name: string; materialized: boolean; definition: string }>(queries.VIEWS);
  const extensions = await select<{ schema: string; name: string; version: string }>(queries.EXTENSIONS);
  const sequences = await select<SequenceRow>(queries.SEQUENCES);
  const triggers = await select<UnmodelledRow>(queries.TRIGGERS);
  const functions = await select<UnmodelledRow>(queries.FUNCTIONS);
  const policies = await select<UnmodelledRow>(queries.POLICIES);
  const types = await select<UnmodelledRow & { kind: 'domain' | 'type' }>(queries.TYPES);

  const byTable = new Map<number, Table>();
  for (const row of tables) {
    byTable.set(row.oid, {
      schema: row.schema,
      name: row.name,
      columns: [],
      primaryKey: null,
      indexes: [],
      foreignKeys: [],
    });
  }
  const tableOf = (oid: number): Table => {
    const table = byTable.get(oid);
    if (!table) throw new Error(`catalog row for a table that was not read (oid ${oid})`);
    return table;
  };

  for (const row of columns.sort((a, b) => a.position - b.position)) tableOf(row.table_oid).columns.push(toColumn(row));

  const unmodelled: UnmodelledObject[] = [];
  for (const row of constraints) {
    const table = tableOf(row.table_oid);
    if (row.type === 'p') table.primaryKey = toPrimaryKey(row);
    else if (row.type === 'f') table.foreignKeys.push(toForeignKey(row));
    else {
      unmodelled.push({
        kind: row.type === 'c' ? 'check' : 'exclusion',
        schema: table.schema,
        table: table.name,
        name: row.name,
        definition: row.definition,
      });
    }
  }
  for (const row of indexes) tableOf(row.table_oid).indexes.push(toIndex(row));
  for (const table of byTable.values()) {
    table.indexes.sort(byName);
    table.foreignKeys.sort(byName);
  }

  for (const row of tables.filter((table) => table.rls)) {
    unmodelled.push({ kind: 'row-level-security', schema: row.schema, table: row.name, name: row.name });
  }
  for (const [kind, rows] of [
    ['trigger', triggers],
    ['function', functions],
    ['policy', policies],
  ] as const) {
    for (const row of rows) unmodelled.push({ kind, ...withoutNulls(row) });
  }
  for (const { kind, ...row } of types) unmodelled.push({ kind, ...withoutNulls(row) });

  return {
    namespaces: namespaces.map((row) => row.name).sort(compareBytes),
    tables: [...byTable.values()].sort(bySchemaAndName),
    enums: enums.map((row) => ({ schema: row.schema, name: row.name, values: row.values })).sort(bySchemaAndName),
    views: views.sort(bySchemaAndName),
    extensions: extensions.sort(bySchemaAndName),
    sequences: sequences
      .map((row) => ({
        schema: row.schema,
        name: row.name,
        ownedBy: row.owner_table && row.owner_column ? { table: row.owner_table, column: row.owner_column } : null,
      }))
      .sort(bySchemaAndName),
    unmodelled: unmodelled.sort(compareUnmodelled),
  };
}

interface TableRow {
  oid: number;
  schema: string;
  name: string;
  rls: boolean;
}

interface ColumnRow {
  table_oid: number;
  name: string;
  position: number;
  nullable: boolean;
  type_name: string;
  type_schema: string;
  is_array: boolean;
  typmod: number;
  formatted_type: string;
  default_expr: string | null;
  generated_expr: string | null;
  identity: '' | 'a' | 'd';
}

interface ConstraintRow {
  table_oid: number;
  name: string;
  type: 'p' | 'f' | 'c' | 'x';
  columns: string[];
  referenced_schema: string | null;
  referenced_table: string | null;
  referenced_columns: string[];
  on_delete: string;
  on_update: string;
  deferrable: boolean;
  definition: string;
}

interface IndexRow {
  table_oid: number;
  name: string;
  unique: boolean;
  method: string;
  predicate: string | null;
  is_constraint: boolean;
  columns: { name: string | null; expression: string | null; descending: boolean; opclass: string | null }[];
}

interface SequenceRow {
  schema: string;
  name: string;
  owner_table: string | null;
  owner_column: string | null;
}

interface UnmodelledRow {
  schema: string;
  table?: string;
  name: string;
  definition: string | null;
}

function toColumn(row: ColumnRow): Column {
  const builtin = row.type_schema === 'pg_catalog';
  return {
    name: row.name,
    type: {
      name: row.type_name,
      ...(builtin ? {} : { schema: row.type_schema }),
      args: typeArgs(row.type_name, builtin, row.typmod, row.formatted_type),
      array: row.is_array,
    },
    nullable: row.nullable,
    default: row.default_expr,
    identity: row.identity === 'a' ? 'always' : row.identity === 'd' ? 'by default' : null,
    generated: row.generated_expr,
  };
}

function toPrimaryKey(row: ConstraintRow): PrimaryKey {
  return { name: row.name, columns: row.columns };
}

/** pg_constraint.confdeltype / confupdtype codes. */
const REFERENTIAL_ACTIONS: Record<string, ReferentialAction> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

function toReferentialAction(code: string): ReferentialAction {
  const action = REFERENTIAL_ACTIONS[code];
  if (!action) throw new Error(`unknown referential action code in pg_constraint: ${code}`);
  return action;
}

function toForeignKey(row: ConstraintRow): ForeignKey {
  return {
    name: row.name,
    columns: row.columns,
    referencedSchema: row.referenced_schema ?? '',
    referencedTable: row.referenced_table ?? '',
    referencedColumns: row.referenced_columns,
    onDelete: toReferentialAction(row.on_delete),
    onUpdate: toReferentialAction(row.on_update),
    deferrable: row.deferrable,
  };
}

function toIndex(row: IndexRow): Index {
  return {
    name: row.name,
    unique: row.unique,
    method: row.method,
    columns: row.columns.map(
      (column): IndexColumn => ({
        name: column.name,
        ...(column.expression === null ? {} : { expression: column.expression }),
        sort: column.descending ? 'DESC' : 'ASC',
        opclass: column.opclass,
      }),
    ),
    predicate: row.predicate,
    constraint: row.is_constraint,
  };
}

function withoutNulls<Row extends UnmodelledRow>(row: Row): Omit<UnmodelledObject, 'kind'> {
  return {
    schema: row.schema,
    ...(row.table === undefined ? {} : { table: row.table }),
    name: row.name,
    ...(row.definition === null ? {} : { definition: row.definition }),
  };
}

function byName(a: { name: string }, b: { name: string }): number {
  return compareBytes(a.name, b.name);
}

function bySchemaAndName(a: { schema: string; name: string }, b: { schema: string; name: string }): number {
  return compareBytes(a.schema, b.schema) || compareBytes(a.name, b.name);
}

/** Grouped by kind for reports, then by where the object lives. */
function compareUnmodelled(a: UnmodelledObject, b: UnmodelledObject): number {
  return (
    compareBytes(a.kind, b.kind) ||
    compareBytes(a.schema, b.schema) ||
    compareBytes(a.table ?? '', b.table ?? '') ||
    compareBytes(a.name, b.name)
  );
}
