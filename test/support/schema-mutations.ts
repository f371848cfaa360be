import type { SchemaFile } from './prisma-engine.js';

/**
 * Edits of a schema.prisma, made on its text in memory, that each change the database Prisma would create
 * in one way a pull request might: a field added, dropped, retyped or renamed, a default, an index, a unique,
 * a relation's actions, an enum value, a model renamed. Each finds its own target, the first one it can
 * edit in a fixed order, and returns null when the schema has none.
 */
export interface SchemaMutation {
  name: string;
  apply: (files: SchemaFile[]) => SchemaFile[] | null;
}

interface Block {
  kind: 'model' | 'enum';
  name: string;
  file: number;
  /** Offsets of the block's body (between the braces) in its file. */
  start: number;
  end: number;
  body: string;
}

interface FieldLine {
  line: string;
  name: string;
  type: string;
  modifier: '' | '?' | '[]';
  attributes: string;
}

const SCALARS = new Set(['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes']);

function blocks(files: SchemaFile[]): Block[] {
  const found: Block[] = [];
  files.forEach((file, index) => {
    for (const match of file.content.matchAll(/^(model|enum)\s+(\w+)\s*\{\n([\s\S]*?)^\}/gm)) {
      const start = match.index + match[0].indexOf('{') + 2;
      found.push({ kind: match[1] as Block['kind'], name: match[2]!, file: index, start, end: start + match[3]!.length, body: match[3]! });
    }
  });
  return found;
}

function fields(block: Block): FieldLine[] {
  return block.body
    .split('\n')
    .map((line) => ({ line, match: /^\s*(\w+)\s+(\w+)(\?|\[\])?(.*)$/.exec(line) }))
    .filter((entry) => entry.match && !entry.line.trim().startsWith('//'))
    .map(({ line, match }) => ({
      line,
      name: match![1]!,
      type: match![2]!,
      modifier: (match![3] ?? '') as FieldLine['modifier'],
      attributes: match![4]!.replace(/\/\/.*$/, '').trim(),
    }));
}

/** A scalar field nothing else in its model refers to (no index, key or relation), with no attributes. */
function plainFields(block: Block, type?: string): FieldLine[] {
  return fields(block).filter(
    (field) =>
      SCALARS.has(field.type) &&
      field.modifier !== '[]' &&
      field.attributes === '' &&
      (type === undefined || field.type === type) &&
      !new RegExp(`[\\[,(\\s]${field.name}[\\],)\\s(]`).test(
        block.body
          .split('\n')
          .filter((l) => l !== field.line)
          .join('\n'),
      ),
  );
}

function replaceBody(files: SchemaFile[], block: Block, body: string): SchemaFile[] {
  return files.map((file, index) =>
    index === block.file ? { ...file, content: file.content.slice(0, block.start) + body + file.content.slice(block.end) } : file,
  );
}

function replaceLine(files: SchemaFile[], block: Block, line: string, replacement: string): SchemaFile[] {
  const lines = block.body.split('\n');
  lines[lines.indexOf(line)] = replacement;
  return replaceBody(files, block, lines.filter((l) => l !== '\u0000').join('\n'));
}

function appendLine(files: SchemaFile[], block: Block, line: string): SchemaFile[] {
  return replaceBody(files, block, `${block.body.replace(/\n*$/, '\n')}  ${line}\n`);
}

/** Models with an `@id` field, in a fixed order that does not start with the first model of the file. */
function models(files: SchemaFile[]): Block[] {
  const all = blocks(files).filter((block) => block.kind === 'model' && !/@@ignore\b/.test(block.body));
  const middle = Math.floor(all.length / 2);
  return [...all.slice(middle), ...all.slice(0, middle)];
}

function firstEdit(files: SchemaFile[], edit: (block: Block, all: Block[]) => SchemaFile[] | null): SchemaFile[] | null {
  const all = blocks(files);
  for (const block of models(files)) {
    const result = edit(block, all);
    if (result) return result;
  }
  return null;
}

