import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { DbSchema } from '../../src/common/model.js';
import type { Attribute, Expression, PrismaSchema } from '../../src/prisma/ast.js';
import { argument, findAttribute } from '../../src/prisma/ast.js';
import { SchemaError } from '../../src/prisma/errors.js';
import { conventionsFor } from '../../src/prisma/conventions.js';
import { expectSchema } from '../../src/prisma/expect.js';
import { readSchemaFiles } from '../../src/prisma/files.js';
import { parseSchema } from '../../src/prisma/parse.js';
import { schemaWarnings } from '../../src/prisma/validity.js';
import { CORPUS_MISSING_MESSAGE, REPO_ROOT, corpusProjects } from '../support/corpus.js';
import { prismaReleases, type Dmmf, type PrismaRelease, type SchemaFile } from '../support/prisma-schema-wasm.js';
import { prismaSchemas } from '../support/schema-generator.js';
import { schemaVariants } from '../support/schema-variants.js';

/**
 * Our parser against Prisma's own, at every Prisma release installed as a `prisma-schema-wasm-<version>`
 * alias. For each schema (the corpus, the fixtures, generated schemas, targeted cases, and the corpus and
 * fixtures rewritten in other forms) and each release:
 * - where the release accepts the schema, we read it without error or warning, and what we read equals the
 *   release's own data model (names, database names, types, native types, ids, uniques, indexes, relations,
 *   enums);
 * - where it refuses it, we refuse it or warn, at a file and line the release names.
 * A rewritten schema must also give the same expected database as the original.
 *
 * Reading the data model is the slow part of Prisma's parser, so the large corpus schemas are compared at
 * one release (the newest that accepts them) and the small ones at every release.
 */

const releases = prismaReleases();
const SEED = Number(process.env.PRISMA_DRIFT_SEED ?? 17);
const GENERATED = 24;
const VARIANTS = 2;

type Kind = 'corpus' | 'fixtures' | 'generated' | 'variants' | 'targeted';

interface Row {
  release: string;
  corpus: number;
  fixtures: number;
  generated: number;
  variants: number;
  targeted: number;
  schemas: number;
  accepted: number;
  refused: number;
  'data models compared': number;
  disagreements: number;
}
const rows = new Map<string, Row>(
  releases.map((release) => [
    release.version,
    {
      release: release.version,
      corpus: 0,
      fixtures: 0,
      generated: 0,
      variants: 0,
      targeted: 0,
      schemas: 0,
      accepted: 0,
      refused: 0,
      'data models compared': 0,
      disagreements: 0,
    },
  ]),
);

afterAll(() => {
  console.table([...rows.values()]);
  const total = [...rows.values()].reduce((sum, row) => sum + row.schemas, 0);
  console.log(`${total} schema checks over ${releases.length} Prisma releases`);
});

interface Ours {
  error: SchemaError | null;
  warnings: { file: string; line: number; message: string }[];
  schema: PrismaSchema | null;
  db: DbSchema | null;
}

function ours(files: SchemaFile[], version: string): Ours {
  try {
    const schema = parseSchema(files);
    const warnings = schemaWarnings(schema, version).map((w) => ({ file: w.loc.file, line: w.loc.line, message: w.message }));
    return { error: null, warnings, schema, db: expectSchema(schema, { conventions: conventionsFor(version) }) };
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    return { error, warnings: [], schema: null, db: null };
  }
}

