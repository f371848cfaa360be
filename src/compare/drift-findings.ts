import type { DbObjectRef, Finding } from '../common/findings.js';
import type { Column, ForeignKey, Index, SourceLocation, Table } from '../common/model.js';
import { formatType } from '../common/model.js';
import { settingName } from '../common/setting-names.js';
import type { Change } from './changes.js';
import { fixSql } from './fix-sql.js';

/** Finds the migration.sql line that created an object only the migrations have. */
export type MigrationLocator = (object: DbObjectRef) => { location: SourceLocation; migration: string } | undefined;

type Wording = Omit<Finding, 'group' | 'severity'>;

/**
 * The drift findings of a diff: what schema.prisma and the migrations disagree on, in schema.prisma's
 * terms (models and fields), with the SQL a new migration needs. What only the migrations have points at
 * the migration that made it (`locate`); the rest at schema.prisma.
 */
export function driftFindings(changes: readonly Change[], locate: MigrationLocator = () => undefined): Finding[] {
  return changes.map((change): Finding => {
    const sql = fixSql(change);
    if (change.kind === 'missing-extension') {
      const name = change.extension.name;
      return {
        rule: 'drift/missing-extension',
        group: 'drift',
        severity: 'error',
        message: `schema.prisma enables the PostgreSQL extension \`${name}\`, the migrations never create it.`,
        object: change.object,
        sql,
      };
    }
    const finding = wordingOf(change, sql);
    const found = locatedByMigration(change) ? locate(change.object) : undefined;
    return {
      group: 'drift',
      severity: 'error',
      ...finding,
      ...(found && !finding.location ? { location: found.location, migration: found.migration } : {}),
    };
  });
}

/** Objects only the migrations have, and primary keys (which a join table's schema side has no line for). */
function locatedByMigration(change: Change): boolean {
  return change.kind.startsWith('extra-') || change.kind === 'primary-key';
}

