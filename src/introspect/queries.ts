/**
 * The catalog queries `introspect` runs: one per kind of object, each a plain SELECT over pg_catalog, so
 * introspection works inside a READ ONLY transaction and for a role that may read nothing but the catalogs.
 * Every query reads `$1`, the schemas to read (a text[]), or NULL for every user schema; introspect() writes
 * the list in as an expression. Ordering happens in TypeScript, byte-wise, so it does not depend on the
 * server's collation.
 */

/**
 * A user schema: PostgreSQL reserves the `pg_` prefix for its own schemas (pg_catalog, pg_toast, pg_temp_N,
 * pg_toast_temp_N), which leaves information_schema as the only other system one.
 */
function userNamespace(alias: string): string {
  return `${alias}.nspname !~ '^pg_' AND ${alias}.nspname <> 'information_schema'
    AND ($1::text[] IS NULL OR ${alias}.nspname = ANY ($1::text[]))`;
}

/** Objects that CREATE EXTENSION made belong to the extension, not to the project. */
function notFromExtension(catalog: string, oid: string): string {
  return `NOT EXISTS (
    SELECT FROM pg_catalog.pg_depend member
    WHERE member.classid = 'pg_catalog.${catalog}'::regclass AND member.objid = ${oid} AND member.deptype = 'e')`;
}

/** Tables Prisma can describe: plain and partitioned tables; partitions are part of their parent. */
const USER_TABLES = `tables AS (
  SELECT c.oid, n.nspname::text AS schema, c.relname::text AS name, c.relrowsecurity AS rls
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
    AND ${userNamespace('n')} AND ${notFromExtension('pg_class', 'c.oid')}
)`;

/** `select` over the `tables` the project's schemas hold. */
function overTables(select: string): string {
  return `WITH ${USER_TABLES}${select}`;
}

export const NAMESPACES = `
SELECT n.nspname::text AS name
FROM pg_catalog.pg_namespace n
WHERE ${userNamespace('n')} AND ${notFromExtension('pg_namespace', 'n.oid')}`;

export const TABLES = overTables(`
SELECT oid, schema, name, rls FROM tables`);

export const COLUMNS = overTables(`
SELECT
  a.attrelid AS table_oid,
  a.attname::text AS name,
  a.attnum AS position,
  NOT a.attnotnull AS nullable,
  element.typname::text AS type_name,
  element_ns.nspname::text AS type_schema,
  -- An array type, in the same way format_type decides it (int2vector and oidvector are not arrays).
  (t.typelem <> 0 AND t.typlen = -1 AND t.typstorage <> 'p') AS is_array,
  a.atttypmod AS typmod,
  pg_catalog.format_type(element.oid, a.atttypmod) AS formatted_type,
  CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END AS default_expr,
  CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END AS generated_expr,
  a.attidentity::text AS identity
FROM tables
JOIN pg_catalog.pg_attribute a ON a.attrelid = tables.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
JOIN pg_catalog.pg_type element
  ON element.oid = CASE WHEN t.typelem <> 0 AND t.typlen = -1 AND t.typstorage <> 'p' THEN t.typelem ELSE t.oid END
JOIN pg_catalog.pg_namespace element_ns ON element_ns.oid = element.typnamespace
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum`);

/** Names of `keys` (attribute numbers of `relation`) in key order. */
function columnNames(keys: string, relation: string): string {
  return `ARRAY(
    SELECT att.attname::text
    FROM unnest(${keys}) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_catalog.pg_attribute att ON att.attrelid = ${relation} AND att.attnum = k.attnum
    ORDER BY k.ord)`;
}

/**
 * Primary keys, foreign keys, CHECK and exclusion constraints. Unique constraints are read with the indexes
 * that back them. A foreign key that references a partitioned table also gets one clone per partition
 * (conparentid set); only the constraint the user wrote is kept.
 */
