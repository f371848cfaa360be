/**
 * Asks Prisma's own schema engine whether each project's migrations produce the database its schema
 * describes (`prisma migrate diff --from-migrations --to-schema`), and prints the verdict and the SQL.
 *
 *   npx tsx scripts/prisma-verdict.ts <project-dir>...
 *
 * A project folder holds `schema.prisma` or a `schema/` folder and `migrations/`, either at its top or
 * under `prisma/`; `extra/prelude.sql`, where present, runs on the shadow database before the migrations.
 * Needs the PostgreSQL server the tests use (TEST_DATABASE_URL, or the local one).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { closePrismaEngine, loadSchemaFiles, prismaDiffMigrationsToSchema } from '../test/support/prisma-engine.js';

const SCHEMA_CANDIDATES = ['schema', 'schema.prisma', 'prisma/schema', 'prisma/schema.prisma'];
const MIGRATIONS_CANDIDATES = ['migrations', 'prisma/migrations'];

function firstExisting(dir: string, candidates: string[], what: string): string {
  const found = candidates.map((candidate) => path.join(dir, candidate)).find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`${dir}: no ${what} (looked for ${candidates.join(', ')})`);
  return found;
}

async function verdictFor(dir: string): Promise<string> {
  const prelude = path.join(dir, 'extra', 'prelude.sql');
  const started = performance.now();
  const ask = async () =>
    prismaDiffMigrationsToSchema({
      schemaFiles: await loadSchemaFiles(firstExisting(dir, SCHEMA_CANDIDATES, 'Prisma schema')),
      migrationsDir: firstExisting(dir, MIGRATIONS_CANDIDATES, 'migrations folder'),
      initScript: existsSync(prelude) ? readFileSync(prelude, 'utf8') : undefined,
    });
  const verdict = await ask().then(
    (result) => (result.inSync ? 'in sync' : `drift\n\n${result.sql.trimEnd()}`),
    (error: unknown) => `failed\n\n${error instanceof Error ? error.message : String(error)}`,
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return `== ${path.basename(path.resolve(dir))} (${seconds} s): ${verdict}\n`;
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: npx tsx scripts/prisma-verdict.ts <project-dir>...');
  process.exitCode = 1;
} else {
  try {
    for (const dir of dirs) console.log(await verdictFor(dir));
  } finally {
    await closePrismaEngine();
  }
}