/** Disagreements of our parser with one release on one schema, as readable lines; empty when none. */
function compare(kind: Kind, release: PrismaRelease, files: SchemaFile[], compareDataModel: boolean): string[] {
  const row = rows.get(release.version)!;
  row[kind]++;
  row.schemas++;
  const prisma = release.validate(files);
  const our = ours(files, release.version);
  const problems: string[] = [];
  if (prisma) {
    row.refused++;
    const places = [...(our.error ? [{ file: our.error.location.file, line: our.error.location.line }] : []), ...our.warnings];
    const named = places.some((place) => prisma.places.some((p) => p.file === place.file && p.line === place.line));
    if (!named)
      problems.push(
        `Prisma ${release.version} refuses it at ${prisma.places.map((p) => `${p.file}:${p.line}`).join(', ')}; we ${places.length ? `point at ${places.map((p) => `${p.file}:${p.line}`).join(', ')}` : 'accept it'}\n${prisma.message.slice(0, 1500)}`,
      );
  } else {
    row.accepted++;
    if (our.error) problems.push(`Prisma ${release.version} accepts it; we refuse it: ${our.error.message}`);
    for (const warning of our.warnings)
      problems.push(`Prisma ${release.version} accepts it; we warn at ${warning.file}:${warning.line}: ${warning.message}`);
    const dmmf = !our.error && compareDataModel ? release.dmmf(files) : null;
    if (dmmf) {
      row['data models compared']++;
      const theirs = dataModelFacts(dmmf);
      const { shows } = release;
      const mine = ourFacts(our.schema!)
        .filter((fact) => shows.indexes || !fact.startsWith('index '))
        .map((fact) => (shows.nativeTypes ? fact : fact.replace(/ native .*$/, '')))
        .map((fact) => (shows.onUpdate ? fact : fact.replace(/ onUpdate \S+$/, ' onUpdate -')));
      const onlyTheirs = theirs.filter((fact) => !mine.includes(fact));
      const onlyMine = mine.filter((fact) => !theirs.includes(fact));
      if (onlyTheirs.length || onlyMine.length)
        problems.push(
          `data model differs from Prisma ${release.version}'s:\n  only Prisma: ${onlyTheirs.slice(0, 10).join('\n    ')}\n  only ours: ${onlyMine.slice(0, 10).join('\n    ')}`,
        );
    }
  }
  if (problems.length) row.disagreements++;
  return problems;
}

/** The newest release that accepts the schema, where the large schemas have their data model compared. */
function newestAccepting(files: SchemaFile[]): PrismaRelease | undefined {
  return [...releases].reverse().find((release) => release.validate(files) === null);
}

function checkEverywhere(kind: Kind, files: SchemaFile[], dataModelAt: 'all' | 'newest' = 'all'): string[] {
  const newest = dataModelAt === 'newest' ? newestAccepting(files) : undefined;
  return releases.flatMap((release) =>
    compare(kind, release, files, dataModelAt === 'all' || release === newest).map((problem) => `[${release.version}] ${problem}`),
  );
}

const fixtureSchemas: { name: string; kind: Kind; files: SchemaFile[] }[] = readdirSync(path.join(REPO_ROOT, 'fixtures'))
  .sort()
  .flatMap((name) => {
    const prisma = path.join(REPO_ROOT, 'fixtures', name, 'prisma');
    const schema = [path.join(prisma, 'schema'), path.join(prisma, 'schema.prisma')].find(existsSync);
    return schema ? [{ name: `fixture ${name}`, kind: 'fixtures' as const, files: readSchemaFiles(schema) }] : [];
  });
const corpusSchemas = corpusProjects().map((project) => ({
  name: project.name,
  kind: 'corpus' as const,
  files: readSchemaFiles(project.schema),
}));

describe(`parity with Prisma's parser at ${releases.map((release) => release.version).join(', ')}`, () => {
  it('has the releases installed', () => {
    expect(releases.length).toBeGreaterThanOrEqual(4);
  });

  describe('corpus and fixtures, as written', () => {
    if (corpusSchemas.length === 0) it.skip(CORPUS_MISSING_MESSAGE, () => {});
    for (const { name, kind, files } of [...fixtureSchemas, ...corpusSchemas])
      it(name, () => {
        expect(checkEverywhere(kind, files, 'newest')).toEqual([]);
      });
  });

  describe('corpus and fixtures, rewritten in other forms', () => {
    // Each variant at the oldest release, the installed releases on either side of block comments (6.1), and the newest.
    const at = ['4.13', '6.0', '6.4', releases.at(-1)!.version].flatMap((version) =>
      releases.filter((release) => release.version === version),
    );
    for (const { name, files } of [...fixtureSchemas, ...corpusSchemas])
      it(name, () => {
        const original = ours(files, at[0]!.version).db;
        const problems: string[] = [];
        schemaVariants(files, VARIANTS, SEED).forEach((variant, index) => {
          for (const release of at) {
            problems.push(
              ...compare('variants', release, variant.files, false).map(
                (problem) => `variant ${index} (${variant.forms.join(', ')}) [${release.version}] ${problem}`,
              ),
            );
            const db = ours(variant.files, at[0]!.version).db;
            if (original && db && JSON.stringify(withoutPlaces(db)) !== JSON.stringify(withoutPlaces(original)))
              problems.push(`variant ${index} (${variant.forms.join(', ')}) gives another database`);
          }
        });
        expect(problems).toEqual([]);
      });
  });

  it(`${GENERATED} generated schemas`, () => {
    const problems = fc
      .sample(prismaSchemas, { seed: SEED, numRuns: GENERATED })
      .flatMap((content, index) =>
        checkEverywhere('generated', [{ path: `generated-${index}.prisma`, content }]).map(
          (problem) => `generated ${index}: ${problem}\n${content}`,
        ),
      );
    expect(problems.slice(0, 3)).toEqual([]);
  });

  describe('forms and rules that differ between releases', () => {
    for (const [name, content] of Object.entries(TARGETED))
      it(name, () => {
        expect(checkEverywhere('targeted', [{ path: 'schema.prisma', content }])).toEqual([]);
      });
  });
});

