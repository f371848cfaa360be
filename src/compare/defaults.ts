import { isDeepStrictEqual } from 'node:util';
import type { ColumnType } from '../common/model.js';
import { stringValue, tokenize, type Token, type TokenKind } from './default-tokens.js';

/**
 * Column defaults as Prisma's schema engine reads and compares them. PostgreSQL prints a default with casts
 * (`'USER'::"Role"`, `'0'::numeric`, `CURRENT_TIMESTAMP`); Prisma tokenizes the printed text and, by the
 * column's type family, reads it as a value, `now()`, a sequence (autoincrement) or, when it cannot, keeps
 * the text as a database expression (`dbgenerated`). The same reading is applied to both sides here, and
 * `defaultsMatch` decides as Prisma's differ does, including where it deliberately looks away.
 */
export type ParsedDefault =
  | { kind: 'value'; value: DefaultValue }
  | { kind: 'list'; values: DefaultValue[] }
  | { kind: 'now' }
  | { kind: 'sequence'; name: string }
  | { kind: 'dbgenerated'; text: string };

export type DefaultValue =
  | { type: 'string' | 'json' | 'enum' | 'bytes' | 'boolean'; value: string }
  | { type: 'int'; value: bigint }
  | { type: 'decimal'; value: string }
  /** A literal of a DateTime column, which Prisma never compares. */
  | { type: 'datetime'; value: string };

/** How Prisma groups PostgreSQL types to decide how a default is read. */
export type TypeFamily = 'string' | 'json' | 'int' | 'decimal' | 'boolean' | 'datetime' | 'binary' | 'enum' | 'other';

const FAMILIES: Record<string, TypeFamily> = {
  text: 'string',
  varchar: 'string',
  bpchar: 'string',
  citext: 'string',
  xml: 'string',
  inet: 'string',
  bit: 'string',
  varbit: 'string',
  json: 'json',
  jsonb: 'json',
  int2: 'int',
  int4: 'int',
  int8: 'int',
  oid: 'int',
  float4: 'decimal',
  float8: 'decimal',
  numeric: 'decimal',
  money: 'decimal',
  bool: 'boolean',
  timestamp: 'datetime',
  timestamptz: 'datetime',
  date: 'datetime',
  time: 'datetime',
  timetz: 'datetime',
  bytea: 'binary',
};

export function typeFamily(type: ColumnType, isEnum: boolean): TypeFamily {
  if (isEnum) return 'enum';
  return FAMILIES[type.name] ?? 'other';
}

/**
 * Which side a default comes from. Prisma reads the migrated database's defaults back from their text, but
 * takes schema.prisma's from the schema itself: there a datetime literal is a value (never compared), while
 * read back from the database it is an expression it cannot parse.
 */
export type Side = 'migrated' | 'expected';

/** Reads a default as PostgreSQL prints it (`pg_get_expr`) for a column of the given family. */
export function parseDefault(text: string | null, family: TypeFamily, list: boolean, side: Side): ParsedDefault | null {
  if (text === null || text.trim().startsWith('NULL')) return null;
  const parser = new Parser(text, side);
  if (list) {
    const values = parser.list(family);
    return values ? { kind: 'list', values } : { kind: 'dbgenerated', text };
  }
  const parsed = parser.scalar(family);
  return parsed && parser.finished() ? parsed : { kind: 'dbgenerated', text };
}

/**
 * Whether the default the migrations left (`migrated`) and the one schema.prisma asks for (`expected`) are
 * the same to Prisma, case by case as its differ decides. Where Prisma cannot tell (datetime literals, JSON
 * it cannot parse) it treats them as equal; a sequence is compared through the column's autoincrement.
 */
export function defaultsMatch(migrated: ParsedDefault | null, expected: ParsedDefault | null, datetime: boolean): boolean {
  const m = migrated;
  const e = expected;
  if (datetime && ((m?.kind === 'dbgenerated' && e?.kind === 'list') || (m?.kind === 'list' && e?.kind === 'dbgenerated'))) return true;
  if (m?.kind === 'list' && e?.kind === 'list') return listsMatch(m.values, e.values);
  if (m?.kind === 'value' && e?.kind === 'value') return valuesMatch(m.value, e.value);
  if (m && e?.kind === 'value' && e.value.type === 'datetime') return true;
  if (e?.kind === 'sequence') return true;
  if (m === null) return e === null;
  // A sequence the schema does not ask for goes away with the column's autoincrement.
  if (e === null) return m.kind === 'sequence';
  if (m.kind === 'now') return e.kind === 'now';
  if (m.kind === 'dbgenerated') return e.kind === 'dbgenerated' && m.text.toLowerCase() === e.text.toLowerCase();
  return false;
}

