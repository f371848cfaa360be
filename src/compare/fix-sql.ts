import { quoteIdent } from '../db/quote.js';
import type { Column, Enum, ForeignKey, Index, PrimaryKey, Table } from '../common/model.js';
import { formatType } from '../common/model.js';
import type { Change } from './changes.js';

/**
 * The DDL a new migration would need to make the database what schema.prisma says, written the way
 * `prisma migrate dev` writes it, so a reviewer can recognise it and compare it with what the generated
 * migration will contain. None for an enum value the migrations add: PostgreSQL cannot drop one.
 */
export function fixSql(change: Change): string | undefined {
  switch (change.kind) {
    case 'missing-table':
      return createTable(change.table);
    case 'extra-table':
      return `DROP TABLE ${tableName(change.table)};`;
    case 'missing-column':
      return `ALTER TABLE ${tableName(change.table)} ADD COLUMN ${columnDefinition(change.column)};`;
    case 'extra-column':
      return `ALTER TABLE ${tableName(change.actualTable)} DROP COLUMN ${quoteIdent(change.column.name)};`;
    case 'column-type':
      return `${alterColumn(change.table, change.expected)} SET DATA TYPE ${formatType(change.expected.type)};`;
    case 'column-nullability':
      return `${alterColumn(change.table, change.expected)} ${change.expected.nullable ? 'DROP' : 'SET'} NOT NULL;`;
    case 'column-default':
      return `${alterColumn(change.table, change.expected)} ${change.expected.default === null ? 'DROP DEFAULT' : `SET DEFAULT ${change.expected.default}`};`;
    case 'primary-key': {
      const { table, actualTable, expected, actual } = change;
      if (change.replaced) {
        return [actual ? dropConstraint(actualTable, actual.name) : null, expected ? addPrimaryKey(table, expected) : null]
          .filter(Boolean)
          .join('\n');
      }
      return `ALTER TABLE ${tableName(table)} RENAME CONSTRAINT ${quoteIdent(actual!.name)} TO ${quoteIdent(expected!.name)};`;
    }
    case 'index-name':
      return `ALTER INDEX ${quoteIdent(change.actual.name)} RENAME TO ${quoteIdent(change.expected.name)};`;
    case 'index-definition':
      return `${dropIndex(change.actualTable, change.actual)}\n${createIndex(change.table, change.expected)}`;
    case 'missing-index':
      return createIndex(change.table, change.index);
    case 'extra-index':
      return dropIndex(change.actualTable, change.index);
    case 'foreign-key-name':
      return `ALTER TABLE ${tableName(change.table)} RENAME CONSTRAINT ${quoteIdent(change.actual.name)} TO ${quoteIdent(change.expected.name)};`;
    case 'foreign-key-definition':
      return `${dropConstraint(change.actualTable, change.actual.name)}\n${addForeignKey(change.table, change.expected)}`;
    case 'missing-foreign-key':
      return addForeignKey(change.table, change.foreignKey);
    case 'extra-foreign-key':
      return dropConstraint(change.actualTable, change.foreignKey.name);
    case 'missing-enum':
      return createEnum(change.enum);
    case 'extra-enum':
      return `DROP TYPE ${tableName(change.enum)};`;
    case 'missing-enum-value':
      return addEnumValue(change.enum, change.value);
    case 'extra-enum-value':
      return undefined;
    case 'missing-extension':
      return `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(change.extension.name)};`;
  }
}

function alterColumn(table: Table, column: Column): string {
  return `ALTER TABLE ${tableName(table)} ALTER COLUMN ${quoteIdent(column.name)}`;
}

function tableName(table: { schema: string; name: string }): string {
  return table.schema === 'public' ? quoteIdent(table.name) : `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}

function columnDefinition(column: Column): string {
  const parts = [quoteIdent(column.name), formatType(column.type)];
  if (!column.nullable) parts.push('NOT NULL');
  if (column.default !== null) parts.push(`DEFAULT ${column.default}`);
  return parts.join(' ');
}

function createTable(table: Table): string {
  const lines = table.columns.map((column) => `    ${columnDefinition(column)}`);
  if (table.primaryKey) lines.push(`\n    ${primaryKeyConstraint(table.primaryKey)}`);
  const indexes = table.indexes.map((index) => `\n${createIndex(table, index)}`).join('');
  return `CREATE TABLE ${tableName(table)} (\n${lines.join(',\n')}\n);${indexes}`;
}

function primaryKeyConstraint(pk: PrimaryKey): string {
  return `CONSTRAINT ${quoteIdent(pk.name)} PRIMARY KEY (${pk.columns.map(quoteIdent).join(', ')})`;
}

function addPrimaryKey(table: Table, pk: PrimaryKey): string {
  return `ALTER TABLE ${tableName(table)} ADD ${primaryKeyConstraint(pk)};`;
}

function dropConstraint(table: Table, name: string): string {
  return `ALTER TABLE ${tableName(table)} DROP CONSTRAINT ${quoteIdent(name)};`;
}

function createIndex(table: Table, index: Index): string {
  const columns = index.columns
    .map((column) =>
      [column.name === null ? `(${column.expression})` : quoteIdent(column.name), column.opclass, column.sort === 'DESC' ? 'DESC' : null]
        .filter(Boolean)
        .join(' '),
    )
    .join(', ');
  const using = index.method === 'btree' ? '' : ` USING ${index.method.toUpperCase()}`;
  const where = index.predicate === null ? '' : ` WHERE (${index.predicate})`;
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(index.name)} ON ${tableName(table)}${using}(${columns})${where};`;
}

function dropIndex(table: Table, index: Index): string {
  if (index.constraint) return dropConstraint(table, index.name);
  return `DROP INDEX ${table.schema === 'public' ? '' : `${quoteIdent(table.schema)}.`}${quoteIdent(index.name)};`;
}

function addForeignKey(table: Table, fk: ForeignKey): string {
  const referenced = tableName({ schema: fk.referencedSchema, name: fk.referencedTable });
  return (
    `ALTER TABLE ${tableName(table)} ADD CONSTRAINT ${quoteIdent(fk.name)} FOREIGN KEY (${fk.columns.map(quoteIdent).join(', ')}) ` +
    `REFERENCES ${referenced}(${fk.referencedColumns.map(quoteIdent).join(', ')}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate};`
  );
}

function createEnum(enumType: Enum): string {
  const values = enumType.values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ');
  return `CREATE TYPE ${tableName(enumType)} AS ENUM (${values});`;
}

function addEnumValue(enumType: Enum, value: string): string {
  return `ALTER TYPE ${tableName(enumType)} ADD VALUE '${value.replaceAll("'", "''")}';`;
}