function withoutPlaces(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPlaces);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'source' && key !== 'valueSources')
        .map(([key, v]) => [key, withoutPlaces(v)]),
    );
  return value;
}

const DATASOURCE = 'datasource db {\n  provider = "postgresql"\n}\n';
const VIEWS = 'generator client {\n  provider        = "prisma-client-js"\n  previewFeatures = ["views"]\n}\n' + DATASOURCE;
const model = (body: string) => `${DATASOURCE}model A {\n  id Int @id\n${body}}\n`;

/** Schemas that some releases accept and others refuse, or that every release refuses although their meaning is plain. */
const TARGETED: Record<string, string> = {
  'block comment between declarations': `${DATASOURCE}/* a comment */\nmodel A {\n  id Int @id\n}\n`,
  'documentation block comment': `${DATASOURCE}/**\n * Documentation.\n */\nmodel A {\n  id Int @id\n}\n`,
  'block comment inside a block': model('  /* a\n     comment */\n  b Int\n'),
  'block comment after a field': model('  b Int /* a comment */\n'),
  'block comment before a field on its line': model('  /* a comment */ b Int\n'),
  'block comment between the parts of a line': model('  b /* a comment */ Int\n'),
  'block comment in a datasource': 'datasource db {\n  /* a comment */\n  provider = "postgresql"\n}\nmodel A {\n  id Int @id\n}\n',
  'unclosed block comment': `${DATASOURCE}model A {\n  id Int @id\n}\n/* a comment\n`,
  'byte order mark': `\uFEFF${DATASOURCE}model A {\n  id Int @id\n}\n`,
  'lone CR line ends': `${DATASOURCE}model A {\n  id Int @id\n}\n`.replace(/\n/g, '\r'),
  'no-break space': model('  b\u00a0Int\n'),
  'unicode model name': `${DATASOURCE}model Ärger {\n  id Int @id\n}\n`,
  'unicode in a string': model('  b Int @map("bé ✓")\n'),
  'escape in a string': model('  b Int @map("\\u0062x")\n'),
  'unknown escape in a string': model('  b Int @map("b\\qx")\n'),
  'list over several lines': model('  b Int\n  c Int\n  @@index([\n    b,\n    c\n  ])\n'),
  'arguments over several lines': model('  b Int\n  @@index(\n    [b],\n    map: "x"\n  )\n'),
  'trailing comma in arguments': model('  b Int\n  @@index([b], map: "x",)\n'),
  'trailing comma in a list': model('  b Int\n  c Int\n  @@index([b, c,])\n'),
  'exponent in a number': model('  f Float @default(1e3)\n'),
  'datasource named client': 'datasource client {\n  provider = "postgresql"\n}\nmodel A {\n  id Int @id\n  d DateTime @client.Date\n}\n',
  'db prefix under datasource client':
    'datasource client {\n  provider = "postgresql"\n}\nmodel A {\n  id Int @id\n  d DateTime @db.Date\n}\n',
  'view with a primary key': `${VIEWS}view V {\n  id Int @id\n}\n`,
  'view with a compound primary key': `${VIEWS}view V {\n  a Int\n  b Int\n  @@id([a, b])\n}\n`,
  'view without a unique criterion': `${VIEWS}view V {\n  id Int\n}\n`,
  'view with a primary key and a relation': `${VIEWS}model A {\n  id  Int @id\n  vId Int\n  v   V   @relation(fields: [vId], references: [id])\n}\nview V {\n  id Int @id\n  as A[]\n}\n`,
  'relation to a view without a back-relation': `${VIEWS}model A {\n  id  Int @id\n  vId Int\n  v   V   @relation(fields: [vId], references: [id])\n}\nview V {\n  id Int @unique\n}\n`,
  'relation from a view without a back-relation': `${VIEWS}model A {\n  id Int @id\n}\nview V {\n  id  Int @unique\n  aId Int\n  a   A   @relation(fields: [aId], references: [id])\n}\n`,
  'uuid(7)': `${DATASOURCE}model A {\n  id String @id @default(uuid(7))\n}\n`,
  'cuid(2)': `${DATASOURCE}model A {\n  id String @id @default(cuid(2))\n}\n`,
};

