import { quoteIdent } from '../db/quote.js';

/**
 * The database schema as plain data. Both sides of the comparison speak it: `introspect` reads it from
 * pg_catalog, `prisma/expect` derives it from schema.prisma. Names are exactly as PostgreSQL stores them
 * (case-sensitive, unquoted); lists are in a stable order (tables/enums by schema+name, columns by
 * position) so two models can be diffed and printed deterministically.
 */

/** Where something is written: a schema.prisma line or a migration.sql line. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface DbSchema {
  /** Non-system schemas (namespaces) that exist or that the schema declares. */
  namespaces: string[];
  tables: Table[];
  enums: Enum[];
  views: View[];
  extensions: Extension[];
  sequences: Sequence[];
  /** Objects Prisma does not model. Listed in reports, never drift. */
  unmodelled: UnmodelledObject[];
  /**
   * Expected side: schema.prisma enables the `partialIndexes` preview feature, under which Prisma reads and
   * compares partial indexes; without it, it leaves them alone.
   */
  partialIndexes?: true;
}

export interface Table {
  schema: string;
  name: string;
  columns: Column[];
  primaryKey: PrimaryKey | null;
  /** Every index, including those that back unique constraints; not the primary key's index. */
  indexes: Index[];
  foreignKeys: ForeignKey[];
  source?: SourceLocation;
  /** The Prisma model this table comes from, when known (expected side). */
  model?: string;
}

/**
 * A column type in PostgreSQL's own terms: `name` is the element type's pg_type.typname (`int4`, `varchar`,
 * `timestamptz`, `numeric`, or an enum's name), `schema` is set for user-defined types (enums, domains,
 * extension types such as citext), `args` are the decoded type modifiers (`varchar(191)` → [191],
 * `numeric(65,30)` → [65, 30], `timestamp(3)` → [3]) and `array` is true for one-dimensional arrays.
 */
export interface ColumnType {
  name: string;
  schema?: string;
  args: number[];
  array: boolean;
}

export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
  /** The default as PostgreSQL prints it (`pg_get_expr`), e.g. `'USER'::"Role"`, `nextval('"User_id_seq"'::regclass)`. */
  default: string | null;
  identity: 'always' | 'by default' | null;
  /** Expression of a GENERATED ALWAYS AS (...) STORED column. */
  generated: string | null;
  /**
   * Expected side: `@default(dbgenerated())` without an expression. Prisma then creates no default and accepts
   * whatever default the database has, so `default` is null and is not compared.
   */
  anyDefault?: true;
  source?: SourceLocation;
  /** The Prisma field this column comes from, when known (expected side). */
  field?: string;
}

export interface PrimaryKey {
  name: string;
  columns: string[];
  source?: SourceLocation;
}

export type SortOrder = 'ASC' | 'DESC';

export interface IndexColumn {
  /** Column name, or null for an expression. */
  name: string | null;
  /** Expression text (`pg_get_indexdef` column form) when `name` is null. */
  expression?: string;
  sort: SortOrder;
  /** Non-default operator class only (`gin_trgm_ops`, `jsonb_path_ops`); null for the type's default. */
  opclass: string | null;
}

export type IndexMethod = 'btree' | 'hash' | 'gist' | 'gin' | 'spgist' | 'brin' | (string & {});

export interface Index {
  name: string;
  unique: boolean;
  method: IndexMethod;
  columns: IndexColumn[];
  /** WHERE clause of a partial index: as pg_get_expr prints it, or on the expected side as schema.prisma's `where:` gives it. */
  predicate: string | null;
  /** True when the index backs a UNIQUE constraint rather than being a plain CREATE UNIQUE INDEX. */
  constraint: boolean;
  /** Columns of `INCLUDE (...)`, which a schema cannot declare; absent when there are none. */
  include?: string[];
  source?: SourceLocation;
}

export type ReferentialAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

export interface ForeignKey {
  name: string;
  columns: string[];
  referencedSchema: string;
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
  deferrable: boolean;
  source?: SourceLocation;
}

export interface Enum {
  schema: string;
  name: string;
  values: string[];
  source?: SourceLocation;
  /** Schema-side only: where each value is declared, keyed by database value. */
  valueSources?: Record<string, SourceLocation>;
}

export interface View {
  schema: string;
  name: string;
  materialized: boolean;
  definition: string;
}

export interface Extension {
  name: string;
  schema: string;
  version: string;
}

export interface Sequence {
  schema: string;
  name: string;
  /** Table and column of a sequence owned by a column (serial / autoincrement()). */
  ownedBy: { table: string; column: string } | null;
}

export interface UnmodelledObject {
  kind: 'check' | 'trigger' | 'function' | 'policy' | 'row-level-security' | 'exclusion' | 'domain' | 'type';
  schema: string;
  table?: string;
  name: string;
  definition?: string;
}

export function emptySchema(): DbSchema {
  return { namespaces: [], tables: [], enums: [], views: [], extensions: [], sequences: [], unmodelled: [] };
}

/** `"schema"."name"` key used to match objects of the two sides. */
export function qualifiedKey(schema: string, name: string): string {
  return `${schema}.${name}`;
}

/** A type as SQL would write it: `VARCHAR(191)`, `TIMESTAMP(3)`, `"Role"[]`. */
export function formatType(type: ColumnType): string {
  const base = SQL_TYPE_NAMES[type.name] ?? (type.schema ? quoteIdent(type.name) : type.name);
  const args = type.args.length ? `(${type.args.join(',')})` : '';
  return `${base}${args}${type.array ? '[]' : ''}`;
}

const SQL_TYPE_NAMES: Record<string, string> = {
  int2: 'SMALLINT',
  int4: 'INTEGER',
  int8: 'BIGINT',
  float4: 'REAL',
  float8: 'DOUBLE PRECISION',
  numeric: 'DECIMAL',
  bool: 'BOOLEAN',
  text: 'TEXT',
  varchar: 'VARCHAR',
  bpchar: 'CHAR',
  timestamp: 'TIMESTAMP',
  timestamptz: 'TIMESTAMPTZ',
  date: 'DATE',
  time: 'TIME',
  timetz: 'TIMETZ',
  jsonb: 'JSONB',
  json: 'JSON',
  uuid: 'UUID',
  bytea: 'BYTEA',
  xml: 'XML',
  inet: 'INET',
  bit: 'BIT',
  varbit: 'VARBIT',
  money: 'MONEY',
  oid: 'OID',
  citext: 'CITEXT',
};
