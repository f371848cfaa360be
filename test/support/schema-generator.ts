import fc from 'fast-check';

/**
 * Random valid schema.prisma files for PostgreSQL, for holding `expectSchema` to Prisma's own DDL. One
 * schema holds several models, so that one engine call, one database reset and one introspection cover a lot.
 *
 * What it covers: every scalar type and list, every PostgreSQL `@db.*` type with arguments, `Unsupported`,
 * every `@default` form, `@updatedAt`, `@map`/`@@map`, composite and named ids, uniques and indexes, index
 * types, operator classes and sort orders, identifiers near and over PostgreSQL's 63 bytes, 1-1, 1-n, self
 * and implicit many-to-many relations with names and every referential action, `relationMode`, enums with
 * `@map`, multiSchema, `postgresqlExtensions`, views and `@ignore`.
 *
 * Validity is by construction: every rule Prisma's validator enforces is respected here, so the engine
 * rejecting a generated schema means this file has a bug (unless our parser rejects it too).
 */
export const prismaSchemas: fc.Arbitrary<string> = fc.gen().map((g) => new SchemaBuilder(g).build());

type Gen = fc.GeneratorValue;

interface ScalarSpec {
  /** The Prisma type and `@db.*` attribute (without `@`), e.g. `String`, `db.VarChar(20)`. */
  type: string;
  native: string | null;
  /** Literal defaults valid for the column type, as written in @default(...). */
  literals: string[];
  /** Whether PostgreSQL has a btree operator class for it (uniques and plain indexes). */
  indexable: boolean;
  /** Whether the type exists as a list in Prisma on PostgreSQL. */
  listable: boolean;
  /** `@default` functions it takes besides literals. */
  functions: string[];
}

const STRINGS = ['""', '"x"', `"it's"`, '"a\\"b"', '"üñí ✓"', '"100%"', '"back\\\\slash"'];
const TIMESTAMPS = ['"2020-01-01T10:00:00.120+02:00"', '"2024-02-29T23:59:59Z"', '"2020-01-01T00:00:00Z"', '"1999-12-31T23:00:00.5-05:30"'];
const DB_GENERATED_TEXT = ['dbgenerated("gen_random_uuid()")', `dbgenerated("'x'::text")`, 'dbgenerated()'];

