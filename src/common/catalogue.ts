/**
 * Finding groups, the unit of `fail-on`:
 * - drift: schema.prisma and the migrated database disagree
 * - migration: a migration could not be replayed
 * - destructive, risk: static rules on the PR's new migrations
 * - lock: locks and rewrites measured while applying new migrations
 * - history: the migration history was edited, reordered or is malformed
 * - target: a live database differs from the repository
 */
export const GROUPS = ['drift', 'migration', 'destructive', 'risk', 'lock', 'history', 'target'] as const;
export type Group = (typeof GROUPS)[number];

export type Severity = 'error' | 'warning' | 'notice';

/**
 * Every rule the check can report, in one place: what it is called, what it fails by default, whether a
 * waiver comment or the baseline may accept it (and why not where not), and where it is documented. Reports
 * take rule metadata from here; acceptance (accept.ts) reads `waiver` and `baseline` from here and from
 * nowhere else. A rule's logic lives where its facts are read (the static rules in analyse/rules, one file
 * each; the measured ones in analyse/lock-rules, one file each; drift in compare/), its documentation in
 * docs/rules/<group>/<name>.md.
 */
export interface RuleInfo {
  id: string;
  group: Group;
  /** The severity of its findings unless the finding says otherwise (production's sizes may raise or lower it). */
  severity: Severity;
  /** One line: what the rule catches. */
  summary: string;
  /** `true` when a `-- prisma-drift-ignore` comment may accept it; otherwise why it may not. */
  waiver: true | string;
  /** `true` when the baseline file may accept it; otherwise why it may not. */
  baseline: true | string;
}

const MIGRATION_SQL = 'it is about one migration’s SQL: accept it where the SQL is, with a `-- prisma-drift-ignore` comment';
const NOT_A_STATEMENT = 'it is about schema.prisma and the whole history, not one statement: accept it in the baseline';
const DEPLOY_FAILS = '`prisma migrate deploy` fails on it too: there is nothing to accept, only something to fix';

const drift = <N extends string>(name: N, summary: string) =>
  ({ id: `drift/${name}` as `drift/${N}`, group: 'drift', severity: 'error', summary, waiver: NOT_A_STATEMENT, baseline: true }) as const;
const migration = <N extends string>(name: N, summary: string) =>
  ({
    id: `migration/${name}` as `migration/${N}`,
    group: 'migration',
    severity: 'error',
    summary,
    waiver: DEPLOY_FAILS,
    baseline: DEPLOY_FAILS,
  }) as const;
const statics = <G extends 'destructive' | 'risk', N extends string>(group: G, name: N, severity: Severity, summary: string) =>
  ({ id: `${group}/${name}` as `${G}/${N}`, group, severity, summary, waiver: true, baseline: MIGRATION_SQL }) as const;
const lock = <N extends string>(name: N, severity: Severity, summary: string) =>
  ({ id: `lock/${name}` as `lock/${N}`, group: 'lock', severity, summary, waiver: true, baseline: MIGRATION_SQL }) as const;
const HISTORY_FILES = 'it is about migration folders and their order, not a statement: accept it in the baseline';
const history = <N extends string>(name: N, severity: Severity, summary: string, baseline: true | string = true) =>
  ({ id: `history/${name}` as `history/${N}`, group: 'history', severity, summary, waiver: HISTORY_FILES, baseline }) as const;
const LIVE = 'it is about a live database, not a statement: accept it in the baseline, for one environment or all';
const target = <N extends string>(name: N, severity: Severity, summary: string) =>
  ({ id: `target/${name}` as `target/${N}`, group: 'target', severity, summary, waiver: LIVE, baseline: true }) as const;

/** The drift rules, by the name `target/<name>` repeats for a live database. */
const DRIFT = [
  drift('missing-table', 'schema.prisma has a model whose table the migrations never create.'),
  drift('extra-table', 'The migrations create a table schema.prisma has no model for.'),
  drift('missing-column', 'schema.prisma has a field whose column the migrations never create.'),
  drift('extra-column', 'The migrations create a column schema.prisma has no field for.'),
  drift('column-type', 'A column’s type differs from the type Prisma maps its field to.'),
  drift('column-nullability', 'A column is nullable where the field is required, or the other way round.'),
  drift('column-default', 'A column’s default differs from the field’s @default.'),
  drift('primary-key', 'A table’s primary key differs from the model’s @id or @@id.'),
  drift('missing-index', 'schema.prisma declares an index or unique constraint the migrations never create.'),
  drift('extra-index', 'The migrations create an index schema.prisma does not declare.'),
  drift('index-name', 'An index exists under another name than the one Prisma gives it.'),
  drift('index-definition', 'An index has other columns, order, uniqueness or method than schema.prisma declares.'),
  drift('missing-foreign-key', 'schema.prisma declares a relation whose foreign key the migrations never create.'),
  drift('extra-foreign-key', 'The migrations create a foreign key no relation in schema.prisma declares.'),
  drift('foreign-key-name', 'A foreign key exists under another name than the one Prisma gives it.'),
  drift('foreign-key-definition', 'A foreign key has other columns, referenced columns or actions than its relation.'),
  drift('missing-enum', 'schema.prisma has an enum whose type the migrations never create.'),
  drift('extra-enum', 'The migrations create an enum type schema.prisma does not have.'),
  drift('missing-enum-value', 'An enum in schema.prisma has a value its database type lacks.'),
  drift('extra-enum-value', 'An enum’s database type has a value schema.prisma does not list.'),
  drift('missing-extension', 'schema.prisma declares a PostgreSQL extension the migrations never create.'),
] as const;

