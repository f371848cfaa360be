import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from '../common/zod.js';
import { listMigrations, sortMigrationNames, type MigrationOrder } from '../locate/migrations.js';
import type { MigrationHistory } from './history.js';

/** Why the base branch's migrations could not be read; the checks that need no base can still run. */
export interface BaseUnavailable {
  reason: 'missing-commit' | 'not-a-repository';
  message: string;
  hint: string;
}

export type BaseHistory = { ok: true; commit: string; history: MigrationHistory } | { ok: false; error: BaseUnavailable };

const PullRequestEvent = z.object({ pull_request: z.object({ base: z.object({ sha: z.string().check(z.minLength(1)) }) }) });

/** The commit to compare against: the `base-ref` input when set, else the pull request's base commit. */
export function baseRefOf(input: { baseRef?: string; event?: unknown }): string | null {
  if (input.baseRef) return input.baseRef;
  const event = PullRequestEvent.safeParse(input.event);
  return event.success ? event.data.pull_request.base.sha : null;
}

/**
 * The migrations folder as it is in commit `ref`, read from git's object store (one `ls-tree` and one
 * `cat-file --batch`, however many migrations there are). `repo` is a folder inside the clone and
 * `migrationsDir` is absolute or relative to it. A folder missing in that commit is an empty history:
 * the base may predate the project's first migration.
 */
export async function readBaseHistory(repo: string, ref: string, migrationsDir: string, order: MigrationOrder): Promise<BaseHistory> {
  const folder = toGitPath(path.relative(repo, path.resolve(repo, migrationsDir)));
  const prefix = folder === '.' ? '' : `${folder}/`;
  // Resolving the commit and listing its tree do not wait for each other: git starts both at once, and
  // is asked why only when the commit does not resolve. ls-tree takes and prints paths relative to its
  // working directory, so `prefix` matches its output.
  const [commit, listing] = await Promise.all([
    git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).then(
      (out) => out.toString('utf8').trim(),
      () => null,
    ),
    git(repo, ['ls-tree', '-r', '-z', `${ref}^{commit}`, '--', prefix || '.']).then(
      (out) => ({ out }),
      (error: Error) => ({ error }),
    ),
  ]);
  if (!commit) {
    const inside = await git(repo, ['rev-parse', '--is-inside-work-tree']).catch(() => null);
    if (inside) return { ok: false, error: await missingCommit(repo, ref) };
    return {
      ok: false,
      error: {
        reason: 'not-a-repository',
        message: `${repo} is not inside a git clone, so the base branch's migrations cannot be read.`,
        hint: 'Check out the repository with `actions/checkout` before this step.',
      },
    };
  }
  if ('error' in listing) throw listing.error;

  const blobs = new Map<string, string>();
  for (const entry of listing.out.toString('utf8').split('\0')) {
    const match = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (match) blobs.set(match[2]!, match[1]!);
  }
  const contents = await catBlobs(repo, [...new Set(blobs.values())]);
  const blob = (file: string) => {
    const id = blobs.get(file);
    return id === undefined ? null : contents.get(id)!;
  };

  // git stores files, not folders: a migration folder exists in the commit when any file is under it.
  const names = new Set<string>();
  for (const file of blobs.keys()) {
    const rest = file.slice(prefix.length).split('/');
    if (rest.length > 1) names.add(rest[0]!);
  }
  const migrations = sortMigrationNames([...names], order).map((name) => ({ name, sql: blob(`${prefix}${name}/migration.sql`) }));
  return { ok: true, commit, history: { migrations, lock: blob(`${prefix}migration_lock.toml`) } };
}

/** The migrations folder as it is in the working tree: the pull request's side. */
export function readHeadHistory(migrationsDir: string, order: MigrationOrder): MigrationHistory {
  if (!existsSync(migrationsDir)) return { migrations: [], lock: null };
  const lockFile = path.join(migrationsDir, 'migration_lock.toml');
  return {
    migrations: listMigrations(migrationsDir, order).map((entry) => ({
      name: entry.name,
      sql: entry.sqlPath ? readFileSync(entry.sqlPath) : null,
    })),
    lock: existsSync(lockFile) ? readFileSync(lockFile) : null,
  };
}

/** Folders the head has and the base has not, in apply order: the pull request's new migrations. */
export function newMigrations(base: MigrationHistory, head: MigrationHistory): MigrationHistory['migrations'] {
  const onBase = new Set(base.migrations.map((m) => m.name));
  return head.migrations.filter((m) => !onBase.has(m.name));
}

async function missingCommit(repo: string, ref: string): Promise<BaseUnavailable> {
  const shallow = (await git(repo, ['rev-parse', '--is-shallow-repository'])).toString('utf8').trim() === 'true';
  return {
    reason: 'missing-commit',
    message:
      `The base commit \`${ref}\` is not in this clone${shallow ? ' (it is a shallow clone)' : ''}, so the pull request's ` +
      'new migrations cannot be told apart from the existing ones. Checks that need the base (migration history, ' +
      'destructive and risky changes, locks) were skipped.',
    hint:
      'Fetch the base commit: set `fetch-depth: 0` on `actions/checkout`, or add a step ' +
      `\`git fetch --depth=1 origin ${ref}\` before this one.`,
  };
}

/** Reads many blobs through one `git cat-file --batch`. */
async function catBlobs(repo: string, ids: string[]): Promise<Map<string, Buffer>> {
  const contents = new Map<string, Buffer>();
  if (ids.length === 0) return contents;
  const out = await git(repo, ['cat-file', '--batch'], ids.join('\n') + '\n');
  // Each answer is "<id> <type> <size>\n<size bytes>\n".
  let at = 0;
  for (const id of ids) {
    const headerEnd = out.indexOf(0x0a, at);
    const [, , size] = out.subarray(at, headerEnd).toString('utf8').split(' ');
    const start = headerEnd + 1;
    const end = start + Number(size);
    contents.set(id, out.subarray(start, end));
    at = end + 1;
  }
  return contents;
}

function git(cwd: string, args: string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`git ${args[0]} failed (${code}): ${Buffer.concat(err).toString('utf8').trim()}`));
    });
    if (input !== undefined) {
      // git exiting early closes the pipe; its exit code already says what went wrong.
      child.stdin!.on('error', () => {});
      child.stdin!.end(input);
    }
  });
}

function toGitPath(relative: string): string {
  const posix = relative.split(path.sep).join('/');
  return posix === '' ? '.' : posix;
}
