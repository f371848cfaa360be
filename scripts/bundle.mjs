// Builds the bundles GitHub and npm users run: dist/index.js (the action's main step), dist/post/index.js (its
// post step) and dist/cli/index.js (the CLI).
// Takes the output folder as its argument so a test can build a fresh copy and compare it with dist/.
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const out = path.resolve(process.argv[2] ?? 'dist');
rmSync(out, { recursive: true, force: true });
const ncc = (entry, dir, ...flags) =>
  execFileSync(process.execPath, ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', entry, '-o', dir, '--quiet', ...flags], {
    stdio: 'inherit',
  });
ncc('src/action/index.ts', out, '--license', 'licenses.txt');
ncc('src/action/post-index.ts', path.join(out, 'post'), '--license', 'licenses.txt');
ncc('src/cli/main.ts', path.join(out, 'cli'));
// ncc does not follow the parser's runtime load of its WebAssembly; put it where the loader looks.
for (const dir of [out, path.join(out, 'cli')])
  copyFileSync('node_modules/libpg-query/wasm/libpg-query.wasm', path.join(dir, 'libpg-query.wasm'));