/** What Prisma's data model says, one fact per line, in the terms `ourFacts` also produces. */
function dataModelFacts(dmmf: Dmmf): string[] {
  const facts: string[] = [];
  for (const e of dmmf.enums) {
    facts.push(`enum ${e.name} map ${e.dbName ?? '-'}`);
    for (const value of e.values) facts.push(`enum ${e.name} value ${value.name} map ${value.dbName ?? '-'}`);
  }
  for (const m of dmmf.models) {
    facts.push(`model ${m.name} map ${m.dbName ?? '-'} schema ${m.schema ?? '-'}`);
    for (const f of m.fields) {
      const native = f.nativeType ? ` native ${f.nativeType[0]}(${f.nativeType[1].join(',')})` : '';
      facts.push(
        `field ${m.name}.${f.name} map ${f.dbName ?? '-'} ${f.kind === 'object' ? 'relation' : f.kind === 'unsupported' ? 'unsupported' : 'scalar'} ${f.type}${f.isList ? '[]' : f.isRequired ? '' : '?'}${native}`,
      );
      if (f.kind === 'object' && f.relationFromFields?.length)
        facts.push(
          `relation ${m.name}.${f.name} fields [${f.relationFromFields.join(',')}] references [${(f.relationToFields ?? []).join(',')}] onDelete ${f.relationOnDelete ?? '-'} onUpdate ${f.relationOnUpdate ?? '-'}`,
        );
    }
    if (m.primaryKey) facts.push(`id ${m.name} [${m.primaryKey.fields.join(',')}]`);
    for (const f of m.fields) if (f.isId) facts.push(`id ${m.name} [${f.name}]`);
    for (const u of m.uniqueIndexes) facts.push(`unique ${m.name} [${u.fields.join(',')}]`);
    for (const f of m.fields) if (f.isUnique) facts.push(`unique ${m.name} [${f.name}]`);
  }
  for (const index of dmmf.indexes ?? []) {
    if (index.type !== 'normal') continue;
    facts.push(
      `index ${index.model} ${index.dbName ?? '-'} ${index.algorithm ?? 'BTree'} [${index.fields.map((f) => `${f.name}${f.sortOrder === 'desc' ? ' desc' : ''}${f.length ? ` length ${f.length}` : ''}${f.operatorClass ? ` ops ${f.operatorClass}` : ''}`).join(',')}]`,
    );
  }
  return [...new Set(facts)].sort();
}

