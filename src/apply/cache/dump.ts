import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { debianBindirs, pgConfigBindir } from '../../provision/cluster.js';

const execFileAsync = promisify(execFile);

/** pg_dump and pg_restore of one PostgreSQL version. */
export interface DumpTools {
  bindir: string;
}

/**
 * The pg_dump and pg_restore of the server's own major version: the temporary cluster's bindir, else one
 * installed on the machine. An older pg_dump refuses a newer server, and a newer one may write settings an
 * older server rejects, so any other version means no tools (and no cache), never a guess.
 */
export async function findDumpTools(postgresMajor: number, clusterBindir: string | null): Promise<DumpTools | null> {
  const candidates = clusterBindir ? [clusterBindir] : [process.env.PG_BINDIR, pgConfigBindir(), ...debianBindirs()];
  for (const bindir of new Set(candidates.filter((dir): dir is string => Boolean(dir)))) {
    if (!executable(path.join(bindir, 'pg_dump')) || !executable(path.join(bindir, 'pg_restore'))) continue;
    const major = await majorVersion(path.join(bindir, 'pg_dump'));
    if (major === postgresMajor) return { bindir };
  }
  return null;
}

/** The whole database as a custom-format archive: everything the migrations made, as PostgreSQL stores it. */
export async function dumpDatabase(tools: DumpTools, url: string, file: string): Promise<void> {
  const { args, env } = libpqConnection(url);
  await run(tools, 'pg_dump', ['--format=custom', '--file', file, ...args], env);
}

/** Restores an archive into an empty database; any error rejects (the caller then replays instead). */
export async function restoreDatabase(tools: DumpTools, url: string, file: string): Promise<void> {
  const { args, env } = libpqConnection(url);
  // The role that dumped is gone by now; the restoring role owns what it restores, with its default privileges.
  await run(tools, 'pg_restore', ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges', ...args, file], env);
}

async function run(tools: DumpTools, program: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  await execFileAsync(path.join(tools.bindir, program), args, { env: { ...process.env, ...env }, maxBuffer: 16 << 20 }).catch(
    (error: Error & { stderr?: string }) => {
      throw new Error(`${program} failed: ${(error.stderr || error.message).trim()}`);
    },
  );
}

/** Parameters libpq accepts in a URL; others (Prisma's `schema`, node-postgres options) would make it refuse the URL. */
const LIBPQ_PARAMETERS = new Set([
  'host',
  'hostaddr',
  'port',
  'sslmode',
  'sslcert',
  'sslkey',
  'sslrootcert',
  'sslcrl',
  'connect_timeout',
  'options',
  'application_name',
  'target_session_attrs',
  'gssencmode',
]);

/** The URL as libpq tools take it: the password through the environment rather than on a command line others can read. */
function libpqConnection(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  for (const name of [...parsed.searchParams.keys()]) if (!LIBPQ_PARAMETERS.has(name)) parsed.searchParams.delete(name);
  return { args: ['--dbname', parsed.toString()], env: password ? { PGPASSWORD: password } : {} };
}

async function majorVersion(program: string): Promise<number | null> {
  const { stdout } = await execFileAsync(program, ['--version']).catch(() => ({ stdout: '' }));
  const match = /\(PostgreSQL\) (\d+)/.exec(stdout);
  return match ? Number(match[1]) : null;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