/** Every scalar with and without each of its native types, and the literal defaults that fit it. */
function scalarSpecs(g: Gen): ScalarSpec[] {
  const length = g(fc.integer, { min: 1, max: 300 });
  const bits = g(fc.integer, { min: 1, max: 16 });
  const precision = g(fc.integer, { min: 0, max: 6 });
  const decimalPrecision = g(fc.integer, { min: 6, max: 40 });
  const decimalScale = g(fc.integer, { min: 0, max: 4 });
  const bitString = (n: number) => `"${'10'.repeat(n).slice(0, n)}"`;
  const fitting = (values: string[], max: number) => values.filter((value) => JSON.parse(value).length <= max);
  const spec = (type: string, native: string | null, literals: string[], more: Partial<ScalarSpec> = {}): ScalarSpec => ({
    type,
    native,
    literals,
    indexable: true,
    listable: true,
    functions: [],
    ...more,
  });
  return [
    spec('String', null, STRINGS, {
      functions: ['uuid()', 'uuid(4)', 'uuid(7)', 'cuid()', 'cuid(2)', 'nanoid()', 'nanoid(8)', 'ulid()', ...DB_GENERATED_TEXT],
    }),
    spec('String', 'db.Text', STRINGS, { functions: ['uuid()', 'cuid()'] }),
    spec('String', `db.VarChar(${length})`, fitting(STRINGS, length), { functions: ['cuid()'] }),
    spec('String', 'db.VarChar', STRINGS),
    spec('String', `db.Char(${length})`, fitting(STRINGS, length)),
    spec('String', `db.Bit(${bits})`, [bitString(bits)]),
    spec('String', `db.VarBit(${bits})`, [bitString(1), bitString(bits)]),
    spec('String', 'db.VarBit', ['"0110"']),
    spec('String', 'db.Uuid', ['"00000000-0000-0000-0000-000000000000"', '"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"'], {
      functions: ['uuid()', 'uuid(7)', 'dbgenerated("gen_random_uuid()")'],
    }),
    spec('String', 'db.Xml', ['"<a>b</a>"'], { indexable: false }),
    spec('String', 'db.Inet', ['"10.0.0.1"', '"192.168.0.0/24"']),
    spec('String', 'db.Citext', ['"Abc"']),
    spec('Boolean', null, ['true', 'false']),
    spec('Boolean', 'db.Boolean', ['true']),
    spec('Int', null, ['0', '1', '-1', '42', '2147483647', '-2147483648'], { functions: ['autoincrement()', 'dbgenerated("(1 + 2)")'] }),
    spec('Int', 'db.Integer', ['7', '-7'], { functions: ['autoincrement()'] }),
    spec('Int', 'db.SmallInt', ['0', '-3', '32767'], { functions: ['autoincrement()'] }),
    spec('Int', 'db.Oid', ['0', '7']),
    spec('BigInt', null, ['0', '-5', '3000000000', '9223372036854775807', '-9223372036854775808'], { functions: ['autoincrement()'] }),
    spec('BigInt', 'db.BigInt', ['12'], { functions: ['autoincrement()'] }),
    spec('Float', null, ['0', '1.5', '-1.5', '2', '0.1', '3.14159', '0.000001', '12345678901234567890.5']),
    spec('Float', 'db.DoublePrecision', ['2.5']),
    spec('Float', 'db.Real', ['1.5', '0.25', '-2']),
    spec('Decimal', null, ['1.50', '-2', '0', '123.456']),
    spec('Decimal', `db.Decimal(${decimalPrecision}, ${decimalScale})`, ['1.5', '-2', '0', '99.25']),
    spec('Decimal', 'db.Money', ['1.5', '0', '-2']),
    spec('DateTime', null, TIMESTAMPS, { functions: ['now()', 'dbgenerated("now()")'] }),
    spec('DateTime', `db.Timestamp(${precision})`, TIMESTAMPS, { functions: ['now()'] }),
    spec('DateTime', 'db.Timestamptz', TIMESTAMPS, { functions: ['now()'] }),
    spec('DateTime', `db.Timestamptz(${precision})`, TIMESTAMPS, { functions: ['now()'] }),
    spec('DateTime', 'db.Date', ['"2020-01-01T00:00:00Z"', '"2024-02-29T00:00:00Z"'], { functions: ['now()'] }),
    spec('DateTime', `db.Time(${precision})`, ['"1970-01-01T10:30:00Z"', '"1970-01-01T23:59:59.25Z"'], { functions: ['now()'] }),
    spec('DateTime', `db.Timetz(${precision})`, ['"1970-01-01T10:30:00Z"', '"1970-01-01T10:30:00+02:00"'], { functions: ['now()'] }),
    spec('Json', null, ['"{}"', '"[]"', '"{\\"bb\\":1,\\"a\\":[true,null]}"', '"\\"text\\""', '"1.50"']),
    spec('Json', 'db.JsonB', ['"{\\"k\\": \\"v\\"}"']),
    spec('Json', 'db.Json', ['"{\\"bb\\":1, \\"a\\":2}"'], { indexable: false }),
    spec('Bytes', null, ['"aGVsbG8="', '""']),
    spec('Bytes', 'db.ByteA', ['"AAEC"']),
  ];
}

const UNSUPPORTED = ['circle', 'tsvector', 'point', 'int4range', 'macaddr', 'interval'];