export const CONSTRAINTS = overTables(`
SELECT
  con.conrelid AS table_oid,
  con.conname::text AS name,
  con.contype::text AS type,
  ${columnNames('con.conkey', 'con.conrelid')} AS columns,
  ref_ns.nspname::text AS referenced_schema,
  ref.relname::text AS referenced_table,
  ${columnNames('con.confkey', 'con.confrelid')} AS referenced_columns,
  con.confdeltype::text AS on_delete,
  con.confupdtype::text AS on_update,
  con.condeferrable AS deferrable,
  pg_catalog.pg_get_constraintdef(con.oid) AS definition
FROM tables
JOIN pg_catalog.pg_constraint con ON con.conrelid = tables.oid
LEFT JOIN pg_catalog.pg_class ref ON ref.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace ref_ns ON ref_ns.oid = ref.relnamespace
WHERE con.contype IN ('p', 'f', 'c', 'x') AND (con.contype <> 'f' OR con.conparentid = 0)`);

/**
 * Indexes other than primary keys and exclusion constraints. Key columns (1..indnkeyatts) and INCLUDE
 * columns are read apart: the INCLUDE ones take no part in lookups or uniqueness and Prisma cannot declare
 * them, but its engine reads them as columns of the index. The operator class is kept only when it is not
 * the access method's default for the column's type.
 */
export const INDEXES = overTables(`
SELECT
  i.indrelid AS table_oid,
  ic.relname::text AS name,
  i.indisunique AS unique,
  am.amname::text AS method,
  pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
  EXISTS (
    SELECT FROM pg_catalog.pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype = 'u'
  ) AS is_constraint,
  (
    SELECT json_agg(json_build_object(
      'name', att.attname,
      'expression', CASE WHEN i.indkey[k.pos - 1] = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.pos, true) END,
      'descending', (i.indoption[k.pos - 1] & 1) = 1,
      'opclass', CASE WHEN NOT opc.opcdefault THEN opc.opcname END
    ) ORDER BY k.pos)
    FROM generate_series(1, i.indnkeyatts) AS k(pos)
    LEFT JOIN pg_catalog.pg_attribute att ON att.attrelid = i.indrelid AND att.attnum = i.indkey[k.pos - 1]
    JOIN pg_catalog.pg_opclass opc ON opc.oid = i.indclass[k.pos - 1]
  ) AS columns,
  ARRAY(
    SELECT att.attname::text
    FROM generate_series(i.indnkeyatts + 1, i.indnatts) AS k(pos)
    JOIN pg_catalog.pg_attribute att ON att.attrelid = i.indrelid AND att.attnum = i.indkey[k.pos - 1]
    ORDER BY k.pos
  ) AS include
FROM tables
JOIN pg_catalog.pg_index i ON i.indrelid = tables.oid
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE NOT i.indisprimary AND NOT i.indisexclusion`);

export const ENUMS = `
SELECT
  n.nspname::text AS schema,
  t.typname::text AS name,
  ARRAY(
    SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder
  ) AS values
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND ${userNamespace('n')} AND ${notFromExtension('pg_type', 't.oid')}`;

export const VIEWS = `
SELECT
  n.nspname::text AS schema,
  c.relname::text AS name,
  c.relkind = 'm' AS materialized,
  pg_catalog.pg_get_viewdef(c.oid) AS definition
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND ${userNamespace('n')} AND ${notFromExtension('pg_class', 'c.oid')}`;

/**
 * Extensions installed into a user schema. plpgsql, which every database has, lives in pg_catalog and is
 * left out like every other system object.
 */
export const EXTENSIONS = `
SELECT x.extname::text AS name, n.nspname::text AS schema, x.extversion AS version
FROM pg_catalog.pg_extension x
JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace
WHERE ${userNamespace('n')}`;

