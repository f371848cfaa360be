import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPrismaVersion } from '../../src/locate/prisma-version.js';
import { cliVersionForPythonClient } from '../../src/locate/prisma-version.js';

let root: string;

/** A repository in a temporary folder: `.git` marks its root; files are given relative to it. */
function project(files: Record<string, string>): string {
  root = mkdtempSync(path.join(tmpdir(), 'prisma-version-'));
  mkdirSync(path.join(root, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

function find(schema = 'prisma/schema.prisma') {
  const found = findPrismaVersion(path.join(root, schema));
  return found && { version: found.version, source: path.relative(root, found.source) };
}

const SCHEMA = 'datasource db {\n  provider = "postgresql"\n}\n';
const pkg = (deps: Record<string, Record<string, string>>) => JSON.stringify({ name: 'app', ...deps });

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('findPrismaVersion from package.json', () => {
  it('takes the lowest version a range allows', () => {
    project({ 'prisma/schema.prisma': SCHEMA, 'package.json': pkg({ devDependencies: { prisma: '^6.19.3' } }) });
    expect(find()).toEqual({ version: '6.19.3', source: 'package.json' });
  });

  it('pads a partial range and falls back to @prisma/client', () => {
    project({ 'prisma/schema.prisma': SCHEMA, 'package.json': pkg({ dependencies: { '@prisma/client': '~5.10' } }) });
    expect(find()).toEqual({ version: '5.10.0', source: 'package.json' });
  });

  it('prefers the CLI over the client', () => {
    project({
      'prisma/schema.prisma': SCHEMA,
      'package.json': pkg({ dependencies: { '@prisma/client': '5.22.0' }, devDependencies: { prisma: '6.1.0' } }),
    });
    expect(find()?.version).toBe('6.1.0');
  });

  it('uses the nearest package.json that names Prisma, not the root one', () => {
    project({
      'packages/db/prisma/schema.prisma': SCHEMA,
      'packages/db/package.json': pkg({ dependencies: { '@prisma/client': '^7.8.0' } }),
      'package.json': pkg({ devDependencies: { prisma: '^6.0.0' } }),
    });
    expect(find('packages/db/prisma/schema.prisma')).toEqual({ version: '7.8.0', source: 'packages/db/package.json' });
  });

  it('skips a package.json without Prisma and keeps looking upwards', () => {
    project({
      'apps/web/prisma/schema.prisma': SCHEMA,
      'apps/web/package.json': pkg({ dependencies: { next: '15.0.0' } }),
      'package.json': pkg({ devDependencies: { prisma: '5.4.2' } }),
    });
    expect(find('apps/web/prisma/schema.prisma')).toEqual({ version: '5.4.2', source: 'package.json' });
  });

  it('stops at the repository root', () => {
    project({ 'repo/prisma/schema.prisma': SCHEMA, 'package.json': pkg({ devDependencies: { prisma: '5.4.2' } }) });
    mkdirSync(path.join(root, 'repo', '.git'));
    expect(find('repo/prisma/schema.prisma')).toBeNull();
  });

  it('says nothing for a range without a version', () => {
    project({ 'prisma/schema.prisma': SCHEMA, 'package.json': pkg({ devDependencies: { prisma: 'latest' } }) });
    expect(find()).toBeNull();
  });

  it('reads a multi-file schema folder', () => {
    project({ 'prisma/schema/main.prisma': SCHEMA, 'package.json': pkg({ devDependencies: { prisma: '6.7.0' } }) });
    expect(find('prisma/schema')?.version).toBe('6.7.0');
  });

  it('strips `workspace:` from a range', () => {
    project({ 'prisma/schema.prisma': SCHEMA, 'package.json': pkg({ devDependencies: { prisma: 'workspace:^6.2.1' } }) });
    expect(find()?.version).toBe('6.2.1');
  });
});

describe('findPrismaVersion through pnpm catalogs', () => {
  const workspace = [
    'packages:',
    '  - packages/*',
    '',
    'catalog:',
    '  zod: ^4.0.0',
    "  prisma: '^7.8.0'",
    '',
    'catalogs:',
    '  legacy:',
    '    "@prisma/client": 5.22.0 # pinned',
    '  next:',
    '    prisma: 7.9.1',
    '',
  ].join('\n');

  it('resolves `catalog:` from the default catalog', () => {
    project({
      'pnpm-workspace.yaml': workspace,
      'packages/database/prisma/schema.prisma': SCHEMA,
      'packages/database/package.json': pkg({ devDependencies: { prisma: 'catalog:' } }),
    });
    expect(find('packages/database/prisma/schema.prisma')).toEqual({ version: '7.8.0', source: 'pnpm-workspace.yaml' });
  });

  it('resolves a named catalog', () => {
    project({
      'pnpm-workspace.yaml': workspace,
      'packages/database/prisma/schema.prisma': SCHEMA,
      'packages/database/package.json': pkg({ dependencies: { '@prisma/client': 'catalog:legacy' } }),
    });
    expect(find('packages/database/prisma/schema.prisma')).toEqual({ version: '5.22.0', source: 'pnpm-workspace.yaml' });
  });

  it('reads `catalog:default` from `catalogs.default` too', () => {
    project({
      'pnpm-workspace.yaml': 'catalogs:\n  default:\n    prisma: ^6.3.0\n',
      'prisma/schema.prisma': SCHEMA,
      'package.json': pkg({ devDependencies: { prisma: 'catalog:default' } }),
    });
    expect(find()?.version).toBe('6.3.0');
  });
});

describe('findPrismaVersion from lockfiles', () => {
  it('prefers what package-lock.json installed over the range', () => {
    project({
      'prisma/schema.prisma': SCHEMA,
      'package.json': pkg({ devDependencies: { prisma: '^6.0.0' } }),
      'package-lock.json': JSON.stringify({
        lockfileVersion: 3,
        packages: { '': {}, 'node_modules/prisma': { version: '6.19.3' }, 'node_modules/@prisma/client': { version: '6.19.3' } },
      }),
    });
    expect(find()).toEqual({ version: '6.19.3', source: 'package-lock.json' });
  });

  it('takes the copy a workspace package installed next to itself in package-lock.json', () => {
    project({
      'apps/api/prisma/schema.prisma': SCHEMA,
      'apps/api/package.json': pkg({ devDependencies: { prisma: '^5.0.0' } }),
      'package.json': JSON.stringify({ name: 'root', workspaces: ['apps/*'] }),
      'package-lock.json': JSON.stringify({
        lockfileVersion: 3,
        packages: { 'node_modules/prisma': { version: '6.19.3' }, 'apps/api/node_modules/prisma': { version: '5.22.0' } },
      }),
    });
    expect(find('apps/api/prisma/schema.prisma')).toEqual({ version: '5.22.0', source: 'package-lock.json' });
  });

  it('reads a version 1 package-lock.json', () => {
    project({
      'prisma/schema.prisma': SCHEMA,
      'package.json': pkg({ devDependencies: { prisma: '^4.8.0' } }),
      'package-lock.json': JSON.stringify({ lockfileVersion: 1, dependencies: { prisma: { version: '4.16.2' } } }),
    });
    expect(find()?.version).toBe('4.16.2');
  });

  it('reads pnpm-lock.yaml of version 9', () => {
    project({
      'prisma/schema.prisma': SCHEMA,
      'package.json': pkg({ devDependencies: { prisma: '^6.1.0' }, dependencies: { '@prisma/client': '^6.1.0' } }),
      'pnpm-lock.yaml': [
        "lockfileVersion: '9.0'",
        'importers:',
        '  .:',
        '    devDependencies:',
        '      prisma:',
        '        specifier: ^6.1.0',
        '        version: 6.16.2(typescript@5.9.2)',
        'packages:',
        "  '@prisma/client@6.16.2':",
        '    resolution: {integrity: sha512-x}',
        '  prisma@6.16.2:',
        '    resolution: {integrity: sha512-y}',
        'snapshots:',
        '  prisma@6.16.2(typescript@5.9.2):',
        '    dependencies:',
        '      typescript: 5.9.2',
        '',
      ].join('\n'),
    });
    expect(find()).toEqual({ version: '6.16.2', source: 'pnpm-lock.yaml' });
  });

  it('reads pnpm-lock.yaml of version 5 and picks the version the range allows when there are several', () => {
    project({
      'packages/db/prisma/schema.prisma': SCHEMA,
      'packages/db/package.json': pkg({ devDependencies: { prisma: '^4.8.0' } }),
      'pnpm-lock.yaml': [
        'lockfileVersion: 5.4',
        'packages:',
        '  /prisma/3.15.2:',
        '    dev: true',
        '  /prisma/4.16.2:',
        '    dev: true',
        '  /@prisma/client/4.16.2_prisma@4.16.2:',
        '    dev: false',
        '',
      ].join('\n'),
    });
    expect(find('packages/db/prisma/schema.prisma')).toEqual({ version: '4.16.2', source: 'pnpm-lock.yaml' });
  });

  it('reads yarn.lock of Yarn 1', () => {
    project({
      'prisma/schema.prisma': SCHEMA,
      'package.json': pkg({ dependencies: { '@prisma/client': '^5.1.0' } }),
      'yarn.lock': [
        '# yarn lockfile v1',
        '',
        '"@prisma/client@^5.1.0", "@prisma/client@^5.2.0":',
        '  version "5.3.1"',
        '  resolved "https://registry.yarnpkg.com/@prisma/client/-/client-5.3.1.tgz"',
        '',
        'prisma-json-types@^1.0.0:',
        '  version "1.0.0"',
        '',
      ].join('\n'),
    });
    expect(find()).toEqual({ version: '5.3.1', source: 'yarn.lock' });
  });

  it('reads yarn.lock of Yarn Berry', () => {
    project({
      'prisma/schema.prisma': SCHEMA,
      'package.json': pkg({ devDependencies: { prisma: '^5.0.0' } }),
      'yarn.lock': [
        '__metadata:',
        '  version: 8',
        '',
        '"prisma@npm:^5.0.0":',
        '  version: 5.22.0',
        '  resolution: "prisma@npm:5.22.0"',
        '',
      ].join('\n'),
    });
    expect(find()?.version).toBe('5.22.0');
  });

  it('reads bun.lock', () => {
    project({
      'prisma/schema.prisma': SCHEMA,
      'package.json': pkg({ devDependencies: { prisma: '^7.0.0' } }),
      'bun.lock': [
        '{',
        '  "lockfileVersion": 1,',
        '  "packages": {',
        '    "@prisma/client": ["@prisma/client@7.0.0", "", {}, "sha512-a"],',
        '    "prisma": ["prisma@7.2.0", "", {}, "sha512-b"],',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    expect(find()).toEqual({ version: '7.2.0', source: 'bun.lock' });
  });

  it('keeps the range when the lockfile does not hold the package', () => {
    project({
      'prisma/schema.prisma': SCHEMA,
      'package.json': pkg({ devDependencies: { prisma: '^6.2.0' } }),
      'yarn.lock': '# yarn lockfile v1\n\nzod@^3.0.0:\n  version "3.23.8"\n',
    });
    expect(find()).toEqual({ version: '6.2.0', source: 'package.json' });
  });

  it('finds the installed version of a `catalog:` dependency', () => {
    project({
      'pnpm-workspace.yaml': 'catalog:\n  prisma: ^7.0.0\n',
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\npackages:\n  prisma@7.8.0:\n    resolution: {integrity: sha512-y}\n",
      'packages/database/prisma/schema.prisma': SCHEMA,
      'packages/database/package.json': pkg({ devDependencies: { prisma: 'catalog:' } }),
    });
    expect(find('packages/database/prisma/schema.prisma')).toEqual({ version: '7.8.0', source: 'pnpm-lock.yaml' });
  });
});

describe('findPrismaVersion for Prisma Client Python', () => {
  it('maps a pyproject.toml requirement (PEP 621) to the CLI it drives', () => {
    project({
      'schema.prisma': SCHEMA,
      'pyproject.toml': '[project]\nname = "api"\ndependencies = [\n  "fastapi>=0.110",\n  "prisma>=0.13.1",\n]\n',
    });
    expect(find('schema.prisma')).toEqual({ version: '5.11.0', source: 'pyproject.toml' });
  });

  it('reads a Poetry dependency table', () => {
    project({
      'schema.prisma': SCHEMA,
      'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\nprisma = { version = "^0.11.0", extras = [] }\n',
    });
    expect(find('schema.prisma')?.version).toBe('5.4.2');
  });

  it('prefers poetry.lock over the range', () => {
    project({
      'schema.prisma': SCHEMA,
      'pyproject.toml': '[tool.poetry.dependencies]\nprisma = "^0.8.0"\n',
      'poetry.lock':
        '[[package]]\nname = "pydantic"\nversion = "2.7.0"\n\n[[package]]\nname = "prisma"\nversion = "0.9.1"\ndescription = "Prisma Client Python"\n',
    });
    expect(find('schema.prisma')).toEqual({ version: '4.15.0', source: 'poetry.lock' });
  });

  it('reads uv.lock', () => {
    project({
      'schema.prisma': SCHEMA,
      'pyproject.toml': '[project]\ndependencies = ["prisma"]\n',
      'uv.lock': 'version = 1\n\n[[package]]\nname = "prisma"\nversion = "0.15.0"\nsource = { registry = "https://pypi.org/simple" }\n',
    });
    expect(find('schema.prisma')).toEqual({ version: '5.17.0', source: 'uv.lock' });
  });

  it('reads requirements files, ignoring packages that only start with `prisma`', () => {
    project({ 'db/schema.prisma': SCHEMA, 'requirements-dev.txt': 'prisma-json==1.0\nPrisma[cli]==0.8.2  # pinned\n' });
    expect(find('db/schema.prisma')).toEqual({ version: '4.11.0', source: 'requirements-dev.txt' });
  });

  it('maps every release from the table in prisma-client-py, and later patch releases to the same CLI', () => {
    expect(cliVersionForPythonClient('0.0.1')).toBe('2.30.0');
    expect(cliVersionForPythonClient('0.7.1')).toBe('3.13.0');
    expect(cliVersionForPythonClient('0.8.0')).toBe('4.8.0');
    expect(cliVersionForPythonClient('0.10.0')).toBe('4.15.0');
    expect(cliVersionForPythonClient('0.13.1')).toBe('5.11.0');
    expect(cliVersionForPythonClient('0.15.0')).toBe('5.17.0');
    expect(cliVersionForPythonClient('0.0.0')).toBeNull();
  });
});
