import type { ColumnType, SourceLocation } from '../common/model.js';
import type { Expression } from './ast.js';
import { SchemaError } from './errors.js';
import type { ScalarType } from './types.js';

/**
 * `@default(...)` as the SQL text PostgreSQL prints back for the column (pg_get_expr), so that the expected
 * default compares with the migrated one as Prisma's engine compares them.
 */
/** What a column's default refers to, for defaults whose text depends on more than the column type. */
export interface DefaultContext {
  scalar: ScalarType | 'Enum';
  type: ColumnType;
  /** Database names of the enum's values, keyed by their names in the schema. */
  enumValues?: Map<string, string>;
  /** For `autoincrement()`: the qualified sequence name as it appears in `nextval(...)`. */
  sequence?: { schema: string; name: string };
}

/** Functions Prisma Client computes: the column gets no database default. */
const CLIENT_SIDE_FUNCTIONS = new Set(['uuid', 'cuid', 'nanoid', 'ulid', 'auto']);

/** The one scalar type a default function fits (autoincrement() is checked against its sequence). */
const FUNCTION_SCALARS: Record<string, ScalarType> = { now: 'DateTime', uuid: 'String', cuid: 'String', nanoid: 'String', ulid: 'String' };

/**
 * The default `pg_get_expr` prints for the column Prisma creates from `@default(value)`, or null when the
 * database has none. Only `public` is assumed to be on the search path, so types and sequences elsewhere
 * are printed schema-qualified, as PostgreSQL does.
 */
export function columnDefault(value: Expression, context: DefaultContext): string | null {
  if (value.kind === 'function') {
    if (value.name === 'dbgenerated') {
      const text = value.args[0]?.value;
      if (!text) return null;
      if (text.kind !== 'string') throw new SchemaError(value.loc, 'dbgenerated() takes the SQL expression as a string');
      return text.value;
    }
    const onlyFor = FUNCTION_SCALARS[value.name];
    if (onlyFor && context.scalar !== onlyFor)
      throw new SchemaError(value.loc, `@default(${value.name}()) works on ${onlyFor} fields only, not on ${context.scalar}`);
    if (value.name === 'now') return 'CURRENT_TIMESTAMP';
    if (value.name === 'autoincrement') {
      if (!context.sequence) throw new SchemaError(value.loc, 'autoincrement() works on Int and BigInt fields only');
      return `nextval(${quoteLiteral(qualifiedName(context.sequence.schema, context.sequence.name))}::regclass)`;
    }
    if (CLIENT_SIDE_FUNCTIONS.has(value.name)) return null;
    throw new SchemaError(
      value.loc,
      `@default(${value.name}()) is not a function Prisma knows for PostgreSQL: use now(), autoincrement(), uuid(), cuid(), nanoid(), ulid() or dbgenerated("...")`,
    );
  }
  if (context.type.array) {
    if (value.kind !== 'array') throw new SchemaError(value.loc, 'a list field takes a list default, as in @default([])');
    if (value.items.length === 0) {
      // PostgreSQL types the empty array without the modifier first, then coerces it to the column's length.
      const bare = `ARRAY[]::${formatCatalogType({ ...context.type, args: [] })}[]`;
      return context.type.args.length ? `(${bare})::${formatCatalogType(context.type)}[]` : bare;
    }
    return `ARRAY[${value.items.map((item) => arrayElement(item, context)).join(', ')}]`;
  }
  if (value.kind === 'array') throw new SchemaError(value.loc, 'only list fields take a list as default');
  return scalarDefault(value, context);
}

function scalarDefault(value: Expression, context: DefaultContext): string {
  const { type } = context;
  switch (context.scalar) {
    case 'Enum': {
      const dbValue = enumValue(value, context);
      return `${quoteLiteral(dbValue)}::${formatCatalogType(type)}`;
    }
    case 'Int':
    case 'BigInt':
    case 'Float':
    case 'Decimal':
      return numberConstant(numberText(value, context.scalar));
    case 'Boolean':
      if (value.kind !== 'constant' || (value.value !== 'true' && value.value !== 'false'))
        throw new SchemaError(value.loc, 'a Boolean default is true or false');
      return value.value;
    default:
      return `${quoteLiteral(literalText(value, context))}::${formatCatalogType({ ...type, args: [] })}`;
  }
}

/**
 * Array elements are coerced explicitly by the `::type[]` Prisma appends, so each shows its own cast unless
 * the constant already has the element type.
 */
