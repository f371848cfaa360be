import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import YAML from 'yaml';

export interface PrismaVersion {
  /** A plain version (`6.19.3`): what is installed when a lockfile says so, else the lowest the range allows. */
  version: string;
  /** Absolute path of the file that said so. */
  source: string;
}

/** The packages whose version is Prisma's version, the CLI first since it is what runs the migrations. */
const PACKAGES = ['prisma', '@prisma/client'];
const DEPENDENCY_FIELDS = ['devDependencies', 'dependencies'];
const LOCKFILES = ['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock'] as const;

/**
 * The Prisma version of the project a schema belongs to: the nearest folder, from the schema's up to the
 * repository root, whose package.json depends on Prisma (or whose Python project depends on Prisma Client
 * Python). Null when nothing names a version.
 */
export function findPrismaVersion(schema: string): PrismaVersion | null {
  const start = statSync(schema).isDirectory() ? schema : path.dirname(schema);
  for (const dir of upwards(start)) {
    const found = fromPackageJson(dir) ?? fromPythonProject(dir);
    if (found) return found;
  }
  return null;
}

/** The folder and its parents up to the repository root (the first with `.git`), or the filesystem root. */
function upwards(start: string): string[] {
  const dirs: string[] = [];
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    dirs.push(dir);
    if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) return dirs;
  }
}

function fromPackageJson(dir: string): PrismaVersion | null {
  const file = path.join(dir, 'package.json');
  const pkg = readJson(file) as Record<string, unknown> | null;
  if (!pkg) return null;
  for (const name of PACKAGES) {
    for (const field of DEPENDENCY_FIELDS) {
      const spec = (pkg[field] as Record<string, unknown> | undefined)?.[name];
      if (typeof spec !== 'string') continue;
      const declared = resolveSpec(spec, name, dir);
      const installed = installedVersion(name, dir, declared?.version ?? null);
      const found = installed ?? declared;
      if (found) return found;
    }
  }
  return null;
}

/** A package.json version spec as a version: `^6.19.3` → 6.19.3; `catalog:` through pnpm-workspace.yaml. */
function resolveSpec(spec: string, name: string, dir: string): PrismaVersion | null {
  const file = path.join(dir, 'package.json');
  if (spec.startsWith('catalog:')) return fromCatalog(spec.slice('catalog:'.length).trim() || 'default', name, dir);
  // `workspace:^6.1.0` means 6.1.0 or later; `workspace:*` says nothing about the version.
  const range = spec.startsWith('workspace:') ? spec.slice('workspace:'.length) : spec;
  const version = floorOf(range);
  return version ? { version, source: file } : null;
}

type Catalog = Record<string, unknown>;

/** pnpm's catalogs: `catalog:` (or `catalog:default`) reads `catalog`, `catalog:<name>` reads `catalogs.<name>`. */
function fromCatalog(catalog: string, name: string, dir: string): PrismaVersion | null {
  for (const root of upwards(dir)) {
    const file = path.join(root, 'pnpm-workspace.yaml');
    if (!existsSync(file)) continue;
    const workspace = readYaml(file) as { catalog?: Catalog; catalogs?: Record<string, Catalog | undefined> } | null;
    const entries = catalog === 'default' ? (workspace?.catalog ?? workspace?.catalogs?.default) : workspace?.catalogs?.[catalog];
    const range = entries?.[name];
    const version = typeof range === 'string' ? floorOf(range) : null;
    return version ? { version, source: file } : null;
  }
  return null;
}

/**
 * What the nearest lockfile, from the package up to the repository root, installed for the package. When it
 * holds several versions (a monorepo), the one the declared range allows is taken.
 */
function installedVersion(name: string, dir: string, declared: string | null): PrismaVersion | null {
  for (const root of upwards(dir)) {
    for (const lockfile of LOCKFILES) {
      const file = path.join(root, lockfile);
      if (!existsSync(file)) continue;
      const versions =
        lockfile === 'package-lock.json'
          ? packageLockVersions(file, name, path.relative(root, dir))
          : lockfile === 'pnpm-lock.yaml'
            ? pnpmLockVersions(file, name)
            : lockfileVersions(lockfile, readFileSync(file, 'utf8'), name);
      const version = pickInstalled(versions, declared);
      return version ? { version, source: file } : null;
    }
  }
  return null;
}

