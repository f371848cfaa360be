import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MigrationEntry } from '../../locate/migrations.js';
import type { Provisioned } from '../../provision/index.js';
import { dumpDatabase, findDumpTools, restoreDatabase } from './dump.js';
import { stateKey } from './key.js';
import type { StateStore } from './store.js';

export type { StateStore } from './store.js';

/** Where and whether to keep the state the shared prefix of the history produces. */
export interface StateCacheOptions {
  store: StateStore;
  /** This tool's version: a new version may build or dump the state differently. */
  toolVersion: string;
  /** Only the base branch's own runs write, so a pull request cannot plant a state others restore. */
  writable: boolean;
}

/** What the cache did in a run, for the report. */
export interface CacheOutcome {
  key: string;
  /** The state was restored: `migrations` were not replayed. */
  hit: boolean;
  /** The replayed state was stored for later runs. */
  saved: boolean;
  migrations: number;
  /** Time spent restoring (on a hit) or dumping and storing (when saved). */
  ms: number;
}

export interface StateCache {
  key: string;
  /** Restores the state into the empty database `url`; false (and the database still empty) on a miss or any error. */
  restore(url: string): Promise<boolean>;
  /** Stores the state of `url`, when this run may write; errors are the caller's warning, never a failure. */
  save(url: string): Promise<boolean>;
  outcome(): CacheOutcome;
}

/**
 * Opens the cache on `server`: finds the pg_dump and pg_restore of its major version (which runs programs,
 * so it is worth starting early), then gives the entry for the state after any list of migrations. Null
 * when this machine has no such tools: then every run replays the whole history.
 */
export async function stateCacheFor(
  options: StateCacheOptions,
  server: Provisioned,
): Promise<((migrations: MigrationEntry[]) => StateCache) | null> {
  const tools = await findDumpTools(server.serverVersion.major, server.bindir);
  if (!tools) return null;
  return (migrations) => {
    const key = stateKey({ migrations, postgresMajor: server.serverVersion.major, toolVersion: options.toolVersion });
    const outcome: CacheOutcome = { key, hit: false, saved: false, migrations: migrations.length, ms: 0 };
    return {
      key,
      restore: (url) =>
        timed(outcome, () =>
          withArchive(async (file) => {
            if (!(await options.store.restore(key, file))) return false;
            // pg_restore runs in one transaction: a failure leaves the database as empty as it was.
            await restoreDatabase(tools, url, file);
            return (outcome.hit = true);
          }),
        ),
      save: async (url) => {
        if (!options.writable) return false;
        return timed(outcome, () =>
          withArchive(async (file) => {
            await dumpDatabase(tools, url, file);
            await options.store.save(key, file);
            return (outcome.saved = true);
          }),
        );
      },
      outcome: () => ({ ...outcome }),
    };
  };
}

async function timed(outcome: CacheOutcome, fn: () => Promise<boolean>): Promise<boolean> {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    outcome.ms += Math.round(performance.now() - started);
  }
}

async function withArchive<T>(fn: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'prisma-drift-state-'));
  try {
    return await fn(path.join(dir, 'state.dump'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