function arrayElement(value: Expression, context: DefaultContext): string {
  const elementType = formatCatalogType(context.type);
  switch (context.scalar) {
    case 'Enum':
      return `${quoteLiteral(enumValue(value, context))}::${elementType}`;
    case 'Boolean':
      return scalarDefault(value, context);
    case 'Int':
    case 'BigInt':
    case 'Float':
    case 'Decimal': {
      const text = numberText(value, context.scalar);
      const constant = numberConstant(text);
      const constantType = numberConstantType(text);
      if (constantType !== context.type.name) return `(${constant})::${elementType}`;
      if (context.type.args.length === 0) return constant;
      // A length coercion over a bare constant is printed without parentheses.
      return `${text.startsWith('-') ? quoteLiteral(text) : text}::${elementType}`;
    }
    default:
      return `${quoteLiteral(literalText(value, context))}::${elementType}`;
  }
}

function enumValue(value: Expression, context: DefaultContext): string {
  if (value.kind !== 'constant') throw new SchemaError(value.loc, 'an enum default is one of its values, written without quotes');
  const dbValue = context.enumValues?.get(value.value);
  if (dbValue === undefined) throw new SchemaError(value.loc, `"${value.value}" is not a value of the field's enum`);
  return dbValue;
}

function numberText(value: Expression, scalar: ScalarType): string {
  if (value.kind !== 'number' && !(value.kind === 'string' && scalar === 'Decimal'))
    throw new SchemaError(value.loc, `a ${scalar} default is a number`);
  if ((scalar === 'Int' || scalar === 'BigInt') && !/^-?[0-9]+$/.test(value.value))
    throw new SchemaError(value.loc, `a ${scalar} default is a whole number`);
  return value.value;
}

const INT4_MAX = 2n ** 31n - 1n;
const INT8_MAX = 2n ** 63n - 1n;

/** The type PostgreSQL gives a numeric literal: int4 when it fits, then int8, else numeric. */
function numberConstantType(text: string): 'int4' | 'int8' | 'numeric' {
  if (!/^-?[0-9]+$/.test(text)) return 'numeric';
  const n = BigInt(text);
  if (n >= -INT4_MAX - 1n && n <= INT4_MAX) return 'int4';
  if (n >= -INT8_MAX - 1n && n <= INT8_MAX) return 'int8';
  return 'numeric';
}

/** A number constant as PostgreSQL prints it: plain when it is a non-negative int4 or decimal, else quoted with its type. */
function numberConstant(text: string): string {
  const type = numberConstantType(text);
  const plain = !text.startsWith('-') && (type === 'int4' || type === 'numeric');
  if (plain) return text;
  return `${quoteLiteral(text)}::${CAST_NAMES[type]}`;
}

function normalizeNumeric(text: string): string {
  if (!/[eE]/.test(text)) return text;
  const [mantissa = '', exponent = '0'] = text.split(/[eE]/);
  const negative = mantissa.startsWith('-');
  const [whole = '', fraction = ''] = mantissa.replace('-', '').split('.');
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  const padded = point > digits.length ? digits.padEnd(point, '0') : point < 0 ? '0'.repeat(-point) + digits : digits;
  const at = Math.max(point, 0);
  const intPart = padded.slice(0, at).replace(/^0+(?=\d)/, '') || '0';
  const fracPart = padded.slice(at);
  return `${negative ? '-' : ''}${intPart}${fracPart ? `.${fracPart}` : ''}`;
}

/** The text of a quoted literal as PostgreSQL will print it back for the column's type. */
function literalText(value: Expression, context: DefaultContext): string {
  if (value.kind !== 'string') throw new SchemaError(value.loc, `a ${context.scalar} default is written as a "string"`);
  switch (context.scalar) {
    case 'DateTime':
      return dateTimeText(value.value, context.type.name, value.loc);
    case 'Json':
      return context.type.name === 'jsonb' ? normalizeJsonb(value.value, value.loc) : value.value;
    case 'Bytes':
      return `\\x${Buffer.from(value.value, 'base64').toString('hex')}`;
    default:
      return value.value;
  }
}

/**
 * PostgreSQL reads an ISO date-time into the column type: `timestamp` and `date` keep the written local time
 * and drop the offset, `timestamptz` is printed in UTC, so the catalog must be read with TimeZone UTC.
 */
function dateTimeText(text: string, typeName: string, loc: SourceLocation): string {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!match) throw new SchemaError(loc, `"${text}" is not an ISO 8601 date-time; write it as "2024-01-31T12:00:00Z"`);
  const [, date, time, fraction = '', offset] = match;
  const trimmedFraction = fraction.replace(/0+$/, '').replace(/^\.$/, '');
  switch (typeName) {
    case 'date':
      return date!;
    case 'time':
      return `${time}${trimmedFraction}`;
    case 'timestamptz': {
      const utc = new Date(`${date}T${time}${offset && offset !== 'Z' ? offset : 'Z'}`).toISOString();
      return `${utc.slice(0, 10)} ${utc.slice(11, 19)}${trimmedFraction}+00`;
    }
    case 'timetz':
      return `${time}${trimmedFraction}${offset && offset !== 'Z' ? offset.replace(/:00$/, '') : '+00'}`;
    default:
      return `${date} ${time}${trimmedFraction}`;
  }
}

