import type pg from 'pg';
import { qualifiedKey, type Column, type ColumnType, type DbSchema, type ForeignKey, type Table } from '../common/model.js';
import { quoteIdent } from '../db/quote.js';

export interface SeedResult {
  seeded: { schema: string; name: string; rows: number }[];
  /** Tables left empty, with PostgreSQL's reason (a CHECK constraint, a type we cannot make up values for...). */
  skipped: { schema: string; name: string; reason: string }[];
}

/**
 * Fills every table with a few rows made up from its column types, so that measuring a migration shows
 * what it does to a table with data in it. Values respect NOT NULL, primary keys, unique indexes and
 * foreign keys (parents are filled first), and otherwise are deliberately untidy: nullable columns get
 * NULLs and other columns repeat values, so a later SET NOT NULL or unique index fails here as it would on
 * real data. A table whose INSERT is rejected stays empty.
 */
export async function seedTables(client: pg.ClientBase, schema: DbSchema, options: { rows?: number } = {}): Promise<SeedResult> {
  const rows = options.rows ?? 20;
  const result: SeedResult = { seeded: [], skipped: [] };
  const keysOf: KeysOf = new Map();
  for (const table of insertionOrder(schema.tables)) {
    const plan = planRows(table, rows, schema, keysOf);
    if ('reason' in plan) {
      result.skipped.push({ schema: table.schema, name: table.name, reason: plan.reason });
      continue;
    }
    try {
      if (plan.count > 0) await client.query(insertSql(table, plan));
      keysOf.set(qualifiedKey(table.schema, table.name), await readKeys(client, table, schema));
      result.seeded.push({ schema: table.schema, name: table.name, rows: plan.count });
    } catch (error) {
      result.skipped.push({ schema: table.schema, name: table.name, reason: (error as Error).message });
    }
  }
  return result;
}

/**
 * Adds rows to one table of a seeded database until it holds `rows`, made up as seedTables makes them (its
 * foreign keys point at the rows already in the parent tables), to time a statement on a bigger table. The
 * values go as one array per column, which PostgreSQL unnests: one round trip and a small query text for any
 * number of rows. Returns how many rows the table holds then: fewer than asked when a one-to-one foreign
 * key runs out of parent rows. Throws what PostgreSQL says when the rows break a constraint.
 */
export async function growTable(
  client: pg.ClientBase,
  schema: DbSchema,
  name: { schema: string; name: string },
  rows: number,
): Promise<number> {
  const table = schema.tables.find((t) => t.schema === name.schema && t.name === name.name);
  if (!table) throw new Error(`no table ${name.schema}.${name.name} to grow`);
  const target = `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
  const { rows: counted } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${target}`);
  const existing = Number(counted[0]!.n);
  if (existing >= rows) return existing;
  const keysOf: KeysOf = new Map();
  for (const fk of table.foreignKeys) {
    const parent = schema.tables.find((t) => t.schema === fk.referencedSchema && t.name === fk.referencedTable);
    if (parent && !keysOf.has(qualifiedKey(parent.schema, parent.name)))
      keysOf.set(qualifiedKey(parent.schema, parent.name), await readKeys(client, parent, schema));
  }
  const plan = planRows(table, rows - existing, schema, keysOf, existing);
  if ('reason' in plan) throw new Error(plan.reason);
  if (plan.count === 0) return existing;
  if (plan.columns.length === 0) {
    await client.query(`INSERT INTO ${target} SELECT FROM generate_series(1, ${plan.count})`);
  } else {
    const names = plan.columns.map((_, i) => `v${i}`);
    await client.query(
      `INSERT INTO ${target} (${plan.columns.map((c) => quoteIdent(c.name)).join(', ')})
       SELECT ${plan.columns.map((c, i) => `${names[i]}::${castType(c.type)}`).join(', ')}
         FROM unnest(${names.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS u(${names.join(', ')})`,
      plan.columns.map((_, i) => plan.values.map((row) => row[i]!)),
    );
  }
  return existing + plan.count;
}

/** For each filled table, the rows (as text) of every column list a foreign key references. */
type KeysOf = Map<string, Map<string, (string | null)[][]>>;

const columnsKey = (columns: string[]) => JSON.stringify(columns);

/**
 * Parents before children. A NOT NULL foreign key always puts its parent first; an optional one does too
 * unless that parent needs (through NOT NULL keys) a table already waiting for it, so a cycle is broken at
 * an optional reference, which is then left NULL.
 */