/** Index kinds beyond btree: the field type they fit, the method and the operator classes Prisma offers. */
const TYPED_INDEXES: { type: string; native: string | null; list?: boolean; method: string; ops: (string | null)[] }[] = [
  { type: 'Json', native: null, method: 'Gin', ops: [null, 'JsonbOps', 'JsonbPathOps'] },
  { type: 'Int', native: null, list: true, method: 'Gin', ops: [null, 'ArrayOps'] },
  { type: 'String', native: null, list: true, method: 'Gin', ops: [null, 'ArrayOps'] },
  { type: 'String', native: 'db.Inet', method: 'Gist', ops: ['InetOps'] },
  { type: 'String', native: 'db.Inet', method: 'SpGist', ops: [null, 'InetOps'] },
  { type: 'String', native: null, method: 'SpGist', ops: [null, 'TextOps'] },
  { type: 'Int', native: null, method: 'Brin', ops: [null, 'Int4MinMaxOps', 'Int4MinMaxMultiOps', 'Int4BloomOps'] },
  { type: 'BigInt', native: null, method: 'Brin', ops: ['Int8MinMaxOps', 'Int8BloomOps'] },
  { type: 'DateTime', native: null, method: 'Brin', ops: ['TimestampMinMaxOps', 'TimestampBloomOps', 'TimestampMinMaxMultiOps'] },
  { type: 'DateTime', native: 'db.Timestamptz(6)', method: 'Brin', ops: ['TimestampTzMinMaxOps', 'TimestampTzBloomOps'] },
  { type: 'DateTime', native: 'db.Date', method: 'Brin', ops: ['DateMinMaxOps', 'DateMinMaxMultiOps'] },
  { type: 'String', native: 'db.Uuid', method: 'Brin', ops: ['UuidMinMaxOps', 'UuidBloomOps'] },
  { type: 'String', native: null, method: 'Brin', ops: ['TextMinMaxOps', 'TextBloomOps'] },
  { type: 'Float', native: null, method: 'Brin', ops: ['Float8MinMaxOps'] },
  { type: 'Decimal', native: null, method: 'Brin', ops: ['NumericMinMaxOps', 'NumericBloomOps'] },
  { type: 'Int', native: null, method: 'Hash', ops: [null] },
  { type: 'String', native: null, method: 'Hash', ops: [null] },
  { type: 'Json', native: null, method: 'Gin', ops: ['raw("jsonb_path_ops")'] },
];

const ACTIONS = ['Cascade', 'Restrict', 'NoAction', 'SetNull', 'SetDefault'];

interface ModelSpec {
  name: string;
  /** Database name (after @@map) and whether a view or an ignored model. */
  table: string;
  schema: string | null;
  fields: string[];
  attributes: string[];
  fieldNames: Set<string>;
  /** Database column names in use, compared on PostgreSQL's first 63 bytes. */
  columns: Set<string>;
  /** The key relations point at: field names with their type text (type + native attribute). */
  id: { name: string; type: string }[];
  ignored: boolean;
}

class SchemaBuilder {
  private readonly models: ModelSpec[] = [];
  private readonly enums: { name: string; values: string[]; text: string }[] = [];
  private readonly blocks: string[] = [];
  private readonly relationMode: 'prisma' | 'foreignKeys';
  private readonly schemas: string[] | null;
  private readonly extensions: boolean;
  private readonly scalars: ScalarSpec[];
  private counter = 0;

  constructor(private readonly g: Gen) {
    this.relationMode = this.chance(0.2) ? 'prisma' : 'foreignKeys';
    this.schemas = this.chance(0.2) ? ['public', 'second'] : null;
    this.extensions = this.chance(0.15);
    this.scalars = scalarSpecs(g);
  }

