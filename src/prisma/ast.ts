import type { SourceLocation } from '../common/model.js';

/** The Prisma Schema Language as written: blocks, fields, attributes and their arguments, each with its place. */

export type Expression =
  | { kind: 'string'; value: string; loc: SourceLocation }
  /** The number as written (`-1`, `1.50`), so defaults keep their exact text. */
  | { kind: 'number'; value: string; loc: SourceLocation }
  /** A bare word: `true`, an enum value, a field name, `Cascade`, `Hash`. */
  | { kind: 'constant'; value: string; loc: SourceLocation }
  | { kind: 'function'; name: string; args: Argument[]; loc: SourceLocation }
  | { kind: 'array'; items: Expression[]; loc: SourceLocation }
  /** `{ status: "active", deletedAt: null }`: the object form of a partial index's `where:`. */
  | { kind: 'object'; entries: { key: string; value: Expression; loc: SourceLocation }[]; loc: SourceLocation };

export interface Argument {
  /** Null for a positional argument. */
  name: string | null;
  value: Expression;
  loc: SourceLocation;
}

export interface Attribute {
  /** Without the `@`/`@@`: `id`, `default`, `db.VarChar`. */
  name: string;
  args: Argument[];
  loc: SourceLocation;
}

export interface FieldType {
  name: string;
  optional: boolean;
  list: boolean;
  /** The type text of `Unsupported("...")`. */
  unsupported?: string;
  loc: SourceLocation;
}

export interface Field {
  name: string;
  type: FieldType;
  attributes: Attribute[];
  loc: SourceLocation;
}

export interface ModelBlock {
  kind: 'model' | 'view' | 'type';
  name: string;
  fields: Field[];
  /** The `@@` attributes. */
  attributes: Attribute[];
  loc: SourceLocation;
}

export interface EnumValue {
  name: string;
  attributes: Attribute[];
  loc: SourceLocation;
}

export interface EnumBlock {
  kind: 'enum';
  name: string;
  values: EnumValue[];
  attributes: Attribute[];
  loc: SourceLocation;
}

export interface Property {
  name: string;
  value: Expression;
  loc: SourceLocation;
}

export interface ConfigBlock {
  kind: 'datasource' | 'generator';
  name: string;
  properties: Property[];
  loc: SourceLocation;
}

/**
 * A form some Prisma releases refuse although its meaning is plain (see validity.ts): the parser reads it
 * and notes where it was, so the release the project uses can be told about it.
 */
export interface SyntaxNote {
  kind: 'block-comment' | 'comment-inside-line' | 'byte-order-mark' | 'unicode-identifier' | 'line-break-in-arguments' | 'trailing-comma';
  loc: SourceLocation;
}

export interface PrismaSchema {
  datasources: ConfigBlock[];
  generators: ConfigBlock[];
  models: ModelBlock[];
  views: ModelBlock[];
  /** Composite types (MongoDB only): parsed, never turned into tables. */
  types: ModelBlock[];
  enums: EnumBlock[];
  syntax: SyntaxNote[];
}

export function findAttribute(attributes: Attribute[], name: string): Attribute | undefined {
  return attributes.find((attribute) => attribute.name === name);
}

/** The argument called `name`, or else the first positional one when `positional` says it may stand for it. */
export function argument(attribute: Attribute, name: string, positional = false): Argument | undefined {
  return attribute.args.find((arg) => arg.name === name) ?? (positional ? attribute.args.find((arg) => arg.name === null) : undefined);
}