function pickInstalled(versions: string[], declared: string | null): string | null {
  const distinct = [...new Set(versions)];
  if (distinct.length <= 1) return distinct[0] ?? null;
  if (!declared) return null;
  const major = declared.split('.')[0];
  const allowed = distinct.filter((version) => version.split('.')[0] === major && compareVersions(version, declared) >= 0);
  return allowed.sort(compareVersions).at(-1) ?? null;
}

/** npm: the copy installed next to the package wins over the hoisted one; lockfile v1 lists only the latter. */
function packageLockVersions(file: string, name: string, packageDir: string): string[] {
  const lock = readJson(file) as {
    packages?: Record<string, { version?: string }>;
    dependencies?: Record<string, { version?: string }>;
  } | null;
  const keys = [...(packageDir ? [`${packageDir.split(path.sep).join('/')}/node_modules/${name}`] : []), `node_modules/${name}`];
  for (const key of keys) {
    const version = lock?.packages?.[key]?.version;
    if (version) return [version];
  }
  const version = lock?.dependencies?.[name]?.version;
  return version ? [version] : [];
}

/**
 * pnpm: the package's entries under `packages` (and `snapshots` from lockfile v9), keyed `/prisma/4.16.2` (v5),
 * `/prisma@5.1.0` (v6) or `prisma@6.19.3`, `@prisma/client@6.19.3(prisma@6.19.3)` (v9).
 */
function pnpmLockVersions(file: string, name: string): string[] {
  const lock = readYaml(file) as { packages?: Record<string, unknown> | null; snapshots?: Record<string, unknown> | null } | null;
  const keys = [...Object.keys(lock?.packages ?? {}), ...Object.keys(lock?.snapshots ?? {})];
  const pattern = new RegExp(String.raw`^/?${escapeRegExp(name)}[@/]${VERSION}`);
  return keys.flatMap((key) => pattern.exec(key)?.[1] ?? []);
}

/** Every version of the package a Yarn or Bun lockfile installs, read from the text of its entries. */
function lockfileVersions(lockfile: 'yarn.lock' | 'bun.lock', text: string, name: string): string[] {
  const escaped = escapeRegExp(name);
  const pattern =
    lockfile === 'yarn.lock'
      ? // `prisma@^6.19.3:` then `  version "6.19.3"` (v1), or `"prisma@npm:^6.19.3":` then `  version: 6.19.3`
        new RegExp(String.raw`^"?${escaped}@[^\n]*:\n\s+version:?\s+"?${VERSION}`, 'gm')
      : // bun.lock: `"prisma": ["prisma@6.19.3", ...]`
        new RegExp(String.raw`"${escaped}@${VERSION}"`, 'g');
  return [...text.matchAll(pattern)].map((match) => match[1]!);
}

/** A version as lockfiles write it, with whatever pre-release or build suffix it has. */
const VERSION = String.raw`(\d+\.\d+\.\d+[-+.\w]*)`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Prisma Client Python: the `prisma` package of a Python project, mapped to the CLI version it runs. */
function fromPythonProject(dir: string): PrismaVersion | null {
  for (const { file, version } of pythonDeclarations(dir)) {
    const cli = cliVersionForPythonClient(version);
    if (cli) return { version: cli, source: file };
  }
  return null;
}