function insertionOrder(tables: Table[]): Table[] {
  const byKey = new Map(tables.map((t) => [qualifiedKey(t.schema, t.name), t]));
  const parentOf = (fk: ForeignKey) => byKey.get(qualifiedKey(fk.referencedSchema, fk.referencedTable));
  const required = (table: Table, fk: ForeignKey) =>
    fk.columns.some((c) => table.columns.find((col) => col.name === c)?.nullable === false);
  const needs = (table: Table, seen = new Set<Table>()): Set<Table> => {
    for (const fk of table.foreignKeys) {
      const parent = parentOf(fk);
      if (parent && required(table, fk) && !seen.has(parent)) needs(parent, seen.add(parent));
    }
    return seen;
  };
  const done = new Set<Table>();
  const waiting = new Set<Table>();
  const order: Table[] = [];
  const visit = (table: Table) => {
    if (done.has(table) || waiting.has(table)) return;
    waiting.add(table);
    const fks = [...table.foreignKeys].sort((a, b) => Number(required(table, b)) - Number(required(table, a)));
    for (const fk of fks) {
      const parent = parentOf(fk);
      if (!parent || parent === table) continue;
      if (required(table, fk) || ![...needs(parent)].some((t) => waiting.has(t))) visit(parent);
    }
    waiting.delete(table);
    done.add(table);
    order.push(table);
  };
  for (const table of tables) visit(table);
  return order;
}

interface Plan {
  columns: Column[];
  /** values[row][column] as text for a cast to the column's type, or null. */
  values: (string | null)[][];
  count: number;
}

