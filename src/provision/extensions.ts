import pg from 'pg';
import { quoteIdent } from '../db/quote.js';
import type { ExtensionCreation, ExtensionRequest } from '../apply/extension.js';

/**
 * Extensions the admin creates for a migration whose role may not (PostgreSQL 13+ lets a database owner
 * create the trusted ones itself; before 13 none are): they define types, functions and triggers inside the
 * database. Extensions that reach the server's files, other servers or other sessions' data (dblink,
 * postgres_fdw, file_fdw, adminpack, pageinspect, pg_buffercache, ...) are not here: a migration that needs
 * one fails with PostgreSQL's permission error.
 */
const ADMIN_EXTENSIONS = new Set([
  // contrib, trusted since PostgreSQL 13
  'btree_gin',
  'btree_gist',
  'citext',
  'cube',
  'dict_int',
  'fuzzystrmatch',
  'hstore',
  'intarray',
  'isn',
  'lo',
  'ltree',
  'pg_trgm',
  'pgcrypto',
  'seg',
  'tablefunc',
  'tcn',
  'tsm_system_rows',
  'tsm_system_time',
  'unaccent',
  'uuid-ossp',
  // contrib, not trusted but confined to the database
  'autoinc',
  'bloom',
  'dict_xsyn',
  'earthdistance',
  'insert_username',
  'intagg',
  'moddatetime',
  'refint',
  'pg_stat_statements',
  // common third-party ones
  'vector',
  'postgis',
  'postgis_raster',
  'postgis_topology',
  'postgis_sfcgal',
  'address_standardizer',
  'pgrouting',
  'h3',
  'h3_postgis',
  'timescaledb',
  'pg_partman',
  'pg_uuidv7',
  'pg_ivm',
  'hypopg',
  'pgaudit',
  'rum',
  'pg_jsonschema',
  'pg_hashids',
]);

/**
 * Creates an extension for a migration whose role may not, the way its statement asks for it, on `client`: an
 * admin session in the migration's database. Refused for extensions outside the list above, for a CASCADE
 * that would pull one in, and once `role` has defined functions or operators there.
 */
export async function createAsAdmin(
  client: pg.Client,
  role: string,
  request: ExtensionRequest,
  currentSchema: string | null,
): Promise<ExtensionCreation> {
  if (!ADMIN_EXTENSIONS.has(request.name)) return 'not-created';
  await client.query('BEGIN');
  // CREATE EXTENSION sets its script's own search_path (the target schema, then pg_temp), but this session's
  // queries would resolve names through one the database's owner may have set (ALTER DATABASE ... SET).
  await client.query('SET LOCAL search_path = pg_catalog, pg_temp');
  const control = (await client.query<{ schema: string | null; requires: string[] }>(CONTROL, [request.name, request.version])).rows[0];
  // An extension CASCADE would pull in and the admin may not create for a migration leaves the migration to
  // PostgreSQL's permission error.
  if (!control || (request.cascade && control.requires.some((name) => !ADMIN_EXTENSIONS.has(name)))) return 'not-created';
  const schema = request.schema ?? (control.schema === null ? currentSchema : null);
  if (schema === null && control.schema === null) return 'not-created';
  if ((await client.query(ROLE_CODE, [role])).rows.length > 0) return 'after-functions';
  // The role's own schema, as the migration would have created it: empty, so nothing in it for the script to call.
  if (request.createsSchema && schema !== null)
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)} AUTHORIZATION ${quoteIdent(role)}`);
  await client.query(createExtensionSql(request, schema));
  await client.query('COMMIT');
  return 'created';
}

/**
 * The control file's schema for the version asked for (the default one when none is), and every extension a
 * CASCADE would create for it: what it requires, what those require at their default versions, and so on.
 */
const CONTROL = `
  WITH RECURSIVE asked AS (
    SELECT v.schema::text, v.requires
      FROM pg_available_extension_versions v JOIN pg_available_extensions a ON a.name = v.name
     WHERE v.name = $1 AND v.version = coalesce($2, a.default_version)
  ), pulled(name) AS (
    SELECT unnest(requires) FROM asked
    UNION
    SELECT r.name
      FROM pulled p
      JOIN pg_available_extensions a ON a.name = p.name
      JOIN pg_available_extension_versions v ON v.name = a.name AND v.version = a.default_version,
           unnest(v.requires) AS r(name)
  )
  SELECT schema, ARRAY(SELECT name::text FROM pulled) AS requires FROM asked`;

/**
 * Functions (aggregates and procedures too) and operators the throwaway role defined, or gave to
 * pg_database_owner, which it is in its own database. An extension's install script runs as the superuser with
 * the target schema on its search_path, so an unqualified call in it could resolve to one of them
 * (CVE-2020-14350): with any of them there, the admin does not run one. Objects of extensions are not the role's code.
 */
const ROLE_CODE = `
  SELECT FROM pg_proc p
   WHERE pg_has_role($1::name, p.proowner, 'USAGE')
     AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  UNION ALL
  SELECT FROM pg_operator o
   WHERE pg_has_role($1::name, o.oprowner, 'USAGE')
     AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_operator'::regclass AND d.objid = o.oid AND d.deptype = 'e')
  LIMIT 1`;

/** The admin's CREATE EXTENSION for a migration's `request`, in `schema` (null: the one its control file names). */
export function createExtensionSql(request: ExtensionRequest, schema: string | null): string {
  return [
    `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(request.name)}`,
    schema !== null && `SCHEMA ${quoteIdent(schema)}`,
    request.version !== null && `VERSION ${pg.escapeLiteral(request.version)}`,
    request.cascade && 'CASCADE',
  ]
    .filter(Boolean)
    .join(' ');
}
