import type { DbObjectRef } from '../common/findings.js';
import type { Column, Enum, Extension, ForeignKey, Index, PrimaryKey, Table } from '../common/model.js';

/**
 * One difference between the database schema.prisma describes (expected) and the one the migrations
 * build (actual), as `prisma migrate diff` would act on it: what differs, on which object, and both sides.
 * `table` is the expected side's table, `actualTable` the migrations' table of the same name. Wording and
 * SQL are left to the mappers (drift findings, fix SQL, a live database's findings).
 */
export type Change = { object: DbObjectRef } & (
  | { kind: 'missing-table'; table: Table }
  | { kind: 'extra-table'; table: Table }
  | { kind: 'missing-column'; table: Table; column: Column }
  | { kind: 'extra-column'; table: Table; actualTable: Table; column: Column }
  | { kind: 'column-type' | 'column-nullability' | 'column-default'; table: Table; expected: Column; actual: Column }
  /** `replaced`: the key's columns (or their types) changed, so it is dropped and added; else only renamed. */
  | { kind: 'primary-key'; table: Table; actualTable: Table; expected: PrimaryKey | null; actual: PrimaryKey | null; replaced: boolean }
  | { kind: 'index-name'; table: Table; expected: Index; actual: Index }
  | { kind: 'index-definition'; table: Table; actualTable: Table; expected: Index; actual: Index }
  | { kind: 'missing-index'; table: Table; index: Index }
  | { kind: 'extra-index'; table: Table; actualTable: Table; index: Index }
  | { kind: 'foreign-key-name'; table: Table; expected: ForeignKey; actual: ForeignKey }
  | { kind: 'foreign-key-definition'; table: Table; actualTable: Table; expected: ForeignKey; actual: ForeignKey }
  | { kind: 'missing-foreign-key'; table: Table; foreignKey: ForeignKey }
  | { kind: 'extra-foreign-key'; table: Table; actualTable: Table; foreignKey: ForeignKey }
  | { kind: 'missing-enum'; enum: Enum }
  | { kind: 'extra-enum'; enum: Enum }
  | { kind: 'missing-enum-value'; enum: Enum; value: string }
  | { kind: 'extra-enum-value'; enum: Enum; actualEnum: Enum; value: string }
  | { kind: 'missing-extension'; extension: Extension }
);

export type ChangeKind = Change['kind'];
