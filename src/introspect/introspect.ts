import type pg from 'pg';
import { byName, bySchemaAndName, compareBytes } from '../common/order.js';
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
} from '../common/model.js';
import * as queries from './queries.js';
import { typeArgs } from './type-modifiers.js';

export interface IntrospectOptions {
  /** Read only these schemas; every user schema when absent. */
  schemas?: string[];
}

/**
 * Reads a PostgreSQL database into the DbSchema model from pg_catalog. It runs one query of a fixed number of
 * SELECTs (one per kind of object, however many tables there are) and writes nothing, so it can run inside a
 * READ ONLY transaction and as a role that can read only the catalogs.
 *
 * Expressions (defaults, generated columns, index predicates, view and trigger definitions) come out as
 * PostgreSQL prints them for this session: names in a schema on the session's search_path, and that the role
 * has USAGE on, are left unqualified (`'USER'::"Role"`), all others are schema-qualified
 * (`'USER'::public."Role"`). Connect with the search_path Prisma uses, the schema of the connection URL,
 * to read expressions as Prisma writes them.
 */
export async function introspect(client: pg.ClientBase, options: IntrospectOptions = {}): Promise<DbSchema> {
  // All of them in one simple query: one round trip instead of one per kind. A simple query takes no
  // parameters, so the schema list goes into the text, as quoted literals.
  const schemas = options.schemas ? `ARRAY[${options.schemas.map((name) => client.escapeLiteral(name)).join(', ')}]` : 'NULL';
  const kinds = [
    queries.NAMESPACES,
    queries.TABLES,
    queries.COLUMNS,
    queries.CONSTRAINTS,
    queries.INDEXES,
    queries.ENUMS,
    queries.VIEWS,
    queries.EXTENSIONS,
    queries.SEQUENCES,
    queries.TRIGGERS,
    queries.FUNCTIONS,
    queries.POLICIES,
    queries.TYPES,
  ];
  const results = (await client.query(kinds.map((sql) => sql.replaceAll('$1', schemas)).join(';\n'))) as unknown as pg.QueryResult[];
  const [namespaces, tables, columns, constraints, indexes, enums, views, extensions, sequences, triggers, functions, policies, types] =
    results.map((result) => result.rows) as [
      { name: string }[],
      TableRow[],
      ColumnRow[],
      ConstraintRow[],
      IndexRow[],
      { schema: string; name: string; values: string[] }[],
      { schema: string; name: string; materialized: boolean; definition: string }[],
      { schema: string; name: string; version: string }[],
      SequenceRow[],
      UnmodelledRow[],
      UnmodelledRow[],
      UnmodelledRow[],
      (UnmodelledRow & { kind: 'domain' | 'type' })[],
    ];

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
  include: string[];
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
    columns: row.columns.map((column): IndexColumn => ({
      name: column.name,
      ...(column.expression === null ? {} : { expression: column.expression }),
      sort: column.descending ? 'DESC' : 'ASC',
      opclass: column.opclass,
    })),
    predicate: row.predicate,
    constraint: row.is_constraint,
    ...(row.include.length ? { include: row.include } : {}),
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

/** Grouped by kind for reports, then by where the object lives. */
function compareUnmodelled(a: UnmodelledObject, b: UnmodelledObject): number {
  return (
    compareBytes(a.kind, b.kind) ||
    compareBytes(a.schema, b.schema) ||
    compareBytes(a.table ?? '', b.table ?? '') ||
    compareBytes(a.name, b.name)
  );
}
