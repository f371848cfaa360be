import type { Column, Enum, ForeignKey, Index, PrimaryKey, Table } from './model.js';
import { formatType } from './model.js';
import { quoteIdent } from './db/quote.js';

/**
 * The DDL a new migration would need, written the way `prisma migrate dev` writes it, so a reviewer can
 * recognise it and compare it with what the generated migration will contain.
 */

export function tableName(table: { schema: string; name: string }): string {
  return table.schema === 'public' ? quoteIdent(table.name) : `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}

export function columnDefinition(column: Column): string {
  const parts = [quoteIdent(column.name), formatType(column.type)];
  if (!column.nullable) parts.push('NOT NULL');
  if (column.default !== null) parts.push(`DEFAULT ${column.default}`);
  return parts.join(' ');
}

export function createTable(table: Table): string {
  const lines = table.columns.map((column) => `    ${columnDefinition(column)}`);
  if (table.primaryKey) lines.push(`\n    ${primaryKeyConstraint(table.primaryKey)}`);
  const indexes = table.indexes.map((index) => `\n${createIndex(table, index)}`).join('');
  return `CREATE TABLE ${tableName(table)} (\n${lines.join(',\n')}\n);${indexes}`;
}

function primaryKeyConstraint(pk: PrimaryKey): string {
  return `CONSTRAINT ${quoteIdent(pk.name)} PRIMARY KEY (${pk.columns.map(quoteIdent).join(', ')})`;
}

export function addPrimaryKey(table: Table, pk: PrimaryKey): string {
  return `ALTER TABLE ${tableName(table)} ADD ${primaryKeyConstraint(pk)};`;
}

export function dropConstraint(table: Table, name: string): string {
  return `ALTER TABLE ${tableName(table)} DROP CONSTRAINT ${quoteIdent(name)};`;
}

export function createIndex(table: Table, index: Index): string {
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

export function dropIndex(table: Table, index: Index): string {
  if (index.constraint) return dropConstraint(table, index.name);
  return `DROP INDEX ${table.schema === 'public' ? '' : `${quoteIdent(table.schema)}.`}${quoteIdent(index.name)};`;
}

export function addForeignKey(table: Table, fk: ForeignKey): string {
  const referenced = tableName({ schema: fk.referencedSchema, name: fk.referencedTable });
  return (
    `ALTER TABLE ${tableName(table)} ADD CONSTRAINT ${quoteIdent(fk.name)} FOREIGN KEY (${fk.columns.map(quoteIdent).join(', ')}) ` +
    `REFERENCES ${referenced}(${fk.referencedColumns.map(quoteIdent).join(', ')}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate};`
  );
}

export function createEnum(enumType: Enum): string {
  const values = enumType.values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ');
  return `CREATE TYPE ${tableName(enumType)} AS ENUM (${values});`;
}

export function addEnumValue(enumType: Enum, value: string): string {
  return `ALTER TYPE ${tableName(enumType)} ADD VALUE '${value.replaceAll("'", "''")}';`;
}