function valuesMatch(migrated: DefaultValue, expected: DefaultValue): boolean {
  const textual = (value: DefaultValue) => value.type === 'string' || value.type === 'json';
  if ((migrated.type === 'json' || expected.type === 'json') && textual(migrated) && textual(expected)) {
    return jsonDefaultsMatch(migrated.value as string, expected.value as string);
  }
  if (migrated.type === 'datetime' || expected.type === 'datetime') return true;
  if (migrated.type === 'decimal' && expected.type === 'decimal') return decimalsEqual(migrated.value, expected.value);
  // An enum default and a string default with the same text are the same to Prisma.
  const loose = (value: DefaultValue) => (value.type === 'enum' ? 'string' : value.type);
  return loose(migrated) === loose(expected) && migrated.value === expected.value;
}

function listsMatch(migrated: DefaultValue[], expected: DefaultValue[]): boolean {
  return migrated.length === expected.length && migrated.every((value, index) => valuesMatch(value, expected[index]!));
}

/** JSON defaults are compared as JSON; text either side cannot parse is not held against it. */
export function jsonDefaultsMatch(migrated: string, expected: string): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(migrated), JSON.parse(expected));
  } catch {
    return true;
  }
}

/** Decimal equality regardless of trailing zeros and sign of zero, as a big decimal compares. */
function decimalsEqual(a: string, b: string): boolean {
  return canonicalDecimal(a) === canonicalDecimal(b);
}

function canonicalDecimal(text: string): string {
  const negative = text.startsWith('-');
  const [whole = '', fraction = ''] = text.replace(/^[-+]/, '').split('.');
  const digits = `${whole.replace(/^0+/, '') || '0'}.${fraction.replace(/0+$/, '')}`.replace(/\.$/, '');
  return digits === '0' ? '0' : `${negative ? '-' : ''}${digits}`;
}

class Parser {
  private readonly tokens: Token[];
  private offset = 0;

  constructor(
    text: string,
    private readonly side: Side,
  ) {
    this.tokens = tokenize(text);
  }

  finished(): boolean {
    return this.offset >= this.tokens.length;
  }

  private peek(): Token | undefined {
    return this.tokens[this.offset];
  }

  take(kind: TokenKind): Token | undefined {
    const token = this.peek();
    if (token?.kind !== kind) return undefined;
    this.offset++;
    return token;
  }

  /** `::type`, `::"Enum"`, `::schema.type`, `::timestamp(3) with time zone[]`; true when absent. */
  private cast(): boolean {
    if (!this.take('cast')) return true;
    while (this.take('identifier') || this.take('quoted-identifier') || this.take('dot'));
    if (this.peek()?.kind === 'open') {
      for (;;) {
        const token = this.tokens[this.offset++];
        if (!token) return false;
        if (token.kind === 'close') break;
      }
    }
    if (this.take('open-square') && !this.take('close-square')) return false;
    return true;
  }

  private string(): string | undefined {
    const token = this.take('string') ?? this.take('escape-string');
    if (!token || !this.cast()) return undefined;
    return stringValue(token);
  }

  scalar(family: TypeFamily): ParsedDefault | undefined {
    const value = this.value(family);
    if (value) return value;
    if (family === 'int' || family === 'datetime') return this.functionCall(family);
    return undefined;
  }

  /** A literal of the family, as `parse_*_default` reads it. */
  private value(family: TypeFamily): ParsedDefault | undefined {
    const token = this.peek();
    if (!token) return undefined;
    switch (family) {
      case 'string':
      case 'json': {
        const value = this.string();
        return value === undefined ? undefined : { kind: 'value', value: { type: family, value } };
      }
      case 'enum': {
        if (token.kind === 'identifier') {
          this.offset++;
          return this.cast() ? { kind: 'value', value: { type: 'enum', value: token.text } } : undefined;
        }
        const value = this.string();
        return value === undefined ? undefined : { kind: 'value', value: { type: 'enum', value } };
      }
      case 'int': {
        if (token.kind === 'digits' || token.kind === 'minus') {
          const sign = this.take('minus') ? '-' : '';
          const digits = this.take('digits');
          return digits ? { kind: 'value', value: { type: 'int', value: BigInt(sign + digits.text) } } : undefined;
        }
        if (token.kind !== 'string') return undefined;
        const value = this.string();
        return value !== undefined && /^[-+]?\d+$/.test(value)
          ? { kind: 'value', value: { type: 'int', value: BigInt(value) } }
          : undefined;
      }
      case 'decimal':
        return this.decimal();
      case 'boolean': {
        const word = this.take('identifier')?.text.toLowerCase();
        if (word === 't' || word === 'true') return { kind: 'value', value: { type: 'boolean', value: 'true' } };
        if (word === 'f' || word === 'false') return { kind: 'value', value: { type: 'boolean', value: 'false' } };
        return undefined;
      }
      case 'binary': {
        const value = this.string();
        if (value === undefined || !/^\\x([0-9a-fA-F]{2})*$/.test(value)) return undefined;
        return { kind: 'value', value: { type: 'bytes', value: value.slice(2).toLowerCase() } };
      }
      case 'datetime': {
        if (this.side === 'migrated') return undefined;
        const value = this.string();
        return value === undefined ? undefined : { kind: 'value', value: { type: 'datetime', value } };
      }
      case 'other':
        return undefined;
    }
  }