type DriftName = (typeof DRIFT)[number]['id'] extends `drift/${infer N}` ? N : never;
type TargetDriftId = `target/${DriftName}`;

/** What each drift rule is about, for the sentence its live-database twin says. */
const DRIFT_OBJECTS: Record<DriftName, string> = {
  'missing-table': 'table',
  'extra-table': 'table',
  'missing-column': 'column',
  'extra-column': 'column',
  'column-type': 'column’s type',
  'column-nullability': 'column’s nullability',
  'column-default': 'column’s default',
  'primary-key': 'primary key',
  'missing-index': 'index',
  'extra-index': 'index',
  'index-name': 'index’s name',
  'index-definition': 'index’s definition',
  'missing-foreign-key': 'foreign key',
  'extra-foreign-key': 'foreign key',
  'foreign-key-name': 'foreign key’s name',
  'foreign-key-definition': 'foreign key’s definition',
  'missing-enum': 'enum type',
  'extra-enum': 'enum type',
  'missing-enum-value': 'enum value',
  'extra-enum-value': 'enum value',
  'missing-extension': 'extension',
};

const TARGET_DRIFT = DRIFT.map((rule): RuleInfo & { id: TargetDriftId } => {
  const name = rule.id.slice('drift/'.length) as DriftName;
  const object = DRIFT_OBJECTS[name];
  const a = /^[aeiou]/.test(object) ? 'an' : 'a';
  const summary = name.startsWith('missing-')
    ? `A live database lacks ${a} ${object} the migrations it applied create.`
    : name.startsWith('extra-')
      ? `A live database has ${a} ${object} no migration it applied creates.`
      : `A live database’s ${object} differs from what the migrations it applied build.`;
  return { ...target(name, 'error', summary), id: `target/${name}` };
});