/** jsonb prints its own canonical form: `", "` and `": "` separators, keys ordered by length then bytes, last duplicate wins. */
function normalizeJsonb(text: string, loc: SourceLocation): string {
  let i = 0;
  const fail = (): never => {
    throw new SchemaError(loc, 'the Json default is not valid JSON');
  };
  const ws = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const string = (): string => {
    // eslint-disable-next-line no-control-regex -- JSON strings may not hold control characters unescaped
    const match = /^"(?:[^"\\\u0000-\u001f]|\\.)*"/.exec(text.slice(i));
    if (!match) fail();
    i += match![0].length;
    return JSON.parse(match![0]) as string;
  };
  const value = (): string => {
    ws();
    const ch = text[i];
    let out: string;
    if (ch === '{') {
      i++;
      const entries = new Map<string, string>();
      ws();
      if (text[i] === '}') i++;
      else
        for (;;) {
          ws();
          const key = string();
          ws();
          if (text[i++] !== ':') fail();
          entries.set(key, value());
          ws();
          const sep = text[i++];
          if (sep === '}') break;
          if (sep !== ',') fail();
        }
      const keys = [...entries.keys()].sort(
        (a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b)),
      );
      out = `{${keys.map((key) => `${jsonString(key)}: ${entries.get(key)}`).join(', ')}}`;
    } else if (ch === '[') {
      i++;
      const items: string[] = [];
      ws();
      if (text[i] === ']') i++;
      else
        for (;;) {
          items.push(value());
          ws();
          const sep = text[i++];
          if (sep === ']') break;
          if (sep !== ',') fail();
        }
      out = `[${items.join(', ')}]`;
    } else if (ch === '"') {
      out = jsonString(string());
    } else {
      const match = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i));
      if (!match) fail();
      i += match![0].length;
      out = /^[-0-9]/.test(match![0]) ? normalizeNumeric(match![0]) : match![0];
    }
    return out;
  };
  const result = value();
  ws();
  if (i !== text.length) fail();
  return result;
}

function jsonString(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
  return `"${value.replace(/["\\\u0000-\u001f]/g, (ch) => JSON_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

const JSON_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const CAST_NAMES = { int4: 'integer', int8: 'bigint', numeric: 'numeric' } as const;

/** format_type's spelling of a type, without the array brackets. */
function formatCatalogType(type: ColumnType): string {
  const args = type.args.length ? `(${type.args.join(',')})` : '';
  switch (type.name) {
    case 'int2':
      return 'smallint';
    case 'int4':
      return 'integer';
    case 'int8':
      return 'bigint';
    case 'float4':
      return 'real';
    case 'float8':
      return 'double precision';
    case 'bool':
      return 'boolean';
    case 'numeric':
      return `numeric${args}`;
    case 'varchar':
      return `character varying${args}`;
    case 'bpchar':
      return args ? `character${args}` : 'bpchar';
    case 'bit':
      return args ? `bit${args}` : '"bit"';
    case 'varbit':
      return `bit varying${args}`;
    case 'timestamp':
      return `timestamp${args} without time zone`;
    case 'timestamptz':
      return `timestamp${args} with time zone`;
    case 'time':
      return `time${args} without time zone`;
    case 'timetz':
      return `time${args} with time zone`;
    default:
      return type.schema ? qualifiedName(type.schema, type.name) : type.name;
  }
}

function qualifiedName(schema: string, name: string): string {
  return schema === 'public' ? quoteIdentifier(name) : `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
}

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** PostgreSQL's quote_ident: bare when lower-case, simple and not a reserved word. */
function quoteIdentifier(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED_WORDS.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/** PostgreSQL 15 keywords that are not unreserved (`pg_get_keywords()` with catcode <> 'U'). */
const RESERVED_WORDS = new Set(
  `all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean both case cast
  char character check coalesce collate collation column concurrently constraint create cross current_catalog
  current_date current_role current_schema current_time current_timestamp current_user dec decimal default deferrable
  desc distinct do else end except exists extract false fetch float for foreign freeze from full grant greatest group
  grouping having ilike in initially inner inout int integer intersect interval into is isnull join lateral leading
  least left like limit localtime localtimestamp national natural nchar none normalize not notnull null nullif numeric
  offset on only or order out outer overlaps overlay placing position precision primary real references returning
  right row select session_user setof similar smallint some substring symmetric table tablesample then time timestamp
  to trailing treat trim true union unique user using values varchar variadic verbose when where window with
  xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable`.split(/\s+/),
);