function wordingOf(change: Exclude<Change, { kind: 'missing-extension' }>, sql: string | undefined): Wording {
  const rule = `drift/${change.kind}` as const;
  const object = change.object;
  switch (change.kind) {
    case 'missing-table': {
      const { table } = change;
      return {
        rule,
        message: `${modelLabel(table)}: schema.prisma has it, the migrations never create table \`${table.name}\`.`,
        location: table.source,
        model: table.model,
        object,
        sql,
      };
    }
    case 'extra-table':
      return {
        rule,
        message: `Table \`${change.table.name}\`: the migrations create it, schema.prisma has no model for it.`,
        object,
        sql,
        hint: 'Add the model to schema.prisma (`npx prisma db pull` can write it), or a migration that drops the table.',
      };
    case 'missing-column': {
      const { table, column } = change;
      return {
        rule,
        message: `${fieldLabel(table, column)}: schema.prisma has it, the migrations never create column \`${table.name}.${column.name}\`.`,
        location: column.source,
        model: table.model,
        object,
        sql,
      };
    }
    case 'extra-column':
      return {
        rule,
        message: `${modelLabel(change.table)}: the migrations create column \`${change.actualTable.name}.${change.column.name}\`, schema.prisma has no field for it.`,
        model: change.table.model,
        object,
        sql,
      };
    case 'column-type':
    case 'column-nullability':
    case 'column-default': {
      const { table, expected, actual } = change;
      const field = fieldLabel(table, expected);
      const message = {
        'column-type': () => `${field}: schema.prisma says ${formatType(expected.type)}, the migrations create ${formatType(actual.type)}.`,
        'column-nullability': () =>
          expected.nullable
            ? `${field}: optional in schema.prisma, NOT NULL in the migrations.`
            : `${field}: required in schema.prisma, nullable in the migrations.`,
        'column-default': () =>
          `${field}: schema.prisma's default is ${describeDefault(expected)}, the migrations' is ${describeDefault(actual)}.`,
      }[change.kind]();
      return { location: expected.source, model: table.model, object, rule, message, sql };
    }
    case 'primary-key': {
      const { table, expected, actual } = change;
      const describe = (pk: typeof expected) => (pk ? `\`${pk.name}\` on (${pk.columns.join(', ')})` : 'none');
      return {
        rule,
        message: `${modelLabel(table)}: schema.prisma's primary key is ${describe(expected)}, the migrations' is ${describe(actual)}.`,
        location: expected?.source ?? table.source,
        model: table.model,
        object,
        sql,
        ...(isJoinTable(table) ? { hint: manyToManyUpgrade() } : {}),
      };
    }
    case 'index-name':
    case 'foreign-key-name': {
      const { table, expected, actual } = change;
      const what =
        change.kind === 'index-name'
          ? `the index on (${columnList(change.expected)})`
          : `the foreign key ${describeForeignKey(change.expected)}`;
      return {
        ...onTable(table, expected.source, object),
        rule,
        message: `${modelLabel(table)}: schema.prisma names ${what} \`${expected.name}\`, the migrations name it \`${actual.name}\`.`,
        sql,
      };
    }
    case 'index-definition': {
      const { table, expected, actual } = change;
      return {
        ...onTable(table, expected.source, object),
        rule,
        message: `${modelLabel(table)}: index \`${expected.name}\` is ${describeIndex(expected)} in schema.prisma, ${describeIndex(actual)} in the migrations.`,
        sql,
        ...(recreatedOnEveryDiff(expected, actual) ? { hint: recreatedOnEveryDiff(expected, actual)! } : {}),
      };
    }
    case 'missing-index': {
      const { table, index } = change;
      return {
        ...onTable(table, index.source, object),
        rule,
        message: `${modelLabel(table)}: schema.prisma declares ${describeIndex(index)} \`${index.name}\`, the migrations never create it.`,
        sql,
      };
    }
    case 'extra-index': {
      const { table, index } = change;
      return {
        rule,
        message: `${modelLabel(table)}: the migrations create ${describeIndex(index)} \`${index.name}\`, schema.prisma does not declare it.`,
        model: table.model,
        object,
        sql,
        hint: isJoinTable(table)
          ? manyToManyUpgrade()
          : `Declare it in schema.prisma (\`@@${index.unique ? 'unique' : 'index'}([${columnList(index)}], map: "${index.name}")\`) or drop it in a migration.`,
      };
    }
    case 'foreign-key-definition': {
      const { table, expected, actual } = change;
      return {
        ...onTable(table, expected.source, object),
        rule,
        message: `${modelLabel(table)}: foreign key \`${expected.name}\` is ${describeForeignKey(expected)} in schema.prisma, ${describeForeignKey(actual)} in the migrations.`,
        sql,
      };
    }
    case 'missing-foreign-key': {
      const { table, foreignKey } = change;
      return {
        ...onTable(table, foreignKey.source, object),
        rule,
        message: `${modelLabel(table)}: schema.prisma's relation needs the foreign key ${describeForeignKey(foreignKey)} \`${foreignKey.name}\`, the migrations never create it.`,
        sql,
      };
    }
    case 'extra-foreign-key': {
      const { table, foreignKey } = change;
      return {
        rule,
        message: `${modelLabel(table)}: the migrations create the foreign key \`${foreignKey.name}\` ${describeForeignKey(foreignKey)}, schema.prisma has no relation for it.`,
        model: table.model,
        object,
        sql,
      };
    }
    case 'missing-enum':
      return {
        rule,
        message: `enum \`${change.enum.name}\`: schema.prisma has it, the migrations never create the type.`,
        location: change.enum.source,
        object,
        sql,
      };
    case 'extra-enum':
      return {
        rule,
        message: `Enum type \`${change.enum.name}\`: the migrations create it, schema.prisma has no enum for it.`,
        object,
        sql,
      };
    case 'missing-enum-value':
      return {
        rule,
        message: `enum \`${change.enum.name}\`: schema.prisma has the value \`${change.value}\`, the migrations never add it.`,
        location: change.enum.valueSources?.[change.value] ?? change.enum.source,
        object,
        sql,
      };
    case 'extra-enum-value':
      return {
        rule,
        message: `enum \`${change.enum.name}\`: the migrations add the value \`${change.value}\`, schema.prisma does not have it.`,
        location: change.enum.source,
        object,
        hint: 'Add the value to the enum in schema.prisma, or write a migration that recreates the type without it.',
      };
  }
}

