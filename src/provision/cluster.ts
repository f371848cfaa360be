import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chownSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { connect } from '../db/connect.js';
import { addResidue, removeResidue } from './residue.js';

const execFileAsync = promisify(execFile);

/** For initdb, and again for the server to accept connections: generous, as shared CI machines can be slow. */
const STEP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
/** An immediate shutdown takes milliseconds; past this the process exits anyway. */
const EXIT_WAIT_MS = 5_000;
const PORT = 5432;
/** Every temporary cluster's folder starts with this, in the OS's temporary folder. */
const CLUSTER_PREFIX = 'prisma-drift-';

const NO_BINARIES_MESSAGE = `no PostgreSQL server binaries (initdb, postgres) found: looked at PG_BINDIR, \`pg_config --bindir\` and /usr/lib/postgresql/*/bin.
Either give the job a PostgreSQL service container:

    services:
      postgres:
        image: postgres:16
        env: { POSTGRES_PASSWORD: postgres }
        ports: ['5432:5432']
        options: --health-cmd pg_isready --health-interval 2s --health-retries 30

and pass database-url: postgres://postgres:postgres@localhost:5432/postgres to this action,
or install the PostgreSQL server (for example \`sudo apt-get install postgresql\`) or set PG_BINDIR to its bin directory.`;

export interface Cluster {
  /** Superuser URL of the cluster's `postgres` database, with its password. */
  adminUrl: string;
  bindir: string;
  /** Stops the postmaster and deletes the cluster's directory. */
  stop(): Promise<void>;
}

/**
 * Starts a private PostgreSQL cluster in a new temporary directory, tuned for throwaway data (no fsync).
 *
 * It listens only on a Unix socket inside that directory rather than on a TCP port: there is no free port
 * to hunt for (probing one and then binding it races with other jobs and service containers on the same
 * runner), nothing else on the machine or network can reach it, and the socket goes away with the
 * directory. Clients reach it through the libpq `host=` parameter, which node-postgres, libpq tools such
 * as pg_dump, and Prisma all understand. The directory is the user's own (mode 0700), and every login needs
 * a password (SCRAM), the superuser's a random one that only this process knows.
 *
 * initdb and postgres get an environment of their own, not this process's: the action's environment holds
 * its inputs (INPUT_GITHUB-TOKEN, target database URLs) and the runner's secrets, and a server process
 * should have nothing of it to give away.
 */
