import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stateKey } from '../../src/apply/cache/key.js';
import { writesCache } from '../../src/apply/cache/policy.js';
import { folderStore, type StateStore } from '../../src/apply/cache/store.js';
import { locateProject } from '../../src/locate/project.js';
import { listMigrations } from '../../src/locate/migrations.js';
import type { Report } from '../../src/report/report.js';
import { REPO_ROOT } from '../support/corpus.js';
import { checkOnServer } from '../support/pg.js';
import { gitIn } from '../support/pull-request.js';

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-cache-'));
}

describe('stateKey', () => {
  const project = () => {
    const dir = tempDir();
    cpSync(path.join(REPO_ROOT, 'fixtures/in-sync/prisma/migrations'), dir, { recursive: true });
    return dir;
  };
  const key = (dir: string, extra: { postgresMajor?: number; toolVersion?: string } = {}) =>
    stateKey({ migrations: listMigrations(dir), postgresMajor: 16, toolVersion: '1.0.0', ...extra });

  it('is the same for the same files and differs when a byte, a name, the server or the tool changes', () => {
    const dir = project();
    const same = project();
    expect(key(dir)).toBe(key(same));
    expect(key(dir, { postgresMajor: 17 })).not.toBe(key(dir));
    expect(key(dir, { toolVersion: '1.0.1' })).not.toBe(key(dir));

    const edited = project();
    writeFileSync(path.join(edited, '20240201000000_tags/migration.sql'), '-- edited\n', { flag: 'a' });
    expect(key(edited)).not.toBe(key(dir));

    const renamed = project();
    cpSync(path.join(renamed, '20240201000000_tags'), path.join(renamed, '20240201000001_tags'), { recursive: true });
    expect(key(renamed)).not.toBe(key(dir));
  });
});

describe('writesCache', () => {
  it('lets only runs of the default branch write', () => {
    const run = (eventName: string, ref: string) => writesCache({ eventName, ref, defaultBranch: 'main' });
    expect(run('push', 'refs/heads/main')).toBe(true);
    expect(run('workflow_dispatch', 'refs/heads/main')).toBe(true);
    expect(run('schedule', 'refs/heads/main')).toBe(true);
    expect(run('push', 'refs/heads/feature')).toBe(false);
    expect(run('workflow_dispatch', 'refs/heads/feature')).toBe(false);
    expect(run('pull_request', 'refs/pull/1/merge')).toBe(false);
    expect(run('pull_request_target', 'refs/heads/main')).toBe(false);
  });
});

describe('incremental check', () => {
  /** A clone whose base commit has the fixture's first migration, and whose head adds the second. */
  function repository(): { dir: string; base: string } {
    const dir = tempDir();
    cpSync(path.join(REPO_ROOT, 'fixtures/in-sync'), dir, { recursive: true });
    const git = gitIn(dir);
    const second = path.join(dir, 'prisma/migrations/20240201000000_tags');
    const aside = path.join(tempDir(), 'tags');
    cpSync(second, aside, { recursive: true });
    rmSync(second, { recursive: true });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
    const base = git('rev-parse', 'HEAD').trim();
    cpSync(aside, second, { recursive: true });
    git('add', '-A');
    git('commit', '-qm', 'pull request');
    return { dir, base };
  }

  const check = (dir: string, options: { baseRef: string | null; store: StateStore; writable: boolean; log?: string[] }) =>
    checkOnServer({
      project: locateProject(dir, {}),
      root: dir,
      failOn: ['drift', 'migration'],
      baseline: path.join(dir, 'prisma/drift-baseline.json'),
      targets: [],
      largeTable: {},
      drift: true,
      baseRef: options.baseRef,
      allowDestructive: null,
      cache: { store: options.store, toolVersion: 'test', writable: options.writable },
      log: (line) => options.log?.push(line),
    });

  it("restores the base branch's state and replays only the new migration, with the same verdict", async () => {
    const { dir, base } = repository();
    const store = folderStore(tempDir());
    const git = gitIn(dir);

    git('checkout', '-q', base);
    const onBase = await check(dir, { baseRef: null, store, writable: true });
    expect(onBase.cache).toMatchObject({ hit: false, saved: true, migrations: 1 });

    git('checkout', '-q', '-');
    const uncached = await check(dir, { baseRef: base, store: folderStore(tempDir()), writable: false });
    const cached = await check(dir, { baseRef: base, store, writable: false });
    expect(uncached.cache).toMatchObject({ hit: false, saved: false });
    expect(cached.cache).toMatchObject({ hit: true, saved: false, migrations: 1 });
    expect(cached.applied.map((m) => m.name)).toEqual(['20240201000000_tags']);
    // Lock findings quote measured times, which differ from run to run.
    const verdict = (report: Report) =>
      report.findings.map(({ rule, location, object, severity }) => ({ rule, location, object, severity }));
    expect(verdict(cached)).toEqual(verdict(uncached));
    expect(cached.unmodelled).toEqual(uncached.unmodelled);
  });

  it('replays everything when the stored state cannot be restored', async () => {
    const { dir } = repository();
    const broken: StateStore = {
      async restore(_key, file) {
        writeFileSync(file, 'not an archive');
        return true;
      },
      async save() {},
    };
    const log: string[] = [];
    const report = await check(dir, { baseRef: null, store: broken, writable: false, log });
    expect(report.cache).toMatchObject({ hit: false });
    expect(report.applied).toHaveLength(2);
    expect(report.ok).toBe(true);
    expect(log.some((line) => line.startsWith('Could not restore the cached state, replaying instead'))).toBe(true);
  });
});