/**
 * Indexes Prisma's engine drops and creates again on every `migrate diff`, whatever the migrations did: the
 * schema cannot say what its differ reads from the database. Null for an index it leaves alone.
 */
function recreatedOnEveryDiff(index: Index, replaced: Index): string | null {
  const accept = 'If the index is meant to be so, accept this finding in the baseline (`prisma-drift baseline`).';
  if (replaced.include?.length)
    return `schema.prisma cannot declare INCLUDE columns, and Prisma's engine reads them as columns of the index, so \`prisma migrate diff\` drops \`${replaced.name}\` and creates it again without them every time. ${accept}`;
  if (index.method === 'btree' && index.columns.some((c) => c.opclass))
    return `Prisma's engine does not read the operator class of a B-tree index back from the database, so an index whose \`ops:\` names one is dropped and created again by every \`prisma migrate diff\`. ${accept}`;
  return null;
}

/** Where a finding on one of a table's indexes or foreign keys points: its line, else the model's. */
function onTable(table: Table, source: SourceLocation | undefined, object: DbObjectRef) {
  return { location: source ?? table.source, model: table.model, object };
}

function modelLabel(table: Table): string {
  return table.model ? `model \`${table.model}\`` : `table \`${table.name}\``;
}

function fieldLabel(table: Table, column: Column): string {
  return `${modelLabel(table)}, field \`${column.field ?? column.name}\``;
}

function describeDefault(column: Column): string {
  if (column.identity) return `an identity (GENERATED ${column.identity.toUpperCase()})`;
  if (column.anyDefault) return 'dbgenerated() (any but a sequence)';
  return column.default ?? 'none';
}

/** An implicit many-to-many table: Prisma creates it for a relation, so no model declares it. */
function isJoinTable(table: Table): boolean {
  return table.model === undefined && table.name.startsWith('_');
}

/** Join tables are the one place a Prisma upgrade changes the database by itself: say which step it was. */
const manyToManyUpgrade = () =>
  'Prisma 6.0 replaced the unique index of implicit many-to-many tables (`_AB_unique`) with a primary key (`_AB_pkey`). ' +
  'If the project is on Prisma 6 or later, run `npx prisma migrate dev` once to generate that upgrade migration; ' +
  `if it is still on Prisma 5, set ${settingName('prisma-version')} to its version.`;

function columnList(index: Index): string {
  return index.columns.map((c) => c.name ?? c.expression).join(', ');
}

export function describeIndex(index: Index): string {
  const details = [
    index.method === 'btree' ? null : index.method.toUpperCase(),
    ...index.columns
      .filter((c) => c.sort === 'DESC' || c.opclass)
      .map((c) => `${c.name} ${[c.opclass, c.sort === 'DESC' ? 'DESC' : null].filter(Boolean).join(' ')}`),
  ].filter(Boolean);
  const where = index.predicate === null ? '' : ` WHERE ${index.predicate}`;
  const include = index.include?.length ? ` INCLUDE (${index.include.join(', ')})` : '';
  return `${index.unique ? 'a unique index' : 'an index'} on (${columnList(index)})${include}${details.length ? ` [${details.join(', ')}]` : ''}${where}`;
}

export function describeForeignKey(fk: ForeignKey): string {
  return `(${fk.columns.join(', ')}) → ${fk.referencedTable}(${fk.referencedColumns.join(', ')}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`;
}
