import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { baseRefOf, newMigrations, readBaseHistory, readHeadHistory } from '../../src/analyse/base.js';

let dir: string;
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();
const write = (file: string, contents: string | Buffer) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), contents);
};
const names = (history: { migrations: { name: string }[] }) => history.migrations.map((m) => m.name);

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'prisma-drift-base-'));
  git(dir, 'init', '-q', '-b', 'main');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readBaseHistory', () => {
  it('reads the base commit from git and the head from the working tree', async () => {
    write('prisma/migrations/migration_lock.toml', 'provider = "postgresql"\n');
    write('prisma/migrations/20240101000000_init/migration.sql', 'CREATE TABLE "A" ("id" INT);\n');
    write('prisma/migrations/2_ünïcode name/migration.sql', Buffer.from([0x2d, 0x2d, 0x20, 0xff, 0x0a]));
    write('prisma/migrations/20240102000000_empty/README.md', 'no script here\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base');
    const base = git(dir, 'rev-parse', 'HEAD');
    write('prisma/migrations/20240103000000_new/migration.sql', 'ALTER TABLE "A" ADD COLUMN "b" INT;\n');
    write('prisma/migrations/20240101000000_init/migration.sql', 'CREATE TABLE "A" ("id" BIGINT);\n');

    const migrationsDir = path.join(dir, 'prisma/migrations');
    const read = await readBaseHistory(path.join(dir, 'prisma'), base, migrationsDir, 'bytes');
    if (!read.ok) throw new Error(read.error.message);
    expect(read.commit).toBe(base);
    // Byte order, as `prisma migrate deploy` applies them; bytes untouched.
    expect(names(read.history)).toEqual(['20240101000000_init', '20240102000000_empty', '2_ünïcode name']);
    expect(read.history.migrations[0]!.sql?.toString()).toBe('CREATE TABLE "A" ("id" INT);\n');
    expect(read.history.migrations[1]!.sql).toBeNull();
    expect(read.history.migrations[2]!.sql).toEqual(Buffer.from([0x2d, 0x2d, 0x20, 0xff, 0x0a]));
    expect(read.history.lock?.toString()).toBe('provider = "postgresql"\n');

    const head = readHeadHistory(migrationsDir, 'bytes');
    expect(names(head)).toEqual(['20240101000000_init', '20240102000000_empty', '20240103000000_new', '2_ünïcode name']);
    expect(head.migrations[0]!.sql?.toString()).toContain('BIGINT');
    expect(newMigrations(read.history, head).map((m) => m.name)).toEqual(['20240103000000_new']);
  });

  it('accepts a branch name and a base that has no migrations folder yet', async () => {
    write('README.md', 'hello\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'first');
    const read = await readBaseHistory(dir, 'main', 'prisma/migrations', 'bytes');
    expect(read).toMatchObject({ ok: true, history: { migrations: [], lock: null } });
    expect(readHeadHistory(path.join(dir, 'prisma/migrations'), 'bytes')).toEqual({ migrations: [], lock: null });
  });

  it('says how to fetch a base commit that a shallow clone lacks', async () => {
    write('prisma/migrations/1_init/migration.sql', 'SELECT 1;\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'one');
    const first = git(dir, 'rev-parse', 'HEAD');
    write('prisma/migrations/2_next/migration.sql', 'SELECT 2;\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'two');
    const clone = path.join(dir, 'clone');
    execFileSync('git', ['clone', '-q', '--depth=1', `file://${dir}`, clone]);

    const read = await readBaseHistory(clone, first, 'prisma/migrations', 'bytes');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error.reason).toBe('missing-commit');
    expect(read.error.message).toContain(`\`${first}\` is not in this clone (it is a shallow clone)`);
    expect(read.error.hint).toContain('fetch-depth: 0');
    expect(read.error.hint).toContain(`git fetch --depth=1 origin ${first}`);

    // Following the hint makes the base readable.
    execFileSync('git', ['fetch', '-q', '--depth=1', 'origin', first], { cwd: clone });
    const fetched = await readBaseHistory(clone, first, 'prisma/migrations', 'bytes');
    expect(fetched.ok && names(fetched.history)).toEqual(['1_init']);
  });

  it('reports a folder outside any clone', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'prisma-drift-nogit-'));
    try {
      const read = await readBaseHistory(outside, 'abc123', 'prisma/migrations', 'bytes');
      expect(read).toMatchObject({ ok: false, error: { reason: 'not-a-repository' } });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('baseRefOf', () => {
  it('prefers the base-ref input, then the pull request event', () => {
    const event = { pull_request: { base: { sha: 'abc' } } };
    expect(baseRefOf({ baseRef: 'origin/main', event })).toBe('origin/main');
    expect(baseRefOf({ event })).toBe('abc');
    expect(baseRefOf({ event: { push: {} } })).toBeNull();
  });
});
