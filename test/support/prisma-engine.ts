import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DiffTarget, MigrationList, SchemaContainer, SchemaEngine } from '@prisma/schema-engine-wasm';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { EnginePg } from './pg-adapter.js';
import { SERVER_URL } from './pg.js';

/**
 * Prisma's own schema engine (the WebAssembly build behind `prisma migrate` in Prisma 7), used as ground
 * truth in tests and in `scripts/prisma-verdict.ts`. The action never loads it.
 */

export type SchemaFile = SchemaContainer;

export interface PrismaVerdict {
  /** The engine found nothing to change. */
  inSync: boolean;
  /** The SQL that would make the migrated database match the schema ("" when in sync). */
  sql: string;
}

/** Every `.prisma` file of a schema: the file itself, or all of them under a multi-file schema's folder. */
export async function loadSchemaFiles(schemaPath: string): Promise<SchemaFile[]> {
  const entries = await readdir(schemaPath, { recursive: true, withFileTypes: true }).catch(() => null);
  const paths = entries
    ? entries
        .filter((entry) => entry.isFile() && entry.name.endsWith('.prisma'))
        .map((entry) => path.join(entry.parentPath, entry.name))
        .sort()
    : [schemaPath];
  return Promise.all(paths.map(async (file) => ({ path: file, content: await readFile(file, 'utf8') })));
}

/**
 * Prisma 7 rejects connection settings inside `datasource` blocks (they moved to prisma.config.ts) and preview
 * features it no longer knows; schemas written for older versions have both. Neither changes the database
 * Prisma would create, so they are removed from an in-memory copy: the `url`, `directUrl` and
 * `shadowDatabaseUrl` lines of datasource blocks, and the preview features listed in RETIRED_PREVIEW_FEATURES.
 */
export function adaptSchemaForPrisma7(content: string): string {
  return content
    .replace(/^(datasource\s+\w+\s*\{)([^}]*)\}/gm, (_block, head: string, body: string) => {
      const kept = body.split('\n').filter((line) => !/^\s*(url|directUrl|shadowDatabaseUrl)\s*=/.test(line));
      return `${head}${kept.join('\n')}}`;
    })
    .replace(/^(\s*previewFeatures\s*=\s*)\[([^\]]*)\]/gm, (_line, head: string, list: string) => {
      const kept = list
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '' && !RETIRED_PREVIEW_FEATURES.has(item.replace(/^"|"$/g, '')));
      return `${head}[${kept.join(', ')}]`;
    });
}

/** Preview features of older Prisma versions that Prisma 7's engine refuses as unknown (others it only warns about). */
const RETIRED_PREVIEW_FEATURES = new Set(['metrics', 'esm']);

export interface MigrationsFolder {
  migrationsDir: string;
  /** SQL run on the shadow database before the migrations (`shadowDbInitScript`), for what they assume exists. */
  initScript?: string;
}

/** `prisma migrate diff --from-migrations <dir> --to-schema <schema> --script`: Prisma's drift verdict. */
export async function prismaDiffMigrationsToSchema(project: MigrationsFolder & { schemaFiles: SchemaFile[] }): Promise<PrismaVerdict> {
  const to: DiffTarget = { tag: 'schemaDatamodel', files: adaptSchemaFiles(project.schemaFiles) };
  // The engine replays the migrations on a shadow database it creates and drops through the adapter.
  return diff((await mainEngine()).engine, await migrationsTarget(project), to);
}

/**
 * An engine whose main connection is one database: what `prisma migrate diff --from-config-datasource` /
 * `--to-config-datasource` read. The datasource block of `schemaFiles` says which schemas of it count; the
 * engine connects at its first diff and keeps that connection, so later diffs should keep that block.
 */
export interface DatabaseEngine {
  /** `--from-config-datasource --to-schema`: the SQL that makes the database match the schema, replaying nothing. */
  diffToSchema(schemaFiles: SchemaFile[]): Promise<PrismaVerdict>;
  /** `--from-migrations <dir> --to-config-datasource`: in sync when the engine's own replay ends where the database is. */
  diffFromMigrations(project: MigrationsFolder, schemaFiles: SchemaFile[]): Promise<PrismaVerdict>;
  /** Frees the engine and ends its connections; call before the database is dropped. */
  close(): Promise<void>;
}

export async function prismaEngineOn(databaseUrl: string): Promise<DatabaseEngine> {
  const started = await startEngine(databaseUrl);
  const { engine } = started;
  const datasource = (files: SchemaFile[]): DiffTarget => ({ tag: 'schemaDatasource', configDir: '.', files: adaptSchemaFiles(files) });
  return {
    diffToSchema: (files) => diff(engine, datasource(files), { tag: 'schemaDatamodel', files: adaptSchemaFiles(files) }),
    diffFromMigrations: async (project, files) => diff(engine, await migrationsTarget(project), datasource(files)),
    close: () => stopEngine(started),
  };
}