/** `offset`: the rows already in the table, so new rows continue their sequence and unique values stay distinct. */
function planRows(table: Table, wanted: number, schema: DbSchema, keysOf: KeysOf, offset = 0): Plan | { reason: string } {
  const uniqueColumns = new Set([
    ...(table.primaryKey?.columns ?? []),
    ...table.indexes.filter((i) => i.unique && !i.predicate).flatMap((i) => i.columns.flatMap((c) => (c.name ? [c.name] : []))),
  ]);
  const isSelf = (fk: ForeignKey) => fk.referencedSchema === table.schema && fk.referencedTable === table.name;
  // A column in several foreign keys takes its value from the widest: a composite key's parent row also
  // satisfies the narrower key (tenant columns such as project_id).
  const fkOf = new Map<string, { fk: ForeignKey; position: number }>();
  for (const fk of [...table.foreignKeys].sort((a, b) => a.columns.length - b.columns.length)) {
    fk.columns.forEach((column, position) => fkOf.set(column, { fk, position }));
  }

  let count = wanted;
  const parentRows = new Map<ForeignKey, (string | null)[][]>();
  for (const fk of table.foreignKeys.filter((fk) => !isSelf(fk))) {
    const rows = keysOf.get(qualifiedKey(fk.referencedSchema, fk.referencedTable))?.get(columnsKey(fk.referencedColumns)) ?? [];
    const required = fk.columns.some((c) => !table.columns.find((col) => col.name === c)?.nullable);
    if (rows.length === 0 && required) return { reason: `its foreign key ${fk.name} needs rows in ${fk.referencedTable}, which has none` };
    parentRows.set(fk, rows);
    // A unique foreign key (one-to-one) can point at each parent row once.
    if (rows.length > 0 && fk.columns.some((c) => uniqueColumns.has(c))) count = Math.max(0, Math.min(count, rows.length - offset));
  }

  // Columns PostgreSQL fills itself, and nullable ones of types we cannot make up values for, are left out.
  const columns = table.columns.filter(
    (c) =>
      !c.generated &&
      c.identity === null &&
      !/^nextval\(/.test(c.default ?? '') &&
      (fkOf.has(c.name) || !c.nullable || scalarFor(c.type, 0, schema) !== undefined),
  );
  const values: (string | null)[][] = [];
  for (let row = offset; row < offset + count; row++) {
    values.push(
      columns.map((column) => {
        const unique = uniqueColumns.has(column.name);
        const link = fkOf.get(column.name);
        if (link && isSelf(link.fk)) return null;
        if (link) {
          // Every column of one foreign key comes from the same parent row, or all are NULL.
          const rows = parentRows.get(link.fk)!;
          const fkUnique = link.fk.columns.some((c) => uniqueColumns.has(c));
          const fkNullable = link.fk.columns.every((c) => table.columns.find((col) => col.name === c)?.nullable);
          if (rows.length === 0 || (fkNullable && !fkUnique && row % 4 === 3)) return null;
          return rows[fkUnique ? row % rows.length : (row * 7) % rows.length]![link.position]!;
        }
        if (column.nullable && !unique && row % 3 === 2) return null;
        return valueFor(column.type, unique ? row : row % 3, schema);
      }),
    );
  }
  linkSelfReferences(table, columns, values, isSelf);
  return { columns, values, count };
}

/**
 * A self reference points at the previous row (the first row at itself) when the referenced columns get
 * values here, so NOT NULL self references work; a key PostgreSQL generates is unknown, so those stay NULL.
 * The foreign key is checked at the end of the INSERT, when every row is in.
 */
function linkSelfReferences(table: Table, columns: Column[], values: (string | null)[][], isSelf: (fk: ForeignKey) => boolean): void {
  const index = (name: string) => columns.findIndex((c) => c.name === name);
  for (const fk of table.foreignKeys.filter(isSelf)) {
    const from = fk.columns.map(index);
    const to = fk.referencedColumns.map(index);
    if (to.some((i) => i < 0)) continue;
    const nullable = fk.columns.every((c) => table.columns.find((col) => col.name === c)?.nullable);
    values.forEach((row, n) => {
      if (nullable && n % 2 === 0) return;
      from.forEach((i, position) => {
        if (i >= 0) row[i] = values[Math.max(n - 1, 0)]![to[position]!]!;
      });
    });
  }
}

/** A value of the type as text, distinct for each `n` (as far as the type has values). */
function valueFor(type: ColumnType, n: number, schema: DbSchema): string {
  // A NOT NULL column of a type we do not know gets a number and the type's own input function decides.
  const scalar = scalarFor(type, n, schema) ?? String(n + 1);
  if (!type.array) return scalar;
  const second = scalarFor(type, n + 1, schema) ?? String(n + 2);
  return `{${[scalar, second].map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

function scalarFor(type: ColumnType, n: number, schema: DbSchema): string | undefined {
  if (type.schema) {
    const values = schema.enums.find((e) => e.schema === type.schema && e.name === type.name)?.values;
    if (values && values.length > 0) return values[n % values.length];
  }
  switch (type.name) {
    case 'int2':
    case 'int4':
    case 'int8':
    case 'numeric':
    case 'float4':
    case 'float8':
    case 'oid':
      return String(n + 1);
    case 'money':
      return `${n + 1}.00`;
    case 'bool':
      return n % 2 === 0 ? 'true' : 'false';
    case 'text':
    case 'citext':
    case 'varchar':
    case 'bpchar':
    case 'name':
      return fitText(`value ${n + 1}`, n, type.args[0]);
    case 'uuid':
      return `00000000-0000-4000-8000-${(n + 1).toString(16).padStart(12, '0')}`;
    case 'json':
    case 'jsonb':
      return JSON.stringify({ seed: n + 1 });
    case 'timestamp':
    case 'timestamptz':
      return new Date(Date.UTC(2024, 0, 1 + n, 12)).toISOString();
    case 'date':
      return new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
    case 'time':
    case 'timetz':
      return `${String(n % 24).padStart(2, '0')}:00:00`;
    case 'interval':
      return `${n + 1} minutes`;
    case 'bytea':
      return `\\x${(n + 1).toString(16).padStart(2, '0')}`;
    case 'inet':
    case 'cidr':
      return `10.0.${Math.floor(n / 256)}.${n % 256}`;
    case 'xml':
      return `<seed>${n + 1}</seed>`;
    default:
      return undefined;
  }
}

/**
 * Text within a length limit: short limits fall back to the bare number, and numbers too long for it to the
 * number written in letters (`a` to `z` for 0 to 25: four characters hold 457,000 values, enough for a table
 * grown to time a statement). Letters never spell a number, so the values stay distinct.
 */
function fitText(text: string, n: number, limit: number | undefined): string {
  if (limit === undefined || text.length <= limit) return text;
  const decimal = String(n + 1);
  if (decimal.length <= limit) return decimal;
  let letters = '';
  for (let rest = n; letters.length < limit; rest = Math.floor(rest / 26)) letters = String.fromCharCode(97 + (rest % 26)) + letters;
  return letters;
}

function castType(type: ColumnType): string {
  const base = type.schema ? `${quoteIdent(type.schema)}.${quoteIdent(type.name)}` : quoteIdent(type.name);
  const args = type.args.length ? `(${type.args.join(',')})` : '';
  return `${base}${args}${type.array ? '[]' : ''}`;
}

function insertSql(table: Table, { columns, values, count }: Plan): string {
  const target = `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
  // Every column has a default: an empty select list inserts a row of defaults.
  if (columns.length === 0) return `INSERT INTO ${target} SELECT FROM generate_series(1, ${count})`;
  const literal = (value: string | null, column: Column) =>
    value === null ? `NULL::${castType(column.type)}` : `'${value.replaceAll("'", "''")}'::${castType(column.type)}`;
  const rows = values.map((row) => `(${row.map((value, i) => literal(value, columns[i]!)).join(', ')})`);
  return `INSERT INTO ${target} (${columns.map((c) => quoteIdent(c.name)).join(', ')}) VALUES ${rows.join(', ')}`;
}

/** The filled table's rows of every column list a foreign key may reference, as text. */
async function readKeys(client: pg.ClientBase, table: Table, schema: DbSchema): Promise<Map<string, (string | null)[][]>> {
  const referenced = new Set<string>();
  for (const other of schema.tables) {
    for (const fk of other.foreignKeys) {
      if (fk.referencedSchema === table.schema && fk.referencedTable === table.name) referenced.add(columnsKey(fk.referencedColumns));
    }
  }
  const keys = new Map<string, (string | null)[][]>();
  for (const list of referenced) {
    const columns = JSON.parse(list) as string[];
    const { rows } = await client.query<{ values: (string | null)[] }>({
      text: `SELECT ARRAY[${columns.map((c) => `${quoteIdent(c)}::text`).join(', ')}] AS values FROM ${quoteIdent(table.schema)}.${quoteIdent(table.name)}`,
    });
    keys.set(
      list,
      rows.map((row) => row.values),
    );
  }
  return keys;
}