/** Native type attributes are prefixed with the datasource's name, which is `db` only by habit. */
function native(files: SchemaFile[], line: string): string {
  const name = files.map((file) => /^\s*datasource\s+(\w+)/m.exec(file.content)?.[1]).find(Boolean) ?? 'db';
  return line.replaceAll('@db.', `@${name}.`);
}

function addField(line: string): SchemaMutation['apply'] {
  return (files) => firstEdit(files, (block) => appendLine(files, block, native(files, line)));
}

export const SCHEMA_MUTATIONS: SchemaMutation[] = [
  { name: 'add an optional String field', apply: addField('driftProbe String?') },
  { name: 'add a required Int field with a default', apply: addField('driftProbeCount Int @default(0)') },
  { name: 'add a DateTime field defaulting to now()', apply: addField('driftProbeAt DateTime @default(now())') },
  { name: 'add an @updatedAt field', apply: addField('driftProbeUpdated DateTime? @updatedAt') },
  { name: 'add a String[] field defaulting to []', apply: addField('driftProbeTags String[] @default([])') },
  { name: 'add a Json field with a default', apply: addField('driftProbeJson Json @default("{\\"a\\": 1}")') },
  {
    name: 'add a uuid field with a dbgenerated default',
    apply: addField('driftProbeUuid String @default(dbgenerated("gen_random_uuid()")) @db.Uuid'),
  },
  { name: 'add a Decimal field with a default', apply: addField('driftProbeAmount Decimal @default(1.5) @db.Decimal(10, 2)') },
  {
    name: 'drop a field',
    apply: (files) =>
      firstEdit(files, (block) => {
        const [field] = plainFields(block);
        return field ? replaceLine(files, block, field.line, '\u0000') : null;
      }),
  },
  {
    name: 'retype a String field to Int',
    apply: (files) =>
      firstEdit(files, (block) => {
        const [field] = plainFields(block, 'String');
        return field ? replaceLine(files, block, field.line, field.line.replace(/\bString\b/, 'Int')) : null;
      }),
  },
  {
    name: 'give a String field a native type',
    apply: (files) =>
      firstEdit(files, (block) => {
        const [field] = plainFields(block, 'String');
        return field ? replaceLine(files, block, field.line, native(files, `${field.line} @db.VarChar(64)`)) : null;
      }),
  },
  {
    name: 'change a field between optional and required',
    apply: (files) =>
      firstEdit(files, (block) => {
        const [field] = plainFields(block);
        if (!field) return null;
        const toggled =
          field.modifier === '?' ? field.line.replace(`${field.type}?`, field.type) : field.line.replace(field.type, `${field.type}?`);
        return replaceLine(files, block, field.line, toggled);
      }),
  },
  {
    name: 'change a default value',
    apply: (files) =>
      firstEdit(files, (block, all) => {
        for (const field of fields(block)) {
          const match = /@default\(([^()]*)\)/.exec(field.attributes);
          const changed = match && changedDefault(match[1]!, field, all);
          if (changed) return replaceLine(files, block, field.line, field.line.replace(match[0], `@default(${changed})`));
        }
        return null;
      }),
  },
  {
    name: 'remove a now() default',
    apply: (files) =>
      firstEdit(files, (block) => {
        const field = fields(block).find((f) => f.attributes.includes('@default(now())'));
        return field ? replaceLine(files, block, field.line, field.line.replace(/\s*@default\(now\(\)\)/, '')) : null;
      }),
  },
  {
    name: 'add an index',
    apply: (files) =>
      firstEdit(files, (block) => {
        const [field] = plainFields(block);
        return field ? appendLine(files, block, `@@index([${field.name}])`) : null;
      }),
  },
  {
    name: 'add a descending index',
    apply: (files) =>
      firstEdit(files, (block) => {
        const [, field] = plainFields(block);
        return field ? appendLine(files, block, `@@index([${field.name}(sort: Desc)])`) : null;
      }),
  },
  {
    name: 'drop an index',
    apply: (files) =>
      firstEdit(files, (block) => {
        const line = block.body.split('\n').find((l) => /^\s*@@index\(/.test(l));
        return line ? replaceLine(files, block, line, '\u0000') : null;
      }),
  },
  {
    name: 'turn an index into a unique',
    apply: (files) =>
      firstEdit(files, (block) => {
        const line = block.body.split('\n').find((l) => /^\s*@@index\(\[[^\]]*\]\)\s*$/.test(l));
        return line ? replaceLine(files, block, line, line.replace('@@index', '@@unique')) : null;
      }),
  },
  {
    name: 'add a unique',
    apply: (files) =>
      firstEdit(files, (block) => {
        const [field] = plainFields(block);
        return field ? replaceLine(files, block, field.line, `${field.line} @unique`) : null;
      }),
  },
  {
    name: 'drop a unique',
    apply: (files) =>
      firstEdit(files, (block) => {
        const field = fields(block).find(
          (f) => /@unique\b(?!\()/.test(f.attributes) && !new RegExp(`fields:\\s*\\[[^\\]]*\\b${f.name}\\b`).test(block.body),
        );
        return field ? replaceLine(files, block, field.line, field.line.replace(/\s*@unique\b/, '')) : null;
      }),
  },
  {
    name: "change a relation's referential actions",
    apply: (files) =>
      firstEdit(files, (block) => {
        const field = fields(block).find((f) => /@relation\([^)]*fields:/.test(f.attributes) && f.modifier === '?');
        if (!field) return null;
        const relation = /@relation\(([^)]*)\)/.exec(field.line)!;
        const args = relation[1]!.replace(/,?\s*on(Delete|Update):\s*\w+/g, '');
        const onDelete = /onDelete:\s*Cascade/.test(relation[1]!) ? 'Restrict' : 'Cascade';
        return replaceLine(
          files,
          block,
          field.line,
          field.line.replace(relation[0], `@relation(${args}, onDelete: ${onDelete}, onUpdate: Restrict)`),
        );
      }),
  },
  {
    name: 'set onUpdate: NoAction on a relation',
    apply: (files) =>
      firstEdit(files, (block) => {
        const field = fields(block).find((f) => /@relation\([^)]*fields:/.test(f.attributes));
        if (!field) return null;
        const relation = /@relation\(([^)]*)\)/.exec(field.line)!;
        const args = relation[1]!.replace(/,?\s*onUpdate:\s*\w+/g, '');
        return replaceLine(files, block, field.line, field.line.replace(relation[0], `@relation(${args}, onUpdate: NoAction)`));
      }),
  },
  {
    name: 'set onDelete: SetNull on a required relation',
    apply: (files) =>
      firstEdit(files, (block) => {
        const field = fields(block).find((f) => /@relation\([^)]*fields:/.test(f.attributes) && f.modifier === '');
        if (!field) return null;
        const relation = /@relation\(([^)]*)\)/.exec(field.line)!;
        const args = relation[1]!.replace(/,?\s*onDelete:\s*\w+/g, '');
        return replaceLine(files, block, field.line, field.line.replace(relation[0], `@relation(${args}, onDelete: SetNull)`));
      }),
  },
  {
    name: 'let dbgenerated() stand for a database default',
    apply: (files) =>
      firstEdit(files, (block) => {
        const field = fields(block).find((f) => /@default\((?!autoincrement\(|uuid\(|cuid\(|nanoid\(|ulid\()/.test(f.attributes));
        const current = field && /@default\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)/.exec(field.line);
        return current ? replaceLine(files, block, field.line, field.line.replace(current[0], '@default(dbgenerated())')) : null;
      }),
  },
  {
    name: 'map a field to another column name',
    apply: (files) =>
      firstEdit(files, (block) => {
        const [field] = plainFields(block);
        return field ? replaceLine(files, block, field.line, `${field.line} @map("${field.name}_renamed")`) : null;
      }),
  },
  {
    name: 'map a model to another table name',
    apply: (files) =>
      firstEdit(files, (block) => (/@@map\(/.test(block.body) ? null : appendLine(files, block, `@@map("${block.name}_renamed")`))),
  },
  {
    name: 'rename a model and keep its table with @@map',
    apply: (files) => {
      const block = models(files).find((b) => !/@@map\(/.test(b.body));
      if (!block) return null;
      const renamed = `${block.name}Renamed`;
      const typeUse = new RegExp(`^(\\s+\\w+\\s+)${block.name}(\\?|\\[\\])?(?=\\s|$)`, 'gm');
      const withMap = appendLine(files, block, `@@map("${block.name}")`);
      return withMap.map((file) => ({
        ...file,
        content: file.content
          .replace(new RegExp(`^model\\s+${block.name}\\s*\\{`, 'm'), `model ${renamed} {`)
          .replace(typeUse, `$1${renamed}$2`),
      }));
    },
  },
  {
    name: 'add an enum value',
    apply: (files) => {
      const block = blocks(files).find((b) => b.kind === 'enum');
      return block ? appendLine(files, block, 'DRIFT_PROBE') : null;
    },
  },
  {
    name: 'remove an enum value',
    apply: (files) => {
      const text = files.map((file) => file.content).join('\n');
      for (const block of blocks(files).filter((b) => b.kind === 'enum')) {
        const values = block.body.split('\n').filter((line) => /^\s*\w+\s*(@map\(.*\))?\s*(\/\/.*)?$/.test(line));
        const unused = values.find(
          (line) => values.length > 1 && !new RegExp(`\\b${line.trim().split(/\s/)[0]}\\b`).test(text.replace(block.body, '')),
        );
        if (unused) return replaceLine(files, block, unused, '\u0000');
      }
      return null;
    },
  },
  {
    name: 'add a model with a relation to an existing one',
    apply: (files) => {
      for (const block of models(files)) {
        const ids = fields(block).filter((f) => /@id\b/.test(f.attributes));
        if (ids.length !== 1 || /@@id\(/.test(block.body)) continue;
        const id = ids[0]!;
        const native = /@db\.\w+(\([^)]*\))?/.exec(id.attributes)?.[0] ?? '';
        const withBackRelation = appendLine(files, block, 'driftProbes DriftProbe[]');
        const last = withBackRelation.length - 1;
        const model = [
          '',
          'model DriftProbe {',
          '  id       Int    @id @default(autoincrement())',
          `  targetId ${id.type} ${native}`,
          `  target   ${block.name} @relation(fields: [targetId], references: [${id.name}], onDelete: Cascade)`,
          '  @@index([targetId])',
          '}',
          '',
        ].join('\n');
        return withBackRelation.map((file, index) => (index === last ? { ...file, content: file.content + model } : file));
      }
      return null;
    },
  },
];

function changedDefault(current: string, field: FieldLine, all: Block[]): string | null {
  if (current === 'true') return 'false';
  if (current === 'false') return 'true';
  if (/^-?\d+$/.test(current)) return String(Number(current) + 1);
  if (/^-?\d+\.\d+$/.test(current)) return String(Number(current) + 0.25);
  if (/^"[^"\\]*"$/.test(current) && field.type === 'String') return `"${current.slice(1, -1)}x"`;
  const enumBlock = all.find((b) => b.kind === 'enum' && b.name === field.type);
  if (enumBlock && /^\w+$/.test(current)) {
    const other = enumBlock.body
      .split('\n')
      .map((line) => /^\s*(\w+)/.exec(line)?.[1])
      .find((value) => value && value !== current);
    return other ?? null;
  }
  return null;
}