/** The same facts as our parser reads them. */
function ourFacts(schema: PrismaSchema): string[] {
  const facts: string[] = [];
  const blocks = [...schema.models, ...schema.views];
  const names = new Set(blocks.map((b) => b.name));
  const datasource = schema.datasources[0]?.name ?? 'db';
  const str = (attribute: Attribute | undefined, name: string) => {
    const value = attribute ? argument(attribute, name, true)?.value : undefined;
    return value?.kind === 'string' ? value.value : '-';
  };
  for (const e of schema.enums) {
    facts.push(`enum ${e.name} map ${str(findAttribute(e.attributes, 'map'), 'name')}`);
    for (const value of e.values)
      facts.push(`enum ${e.name} value ${value.name} map ${str(findAttribute(value.attributes, 'map'), 'name')}`);
  }
  for (const m of blocks) {
    // The data model leaves out what the client does not see: ignored models, ignored and Unsupported fields.
    if (findAttribute(m.attributes, 'ignore')) continue;
    facts.push(
      `model ${m.name} map ${str(findAttribute(m.attributes, 'map'), 'name')} schema ${str(findAttribute(m.attributes, 'schema'), 'name')}`,
    );
    for (const f of m.fields) {
      if (findAttribute(f.attributes, 'ignore') || f.type.unsupported !== undefined) continue;
      const relation = names.has(f.type.name);
      const nativeAttribute = f.attributes.find((a) => a.name.startsWith(`${datasource}.`));
      const native = nativeAttribute
        ? ` native ${nativeAttribute.name.slice(datasource.length + 1)}(${nativeAttribute.args.map((a) => expressionText(a.value)).join(',')})`
        : '';
      const kind = relation ? 'relation' : f.type.unsupported !== undefined ? 'unsupported' : 'scalar';
      const type = f.type.unsupported !== undefined ? 'Unsupported' : f.type.name;
      facts.push(
        `field ${m.name}.${f.name} map ${str(findAttribute(f.attributes, 'map'), 'name')} ${kind} ${type}${f.type.list ? '[]' : f.type.optional ? '' : ''}${!f.type.list && f.type.optional ? '?' : ''}${native}`,
      );
      const rel = findAttribute(f.attributes, 'relation');
      const fields = rel ? argument(rel, 'fields')?.value : undefined;
      if (relation && fields) {
        const list = (v: Expression | undefined) => (v ? (v.kind === 'array' ? v.items : [v]).map(expressionText).join(',') : '');
        const action = (name: string) => {
          const v = argument(rel!, name)?.value;
          return v?.kind === 'constant' ? v.value : '-';
        };
        facts.push(
          `relation ${m.name}.${f.name} fields [${list(fields)}] references [${list(argument(rel!, 'references')?.value)}] onDelete ${action('onDelete')} onUpdate ${action('onUpdate')}`,
        );
      }
      if (findAttribute(f.attributes, 'id')) facts.push(`id ${m.name} [${f.name}]`);
      // The data model marks a field that is both the id and unique as the id only.
      if (findAttribute(f.attributes, 'unique') && !findAttribute(f.attributes, 'id')) facts.push(`unique ${m.name} [${f.name}]`);
    }
    for (const a of m.attributes) {
      const fieldList = argument(a, 'fields', true)?.value;
      const items = fieldList ? (fieldList.kind === 'array' ? fieldList.items : [fieldList]) : [];
      if (a.name === 'id') facts.push(`id ${m.name} [${items.map(fieldName).join(',')}]`);
      if (a.name === 'unique') facts.push(`unique ${m.name} [${items.map(fieldName).join(',')}]`);
      if (a.name === 'index') {
        const type = argument(a, 'type')?.value;
        const map = argument(a, 'map')?.value ?? argument(a, 'name')?.value;
        facts.push(
          `index ${m.name} ${map?.kind === 'string' ? map.value : '-'} ${type?.kind === 'constant' ? type.value : 'BTree'} [${items.map((item) => indexFieldText(item)).join(',')}]`,
        );
      }
    }
  }
  return [...new Set(facts)].sort();
}

function fieldName(item: Expression): string {
  return item.kind === 'function' ? item.name : expressionText(item);
}

function indexFieldText(item: Expression): string {
  if (item.kind !== 'function') return expressionText(item);
  const sort = item.args.find((a) => a.name === 'sort')?.value;
  const length = item.args.find((a) => a.name === 'length')?.value;
  const ops = item.args.find((a) => a.name === 'ops')?.value;
  const opsText = ops
    ? ops.kind === 'function' && ops.args[0]?.value.kind === 'string'
      ? ops.args[0].value.value
      : expressionText(ops)
    : '';
  return `${item.name}${sort?.kind === 'constant' && sort.value === 'Desc' ? ' desc' : ''}${length ? ` length ${expressionText(length)}` : ''}${opsText ? ` ops ${opsText}` : ''}`;
}

function expressionText(value: Expression): string {
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'constant':
      return value.value;
    case 'function':
      return `${value.name}(${value.args.map((a) => expressionText(a.value)).join(',')})`;
    case 'array':
      return `[${value.items.map(expressionText).join(',')}]`;
    default:
      return '{...}';
  }
}
