import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { compareVersions } from '../../src/locate/prisma-version.js';
import { REPO_ROOT } from './corpus.js';

/**
 * Prisma's own schema parser and validator (`@prisma/prisma-schema-wasm`, `@prisma/prisma-fmt-wasm` before
 * Prisma 5), one release per devDependency alias `prisma-schema-wasm-<major.minor>`, so that tests can ask
 * each Prisma release what it makes of a schema.
 */

export interface SchemaFile {
  path: string;
  content: string;
}

interface WasmModule {
  validate(params: string): void;
  get_dmmf(params: string): string;
  preview_features(): string;
}

export interface PrismaRelease {
  /** `5.12`: the alias's suffix. */
  version: string;
  /** The package version, which carries the engine's commit. */
  packageVersion: string;
  validate(files: SchemaFile[]): PrismaErrors | null;
  /** Null where the release fails to build its data model for a schema it accepts (6.0 panics on names outside ASCII). */
  dmmf(files: SchemaFile[]): Dmmf | null;
  /** What this release's data model shows: older ones leave out native types, onUpdate and indexes. */
  shows: { nativeTypes: boolean; onUpdate: boolean; indexes: boolean };
}

const PROBE = `datasource db {
  provider = "postgresql"
}
model A {
  id Int    @id
  n  String @db.Text
  bs B[]
}
model B {
  id  Int @id
  aId Int
  a   A   @relation(fields: [aId], references: [id], onUpdate: Restrict)
  @@index([aId])
}
`;

/** Where Prisma's errors point: the file and 1-based line of each, and the messages without colours. */
export interface PrismaErrors {
  places: { file: string; line: number }[];
  message: string;
}

const require = createRequire(import.meta.url);

/** The releases installed as aliases, oldest first. */
export function prismaReleases(): PrismaRelease[] {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  return Object.keys(pkg.devDependencies)
    .flatMap((name) =>
      /^prisma-schema-wasm-(\d+\.\d+)$/.exec(name)?.[1] ? [[name, /^prisma-schema-wasm-(\d+\.\d+)$/.exec(name)![1]!] as const] : [],
    )
    .sort(([, a], [, b]) => compareVersions(a, b))
    .map(([name, version]) => release(name, version));
}