/** Where a Python project names its `prisma` version, exact (lockfiles, `==` pins) before ranges. */
function pythonDeclarations(dir: string): { file: string; version: string }[] {
  const found: { file: string; version: string; exact: boolean }[] = [];
  const read = (name: string) => {
    const file = path.join(dir, name);
    return existsSync(file) ? { file, text: readFileSync(file, 'utf8') } : null;
  };
  for (const name of ['poetry.lock', 'uv.lock']) {
    const lock = read(name);
    const version = lock && /^\[\[package\]\]\s*\nname\s*=\s*"prisma"\s*\nversion\s*=\s*"([^"]+)"/m.exec(lock.text)?.[1];
    if (lock && version) found.push({ file: lock.file, version, exact: true });
  }
  const requirements = readdirSync(dir)
    .filter((name) => /^requirements.*\.txt$/.test(name))
    .sort();
  for (const name of requirements) {
    const { file, text } = read(name)!;
    const spec = /^prisma(?:\[[^\]]*\])?\s*([<>=!~][^#;\n]*)/im.exec(text)?.[1]?.trim();
    const version = spec && floorOf(spec);
    if (spec && version) found.push({ file, version, exact: spec.startsWith('==') });
  }
  const pyproject = read('pyproject.toml');
  if (pyproject) {
    // PEP 621 / PEP 735 requirement strings ("prisma>=0.13"), then Poetry tables (prisma = "^0.13" or { version = "^0.13" }).
    const spec =
      /["']prisma(?:\[[^\]]*\])?\s*([<>=!~^][^"';]*)["']/.exec(pyproject.text)?.[1] ??
      /^prisma\s*=\s*(?:"([^"]+)"|\{[^}]*\bversion\s*=\s*"([^"]+)")/m.exec(pyproject.text)?.slice(1).find(Boolean);
    const version = spec && floorOf(spec);
    if (spec && version) found.push({ file: pyproject.file, version, exact: spec.startsWith('==') });
  }
  return found.sort((a, b) => Number(b.exact) - Number(a.exact));
}

/** The lowest version a range allows, as major.minor.patch: `^6.19.3` → 6.19.3, `~5.10` → 5.10.0, `6.x` → 6.0.0. */
function floorOf(range: string): string | null {
  return semver.coerce(range)?.version ?? null;
}

function readYaml(file: string): unknown {
  try {
    return YAML.parse(readFileSync(file, 'utf8'));
  } catch {
    // A file that is not YAML says nothing about Prisma.
    return null;
  }
}

function readJson(file: string): unknown {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // An unreadable file says nothing about Prisma.
    return null;
  }
}

/**
 * Compares versions as Prisma's release notes give them: missing parts count as 0 (`6` is 6.0.0) and a
 * pre-release counts as its release (`6.6.0-dev.12` has 6.6's conventions).
 */
export function compareVersions(a: string, b: string): number {
  return semver.compare(release(a), release(b));
}

function release(version: string): string {
  return semver.coerce(version)?.version ?? '0.0.0';
}

/**
 * The Prisma CLI each release of Prisma Client Python (the PyPI package `prisma`) downloads and runs.
 * Each row is the first release that pinned a new CLI version; later releases keep it until the next row.
 * Read from the `prisma_version` default in RobertCraigie/prisma-client-py at every release tag
 * (`src/prisma/_config.py` from v0.7.0 on, `PRISMA_VERSION` in `src/prisma/binaries/constants.py` before).
 */
const CLI_BY_PYTHON_RELEASE: readonly (readonly [python: string, cli: string])[] = [
  ['0.0.1', '2.30.0'],
  ['0.2.1', '3.1.1'],
  ['0.2.3', '3.3.0'],
  ['0.3.0', '3.4.0'],
  ['0.4.3', '3.7.0'],
  ['0.5.0', '3.8.1'],
  ['0.6.0', '3.9.1'],
  ['0.6.3', '3.10.0'],
  ['0.6.4', '3.11.1'],
  ['0.6.5', '3.13.0'],
  ['0.8.0', '4.8.0'],
  ['0.8.1', '4.10.1'],
  ['0.8.2', '4.11.0'],
  ['0.9.0', '4.15.0'],
  ['0.11.0', '5.4.2'],
  ['0.12.0', '5.8.0'],
  ['0.13.0', '5.11.0'],
  ['0.14.0', '5.17.0'],
];

/** The Prisma CLI version a Prisma Client Python release drives, or null for a version older than any release. */
export function cliVersionForPythonClient(pythonVersion: string): string | null {
  let cli: string | null = null;
  for (const [python, pinned] of CLI_BY_PYTHON_RELEASE) {
    if (compareVersions(python, pythonVersion) > 0) break;
    cli = pinned;
  }
  return cli;
}