/** A sequence is owned by a column through OWNED BY (serial: deptype 'a') or an identity column ('i'). */
export const SEQUENCES = `
SELECT
  n.nspname::text AS schema,
  s.relname::text AS name,
  owner.relname::text AS owner_table,
  owner_column.attname::text AS owner_column
FROM pg_catalog.pg_class s
JOIN pg_catalog.pg_namespace n ON n.oid = s.relnamespace
LEFT JOIN pg_catalog.pg_depend owned
  ON owned.classid = 'pg_catalog.pg_class'::regclass AND owned.objid = s.oid
  AND owned.refclassid = 'pg_catalog.pg_class'::regclass AND owned.refobjsubid > 0
  AND owned.deptype IN ('a', 'i')
LEFT JOIN pg_catalog.pg_class owner ON owner.oid = owned.refobjid
LEFT JOIN pg_catalog.pg_attribute owner_column
  ON owner_column.attrelid = owned.refobjid AND owner_column.attnum = owned.refobjsubid
WHERE s.relkind = 'S' AND ${userNamespace('n')} AND ${notFromExtension('pg_class', 's.oid')}`;

/** Triggers a user wrote, on tables and views; internal ones implement foreign keys. */
export const TRIGGERS = `
SELECT
  n.nspname::text AS schema,
  c.relname::text AS table,
  t.tgname::text AS name,
  pg_catalog.pg_get_triggerdef(t.oid) AS definition
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND NOT c.relispartition
  AND ${userNamespace('n')} AND ${notFromExtension('pg_class', 'c.oid')}`;

/** Functions and procedures, named with their argument types because overloads share a name. */
export const FUNCTIONS = `
SELECT
  n.nspname::text AS schema,
  p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS name,
  pg_catalog.pg_get_functiondef(p.oid) AS definition
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p') AND ${userNamespace('n')} AND ${notFromExtension('pg_proc', 'p.oid')}`;

/** Row-level security policies, written back the way CREATE POLICY takes them. */
export const POLICIES = overTables(`
SELECT
  tables.schema,
  tables.name AS table,
  p.polname::text AS name,
  concat_ws(' ',
    CASE WHEN NOT p.polpermissive THEN 'AS RESTRICTIVE' END,
    'FOR ' || CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                            WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,
    'TO ' || ARRAY_TO_STRING(ARRAY(
      SELECT CASE WHEN role.oid = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END
      FROM unnest(p.polroles) AS role(oid)
      LEFT JOIN pg_catalog.pg_roles r ON r.oid = role.oid
      ORDER BY 1), ', '),
    'USING (' || pg_catalog.pg_get_expr(p.polqual, p.polrelid) || ')',
    'WITH CHECK (' || pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) || ')'
  ) AS definition
FROM tables
JOIN pg_catalog.pg_policy p ON p.polrelid = tables.oid`);

/** Domains and standalone composite types (CREATE TYPE ... AS (...)); tables' row types are not listed. */
export const TYPES = `
SELECT
  n.nspname::text AS schema,
  t.typname::text AS name,
  CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END AS kind,
  CASE t.typtype
    WHEN 'd' THEN concat_ws(' ',
      pg_catalog.format_type(t.typbasetype, t.typtypmod),
      'DEFAULT ' || t.typdefault,
      CASE WHEN t.typnotnull THEN 'NOT NULL' END,
      (SELECT string_agg(pg_catalog.pg_get_constraintdef(con.oid), ' ' ORDER BY con.conname)
       FROM pg_catalog.pg_constraint con WHERE con.contypid = t.oid AND con.contype = 'c'))
    ELSE '(' || (
      SELECT string_agg(quote_ident(att.attname) || ' ' || pg_catalog.format_type(att.atttypid, att.atttypmod), ', '
                        ORDER BY att.attnum)
      FROM pg_catalog.pg_attribute att
      WHERE att.attrelid = t.typrelid AND att.attnum > 0 AND NOT att.attisdropped) || ')'
  END AS definition
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
WHERE (t.typtype = 'd' OR (t.typtype = 'c' AND c.relkind = 'c'))
  AND ${userNamespace('n')} AND ${notFromExtension('pg_type', 't.oid')}`;