export async function startCluster(log: (line: string) => void): Promise<Cluster> {
  const bindir = findBindir();
  const runAs = osUserPrefix();
  const dir = await mkdtemp(path.join(os.tmpdir(), CLUSTER_PREFIX));
  const password = randomBytes(24).toString('base64url');
  addResidue('clusters', dir);
  const datadir = path.join(dir, 'data');
  const logfile = path.join(dir, 'postgres.log');
  if (runAs) chownSync(dir, runAs.uid, runAs.gid);
  const command = (program: string, args: string[]): [string, string[]] => {
    const full = path.join(bindir, program);
    return runAs ? [runAs.prefix[0]!, [...runAs.prefix.slice(1), full, ...args]] : [full, args];
  };

  let postmaster: Postmaster | null = null;
  const removeExitGuard = guardProcessExit(() => postmaster, datadir, dir);
  const teardown = async () => {
    if (postmaster) await stopPostmaster(postmaster, datadir);
    removeExitGuard();
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    removeResidue('clusters', dir);
  };

  try {
    const started = performance.now();
    // initdb reads the password from a file; it is removed as soon as initdb is done.
    const pwfile = path.join(dir, 'pwfile');
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (runAs) chownSync(pwfile, runAs.uid, runAs.gid);
    const initdb = command('initdb', [
      '-D',
      datadir,
      '-A',
      'scram-sha-256',
      `--pwfile=${pwfile}`,
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    await execFileAsync(initdb[0], initdb[1], { cwd: dir, timeout: STEP_TIMEOUT_MS, env: serverEnvironment() })
      .catch((error: Error & { stderr?: string }) => {
        throw new Error(`initdb failed: ${(error.stderr || error.message).trim()}`);
      })
      .finally(() => rmSync(pwfile, { force: true }));
    const initialised = performance.now();

    const settings = {
      listen_addresses: '',
      unix_socket_directories: dir,
      port: String(PORT),
      // Throwaway data: durability only costs time.
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
    };
    const args = ['-D', datadir, ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
    const logFd = openSync(logfile, 'a');
    if (runAs) chownSync(logfile, runAs.uid, runAs.gid);
    postmaster = spawnPostmaster(...command('postgres', args), dir, logFd);
    closeSync(logFd);

    await waitUntilReady(dir, postmaster, logfile, password);
    const ready = performance.now();
    log(
      `temporary PostgreSQL cluster ready in ${seconds(ready - started)} ` +
        `(initdb ${seconds(initialised - started)}, start ${seconds(ready - initialised)}) using ${bindir}`,
    );
  } catch (error) {
    await teardown();
    throw error;
  }

  let stopping: Promise<void> | null = null;
  return { adminUrl: socketUrl(dir, 'postgres', password), bindir, stop: () => (stopping ??= teardown()) };
}

interface Postmaster {
  child: ChildProcess;
  exited: Promise<void>;
}

/**
 * What initdb and postgres need from the environment: where programs are (initdb runs postgres) and a
 * locale that exists. No PG* variable either: the cluster's settings are the command line's.
 */
export function serverEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { PATH: env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' };
}

function spawnPostmaster(program: string, args: string[], cwd: string, logFd: number): Postmaster {
  const child = spawn(program, args, { cwd, stdio: ['ignore', logFd, logFd], env: serverEnvironment() });
  // 'error' instead of 'exit' when the program cannot be started at all.
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  // A forgotten stop() must not keep the process alive; the exit guard still takes the cluster down.
  child.unref();
  return { child, exited };
}

/** PG_BINDIR when set (and then it must be right), else `pg_config --bindir`, else the newest Debian/Ubuntu install. */
export function findBindir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PG_BINDIR) {
    if (hasServerBinaries(env.PG_BINDIR)) return env.PG_BINDIR;
    throw new Error(`PG_BINDIR=${env.PG_BINDIR} does not contain initdb and postgres`);
  }
  const candidates = [pgConfigBindir(), ...debianBindirs()].filter((dir): dir is string => dir !== null);
  const found = candidates.find(hasServerBinaries);
  if (!found) throw new Error(NO_BINARIES_MESSAGE);
  return found;
}

export function pgConfigBindir(): string | null {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** `/usr/lib/postgresql/<major>/bin`, newest major first. */
export function debianBindirs(root = '/usr/lib/postgresql'): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .map((name) => path.join(root, name, 'bin'));
}

function hasServerBinaries(dir: string): boolean {
  return ['initdb', 'postgres'].every((program) => {
    try {
      accessSync(path.join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

interface OsUser {
  uid: number;
  gid: number;
  /** Command prefix that runs the rest of the command line as this user. */
  prefix: string[];
}

/**
 * initdb and postgres refuse to run as root (containers often are), so as root they run as the `postgres`
 * OS user that PostgreSQL packages create. setpriv is preferred because it execs the program itself;
 * runuser stays in between as a parent process.
 */
function osUserPrefix(): OsUser | null {
  if (process.getuid?.() !== 0) return null;
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    throw new Error(
      'running as root, but PostgreSQL refuses to run as root and there is no `postgres` OS user to run it as: ' +
        'create one, run as another user, or give a database-url',
    );
  }
  if (onPath('setpriv')) return { uid, gid, prefix: ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--'] };
  if (onPath('runuser')) return { uid, gid, prefix: ['runuser', '-u', 'postgres', '--'] };
  throw new Error('running as root, but neither setpriv nor runuser is available to run PostgreSQL as the postgres user');
}

function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

async function waitUntilReady(socketDir: string, postmaster: Postmaster, logfile: string, password: string): Promise<void> {
  let postmasterExited = false;
  void postmaster.exited.then(() => (postmasterExited = true));
  const deadline = performance.now() + STEP_TIMEOUT_MS;
  for (;;) {
    if (postmasterExited) throw new Error(`postgres exited while starting:\n${tail(logfile)}`);
    try {
      const client = await connect(socketUrl(socketDir, 'postgres', password));
      await client.end();
      return;
    } catch {
      // Not listening yet, or "the database system is starting up".
    }
    if (performance.now() > deadline) {
      throw new Error(`postgres was not ready after ${STEP_TIMEOUT_MS / 1000} s:\n${tail(logfile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** SIGQUIT is PostgreSQL's immediate shutdown: nothing in a throwaway cluster is worth a checkpoint. */
async function stopPostmaster({ child, exited }: Postmaster, datadir: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // Before postgres wrote its lock file the spawned process is the only handle there is.
  const pid = postmasterPid(datadir) ?? child.pid;
  if (pid === undefined) return;
  signal(pid, 'SIGQUIT');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS)));
  if (await Promise.race([exited.then(() => false), timedOut])) {
    signal(pid, 'SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

/**
 * `process.exit()` skips asynchronous cleanup, so if the process ends while the cluster runs, stop it and
 * delete its directory synchronously, as far as that is possible.
 */
function guardProcessExit(postmaster: () => Postmaster | null, datadir: string, dir: string): () => void {
  const onExit = () => {
    const running = postmasterPid(datadir);
    const pid = running ?? postmaster()?.child.pid;
    if (pid !== undefined) signal(pid, 'SIGQUIT');
    // The postmaster removes its lock file last as it shuts down. Removing the directory while it still
    // writes there can leave part of it behind (seen with Node 24's rmSync), and an exit handler cannot
    // await: it waits in place, briefly.
    if (running !== null) waitSync(() => !existsSync(path.join(datadir, 'postmaster.pid')), EXIT_WAIT_MS);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    removeResidue('clusters', dir);
  };
  process.once('exit', onExit);
  return () => process.off('exit', onExit);
}

/**
 * Stops the postmaster of a temporary cluster that a killed process left running and removes its folder.
 * Only a folder of ours is touched, and only a process whose command line names its data directory is
 * signalled: the pid in a stale lock file may belong to another process by now.
 */
export async function removeLeftoverCluster(dir: string): Promise<void> {
  if (!path.isAbsolute(dir) || !path.basename(dir).startsWith(CLUSTER_PREFIX))
    throw new Error(`${dir} is not a temporary cluster's folder`);
  const datadir = path.join(dir, 'data');
  const pid = postmasterPid(datadir);
  if (pid !== null && runsDatadir(pid, datadir)) {
    signal(pid, 'SIGQUIT');
    if (!(await waitUntil(() => !alive(pid), STOP_TIMEOUT_MS))) {
      signal(pid, 'SIGKILL');
      await waitUntil(() => !alive(pid), EXIT_WAIT_MS);
    }
  }
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Where /proc tells (Linux), whether `pid` was started on `datadir`; elsewhere the lock file is all there is. */
function runsDatadir(pid: number, datadir: string): boolean {
  if (!alive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(datadir);
  } catch {
    return !existsSync('/proc/self');
  }
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** Blocks the thread until `done()` or the timeout; only for exit handlers, where nothing else can run anyway. */
function waitSync(done: () => boolean, timeoutMs: number): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = performance.now() + timeoutMs;
  while (!done() && performance.now() < deadline) Atomics.wait(pause, 0, 0, 10);
}

/** The postmaster's pid from its lock file: with runuser the spawned process is not the postmaster itself. */
function postmasterPid(datadir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(datadir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

function socketUrl(dir: string, database: string, password: string): string {
  // `localhost` is a placeholder that libpq and Prisma need syntactically; `host=` (a directory) wins.
  const host = encodeURIComponent(dir).replace(/%2F/g, '/');
  return `postgresql://postgres:${encodeURIComponent(password)}@localhost:${PORT}/${database}?host=${host}&sslmode=disable`;
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n').trim();
  } catch {
    return '(no server log)';
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