function release(name: string, version: string): PrismaRelease {
  const wasm = require(name) as WasmModule;
  const packageVersion = (require(`${name}/package.json`) as { version: string }).version;
  const known = new Set(JSON.parse(wasm.preview_features()) as string[]);
  // Releases before 5.14 take one schema string; later ones a list of [path, content] pairs.
  const multiFile = compareVersions(version, '5.14') >= 0;
  const adapt = (files: SchemaFile[]) => files.map((file) => ({ path: file.path, ...adaptConfiguration(file.content, version, known) }));
  const params = (adapted: ReturnType<typeof adapt>) => {
    if (multiFile) return { prismaSchema: adapted.map((file) => [file.path, file.content]), noColorErrors: true };
    return { prismaSchema: adapted.map((file) => file.content).join('\n'), noColorErrors: true };
  };
  const locate = (adapted: ReturnType<typeof adapt>, message: string): PrismaErrors => {
    // eslint-disable-next-line no-control-regex -- the engine's messages carry terminal colour codes
    const plain = message.replace(/\u001b\[[0-9;]*m/g, '');
    const places = [...plain.matchAll(/-->\s+(.+?):(\d+)\n/g)].map((match) => {
      const place = multiFile ? { file: match[1]!, line: Number(match[2]) } : joinedLine(adapted, Number(match[2]));
      const added = adapted.find((file) => file.path === place.file)?.added;
      return added != null && place.line > added ? { ...place, line: place.line - 1 } : place;
    });
    return { places, message: plain };
  };
  const self: Omit<PrismaRelease, 'shows'> = {
    version,
    packageVersion,
    validate(files) {
      const adapted = adapt(files);
      try {
        wasm.validate(JSON.stringify(params(adapted)));
        return null;
      } catch (error) {
        const { message } = JSON.parse((error as Error).message) as { message: string };
        return locate(adapted, message);
      }
    },
    dmmf(files) {
      try {
        return (JSON.parse(wasm.get_dmmf(JSON.stringify(params(adapt(files))))) as { datamodel: Dmmf }).datamodel;
      } catch (error) {
        if (error instanceof TypeError) return null;
        throw error;
      }
    },
  };
  const probe = self.dmmf([{ path: 'schema.prisma', content: PROBE }])!;
  const fields = probe.models.flatMap((model) => model.fields);
  return {
    ...self,
    shows: {
      nativeTypes: fields.some((field) => field.nativeType),
      onUpdate: fields.some((field) => field.relationOnUpdate),
      indexes: (probe.indexes ?? []).some((index) => index.type === 'normal'),
    },
  };
}

/** The file and line of a line of the files joined by newlines (what releases before 5.14 were given). */
function joinedLine(files: SchemaFile[], line: number): { file: string; line: number } {
  let first = 1;
  for (const file of files) {
    const lines = file.content.split(/\r\n|\r|\n/).length;
    if (line < first + lines) return { file: file.path, line: line - first + 1 };
    first += lines;
  }
  return { file: files.at(-1)?.path ?? '', line };
}

/**
 * Connection settings and the preview feature list changed form between releases without describing the
 * database: Prisma 7 refuses `url` in the schema where earlier releases require it, and each release refuses
 * preview features it does not know. Each release gets them in the form it takes; the models, enums and views
 * are passed as written. A removed line is left empty; an added `url` line goes before the datasource's
 * closing brace, and `added` is its line number, so that Prisma's line numbers can be mapped back.
 */
function adaptConfiguration(content: string, version: string, knownFeatures: Set<string>): { content: string; added: number | null } {
  const prisma7 = compareVersions(version, '7.0') >= 0;
  // Split after each line end, so that the files keep theirs (CRLF, or a lone CR, which some releases refuse).
  const lines = content.split(/(?<=\r\n|\r(?!\n)|\n)/);
  let added: number | null = null;
  let inDatasource = false;
  let hasUrl = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*datasource\s+\w+\s*\{/.test(line)) inDatasource = true;
    else if (inDatasource && /^\s*(url|directUrl|shadowDatabaseUrl)\s*=/.test(line)) {
      if (prisma7 || !/^\s*url\s*=/.test(line)) lines[i] = line.replace(/^[^\r\n]*/, '');
      else hasUrl = true;
    } else if (inDatasource && /^\s*\}/.test(line)) {
      inDatasource = false;
      if (!prisma7 && !hasUrl && added === null) {
        lines.splice(i, 0, `  url = env("DATABASE_URL")${/\r\n?|\n/.exec(line)?.[0] ?? '\n'}`);
        added = i + 1;
        i++;
      }
    } else {
      lines[i] = line.replace(/^(\s*previewFeatures\s*=\s*)\[([^\]]*)\]/, (_line, head: string, list: string) => {
        const kept = list
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '' && knownFeatures.has(item.replace(/^"|"$/g, '')));
        return `${head}[${kept.join(', ')}]`;
      });
    }
  }
  return { content: lines.join(''), added };
}

/** The parts of Prisma's DMMF the parity test compares. */
export interface Dmmf {
  enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
  models: DmmfModel[];
  indexes?: DmmfIndex[];
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  schema?: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
  uniqueIndexes: { name: string | null; fields: string[] }[];
  documentation?: string;
}

export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  isList: boolean;
  isRequired: boolean;
  isUnique: boolean;
  isId: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  isUpdatedAt: boolean;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

export interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  isDefinedOnField: boolean;
  name?: string;
  dbName?: string;
  algorithm?: string;
  clustered?: boolean;
  fields: { name: string; sortOrder?: string; length?: number; operatorClass?: string }[];
}
