import pg from 'pg';
import { introspect } from '../../src/introspect.js';
import type { DbSchema } from '../../src/model.js';
import { quoteIdent } from '../../src/db/quote.js';
import { expectSchema } from '../../src/prisma/expect.js';
import { SchemaError } from '../../src/prisma/errors.js';
import { parseSchema } from '../../src/prisma/parse.js';
import { prismaSqlFromEmpty, type SchemaFile } from './prisma-engine.js';
import { diffSchemas } from './schema-diff.js';

export type RoundTripResult =
  | { verdict: 'compared'; sql: string; expected: DbSchema; actual: DbSchema; differences: string[] }
  | { verdict: 'both-reject'; engineError: unknown; ours: SchemaError }
  /** Prisma accepts the schema but its DDL cannot run: two of the names it derives are one once cut to 63 bytes. */
  | { verdict: 'engine-ddl-fails'; sql: string; postgresError: Error }
  | { verdict: 'only-engine-rejects'; engineError: unknown };

/**
 * One database that schema after schema is created in from Prisma's own DDL and read back. Between
 * schemas every user namespace is dropped, which is much cheaper than a new database each time.
 */
export class RoundTrip {
  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<RoundTrip> {
    // Expressions print relative to the session: Prisma's search_path (the URL's schema) and UTC for timestamptz.
    const client = new pg.Client({ connectionString: url, options: '-c search_path=public -c TimeZone=UTC' });
    await client.connect();
    return new RoundTrip(client);
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  /**
   * Runs the engine's from-empty DDL for the schema (after `functions`, the SQL functions its defaults may
   * call, which only migrations define) and compares what PostgreSQL then holds with
   * `expectSchema`. When the engine refuses the schema, so must `expectSchema` (with a SchemaError).
   */
  async check(files: SchemaFile[], functions = ''): Promise<RoundTripResult> {
    let sql: string;
    try {
      sql = await prismaSqlFromEmpty(files);
    } catch (engineError) {
      const ours = attempt(() => expectSchema(parseSchema(files)));
      return ours instanceof SchemaError ? { verdict: 'both-reject', engineError, ours } : { verdict: 'only-engine-rejects', engineError };
    }
    const expected = expectSchema(parseSchema(files));
    await this.reset();
    for (const extension of extensionsUsedBy(files)) await this.client.query(`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(extension)}`);
    if (functions) await this.client.query(functions);
    try {
      await this.client.query(sql);
    } catch (error) {
      if (!NAME_TAKEN.has((error as { code?: string }).code ?? '')) throw error;
      return { verdict: 'engine-ddl-fails', sql, postgresError: error as Error };
    }
    const actual = await introspect(this.client, { schemas: expected.namespaces });
    return { verdict: 'compared', sql, expected, actual, differences: diffSchemas(expected, actual) };
  }

  /** Extensions the schema needs that this server cannot install. */
  async unavailableExtensions(files: SchemaFile[]): Promise<string[]> {
    const { rows } = await this.client.query<{ name: string }>(`SELECT name FROM pg_available_extensions`);
    const available = new Set(rows.map((row) => row.name));
    return extensionsUsedBy(files).filter((name) => !available.has(name));
  }

  private async reset(): Promise<void> {
    const { rows } = await this.client.query<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'`,
    );
    const drops = rows.map((row) => `DROP SCHEMA ${quoteIdent(row.name)} CASCADE;`).join('\n');
    await this.client.query(`${drops}\nCREATE SCHEMA public;`);
  }
}

/**
 * Extensions a schema relies on without necessarily declaring them (its migrations install them): a type,
 * an operator class or a function in a default. Prisma's from-empty DDL creates only declared ones, and
 * only under the postgresqlExtensions preview feature.
 */
export function extensionsUsedBy(files: SchemaFile[]): string[] {
  const text = files.map((file) => file.content).join('\n');
  return Object.entries(EXTENSION_USES)
    .filter(([, pattern]) => pattern.test(text))
    .map(([name]) => name);
}

/** duplicate_table (also raised for an index), duplicate_object (for a constraint). */
const NAME_TAKEN = new Set(['42P07', '42710']);

const EXTENSION_USES: Record<string, RegExp> = {
  citext: /@db\.Citext\b|Unsupported\("citext"\)/,
  pg_trgm: /Trgm|trgm_ops/,
  'uuid-ossp': /uuid_generate_v/,
  pgcrypto: /gen_random_bytes|\bcrypt\(|gen_salt/,
  vector: /Unsupported\("vector|\bvector\b|pgvector/,
};

function attempt(fn: () => unknown): unknown {
  try {
    fn();
    return null;
  } catch (error) {
    return error;
  }
}
