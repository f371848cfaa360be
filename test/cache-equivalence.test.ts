import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../src/apply.js';
import { dumpDatabase, findDumpTools, restoreDatabase } from '../src/cache/dump.js';
import { introspect } from '../src/introspect.js';
import { withScratchClient } from '../src/db/scratch.js';
import { listMigrations } from '../src/migrations.js';
import { CORPUS_MISSING_MESSAGE, corpusProjects } from './support/corpus.js';
import { adminQuery, withDatabase } from './support/pg.js';

/** How many migrations each project replays on top of a restored archive, as a pull request would. */
const NEW_MIGRATIONS = 3;

const projects = corpusProjects();
const major = Math.floor(Number((await adminQuery(`SELECT current_setting('server_version_num') AS num`)).rows[0].num) / 10000);
const tools = await findDumpTools(major, null);

// A restored cache entry must be indistinguishable from the replay it stands for, or a cache hit could
// hide (or invent) drift.
describe.skipIf(!projects.length || !tools)('a restored state plus the new migrations equals a full replay', () => {
  it.each(projects.map((project) => [project.name, project] as const))('%s', { timeout: 600_000 }, async (_name, project) => {
    const migrations = listMigrations(project.migrations);
    const prefix = migrations.slice(0, -NEW_MIGRATIONS);
    const rest = migrations.slice(-NEW_MIGRATIONS);
    const archive = path.join(mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-equivalence-')), 'state.dump');

    await withDatabase(async (fullUrl) => {
      // One replay serves both sides: dumped after the prefix, then carried on to the end.
      const full = await withScratchClient(fullUrl, async (client) => {
        const first = await applyMigrations(client, prefix, (file) => file);
        if (first.failure) return { skipped: first.failure.message };
        await dumpDatabase(tools!, fullUrl, archive);
        const second = await applyMigrations(client, rest, (file) => file);
        if (second.failure) return { skipped: second.failure.message };
        return { schema: await introspect(client) };
      });
      if ('skipped' in full) {
        console.log(`${project.name} does not replay on this server, nothing to compare: ${full.skipped}`);
        return;
      }

      await withDatabase(async (restoredUrl) => {
        await restoreDatabase(tools!, restoredUrl, archive);
        const restored = await withScratchClient(restoredUrl, async (client) => {
          const replay = await applyMigrations(client, rest, (file) => file);
          expect(replay.failure).toBeNull();
          return introspect(client);
        });
        expect(restored).toEqual(full.schema);
      });
    });
  });
});

it.skipIf(projects.length > 0)('needs the corpus', () => console.log(CORPUS_MISSING_MESSAGE));
