import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { findPrismaVersion } from './prisma-version.js';
import { settingName } from '../common/setting-names.js';

export interface ProjectPaths {
  /** Absolute path of schema.prisma, or of the folder of a multi-file schema. */
  schema: string;
  /** Absolute path of the migrations folder. */
  migrations: string;
  /** The Prisma version the project depends on, when its package.json, lockfile or Python project names it. */
  prismaVersion: string | null;
  /** Where the Prisma version was read from, relative to the working directory. */
  prismaVersionSource: string | null;
}

export class LocateError extends Error {}

const CONFIG_FILES = [
  'prisma.config.ts',
  'prisma.config.mts',
  'prisma.config.cts',
  'prisma.config.js',
  'prisma.config.mjs',
  'prisma.config.cjs',
  '.config/prisma.ts',
];
const SCHEMA_CANDIDATES = ['prisma/schema.prisma', 'prisma/schema', 'schema.prisma'];

/**
 * Finds the schema and the migrations the way the Prisma CLI does: the Prisma config file, then
 * package.json's `prisma.schema`, then the conventional locations. Explicit inputs win.
 */
export function locateProject(cwd: string, explicit: { schema?: string; migrations?: string }): ProjectPaths {
  const config = readPrismaConfig(cwd);
  rejectPrisma8Layout(cwd, explicit.schema ? path.resolve(cwd, explicit.schema) : null);
  const tried: string[] = [];
  let schema: string | undefined;
  if (explicit.schema) {
    schema = path.resolve(cwd, explicit.schema);
    if (!existsSync(schema))
      throw new LocateError(`The schema \`${explicit.schema}\` (${settingName('schema')}) does not exist in ${cwd}.`);
  } else {
    const candidates = [
      ...(config?.schema ? [{ path: config.schema, from: `${config.file} \`schema\`` }] : []),
      ...packageJsonSchema(cwd),
      ...SCHEMA_CANDIDATES.map((candidate) => ({ path: candidate, from: 'Prisma default' })),
    ];
    for (const candidate of candidates) {
      tried.push(`${candidate.path} (${candidate.from})`);
      const resolved = path.resolve(cwd, candidate.path);
      if (existsSync(resolved) && (statSync(resolved).isFile() || containsPrismaFiles(resolved))) {
        schema = resolved;
        break;
      }
    }
    if (!schema) {
      throw new LocateError(
        `No Prisma schema found in ${cwd}. Tried: ${tried.join(', ')}. Set ${settingName('schema')} to your schema.prisma file or schema folder.`,
      );
    }
  }

  refuseUnreadableSchema(schema, cwd);

  let migrations: string;
  if (explicit.migrations) {
    migrations = path.resolve(cwd, explicit.migrations);
  } else if (config?.migrations) {
    migrations = path.resolve(cwd, config.migrations);
  } else {
    const schemaDir = statSync(schema).isDirectory() ? schema : path.dirname(schema);
    const candidates = [path.join(schemaDir, 'migrations'), path.join(path.dirname(schemaDir), 'migrations')];
    migrations = candidates.find((candidate) => existsSync(candidate)) ?? candidates[0]!;
  }
  if (!existsSync(migrations) || !statSync(migrations).isDirectory()) {
    throw new LocateError(
      `No migrations folder at ${path.relative(cwd, migrations) || '.'}. Set ${settingName('migrations')} to the folder that holds your migration directories (usually prisma/migrations).`,
    );
  }

  rejectPrisma8Migrations(cwd, migrations);
  const version = findPrismaVersion(schema);
  if (version) rejectPrisma8(version.version, path.relative(cwd, version.source));
  return {
    schema,
    migrations,
    prismaVersion: version?.version ?? null,
    prismaVersionSource: version ? path.relative(cwd, version.source) : null,
  };
}

/**
 * Prisma 8 changes what this check reads: the database is described in `contract.prisma`, and a migration
 * is a `migration.ts` with an `ops.json` instead of `migration.sql`. Reading that layout as if it were
 * Prisma 7's would give a misleading drift report, so the check stops (exit 2) and says so.
 */
export function rejectPrisma8(version: string, source: string): void {
  if (Number(/^\d+/.exec(version)?.[0] ?? 0) < 8) return;
  throw new LocateError(
    `${source} says Prisma ${version}. ${PRISMA_8_SUPPORT} A project that still has that layout can be checked with ${settingName('prisma-version')} set to its Prisma 7 version.`,
  );
}

