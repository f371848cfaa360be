import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../support/corpus.js';

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

// GitHub runs dist/ as committed: a stale bundle would ship code that src/ no longer has.
it('dist/ is exactly the bundle of src/', { timeout: 300_000 }, () => {
  const fresh = path.join(mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-dist-')), 'dist');
  execFileSync(process.execPath, ['scripts/bundle.mjs', fresh], { cwd: REPO_ROOT, stdio: 'inherit' });
  const committed = path.join(REPO_ROOT, 'dist');
  expect(files(committed)).toEqual(files(fresh));
  for (const file of files(fresh)) {
    expect(
      readFileSync(path.join(committed, file)).equals(readFileSync(path.join(fresh, file))),
      `dist/${file} differs: run npm run bundle`,
    ).toBe(true);
  }
});