  build(): string {
    const enumCount = this.int(0, 2);
    for (let i = 0; i < enumCount; i++) this.addEnum();
    const modelCount = this.int(2, 5);
    for (let i = 0; i < modelCount; i++) this.addModel();
    const relationCount = this.int(0, 4);
    for (let i = 0; i < relationCount; i++) this.addRelation();
    if (this.chance(0.15)) this.addIgnoredModel();
    const views = this.chance(0.15);
    if (views) {
      const schema = this.schemas ? `\n  @@schema("${this.pick(this.schemas)}")` : '';
      this.blocks.push(`view ${this.uniqueName('Summary')} {\n  id   Int     @unique\n  note String?${schema}\n}`);
    }
    const preview = [...(views ? ['views'] : []), ...(this.extensions ? ['postgresqlExtensions'] : [])];
    const datasource = [
      'datasource db {',
      '  provider = "postgresql"',
      ...(this.relationMode === 'prisma' ? ['  relationMode = "prisma"'] : []),
      ...(this.schemas ? [`  schemas = [${this.schemas.map((s) => JSON.stringify(s)).join(', ')}]`] : []),
      ...(this.extensions ? ['  extensions = [citext, pg_trgm(schema: "public")]'] : []),
      '}',
    ];
    const generator = [
      'generator client {',
      '  provider = "prisma-client-js"',
      ...(preview.length ? [`  previewFeatures = [${preview.map((p) => JSON.stringify(p)).join(', ')}]`] : []),
      '}',
    ];
    const models = this.models.map((model) =>
      [`model ${model.name} {`, ...model.fields.map((f) => `  ${f}`), ...model.attributes.map((a) => `  ${a}`), '}'].join('\n'),
    );
    return [datasource.join('\n'), generator.join('\n'), ...this.enums.map((e) => e.text), ...models, ...this.blocks].join('\n\n') + '\n';
  }

  private addEnum(): void {
    const name = this.uniqueName(this.pick(['Role', 'status', 'Kind', 'lower_kind']));
    const count = this.int(1, 4);
    const values = Array.from({ length: count }, (_, i) => `${this.pick(['A', 'b', 'VALUE', 'with_under'])}${i}`);
    const lines = values.map((value) => (this.chance(0.3) ? `${value} @map("${value.toLowerCase()}-db ${this.counter++}")` : value));
    if (this.chance(0.3))
      lines.push(
        `@@map("${this.chance(0.2) ? this.longName(`enum${this.counter++}_`, true) : `${this.pick(['enum_db', 'Enum Db', 'role'])}${this.counter++}`}")`,
      );
    if (this.schemas) lines.push(`@@schema("${this.pick(this.schemas)}")`);
    this.enums.push({ name, values, text: [`enum ${name} {`, ...lines.map((line) => `  ${line}`), '}'].join('\n') });
  }

  private addModel(): void {
    const name = this.modelName();
    const model: ModelSpec = {
      name,
      table: name,
      schema: this.schemas ? this.pick(this.schemas) : null,
      fields: [],
      attributes: [],
      fieldNames: new Set(),
      columns: new Set(),
      id: [],
      ignored: false,
    };
    this.models.push(model);
    if (this.chance(0.25)) {
      const mapped = this.chance(0.3)
        ? this.longName(`tbl${this.counter++}_`, true)
        : `${this.pick(['tbl', 'Tbl Space', 'user'])}_${this.counter++}`;
      model.attributes.push(`@@map("${mapped}")`);
      model.table = mapped;
    }
    if (model.schema) model.attributes.push(`@@schema("${model.schema}")`);
    this.addId(model);
    const fieldCount = this.int(1, 6);
    for (let i = 0; i < fieldCount; i++) this.addScalarField(model);
    if (this.chance(0.3)) this.addUnsupportedField(model);
    if (this.chance(0.3)) this.addEnumField(model);
    if (this.chance(0.3)) this.addField(model, 'updatedAt', `DateTime${this.chance(0.5) ? '?' : ''} @updatedAt`);
    if (this.chance(0.15)) this.addField(model, 'hidden', 'String? @ignore');
    if (this.chance(0.4)) this.addCompoundIndex(model, this.chance(0.5));
    if (this.chance(0.35)) this.addTypedIndex(model);
    if (this.extensions && this.chance(0.4)) {
      const field = this.addField(model, 'searchable', 'String');
      model.attributes.push(`@@index([${field}(ops: raw("gin_trgm_ops"))], type: Gin)`);
    }
  }

