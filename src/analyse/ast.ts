import { quoteIdent } from '../db/quote.js';
import type { Node, RangeVar, TypeName } from 'libpg-query';
import type { ColumnType } from '../model.js';

/** A table as a statement names it, resolved against the migration's default schema. */
export interface TableName {
  schema: string;
  name: string;
}

export function tableKey(table: TableName): string {
  return `${table.schema}.${table.name}`;
}

export function tableOf(relation: RangeVar | undefined, defaultSchema: string): TableName | null {
  if (!relation?.relname) return null;
  return { schema: relation.schemaname ?? defaultSchema, name: relation.relname };
}

/** The strings of a `List` or a bare `String` node: qualified names like `"s"."t"`. */
export function nameParts(node: Node | undefined): string[] {
  if (!node) return [];
  if ('String' in node) return [node.String.sval ?? ''];
  if ('List' in node) return (node.List.items ?? []).flatMap(nameParts);
  if ('TypeName' in node) return (node.TypeName.names ?? []).flatMap(nameParts);
  return [];
}

/** `["s", "t"]` or `["t"]` as a schema-qualified name. */
export function qualified(parts: string[], defaultSchema: string): TableName | null {
  const name = parts.at(-1);
  if (name === undefined) return null;
  return { schema: parts.length > 1 ? parts.at(-2)! : defaultSchema, name };
}

/**
 * A type as the parser spells it, in the terms of the data model: the grammar maps SQL keywords to
 * `pg_catalog.<typname>` (INTEGER → int4, VARCHAR → varchar), other names stay as written.
 */
export function columnTypeOf(type: TypeName): ColumnType {
  const parts = (type.names ?? []).flatMap(nameParts);
  const name = parts.at(-1) ?? '';
  const schema = parts.length > 1 && parts[0] !== 'pg_catalog' ? parts[0] : undefined;
  const args = (type.typmods ?? []).map((mod) => ('A_Const' in mod ? (mod.A_Const.ival?.ival ?? 0) : NaN));
  return { name, ...(schema ? { schema } : {}), args, array: (type.arrayBounds?.length ?? 0) > 0 };
}

/** A name in a finding's message, quoted as the SQL it comes from would quote it. */
export const quoteName = quoteIdent;

export function displayTable(table: TableName, defaultSchema: string): string {
  return table.schema === defaultSchema ? quoteName(table.name) : `${quoteName(table.schema)}.${quoteName(table.name)}`;
}
