import { compareVersions } from './conventions.js';

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
