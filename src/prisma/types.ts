import type { ColumnType } from '../common/model.js';
import type { Attribute } from './ast.js';
import { SchemaError } from './errors.js';

/**
 * Column types of the database Prisma creates, written the way PostgreSQL reports them back: pg_type names
 * with decoded modifiers (defaults are in default-values.ts).
 */

export const SCALAR_TYPES = ['String', 'Boolean', 'Int', 'BigInt', 'Float', 'Decimal', 'DateTime', 'Json', 'Bytes'] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];

export function isScalarType(name: string): name is ScalarType {
  return (SCALAR_TYPES as readonly string[]).includes(name);
}

export const DEFAULT_TYPES: Record<ScalarType, { name: string; args: number[] }> = {
  String: { name: 'text', args: [] },
  Boolean: { name: 'bool', args: [] },
  Int: { name: 'int4', args: [] },
  BigInt: { name: 'int8', args: [] },
  Float: { name: 'float8', args: [] },
  Decimal: { name: 'numeric', args: [65, 30] },
  DateTime: { name: 'timestamp', args: [3] },
  Json: { name: 'jsonb', args: [] },
  Bytes: { name: 'bytea', args: [] },
};

interface NativeType {
  scalar: ScalarType;
  name: string;
  /** How many arguments it takes at most, and what an omitted one means in the catalog. */
  maxArgs: 0 | 1 | 2;
  argsWhenOmitted?: number[];
}

/** PostgreSQL's `@db.*` types, the Prisma scalar each belongs to, and the pg_type it becomes. */
const NATIVE_TYPES: Record<string, NativeType> = {
  Text: { scalar: 'String', name: 'text', maxArgs: 0 },
  Char: { scalar: 'String', name: 'bpchar', maxArgs: 1, argsWhenOmitted: [1] },
  VarChar: { scalar: 'String', name: 'varchar', maxArgs: 1 },
  Bit: { scalar: 'String', name: 'bit', maxArgs: 1, argsWhenOmitted: [1] },
  VarBit: { scalar: 'String', name: 'varbit', maxArgs: 1 },
  Uuid: { scalar: 'String', name: 'uuid', maxArgs: 0 },
  Xml: { scalar: 'String', name: 'xml', maxArgs: 0 },
  Inet: { scalar: 'String', name: 'inet', maxArgs: 0 },
  Citext: { scalar: 'String', name: 'citext', maxArgs: 0 },
  Boolean: { scalar: 'Boolean', name: 'bool', maxArgs: 0 },
  Integer: { scalar: 'Int', name: 'int4', maxArgs: 0 },
  SmallInt: { scalar: 'Int', name: 'int2', maxArgs: 0 },
  Oid: { scalar: 'Int', name: 'oid', maxArgs: 0 },
  BigInt: { scalar: 'BigInt', name: 'int8', maxArgs: 0 },
  DoublePrecision: { scalar: 'Float', name: 'float8', maxArgs: 0 },
  Real: { scalar: 'Float', name: 'float4', maxArgs: 0 },
  Decimal: { scalar: 'Decimal', name: 'numeric', maxArgs: 2 },
  Money: { scalar: 'Decimal', name: 'money', maxArgs: 0 },
  Timestamp: { scalar: 'DateTime', name: 'timestamp', maxArgs: 1 },
  Timestamptz: { scalar: 'DateTime', name: 'timestamptz', maxArgs: 1 },
  Date: { scalar: 'DateTime', name: 'date', maxArgs: 0 },
  Time: { scalar: 'DateTime', name: 'time', maxArgs: 1 },
  Timetz: { scalar: 'DateTime', name: 'timetz', maxArgs: 1 },
  Json: { scalar: 'Json', name: 'json', maxArgs: 0 },
  JsonB: { scalar: 'Json', name: 'jsonb', maxArgs: 0 },
  ByteA: { scalar: 'Bytes', name: 'bytea', maxArgs: 0 },
};

/** Extension types: the type lives in the schema the extension was installed into. */
const EXTENSION_TYPES = new Set(['citext']);

/**
 * The column type of a scalar field: Prisma's default for the scalar, or the native type attribute
 * (`nativeType`, already known to be named `<datasource>.<Something>`). `extensionSchema` is where extension types such as citext live.
 */
export function scalarColumnType(
  scalar: ScalarType,
  nativeType: Attribute | undefined,
  list: boolean,
  fieldName: string,
  extensionSchema: string,
): ColumnType {
  if (!nativeType) return { ...DEFAULT_TYPES[scalar], args: [...DEFAULT_TYPES[scalar].args], array: list };
  const prefix = nativeType.name.slice(0, nativeType.name.indexOf('.'));
  const typeName = nativeType.name.slice(prefix.length + 1);
  const native = NATIVE_TYPES[typeName];
  if (!native)
    throw new SchemaError(
      nativeType.loc,
      `@${nativeType.name} is not a PostgreSQL type Prisma knows; use one of ${Object.keys(NATIVE_TYPES)
        .map((name) => `@${prefix}.${name}`)
        .join(', ')}, or Unsupported("...") for any other type`,
    );
  if (native.scalar !== scalar)
    throw new SchemaError(
      nativeType.loc,
      `@${nativeType.name} cannot be used on field "${fieldName}" of type ${scalar}: it belongs to ${native.scalar} fields`,
    );
  const args = nativeType.args.map((arg) => {
    if (arg.name !== null || arg.value.kind !== 'number' || !/^[0-9]+$/.test(arg.value.value))
      throw new SchemaError(arg.loc, `@${nativeType.name} takes whole numbers as arguments, as in @${prefix}.VarChar(255)`);
    return Number(arg.value.value);
  });
  if (args.length > native.maxArgs || (native.maxArgs === 2 && args.length === 1))
    throw new SchemaError(
      nativeType.loc,
      native.maxArgs === 0
        ? `@${nativeType.name} takes no arguments: remove the parentheses`
        : native.maxArgs === 2
          ? `@${nativeType.name} takes a precision and a scale, as in @${nativeType.name}(65, 30), or no arguments`
          : `@${nativeType.name} takes at most one argument`,
    );
  return {
    name: native.name,
    ...(EXTENSION_TYPES.has(native.name) ? { schema: extensionSchema } : {}),
    args: args.length ? args : [...(native.argsWhenOmitted ?? [])],
    array: list,
  };
}
