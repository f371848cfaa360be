import { targetRuleOf } from '../catalogue.js';
import { applyMigrations } from '../apply.js';
import type { MigrationLocator } from '../compare.js';
import { compareSchemas, describeForeignKey, describeIndex } from '../compare.js';
import type { DbObjectRef, Finding } from '../findings.js';
import { introspect } from '../introspect.js';
import type { MigrationEntry } from '../migrations.js';
import type { Column, DbSchema, Index, PrimaryKey, Table } from '../model.js';
import { formatType, qualifiedKey } from '../model.js';
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
      createExtension: (name) => provisioned.createExtension(database.name, name),
    });
    if (replay.failure) return { ok: false, failure: replay.failure };
    return { ok: true, schema: await introspect(client) };
  });
}

/**
 * Diffs what a target's applied migrations produce (`replayed`) against the target itself, with the
 * matching of compareSchemas and wording of its own: an object only the target has is a change made by
 * hand, one only the migrations have was dropped by hand or never fully applied. Both sides are real
 * databases, so partial and expression indexes, which compareSchemas does not model, are left out of both.
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
  const wording = new Wording(`\`${environment}\``, expected, actual, locate);
  return compareSchemas(expected, actual).map((finding) => wording.reword(finding));
}

function modelledOnly(table: Table): Table {
  return { ...table, indexes: table.indexes.filter((index) => index.predicate === null && index.columns.every((c) => c.name !== null)) };
}

const HAND_MADE =
  'Someone changed the database by hand (a hotfix, a manual index). Put the change into a new migration and mark it applied on this database with `npx prisma migrate resolve --applied <name>`, or undo it in the database.';
const LOST =
  'A migration was only partly applied, or this was changed by hand afterwards. Restore it in the database, or write a migration that makes the same change so the history says what the database has.';

class Wording {
  constructor(
    private readonly env: string,
    private readonly replayed: DbSchema,
    private readonly target: DbSchema,
    private readonly locate: MigrationLocator,
  ) {}

  reword(finding: Finding): Finding {
    const kind = finding.rule.slice(finding.rule.indexOf('/') + 1);
    const object = finding.object!;
    const { message, hint, sql } = this.describe(kind, object, finding);
    const found = kind.startsWith('extra-') ? undefined : this.locate(object);
    return {
      rule: targetRuleOf(finding.rule),
      group: 'target',
      severity: finding.severity,
      message: `${this.env}: ${message}`,
      object,
      ...(found ? { location: found.location, migration: found.migration } : {}),
      ...(sql ? { sql } : {}),
      hint,
    };
  }

  private describe(kind: string, object: DbObjectRef, finding: Finding): { message: string; hint: string; sql?: string } {
    const what = label(object);
    if (kind.startsWith('missing-')) {
      return { message: `${what} is created by the migrations this database has applied, but the database does not have it.`, hint: LOST, sql: finding.sql };
    }
    if (kind.startsWith('extra-')) {
      return { message: `${what} is in the database but in no migration it has applied.`, hint: HAND_MADE };
    }
    const [want, have] = [this.table(this.replayed, object), this.table(this.target, object)];
    const differs = (detail: string) => ({ message: `${what} ${detail}.`, hint: `${HAND_MADE} If a migration was meant to change it, that migration never ran here.` });
    switch (kind) {
      case 'column-type':
      case 'column-nullability':
      case 'column-default': {
        const [a, b] = [column(want, object), column(have, object)];
        const show = { 'column-type': (c: Column) => formatType(c.type), 'column-nullability': (c: Column) => (c.nullable ? 'nullable' : 'NOT NULL'), 'column-default': (c: Column) => `default ${c.default ?? 'none'}` }[kind];
        return differs(`is ${show(b)} in the database, ${show(a)} in the migrations`);
      }
      case 'primary-key':
        return differs(`is ${describeKey(have?.primaryKey ?? null)} in the database, ${describeKey(want?.primaryKey ?? null)} in the migrations`);
      case 'index-name': {
        const index = want?.indexes.find((i) => i.name === object.name);
        const renamed = index && have?.indexes.find((i) => sameColumns(i, index) && !want?.indexes.some((w) => w.name === i.name));
        return differs(`is named \`${renamed?.name ?? '?'}\` in the database`);
      }
      case 'index-definition': {
        const [a, b] = [want?.indexes.find((i) => i.name === object.name), have?.indexes.find((i) => i.name === object.name)];
        return differs(`is ${b ? describeIndex(b) : '?'} in the database, ${a ? describeIndex(a) : '?'} in the migrations`);
      }
      case 'foreign-key-name': {
        const fk = want?.foreignKeys.find((f) => f.name === object.name);
        const renamed = fk && have?.foreignKeys.find((f) => f.columns.join() === fk.columns.join() && !want?.foreignKeys.some((w) => w.name === f.name));
        return differs(`is named \`${renamed?.name ?? '?'}\` in the database`);
      }
      case 'foreign-key-definition': {
        const [a, b] = [want?.foreignKeys.find((f) => f.name === object.name), have?.foreignKeys.find((f) => f.name === object.name)];
        return differs(`is ${b ? describeForeignKey(b) : '?'} in the database, ${a ? describeForeignKey(a) : '?'} in the migrations`);
      }
      default:
        return differs(`differs from the migrations: ${finding.message}`);
    }
  }

  private table(schema: DbSchema, object: DbObjectRef): Table | undefined {
    const key = qualifiedKey(object.schema ?? 'public', object.table ?? object.name);
    return schema.tables.find((table) => qualifiedKey(table.schema, table.name) === key);
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

function column(table: Table | undefined, object: DbObjectRef): Column {
  const found = table?.columns.find((c) => c.name === object.column);
  if (!found) throw new Error(`compareSchemas reported a column the schemas do not have: ${object.table}.${object.column}`);
  return found;
}

function describeKey(pk: PrimaryKey | null): string {
  return pk ? `\`${pk.name}\` on (${pk.columns.join(', ')})` : 'missing';
}

function sameColumns(a: Index, b: Index): boolean {
  return a.columns.map((c) => c.name).join() === b.columns.map((c) => c.name).join();
}