  private decimal(): ParsedDefault | undefined {
    const literal = this.peek()?.kind === 'string' || this.peek()?.kind === 'escape-string' ? this.tokens[this.offset++]! : undefined;
    const parser = literal ? new Parser(stringValue(literal), this.side) : this;
    const parenthesised = !!parser.take('open');
    const sign = parser.take('minus') ? '-' : '';
    const whole = parser.take('digits');
    if (!whole) return undefined;
    const fraction = parser.take('dot') ? parser.take('digits') : null;
    if (fraction === undefined) return undefined;
    if (parenthesised && !parser.take('close')) return undefined;
    if (!this.cast()) return undefined;
    return { kind: 'value', value: { type: 'decimal', value: `${sign}${whole.text}${fraction ? `.${fraction.text}` : ''}` } };
  }

  /** `now()`/`CURRENT_TIMESTAMP` for datetimes, `nextval('seq'::regclass)` for integers. */
  private functionCall(family: 'int' | 'datetime'): ParsedDefault | undefined {
    const name = this.take('identifier')?.text.toLowerCase();
    if (!name) return undefined;
    if (family === 'datetime') {
      if (this.take('open') && !this.take('close')) return undefined;
      if (!this.cast()) return undefined;
      return name === 'now' || name === 'current_timestamp' ? { kind: 'now' } : undefined;
    }
    if (name !== 'nextval' || !this.take('open')) return undefined;
    this.take('open');
    const literal = this.take('string') ?? this.take('escape-string');
    if (!literal) return undefined;
    const sequence = sequenceName(stringValue(literal));
    if (sequence === undefined) return undefined;
    for (;;) {
      const token = this.tokens[this.offset++];
      if (!token) return undefined;
      if (token.kind === 'close') break;
    }
    if (!this.cast()) return undefined;
    this.take('close');
    if (!this.cast()) return undefined;
    return { kind: 'sequence', name: sequence };
  }

  /** `ARRAY[...]` with literal elements, or a `'{...}'` array literal; undefined when it is anything else. */
  list(family: TypeFamily): DefaultValue[] | undefined {
    const token = this.peek();
    if (token?.kind === 'string' || token?.kind === 'escape-string') {
      const text = this.string();
      return text === undefined ? undefined : arrayLiteral(text, family, this.side);
    }
    this.take('open');
    if (this.take('identifier')?.text.toLowerCase() !== 'array' || !this.take('open-square')) return undefined;
    const values: DefaultValue[] = [];
    if (!this.take('close-square')) {
      for (;;) {
        const element = this.scalar(family);
        if (!element || element.kind !== 'value') return undefined;
        values.push(element.value);
        if (this.take('close-square')) break;
        if (!this.take('comma')) return undefined;
      }
    }
    this.cast();
    return values;
  }
}

function sequenceName(text: string): string | undefined {
  const parser = new Parser(text, 'migrated');
  const identifier = () => {
    const token = parser.take('quoted-identifier') ?? parser.take('identifier');
    if (!token) return undefined;
    return token.kind === 'quoted-identifier' ? token.text.slice(1, -1).replace(/\\(.)/g, '$1') : token.text;
  };
  const first = identifier();
  if (first === undefined) return undefined;
  return parser.take('dot') ? identifier() : first;
}

/** A `{a,"b c",NULL}` array literal, element by element, read as the family's values. */
function arrayLiteral(text: string, family: TypeFamily, side: Side): DefaultValue[] | undefined {
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  const body = text.slice(1, -1);
  if (body.trim() === '') return [];
  const elements: string[] = [];
  for (const match of body.matchAll(/\s*("((?:[^"\\]|\\.)*)"|[^,]*)\s*(,|$)/gs)) {
    if (match[0] === '') break;
    elements.push(match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[1]!.trim());
  }
  const values: DefaultValue[] = [];
  for (const element of elements) {
    switch (family) {
      case 'string':
      case 'json':
        values.push({ type: family, value: element });
        break;
      case 'enum':
        values.push({ type: 'enum', value: element });
        break;
      case 'int':
        if (!/^-?\d+$/.test(element)) return undefined;
        values.push({ type: 'int', value: BigInt(element) });
        break;
      case 'decimal':
        if (!/^-?\d+(\.\d+)?$/.test(element)) return undefined;
        values.push({ type: 'decimal', value: element });
        break;
      case 'boolean':
        if (!/^(t|f|true|false)$/i.test(element)) return undefined;
        values.push({ type: 'boolean', value: /^t/i.test(element) ? 'true' : 'false' });
        break;
      case 'datetime':
        if (side === 'migrated') return undefined;
        values.push({ type: 'datetime', value: element });
        break;
      default:
        return undefined;
    }
  }
  return values;
}