  /** `@@ignore` keeps the table out of the client, not out of the database; such a model needs no key. */
  private addIgnoredModel(): void {
    const name = this.uniqueName('Ignored');
    const key = this.chance(0.5) ? ' @id' : '';
    const schema = this.schemas ? `\n  @@schema("${this.pick(this.schemas)}")` : '';
    this.blocks.push(`model ${name} {\n  code String${key}\n  note Int? @default(3)\n  @@ignore${schema}\n}`);
  }

  private addId(model: ModelSpec): void {
    const map = this.chance(0.2) ? `, map: "${model.name.slice(0, 20)}_pk${this.counter++}"` : '';
    if (this.chance(0.2)) {
      const a = this.addField(model, 'tenant', 'String');
      const b = this.addField(model, 'seq', 'Int');
      const name = this.chance(0.3) ? `, name: "tenantSeq${this.counter++}"` : '';
      model.attributes.push(`@@id([${a}, ${b}]${name}${map})`);
      model.id = [
        { name: a, type: 'String' },
        { name: b, type: 'Int' },
      ];
      return;
    }
    const [type, rest] = this.pick<[string, string]>([
      ['Int', '@default(autoincrement())'],
      ['BigInt', '@default(autoincrement())'],
      ['String', '@default(cuid())'],
      ['String @db.Uuid', '@default(dbgenerated("gen_random_uuid()"))'],
      ['String @db.VarChar(36)', '@default(uuid())'],
      ['Int @db.SmallInt', ''],
      ['String', ''],
    ]);
    const [prismaType, ...native] = type.split(' ');
    const field = this.addField(
      model,
      'id',
      `${prismaType} @id${map ? `(${map.slice(2)})` : ''} ${native.join(' ')} ${rest}`,
      this.chance(0.2),
    );
    model.id = [{ name: field, type }];
  }

  private addScalarField(model: ModelSpec): void {
    const spec = this.pick(this.scalars);
    const list = spec.listable && this.chance(0.2);
    const optional = !list && this.chance(0.3);
    const parts = [`${spec.type}${list ? '[]' : optional ? '?' : ''}`];
    if (spec.native) parts.push(`@${spec.native}`);
    const defaultValue = this.defaultFor(spec, list);
    if (defaultValue) parts.push(`@default(${defaultValue})`);
    if (!list && spec.indexable && this.chance(0.15)) {
      const options = [
        this.chance(0.3) ? 'sort: Desc' : null,
        this.named(model) ? `map: "${model.name.slice(0, 30)}_uq${this.counter++}"` : null,
      ].filter(Boolean);
      parts.push(options.length ? `@unique(${options.join(', ')})` : '@unique');
    }
    this.addField(model, this.pick(['name', 'value', 'createdAt', 'count', 'data', 'x']), parts.join(' '), this.chance(0.25));
  }

  private defaultFor(spec: ScalarSpec, list: boolean): string | null {
    if (!this.chance(0.5)) return null;
    if (list) {
      if (
        spec.type === 'Json' ||
        spec.type === 'Bytes' ||
        spec.native === 'db.Money' ||
        spec.native?.startsWith('db.Bit') ||
        spec.native?.startsWith('db.VarBit')
      )
        return null;
      const count = this.int(0, 2);
      return `[${Array.from({ length: count }, () => this.pick(spec.literals)).join(', ')}]`;
    }
    const autoincrement = spec.functions.includes('autoincrement()');
    const functions = spec.functions.filter((f) => f !== 'autoincrement()' || autoincrement);
    if (functions.length && this.chance(0.4)) return this.pick(functions);
    return this.pick(spec.literals);
  }

  private addUnsupportedField(model: ModelSpec): void {
    const type = this.pick(UNSUPPORTED);
    const list = this.chance(0.2);
    const optional = !list && this.chance(0.6);
    const defaultValue = type === 'interval' && !list && this.chance(0.5) ? ` @default(dbgenerated("'1 day'::interval"))` : '';
    this.addField(model, 'legacy', `Unsupported("${type}")${list ? '[]' : optional ? '?' : ''}${defaultValue}`);
  }