const PRISMA_8_SUPPORT =
  'Prisma 8 is not supported yet: its contract.prisma and its migrations (migration.ts with ops.json) are not read by this check, ' +
  'which supports Prisma 4 to 7 (schema.prisma, or a folder of .prisma files, and migration.sql files).';

function rejectPrisma8Layout(cwd: string, explicitSchema: string | null): void {
  const contract = [explicitSchema, path.join(cwd, 'prisma', 'contract.prisma'), path.join(cwd, 'contract.prisma')].find(
    (file) => file !== null && path.basename(file) === 'contract.prisma' && existsSync(file),
  );
  if (contract) throw new LocateError(`${path.relative(cwd, contract)} is a Prisma 8 contract. ${PRISMA_8_SUPPORT}`);
}

function rejectPrisma8Migrations(cwd: string, migrations: string): void {
  const prisma8 = readdirSync(migrations, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(migrations, entry.name))
    .find((dir) => existsSync(path.join(dir, 'ops.json')) && !existsSync(path.join(dir, 'migration.sql')));
  if (prisma8)
    throw new LocateError(`${path.relative(cwd, prisma8)} holds a Prisma 8 migration (ops.json, no migration.sql). ${PRISMA_8_SUPPORT}`);
}

/** Prisma refuses larger schemas long before this; reading a device or a huge file would only hang the check. */
export const MAX_SCHEMA_BYTES = 10 * 1024 * 1024;

/**
 * A schema path must be a regular file (or a folder of them) of a size Prisma would read: `/dev/zero`, a FIFO
 * or a multi-gigabyte file is refused before anything reads it.
 */
function refuseUnreadableSchema(schema: string, cwd: string): void {
  const files = statSync(schema).isDirectory()
    ? readdirSync(schema, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.name.endsWith('.prisma') && !entry.isDirectory())
        .map((entry) => path.join(entry.parentPath, entry.name))
    : [schema];
  for (const file of files) {
    const stat = statSync(file);
    const shown = path.relative(cwd, file) || file;
    if (!stat.isFile()) {
      throw new LocateError(
        `The schema \`${shown}\` is not a regular file. Set ${settingName('schema')} to your schema.prisma file or schema folder.`,
      );
    }
    if (stat.size > MAX_SCHEMA_BYTES) {
      throw new LocateError(
        `The schema \`${shown}\` is ${(stat.size / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_SCHEMA_BYTES / 1024 / 1024} MB a Prisma schema can be. Set ${settingName('schema')} to your schema.prisma file or schema folder.`,
      );
    }
  }
}

function containsPrismaFiles(dir: string): boolean {
  return statSync(dir).isDirectory() && readdirSync(dir, { recursive: true }).some((entry) => String(entry).endsWith('.prisma'));
}

/**
 * Reads `schema` and `migrations.path` from a Prisma config file without running it: only string
 * literals are understood, which is what nearly every project writes. Anything else: use the inputs.
 */
function readPrismaConfig(cwd: string): { file: string; schema?: string; migrations?: string } | null {
  for (const file of CONFIG_FILES) {
    const full = path.join(cwd, file);
    if (!existsSync(full)) continue;
    const text = readFileSync(full, 'utf8');
    const schema = /\bschema\s*:\s*(['"`])([^'"`$]+)\1/.exec(text)?.[2];
    const migrationsBlock = /\bmigrations\s*:\s*\{([^}]*)\}/s.exec(text)?.[1] ?? '';
    const migrations = /\bpath\s*:\s*(['"`])([^'"`$]+)\1/.exec(migrationsBlock)?.[2];
    // Paths in the config file are relative to the file itself.
    const base = path.dirname(file);
    return {
      file,
      ...(schema ? { schema: path.join(base, schema) } : {}),
      ...(migrations ? { migrations: path.join(base, migrations) } : {}),
    };
  }
  return null;
}

function packageJsonSchema(cwd: string): { path: string; from: string }[] {
  const file = path.join(cwd, 'package.json');
  if (!existsSync(file)) return [];
  try {
    const schema = (JSON.parse(readFileSync(file, 'utf8')) as { prisma?: { schema?: unknown } }).prisma?.schema;
    return typeof schema === 'string' ? [{ path: schema, from: 'package.json `prisma.schema`' }] : [];
  } catch {
    return [];
  }
}