/** The DDL `prisma migrate diff --from-empty --to-schema` prints: what Prisma would run to create the schema. */
export async function prismaSqlFromEmpty(schemaFiles: SchemaFile[]): Promise<string> {
  const to: DiffTarget = { tag: 'schemaDatamodel', files: adaptSchemaFiles(schemaFiles) };
  const verdict = await diff((await mainEngine()).engine, { tag: 'empty' }, to);
  return verdict.sql;
}

async function migrationsTarget(project: MigrationsFolder): Promise<DiffTarget> {
  return { tag: 'migrations', ...(await migrationList(project.migrationsDir, project.initScript ?? '')) };
}

function adaptSchemaFiles(files: SchemaFile[]): SchemaFile[] {
  return files.map((file) => ({ path: file.path, content: adaptSchemaForPrisma7(file.content) }));
}

/**
 * What the Prisma 7 CLI hands the engine for a migrations folder (its `listMigrations`): every subfolder, in
 * `localeCompare` order, which the engine keeps. The file's text, or why it could not be read.
 */
async function migrationList(migrationsDir: string, initScript: string): Promise<MigrationList> {
  const lockfilePath = 'migration_lock.toml';
  const lockfile = await readFile(path.join(migrationsDir, lockfilePath), 'utf8').catch(() => null);
  const folders = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
  return {
    baseDir: migrationsDir,
    lockfile: { path: lockfilePath, content: lockfile },
    shadowDbInitScript: initScript,
    migrationDirectories: await Promise.all(
      folders.map(async (folder) => ({
        path: folder,
        migrationFile: {
          path: 'migration.sql',
          content: await readFile(path.join(migrationsDir, folder, 'migration.sql'), 'utf8').then(
            (value) => ({ tag: 'ok' as const, value }),
            (error: Error) => ({ tag: 'error' as const, value: error.message }),
          ),
        },
      })),
    ),
  };
}

async function diff(engine: SchemaEngine, from: DiffTarget, to: DiffTarget): Promise<PrismaVerdict> {
  try {
    const result = await engine.diff({
      from,
      to,
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.exitCode === 0 ? { inSync: true, sql: '' } : { inSync: false, sql: result.stdout ?? '' };
  } catch (error) {
    throw withPanicMessage(error);
  }
}

interface RunningEngine {
  engine: SchemaEngine;
  adapters: EnginePg;
}

let main: Promise<RunningEngine> | undefined;

/**
 * One engine per process for diffs that replay migrations. Its main connection (to the server's default
 * database) is only read; migrations are replayed on shadow databases it creates and drops through the adapter.
 */
function mainEngine(): Promise<RunningEngine> {
  main ??= startEngine(SERVER_URL);
  return main;
}

/** The engine keeps its main connection for its lifetime, so each database it reads needs an engine of its own. */
async function startEngine(url: string): Promise<RunningEngine> {
  const adapters = new EnginePg(url);
  const factory = bindMigrationAwareSqlAdapterFactory(adapters);
  const { SchemaEngine } = await engineModule();
  return { adapters, engine: await SchemaEngine.new({ datamodels: undefined }, () => {}, factory) };
}

async function stopEngine({ engine, adapters }: RunningEngine): Promise<void> {
  engine.free();
  await adapters.close();
}

/** Frees the main engine and closes its connections; the next call starts a new one. */
export async function closePrismaEngine(): Promise<void> {
  if (!main) return;
  const running = main;
  main = undefined;
  await stopEngine(await running);
}

let loaded: Promise<typeof engineBindings> | undefined;

/**
 * The package is built for bundlers (its entry imports the .wasm file as a module), so in plain Node the
 * module is compiled here, once per process, with the bindings file as its import object.
 */
function engineModule(): Promise<typeof engineBindings> {
  loaded ??= (async () => {
    // Without a registry the engine's panics reach JavaScript with no message.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = panicRegistry;
    const bindingsPath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = bindingsPath.replace(/\.js$/, '.wasm');
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': engineBindings as unknown as WebAssembly.ModuleImports,
    });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return engineBindings;
  })();
  return loaded;
}

const panicRegistry = {
  message: undefined as string | undefined,
  set_message(message: string) {
    this.message = message;
  },
};

function withPanicMessage(error: unknown): unknown {
  const message = panicRegistry.message;
  if (message === undefined) return error;
  panicRegistry.message = undefined;
  return new Error(`Prisma's schema engine panicked: ${message}`, { cause: error });
}