  private addEnumField(model: ModelSpec): void {
    if (this.enums.length === 0) return;
    const enumType = this.pick(this.enums);
    const list = this.chance(0.3);
    const optional = !list && this.chance(0.3);
    let defaultValue = '';
    if (this.chance(0.6)) {
      defaultValue = list
        ? ` @default([${enumType.values.slice(0, this.int(0, enumType.values.length)).join(', ')}])`
        : ` @default(${this.pick(enumType.values)})`;
    }
    this.addField(model, 'kind', `${enumType.name}${list ? '[]' : optional ? '?' : ''}${defaultValue}`);
  }

  /** A compound unique or index over two fresh columns, named or not, with a sort order sometimes. */
  private addCompoundIndex(model: ModelSpec, unique: boolean): void {
    const a = this.addField(model, 'part', this.pick(['String', 'Int', 'DateTime', 'String @db.VarChar(50)', 'BigInt?']));
    const b = this.addField(model, 'part', this.pick(['String', 'Int?', 'Boolean', 'Decimal']));
    const column = (field: string) => (this.chance(0.3) ? `${field}(sort: Desc)` : field);
    const args = [`[${column(a)}, ${column(b)}]`];
    if (this.named(model)) args.push(`map: "${model.name.slice(0, 25)}_${unique ? 'uq' : 'ix'}${this.counter++}"`);
    else if (unique && this.chance(0.3)) args.push(`name: "clientName${this.counter++}"`);
    else if (!unique && this.chance(0.2)) args.push(`name: "legacy_ix${this.counter++}"`);
    if (!unique && this.chance(0.3)) args.push('type: BTree');
    model.attributes.push(`@@${unique ? 'unique' : 'index'}(${args.join(', ')})`);
  }

  private addTypedIndex(model: ModelSpec): void {
    const kind = this.pick(TYPED_INDEXES);
    const field = this.addField(model, 'indexed', `${kind.type}${kind.list ? '[]' : ''}${kind.native ? ` @${kind.native}` : ''}`);
    const ops = this.pick(kind.ops);
    const args = [`[${ops ? `${field}(ops: ${ops})` : field}]`, `type: ${kind.method}`];
    if (this.named(model)) args.push(`map: "${model.name.slice(0, 25)}_tx${this.counter++}"`);
    model.attributes.push(`@@index(${args.join(', ')})`);
  }

  private addRelation(): void {
    const kind = this.pick(['1-n', '1-1', 'self-1-n', 'self-1-1', 'm2m', 'self-m2m'] as const);
    const from = this.pick(this.models);
    const to = kind.startsWith('self') ? from : this.pick(this.models);
    const self = from === to;
    // Both ends on one model, or a second relation between the same models, need a name to pair them up.
    const name =
      self || this.chance(0.4) ? `"${this.chance(0.2) ? this.longName(`rel${this.counter++}_`) : `rel${this.counter++}`}"` : null;
    if (!name && this.relatedPairs.has(pairKey(from, to))) return;
    this.relatedPairs.add(pairKey(from, to));
    if (kind.endsWith('m2m')) {
      if (from.id.length !== 1 || to.id.length !== 1) return;
      const relation = name ? ` @relation(${name})` : '';
      this.addField(from, 'peers', `${to.name}[]${relation}`, false, true);
      this.addField(to, 'peersOf', `${from.name}[]${relation}`, false, true);
      return;
    }
    const one = kind.endsWith('1-1');
    const optional = self || this.chance(0.5);
    const fieldNames = to.id.map((key) => {
      const [type, ...native] = key.type.split(' ');
      return this.addField(from, 'ref', `${type}${optional ? '?' : ''} ${native.join(' ')}`);
    });
    if (one) {
      if (fieldNames.length === 1) from.fields[from.fields.length - 1] += ' @unique';
      else from.attributes.push(`@@unique([${fieldNames.join(', ')}])`);
    }
    const args = [
      ...(name ? [name] : []),
      `fields: [${fieldNames.join(', ')}]`,
      `references: [${to.id.map((key) => key.name).join(', ')}]`,
    ];
    const actions = ACTIONS.filter((action) => action !== 'SetNull' || optional);
    if (this.relationMode === 'prisma') {
      // Emulated relations must not cascade in a cycle (Prisma's implicit onUpdate is Cascade), and NoAction
      // is not emulated on PostgreSQL: Restrict is what every relation can have.
      args.push('onDelete: Restrict', 'onUpdate: Restrict');
    } else {
      if (this.chance(0.6)) args.push(`onDelete: ${this.pick(actions)}`);
      if (this.chance(0.4)) args.push(`onUpdate: ${this.pick(actions)}`);
    }
    if (this.named(from)) args.push(`map: "fk_${from.name.slice(0, 20)}_${this.counter++}"`);
    const back = name ? ` @relation(${name})` : '';
    this.addField(from, 'owner', `${to.name}${optional ? '?' : ''} @relation(${args.join(', ')})`, false, true);
    this.addField(to, 'owned', `${from.name}${one ? '?' : '[]'}${back}`, false, true);
  }