const RULES = [
  ...DRIFT,
  migration('failed', 'A migration fails when replayed the way `prisma migrate deploy` runs it.'),
  migration('missing-extension', 'A migration needs a PostgreSQL extension the server running the check does not have.'),
  migration('missing-script', 'A migration folder has no migration.sql, so the replay stops there.'),
  migration('outside-database', 'A migration acts outside its own database: on the server, its files or other databases.'),
  migration('invalid-encoding', 'A migration.sql is not valid UTF-8.'),
  migration('timeout', 'A migration ran longer than the check allows.'),

  statics('destructive', 'drop-table', 'error', 'DROP TABLE of a table that existed before the pull request.'),
  statics('destructive', 'drop-schema', 'error', 'DROP SCHEMA of a schema that existed before the pull request.'),
  statics('destructive', 'drop-column', 'error', 'DROP COLUMN of a column that existed before the pull request.'),
  statics(
    'destructive',
    'rename-as-drop-add',
    'error',
    'A column dropped and another of the same type added: a rename that loses the data.',
  ),
  statics('destructive', 'type-change', 'error', 'ALTER COLUMN … TYPE with a conversion that can fail or lose data.'),
  statics('destructive', 'enum-value-removed', 'error', 'An existing enum recreated without some of its values.'),
  statics('destructive', 'primary-key-changed', 'warning', 'The primary key of an existing table dropped or replaced.'),
  statics('destructive', 'truncate', 'error', 'TRUNCATE of a table that existed before the pull request.'),
  statics('destructive', 'delete-without-where', 'error', 'DELETE without WHERE on a table that existed before the pull request.'),
  statics('destructive', 'drop-database', 'error', 'DROP DATABASE in a migration.'),

  statics(
    'risk',
    'set-not-null',
    'warning',
    'SET NOT NULL on an existing column: a full scan under ACCESS EXCLUSIVE, failing on any null.',
  ),
  statics('risk', 'required-column-without-default', 'error', 'ADD COLUMN … NOT NULL without a default on an existing table.'),
  statics('risk', 'unique-on-existing-table', 'warning', 'A unique index or constraint added to an existing table.'),
  statics('risk', 'constraint-without-not-valid', 'notice', 'A foreign key or check added to an existing table without NOT VALID.'),
  statics('risk', 'index-without-concurrently', 'warning', 'CREATE or DROP INDEX without CONCURRENTLY on an existing table.'),
  statics(
    'risk',
    'concurrently-in-transaction',
    'error',
    'CONCURRENTLY in a migration.sql that has other statements, so it runs in a transaction.',
  ),
  statics('risk', 'update-without-where', 'warning', 'UPDATE without WHERE on a table that existed before the pull request.'),
  statics('risk', 'rename-column', 'notice', 'RENAME COLUMN on an existing table: the running release still uses the old name.'),
  statics('risk', 'rename-table', 'notice', 'RENAME of an existing table: the running release still uses the old name.'),
  {
    ...statics('risk', 'unparsable-sql', 'warning', 'The SQL parser rejects a new migration, so no static rule could check it.'),
    waiver: 'a waiver is a comment the parser reads; in a file it rejects, no comment can be read',
  },
  {
    ...statics('risk', 'invalid-waiver', 'warning', 'A `-- prisma-drift-ignore` comment that cannot be honoured.'),
    waiver: 'the waiver itself is what needs fixing',
  },

  lock('access-exclusive', 'warning', 'A statement takes ACCESS EXCLUSIVE on an existing table and rewrites it.'),
  lock('rewrite', 'warning', 'A statement rewrites an existing table the migration already holds ACCESS EXCLUSIVE on.'),
  lock('share', 'warning', 'A statement takes a lock that blocks writes on an existing table for as long as it runs.'),
  lock('failed-on-data', 'warning', 'A statement fails on rows seeded into the existing tables.'),
  lock('no-lock-timeout', 'notice', 'A statement waits for ACCESS EXCLUSIVE on an existing table with no lock_timeout set.'),

  history('edited', 'error', 'A migration that is already merged was changed.'),
  history('deleted', 'error', 'A migration that is already merged was deleted.'),
  history('renamed', 'error', 'A migration that is already merged was renamed.'),
  history('out-of-order', 'warning', 'A new migration sorts before one that is already merged.'),
  history('duplicate-timestamp', 'warning', 'A new migration has the same timestamp as another.'),
  history('missing-sql', 'error', 'A migration folder has no migration.sql.', DEPLOY_FAILS),
  history('empty-migration', 'notice', 'A new migration contains no SQL statement.'),
  history('lock-missing', 'warning', 'prisma/migrations has no migration_lock.toml.'),
  history('lock-edited', 'warning', 'migration_lock.toml was changed.'),
  history('lock-provider', 'error', 'migration_lock.toml names a provider other than postgresql.', DEPLOY_FAILS),

  target('unapplied', 'notice', 'A live database has not applied some of the repository’s migrations yet.'),
  target('failed', 'error', 'A live database has a failed migration that blocks `prisma migrate deploy`.'),
  target('rolled-back', 'notice', 'A live database has a migration marked rolled back, which deploy will apply again.'),
  target('edited', 'warning', 'A migration a live database applied was changed since.'),
  target('missing-locally', 'warning', 'A live database applied a migration the repository does not have.'),
  target('no-migrations-table', 'error', 'A live database has tables but no `_prisma_migrations` table.'),
  target('unreachable', 'error', 'The check could not connect to a live database.'),
  target('unreadable', 'error', 'The check connected to a live database but could not read it.'),
  target('replay-failed', 'warning', 'The migrations a live database applied could not be replayed, so its schema was not compared.'),
  ...TARGET_DRIFT,
] as const;

/** A rule id, `<group>/<name>`: only ids in the catalogue type-check as a finding's rule. */
export type RuleId = (typeof RULES)[number]['id'];

export const CATALOGUE: ReadonlyMap<RuleId, RuleInfo> = new Map(RULES.map((rule) => [rule.id, rule]));

/** The catalogue's rules in its order: by group, as the reports list groups. */
export const RULE_IDS: readonly RuleId[] = RULES.map((rule) => rule.id);

export function isRuleId(id: string): id is RuleId {
  return CATALOGUE.has(id as RuleId);
}

export function ruleInfo(id: RuleId): RuleInfo {
  return CATALOGUE.get(id)!;
}

/** The target rule that reports a drift rule's difference in a live database. */
export function targetRuleOf(id: RuleId): RuleId {
  const mirrored = `target/${id.slice(id.indexOf('/') + 1)}`;
  if (!id.startsWith('drift/') || !isRuleId(mirrored)) throw new Error(`no target rule mirrors ${id}`);
  return mirrored;
}

/** The rule's documentation page, relative to the repository root. */
export function docPath(id: RuleId): string {
  return `docs/rules/${id}.md`;
}

/**
 * Where the documentation pages are read on the web: the repository's default branch, so a link from any
 * version of the check opens a page that exists.
 */
export const DOCS_BASE_URL = 'https://github.com/org/prisma-drift-action/blob/main/';

export function docUrl(id: RuleId): string {
  return `${DOCS_BASE_URL}${docPath(id)}`;
}
