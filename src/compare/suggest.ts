import { parseDefault, typeFamily, type ParsedDefault } from './defaults.js';
import type { Finding, Suggestion } from '../common/findings.js';
import type { Column, ColumnType, DbSchema, Index, Table } from '../common/model.js';
import type { ModelBlock, PrismaSchema } from '../prisma/ast.js';
import { indexName, uniqueIndexName } from '../prisma/names.js';
import { DEFAULT_TYPES } from '../prisma/types.js';
import type { SchemaFile } from '../prisma/parse.js';

/**
 * The schema.prisma line that declares what the migrations create and the schema lacks (an index, a column),
 * as a suggestion on the model: a reviewer who decides the migration is right commits it, and the schema
 * then describes the database. Only where the line can be written exactly: a finding whose object Prisma
 * cannot declare as migrated (a partial or expression index, an identity column, a type without a Prisma
 * scalar) keeps its hint and gets no suggestion.
 */

export interface SchemaSource {
  /** The schema's files, with the paths findings use. */
  files: readonly SchemaFile[];
  parsed: PrismaSchema;
}

export function withSchemaSuggestions(
  findings: readonly Finding[],
  input: { source: SchemaSource; expected: DbSchema; migrated: DbSchema },
): Finding[] {
  return findings.map((finding) => {
    if (finding.suggestion || (finding.rule !== 'drift/extra-index' && finding.rule !== 'drift/extra-column')) return finding;
    const suggestion = suggest(finding, input);
    return suggestion ? { ...finding, suggestion } : finding;
  });
}

function suggest(finding: Finding, input: { source: SchemaSource; expected: DbSchema; migrated: DbSchema }): Suggestion | null {
  const object = finding.object;
  if (!object?.table) return null;
  const find = (schema: DbSchema) => schema.tables.find((table) => table.schema === object.schema && table.name === object.table);
  const expected = find(input.expected);
  const migrated = find(input.migrated);
  const model = input.source.parsed.models.find((block) => block.name === expected?.model);
  const file = input.source.files.find((candidate) => candidate.path === model?.loc.file);
  if (!expected || !migrated || !model || !file) return null;
  const lines = file.content.split('\n');

  if (finding.rule === 'drift/extra-index') {
    const index = migrated.indexes.find((candidate) => candidate.name === object.name);
    const attribute = index && indexAttribute(index, expected);
    const close = attribute ? closingLine(lines, model) : null;
    if (!attribute || close === null) return null;
    // Block attributes go after the fields, set off by a blank line as `prisma format` leaves them.
    const previous = lines[close - 2]?.trim() ?? '';
    const gap = previous === '' || previous.startsWith('@@') || previous.endsWith('{') ? [] : [''];
    return {
      file: file.path,
      startLine: close,
      endLine: close,
      replacement: [...gap, `${indentOf(lines, model)}${attribute}`, stripCr(lines[close - 1]!)].join('\n'),
    };
  }

  const column = migrated.columns.find((candidate) => candidate.name === object.column);
  const declaration = column && fieldDeclaration(column, model, input.migrated);
  const last = model.fields.at(-1);
  if (!declaration || !last) return null;
  // After the last field, aligned with the fields' types and attributes as `prisma format` aligns them.
  const [name, type, attributes] = declaration;
  const typeColumn = commonest(model.fields.map((field) => field.type.loc.column)) ?? 0;
  const attributeColumn = commonest(model.fields.flatMap((field) => (field.attributes[0] ? [field.attributes[0].loc.column] : []))) ?? 0;
  const pad = (text: string, column: number) => (text.length < column - 1 ? text.padEnd(column - 1) : `${text} `);
  let line = pad(`${indentOf(lines, model)}${name}`, typeColumn) + type;
  if (attributes) line = pad(line, attributeColumn) + attributes;
  return {
    file: file.path,
    startLine: last.loc.line,
    endLine: last.loc.line,
    replacement: `${stripCr(lines[last.loc.line - 1]!)}\n${line.trimEnd()}`,
  };
}

/** `@@index([a, b], map: "…")` or `@@unique(…)` for an index Prisma can declare as it is. */
function indexAttribute(index: Index, table: Table): string | null {
  if (index.predicate !== null || index.constraint || index.method !== 'btree') return null;
  const fields: string[] = [];
  for (const column of index.columns) {
    const declared = column.name === null ? undefined : table.columns.find((candidate) => candidate.name === column.name);
    if (!declared || column.opclass) return null;
    fields.push(column.sort === 'DESC' ? `${declared.field ?? declared.name}(sort: Desc)` : (declared.field ?? declared.name));
  }
  const columns = index.columns.map((column) => column.name!);
  const standard = index.unique ? uniqueIndexName(table.name, columns) : indexName(table.name, columns);
  const map = index.name === standard ? '' : `, map: ${quote(index.name)}`;
  return `@@${index.unique ? 'unique' : 'index'}([${fields.join(', ')}]${map})`;
}