  private readonly relatedPairs = new Set<string>();

  /** Adds a field with a fresh name (and a fresh column name), mapped to another column name sometimes. */
  private addField(model: ModelSpec, base: string, rest: string, mapped = false, relation = false): string {
    const name = this.freshField(model, base);
    let column = name;
    let map = '';
    if (mapped && !relation) {
      column = this.chance(0.3) ? this.longName(`c${this.counter++}_`, true) : `${base}_col ${this.counter++}`;
      map = ` @map("${column}")`;
    }
    if (!relation) model.columns.add(column);
    model.fields.push(`${name} ${rest.replace(/\s+/g, ' ').trim()}${map}`);
    return name;
  }

  private freshField(model: ModelSpec, base: string): string {
    let name = base;
    for (let i = 2; model.fieldNames.has(name) || model.columns.has(name); i++) name = `${base}${i}`;
    model.fieldNames.add(name);
    return name;
  }

  private modelName(): string {
    if (this.chance(0.15)) return this.uniqueName(this.longName(`Long${this.counter++}`));
    return this.uniqueName(this.pick(['User', 'Post', 'Tag', 'Account', 'order', 'LineItem', 'A']));
  }

  private readonly names = new Set<string>();

  private uniqueName(base: string): string {
    let name = base;
    for (let i = 2; this.names.has(name); i++) name = `${base}${i}`;
    this.names.add(name);
    return name;
  }

  /**
   * A name of about 55 to 80 bytes, unique in its first bytes so that PostgreSQL's truncation keeps it
   * unique; sometimes of two-byte characters (for @map), so that the cut can fall inside one.
   */
  private longName(prefix: string, multibyte = false): string {
    const filler = multibyte && this.chance(0.5) ? 'é' : 'X';
    return (prefix + filler.repeat(80)).slice(0, this.int(filler === 'é' ? 30 : 55, filler === 'é' ? 45 : 75));
  }

  /**
   * Whether a constraint gets an explicit name: mostly on tables with long names, where generated names
   * would be shortened into each other (Prisma rejects that; such schemas are counted, not compared).
   */
  private named(model: ModelSpec): boolean {
    return this.chance(Buffer.byteLength(model.table) > 40 ? 0.85 : 0.3);
  }

  private chance(p: number): boolean {
    return this.g(fc.integer, { min: 0, max: 99 }) < p * 100;
  }

  private int(min: number, max: number): number {
    return this.g(fc.integer, { min, max });
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.g(fc.integer, { min: 0, max: items.length - 1 })]!;
  }
}

function pairKey(a: ModelSpec, b: ModelSpec): string {
  return [a.name, b.name].sort().join(' ');
}
