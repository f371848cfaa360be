import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../src/apply.js';
import { introspect } from '../src/introspect.js';
import { listMigrations, type MigrationEntry } from '../src/migrations.js';
import { withScratchClient } from '../src/db/scratch.js';
import { CORPUS_MISSING_MESSAGE, corpusProjects } from './support/corpus.js';
import { withDatabase } from './support/pg.js';

const projects = corpusProjects();

/** The reference: one query per file, the way `prisma migrate deploy` sends them. */
async function oneQueryPerFile(client: pg.ClientBase, migrations: MigrationEntry[]) {
  const applied: string[] = [];
  for (const migration of migrations) {
    try {
      await client.query(readFileSync(migration.sqlPath!, 'utf8'));
    } catch (error) {
      return { applied, failed: { migration: migration.name, message: (error as Error).message } };
    }
    applied.push(migration.name);
  }
  return { applied, failed: null };
}

async function replayBothWays(migrations: MigrationEntry[]) {
  const [shared, alone] = await Promise.all([
    withDatabase((url) =>
      withScratchClient(url, async (client) => {
        const result = await applyMigrations(client, migrations, (file) => file);
        const failed = result.failure && { migration: result.failure.migration!, message: result.failure.message };
        return { applied: result.applied.map((m) => m.name), failed, schema: await introspect(client) };
      }),
    ),
    withDatabase((url) =>
      withScratchClient(url, async (client) => ({ ...(await oneQueryPerFile(client, migrations)), schema: await introspect(client) })),
    ),
  ]);
  return { shared, alone };
}

// Files that share a query must leave the database exactly as one query per file does, and fail where it fails.
describe.skipIf(!projects.length)('replaying with shared queries equals one query per file', () => {
  it.each(projects.map((project) => [project.name, project] as const))('%s', { timeout: 300_000 }, async (_name, project) => {
    const { shared, alone } = await replayBothWays(listMigrations(project.migrations));
    expect(shared.applied).toEqual(alone.applied);
    expect(shared.failed?.migration).toEqual(alone.failed?.migration);
    expect(shared.schema).toEqual(alone.schema);
  });

  it('fails at the same file, with the same error and the same database, wherever a file breaks', { timeout: 600_000 }, async () => {
    const project = projects.find((p) => p.name.startsWith('ghostfolio')) ?? projects[0]!;
    const faults = ['SELECT 1/0;', 'SELEC 1;', 'ALTER TABLE "no_such_table" ADD COLUMN "x" INT;', "SELECT 'unterminated"];
    const count = listMigrations(project.migrations).length;
    await fc.assert(
      fc.asyncProperty(fc.nat(count - 1), fc.constantFrom(...faults), fc.boolean(), async (index, fault, atEnd) => {
        const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-fault-')), 'migrations');
        cpSync(project.migrations, dir, { recursive: true });
        const migrations = listMigrations(dir);
        const file = migrations[index]!.sqlPath!;
        const sql = readFileSync(file, 'utf8');
        writeFileSync(file, atEnd ? `${sql}\n${fault}\n` : `${fault}\n${sql}`);
        const { shared, alone } = await replayBothWays(migrations);
        expect(shared.applied).toEqual(alone.applied);
        expect(shared.failed?.migration).toBe(alone.failed?.migration);
        expect(shared.failed?.message).toContain(alone.failed?.message);
        expect(shared.schema).toEqual(alone.schema);
      }),
      { numRuns: 8 },
    );
  });
});

it.skipIf(projects.length > 0)('needs the corpus', () => console.log(CORPUS_MISSING_MESSAGE));