/** Prisma's scalar for a column type it creates without `@db.*` (the expected side's table, read backwards). */
const SCALARS = new Map(Object.entries(DEFAULT_TYPES).map(([scalar, type]) => [type.name, { scalar, args: type.args }]));
/** The `@db.*` types by their pg_type. */
const NATIVE: Record<string, { scalar: string; native: string }> = {
  varchar: { scalar: 'String', native: 'VarChar' },
  bpchar: { scalar: 'String', native: 'Char' },
  uuid: { scalar: 'String', native: 'Uuid' },
  xml: { scalar: 'String', native: 'Xml' },
  inet: { scalar: 'String', native: 'Inet' },
  int2: { scalar: 'Int', native: 'SmallInt' },
  float4: { scalar: 'Float', native: 'Real' },
  numeric: { scalar: 'Decimal', native: 'Decimal' },
  money: { scalar: 'Decimal', native: 'Money' },
  timestamp: { scalar: 'DateTime', native: 'Timestamp' },
  timestamptz: { scalar: 'DateTime', native: 'Timestamptz' },
  date: { scalar: 'DateTime', native: 'Date' },
  time: { scalar: 'DateTime', native: 'Time' },
  timetz: { scalar: 'DateTime', native: 'Timetz' },
  json: { scalar: 'Json', native: 'Json' },
};

/** Name, type and attributes of the field that creates `column` as it is, or null when there is none to write. */
function fieldDeclaration(column: Column, model: ModelBlock, schema: DbSchema): [string, string, string] | null {
  if (column.identity || column.generated || !/^[A-Za-z][A-Za-z0-9_]*$/.test(column.name)) return null;
  if (model.fields.some((field) => field.name === column.name)) return null;
  const type = prismaType(column.type);
  if (!type) return null;
  const isEnum = schema.enums.some((candidate) => candidate.schema === column.type.schema && candidate.name === column.type.name);
  const parsed = parseDefault(column.default, typeFamily(column.type, isEnum), column.type.array, 'migrated');
  const fallback = parsed === null ? '' : defaultAttribute(parsed);
  if (fallback === null) return null;
  const arity = column.type.array ? '[]' : column.nullable ? '?' : '';
  return [column.name, `${type.scalar}${arity}`, [type.native, fallback].filter(Boolean).join(' ')];
}

function prismaType(type: ColumnType): { scalar: string; native: string } | null {
  if (type.schema) return null;
  const plain = SCALARS.get(type.name);
  if (plain && plain.args.join() === type.args.join()) return { scalar: plain.scalar, native: '' };
  const native = NATIVE[type.name];
  if (!native) return null;
  return { scalar: native.scalar, native: `@db.${native.native}${type.args.length ? `(${type.args.join(', ')})` : ''}` };
}

/** `@default(…)` for a default Prisma reads back as this value; null for one it cannot write. */
function defaultAttribute(parsed: ParsedDefault): string | null {
  switch (parsed.kind) {
    case 'now':
      return '@default(now())';
    case 'dbgenerated':
      return `@default(dbgenerated(${quote(parsed.text)}))`;
    case 'value': {
      const { value } = parsed;
      if (value.type === 'int' || value.type === 'decimal') return `@default(${String(value.value)})`;
      if (value.type === 'boolean') return `@default(${value.value})`;
      if (value.type === 'string' || value.type === 'json') return `@default(${quote(value.value)})`;
      return null;
    }
    default:
      return null;
  }
}

/** A Prisma string literal. */
function quote(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}

/** The 1-based line of the model's closing brace: the first line after its start that begins with `}`. */
function closingLine(lines: string[], model: ModelBlock): number | null {
  for (let line = model.loc.line; line < lines.length; line++) {
    if (lines[line]!.trimStart().startsWith('}')) return line + 1;
  }
  return null;
}

/** The indentation of the model's fields. */
function indentOf(lines: string[], model: ModelBlock): string {
  const first = model.fields[0] ?? model.attributes[0];
  return first ? (/^\s*/.exec(lines[first.loc.line - 1] ?? '')?.[0] ?? '  ') : '  ';
}

function stripCr(line: string): string {
  return line.replace(/\r$/, '');
}

function commonest(values: number[]): number | null {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? null;
}
