import { targetRuleOf } from '../common/catalogue.js';
import { applyMigrations } from '../apply/apply.js';
import type { Change } from '../compare/changes.js';
import { diffSchemas } from '../compare/diff.js';
import { describeForeignKey, describeIndex, type MigrationLocator } from '../compare/drift-findings.js';
import { fixSql } from '../compare/fix-sql.js';
import type { DbObjectRef, Finding } from '../common/findings.js';
import { introspect } from '../introspect/introspect.js';
import type { MigrationEntry } from '../locate/migrations.js';
import type { Column, DbSchema, PrimaryKey, Table } from '../common/model.js';
import { formatType } from '../common/model.js';
import { quoteIdent } from '../db/quote.js';
import { withScratchClient } from '../db/scratch.js';
import type { Provisioned } from '../provision/index.js';

export type ReplayResult = { ok: true; schema: DbSchema } | { ok: false; failure: Finding };

/**
 * Replays the migrations a target has applied on a throwaway database, under the search_path Prisma
 * gives them (the URL's schema), and reads back the database they alone would produce. The database is
 * dropped with the others when the server is closed.
 */
export async function replayApplied(
  provisioned: Provisioned,
  applied: MigrationEntry[],
  schema: string,
  relativePath: (file: string) => string,
  refused: ReadonlyMap<string, Finding> = new Map(),
): Promise<ReplayResult> {
  const database = await provisioned.createDatabase();
  return withScratchClient(database.url, async (client): Promise<ReplayResult> => {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(`SELECT set_config('search_path', $1, false)`, [quoteIdent(schema)]);
    const replay = await applyMigrations(client, applied, relativePath, {
      refused,
      createExtension: (request, currentSchema) => provisioned.createExtension(database.name, request, currentSchema),
    });
    if (replay.failure) return { ok: false, failure: replay.failure };
    return { ok: true, schema: await introspect(client) };
  });
}

/**
 * Diffs what a target's applied migrations produce (`replayed`) against the target itself, with the
 * matching of diffSchemas and wording of its own: an object only the target has is a change made by
 * hand, one only the migrations have was dropped by hand or never fully applied. Both sides are real
 * databases, so partial and expression indexes, which diffSchemas does not model, are left out of both.
 * `schema` is the URL's schema, compared even when the replay left it empty.
 */
export function compareWithTarget(
  environment: string,
  replayed: DbSchema,
  target: DbSchema,
  schema: string,
  locate: MigrationLocator = () => undefined,
): Finding[] {
  const scope = new Set([schema, ...replayed.tables.map((t) => t.schema), ...replayed.enums.map((e) => e.schema)]);
  const expected: DbSchema = { ...replayed, namespaces: [...scope], tables: replayed.tables.map(modelledOnly) };
  const actual: DbSchema = { ...target, tables: target.tables.map(modelledOnly) };
  return diffSchemas(expected, actual).map((change) => targetFinding(`\`${environment}\``, change, locate));
}

function modelledOnly(table: Table): Table {
  return { ...table, indexes: table.indexes.filter((index) => index.predicate === null && index.columns.every((c) => c.name !== null)) };
}

const HAND_MADE =
  'Someone changed the database by hand (a hotfix, a manual index). Put the change into a new migration and mark it applied on this database with `npx prisma migrate resolve --applied <name>`, or undo it in the database.';
const LOST =
  'A migration was only partly applied, or this was changed by hand afterwards. Restore it in the database, or write a migration that makes the same change so the history says what the database has.';

function targetFinding(environment: string, change: Change, locate: MigrationLocator): Finding {
  const { message, hint, sql } = describe(change);
  const found = change.kind.startsWith('extra-') ? undefined : locate(change.object);
  return {
    rule: targetRuleOf(`drift/${change.kind}`),
    group: 'target',
    severity: 'error',
    message: `${environment}: ${message}`,
    object: change.object,
    ...(found ? { location: found.location, migration: found.migration } : {}),
    ...(sql ? { sql } : {}),
    hint,
  };
}

/** The change in the live database's terms: the database is the actual side, the applied migrations the expected one. */
function describe(change: Change): { message: string; hint: string; sql?: string } {
  const what = label(change.object);
  const differs = (detail: string) => ({
    message: `${what} ${detail}.`,
    hint: `${HAND_MADE} If a migration was meant to change it, that migration never ran here.`,
  });
  switch (change.kind) {
    case 'missing-table':
    case 'missing-column':
    case 'missing-index':
    case 'missing-foreign-key':
    case 'missing-enum':
    case 'missing-enum-value':
    case 'missing-extension':
      return {
        message: `${what} is created by the migrations this database has applied, but the database does not have it.`,
        hint: LOST,
        sql: fixSql(change),
      };
    case 'extra-table':
    case 'extra-column':
    case 'extra-index':
    case 'extra-foreign-key':
    case 'extra-enum':
    case 'extra-enum-value':
      return { message: `${what} is in the database but in no migration it has applied.`, hint: HAND_MADE };
    case 'column-type':
    case 'column-nullability':
    case 'column-default': {
      const show = {
        'column-type': (c: Column) => formatType(c.type),
        'column-nullability': (c: Column) => (c.nullable ? 'nullable' : 'NOT NULL'),
        'column-default': (c: Column) => `default ${c.default ?? 'none'}`,
      }[change.kind];
      return differs(`is ${show(change.actual)} in the database, ${show(change.expected)} in the migrations`);
    }
    case 'primary-key':
      return differs(`is ${describeKey(change.actual)} in the database, ${describeKey(change.expected)} in the migrations`);
    case 'index-name':
    case 'foreign-key-name':
      return differs(`is named \`${change.actual.name}\` in the database`);
    case 'index-definition':
      return differs(`is ${describeIndex(change.actual)} in the database, ${describeIndex(change.expected)} in the migrations`);
    case 'foreign-key-definition':
      return differs(`is ${describeForeignKey(change.actual)} in the database, ${describeForeignKey(change.expected)} in the migrations`);
  }
}

function label(object: DbObjectRef): string {
  switch (object.kind) {
    case 'table':
      return `Table \`${object.name}\``;
    case 'column':
      return `Column \`${object.table}.${object.name}\``;
    case 'index':
      return `Index \`${object.name}\` on \`${object.table}\``;
    case 'foreign-key':
      return `Foreign key \`${object.name}\` on \`${object.table}\``;
    case 'primary-key':
      return `The primary key of \`${object.table}\``;
    case 'enum':
      return `Enum type \`${object.name}\``;
    case 'enum-value':
      return `Value \`${object.name}\` of enum \`${object.table}\``;
    case 'extension':
      return `Extension \`${object.name}\``;
    default:
      return `\`${object.name}\``;
  }
}

function describeKey(pk: PrimaryKey | null): string {
  return pk ? `\`${pk.name}\` on (${pk.columns.join(', ')})` : 'missing';
}
