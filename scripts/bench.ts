/**
 * How long the check takes compared with what PostgreSQL itself needs, and with Prisma's engine:
 *
 *   npm run bench -- [--runs 5] [--only langfuse,umami] [--settle 31] [--cli dist/cli/index.js] [<project-dir>...]
 *
 * For every corpus project (and every folder given), each round measures (a) our bundled CLI's full check
 * against the test server (wall time and peak RSS of the process), (b) the floor: one psql session running
 * every migration.sql in order on a fresh database, each file in one transaction unless it manages its own or
 * uses CONCURRENTLY, as our replay does, and (c) Prisma's schema engine answering the same question
 * (scripts/prisma-verdict.ts, bundled). Rounds interleave the measurements (A B C A B C ...) so that noise on the
 * machine hits all of them alike; the table shows medians. Also measured: starting a temporary cluster and
 * the action's cold start (node dist/index.js until its first log line). Prints a table; asserts nothing.
 *
 * Every measurement starts from a checkpointed server, so none pays for writing out what the one before it
 * left dirty. `--settle` also waits that many seconds before each: a filesystem without a journal (ext4
 * mounted so, as on some virtual machines) keeps the inodes of files deleted in the last 30 s or so out of
 * reuse, so creating files right after a DROP DATABASE gets slower the more files it deleted. That taxes
 * whichever measurement follows another, in proportion to the files it creates, not the tool measured.
 * `--only` keeps the corpus projects whose names contain one of the given words.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { StateCacheOptions } from '../src/apply/cache/index.js';
import { folderStore } from '../src/apply/cache/store.js';
import { locateProject } from '../src/locate/project.js';
import { listMigrations } from '../src/locate/migrations.js';
import { startCluster } from '../src/provision/cluster.js';
import { CORPUS_DIR, corpusProjects, REPO_ROOT } from '../test/support/corpus.js';
import { adminQuery, checkOnServer, databaseUrl, SERVER_URL } from '../test/support/pg.js';

interface Project {
  name: string;
  dir: string;
  schema: string;
  migrations: string;
  prismaVersion: string | null;
}

interface Run {
  ms: number;
  /** Peak resident set size in MiB, when /usr/bin/time can tell. */
  rssMb?: number;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    settle: { type: 'string', default: '0' },
    cli: { type: 'string', default: 'dist/cli/index.js' },
  },
});
const runs = Number(values.runs);
const settleMs = Number(values.settle) * 1000;
const only = values.only
  ?.split(',')
  .map((word) => word.trim().toLowerCase())
  .filter(Boolean);
const cli = path.resolve(REPO_ROOT, values.cli!);
const work = mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-bench-'));
const timeProgram = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function firstExisting(dir: string, candidates: string[]): string | null {
  return candidates.map((candidate) => path.join(dir, candidate)).find((candidate) => existsSync(candidate)) ?? null;
}

/** The Prisma version a corpus project's SOURCE.md records (its own package.json is not part of the corpus). */
function recordedPrismaVersion(dir: string): string | null {
  const source = path.join(dir, 'SOURCE.md');
  if (!existsSync(source)) return null;
  return /prisma = \^?(\d+\.\d+\.\d+)/.exec(readFileSync(source, 'utf8'))?.[1] ?? null;
}

function projectAt(dir: string): Project {
  const schema = firstExisting(dir, ['schema', 'schema.prisma', 'prisma/schema', 'prisma/schema.prisma']);
  const migrations = firstExisting(dir, ['migrations', 'prisma/migrations']);
  if (!schema || !migrations) throw new Error(`${dir}: needs a Prisma schema and a migrations folder`);
  return { name: path.basename(path.resolve(dir)), dir: path.resolve(dir), schema, migrations, prismaVersion: recordedPrismaVersion(dir) };
}

/** Wall time of a child process, and its peak RSS through /usr/bin/time when the machine has it. */
function timed(program: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Run & { status: number; stderr: string } {
  const rssFile = path.join(work, 'rss');
  const [command, commandArgs] = timeProgram ? [timeProgram, ['-f', '%M', '-o', rssFile, program, ...args]] : [program, args];
  const started = performance.now();
  const child = spawnSync(command, commandArgs, { encoding: 'utf8', env: options.env ?? process.env, maxBuffer: 64 << 20 });
  const ms = performance.now() - started;
  const rssKb = timeProgram ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) : NaN;
  return { ms, status: child.status ?? -1, stderr: child.stderr, ...(Number.isFinite(rssKb) ? { rssMb: rssKb / 1024 } : {}) };
}

function ours(project: Project): Run {
  const args = [
    'check',
    '--database-url',
    SERVER_URL,
    '--schema',
    project.schema,
    '--migrations',
    project.migrations,
    '--baseline',
    path.join(work, 'none.json'),
  ];
  if (project.prismaVersion) args.push('--prisma-version', project.prismaVersion);
  const run = timed(process.execPath, [cli, ...args]);
  // 1 is a finding (drift in the project), not a failure to run.
  if (run.status !== 0 && run.status !== 1) throw new Error(`${project.name}: check exited with ${run.status}\n${run.stderr}`);
  return run;
}

/**
 * The psql script of the floor: `\i` of every file, wrapped in BEGIN/COMMIT unless the file runs outside a
 * transaction. Only names are kept; psql reads the files itself.
 */
function floorScript(project: Project): string {
  const lines = listMigrations(project.migrations, 'locale').flatMap((migration) => {
    if (!migration.sqlPath) return [];
    const sql = readFileSync(migration.sqlPath, 'utf8');
    const include = `\\i '${migration.sqlPath.replace(/'/g, "''")}'`;
    const ownTransaction = /\bCONCURRENTLY\b/i.test(sql) || /^\s*(BEGIN|COMMIT|START\s+TRANSACTION)\b/im.test(sql);
    return ownTransaction ? [include] : ['BEGIN;', include, 'COMMIT;'];
  });
  const file = path.join(work, `${project.name}.psql`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/**
 * The floor as the issue defines it times psql alone on a database that already exists. `withDatabaseMs`
 * adds what any isolated replay also pays PostgreSQL for: creating that database and dropping it (a DROP
 * DATABASE forces a checkpoint), so our own overhead can be read apart from the server's.
 */
async function floor(project: Project, script: string): Promise<Run & { withDatabaseMs: number; error?: string }> {
  const name = `prisma_drift_bench_${process.pid}`;
  await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
  const started = performance.now();
  await adminQuery(`CREATE DATABASE ${name}`);
  try {
    const run = timed('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', databaseUrl(name), '-f', script]);
    if (run.status !== 0)
      return {
        ...run,
        withDatabaseMs: NaN,
        error:
          run.stderr
            .trim()
            .split('\n')
            .filter((line) => /ERROR/.test(line))
            .join(' ') || run.stderr.trim(),
      };
    await adminQuery(`DROP DATABASE ${name} WITH (FORCE)`);
    return { ...run, withDatabaseMs: performance.now() - started };
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/**
 * scripts/prisma-verdict.ts bundled to plain JavaScript, so that Prisma's time does not include compiling
 * TypeScript at startup (through tsx, about 0.3 s). It lives under node_modules so that the bundle still
 * finds the engine's .wasm file there.
 */
function buildVerdict(): string {
  const dir = path.join(REPO_ROOT, 'node_modules/.cache/prisma-drift-bench/verdict');
  const ncc = path.join(REPO_ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js');
  execFileSync(process.execPath, [ncc, 'build', path.join(REPO_ROOT, 'scripts/prisma-verdict.ts'), '-o', dir, '--quiet'], {
    stdio: 'inherit',
  });
  return path.join(dir, 'index.js');
}

function prisma(project: Project, verdict: string): Run {
  const run = timed(process.execPath, [verdict, project.dir]);
  if (run.status !== 0) throw new Error(`${project.name}: prisma-verdict exited with ${run.status}\n${run.stderr}`);
  return run;
}

/**
 * A git repository of the project whose base commit has every migration but the last and whose head adds
 * it: a pull request with one new migration.
 */
function pullRequestRepo(project: Project): { root: string; base: string } {
  const root = mkdtempSync(path.join(work, `${project.name}-pr-`));
  const schema = path.join(root, 'prisma', path.basename(project.schema));
  const migrations = path.join(root, 'prisma', 'migrations');
  cpSync(project.schema, schema, { recursive: true });
  cpSync(project.migrations, migrations, { recursive: true });
  const last = listMigrations(migrations, 'locale').at(-1)!;
  const aside = path.join(work, `${project.name}-last`);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { cwd: root, encoding: 'utf8' }).trim();
  renameSync(last.dir, aside);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  const base = git('rev-parse', 'HEAD');
  renameSync(aside, last.dir);
  git('add', '-A');
  git('commit', '-q', '-m', `add ${last.name}`);
  return { root, base };
}

/** The check as the action runs it on that repository, in this process (node's start is not included). */
function checkRepository(project: Project, root: string, options: { baseRef: string | null; cache?: StateCacheOptions }) {
  return checkOnServer({
    project: locateProject(root, {}),
    root,
    failOn: [],
    prismaVersion: project.prismaVersion ?? undefined,
    baseline: path.join(work, 'none.json'),
    targets: [],
    largeTable: {},
    drift: true,
    baseRef: options.baseRef,
    allowDestructive: null,
    ...(options.cache ? { cache: options.cache } : {}),
    log: () => {},
  });
}

/** The pull request check, with the state of the base branch in the cache at `cacheDir`, or with no cache. */
async function pullRequestCheck(
  project: Project,
  repo: { root: string; base: string },
  cacheDir: string | null,
): Promise<Run & { restoreMs?: number }> {
  const started = performance.now();
  const cache = cacheDir ? { store: folderStore(cacheDir), toolVersion: 'bench', writable: false } : undefined;
  const report = await checkRepository(project, repo.root, { baseRef: repo.base, cache });
  const ms = performance.now() - started;
  if (cacheDir && !report.cache?.hit) throw new Error(`${project.name}: expected a cache hit`);
  return { ms, ...(report.cache?.hit ? { restoreMs: report.cache.ms } : {}) };
}

/** What the base branch's own run leaves in the cache: the state of every migration the base commit has. */
async function fillCache(project: Project, repo: { root: string; base: string }): Promise<string> {
  const cacheDir = mkdtempSync(path.join(work, `${project.name}-cache-`));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo.root, stdio: 'ignore' });
  git('checkout', '-q', repo.base);
  try {
    await checkRepository(project, repo.root, {
      baseRef: null,
      cache: { store: folderStore(cacheDir), toolVersion: 'bench', writable: true },
    });
  } finally {
    git('checkout', '-q', '-');
  }
  return cacheDir;
}

/** The same starting point for every measurement. */
async function settle(): Promise<void> {
  await adminQuery('CHECKPOINT');
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
}

async function clusterStart(): Promise<Run> {
  const started = performance.now();
  const cluster = await startCluster(() => {});
  const ms = performance.now() - started;
  await cluster.stop();
  return { ms };
}

/** `node dist/index.js` as the runner starts it, until the first line it logs. */
async function coldStart(): Promise<Run> {
  const fixture = path.join(REPO_ROOT, 'fixtures/in-sync');
  const runnerTemp = mkdtempSync(path.join(work, 'runner-'));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runnerTemp,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: fixture,
    RUNNER_TEMP: runnerTemp,
    INPUT_COMMENT: 'never',
    'INPUT_DATABASE-URL': SERVER_URL,
  };
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/index.js')], { cwd: fixture, env });
  const firstLine = new Promise<number>((resolve) => child.stdout.once('data', () => resolve(performance.now() - started)));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const ms = await Promise.race([firstLine, exited.then(() => NaN)]);
  await exited;
  return { ms };
}

function median(numbers: number[]): number {
  const sorted = numbers.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const seconds = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '-');
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? (a / b).toFixed(2) : '-');

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((width, i) => (i === 0 ? `${'-'.repeat(width + 1)}-` : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error(`${path.relative(REPO_ROOT, cli)} not found: run npm run bundle first`);
  const corpus = corpusProjects().filter((project) => !only || only.some((word) => project.name.toLowerCase().includes(word)));
  if (!corpus.length && !positionals.length)
    throw new Error(`no projects: the corpus is not at ${CORPUS_DIR} (set PRISMA_DRIFT_CORPUS) and no folder was given`);
  const candidates = [...corpus.map((project) => projectAt(project.dir)), ...positionals.map(projectAt)];

  // A project that psql cannot replay here (a missing extension) has nothing to compare.
  const projects: { project: Project; script: string; migrations: number }[] = [];
  for (const project of candidates) {
    const script = floorScript(project);
    const trial = await floor(project, script);
    if (trial.error) console.error(`skipping ${project.name}: it does not replay on this server (${trial.error})`);
    else projects.push({ project, script, migrations: listMigrations(project.migrations).length });
  }

  const verdict = buildVerdict();
  const results = new Map(
    projects.map(({ project }) => [
      project.name,
      { ours: [] as Run[], floor: [] as (Run & { withDatabaseMs: number })[], prisma: [] as Run[] },
    ]),
  );
  const pullRequests = new Map<
    string,
    { repo: { root: string; base: string }; cacheDir: string; miss: Run[]; hit: (Run & { restoreMs?: number })[] }
  >();
  for (const { project } of projects) {
    const repo = pullRequestRepo(project);
    pullRequests.set(project.name, { repo, cacheDir: await fillCache(project, repo), miss: [], hit: [] });
  }
  const cluster: Run[] = [];
  const cold: Run[] = [];
  for (let round = 1; round <= runs; round++) {
    console.error(`round ${round} of ${runs}`);
    for (const { project, script } of projects) {
      const result = results.get(project.name)!;
      const measurements = [
        async () => result.ours.push(ours(project)),
        async () => result.floor.push(await floor(project, script)),
        async () => result.prisma.push(prisma(project, verdict)),
      ];
      // Each round starts with the next one: a machine that speeds up or slows down during a round favours none.
      for (let i = 0; i < measurements.length; i++) {
        await settle();
        await measurements[(round + i) % measurements.length]!();
      }
    }
    for (const { project } of projects) {
      const pr = pullRequests.get(project.name)!;
      await settle();
      pr.miss.push(await pullRequestCheck(project, pr.repo, null));
      await settle();
      pr.hit.push(await pullRequestCheck(project, pr.repo, pr.cacheDir));
    }
    await settle();
    cluster.push(await clusterStart());
    await settle();
    cold.push(await coldStart());
  }

  const rows = projects.map(({ project, migrations }) => {
    const result = results.get(project.name)!;
    const [o, f, p] = [result.ours, result.floor, result.prisma].map((list) => median(list.map((run) => run.ms))) as [
      number,
      number,
      number,
    ];
    const fd = median(result.floor.map((run) => run.withDatabaseMs));
    const rss = median(result.ours.map((run) => run.rssMb ?? NaN));
    return [
      project.name,
      String(migrations),
      seconds(o),
      seconds(f),
      seconds(fd),
      seconds(p),
      ratio(o, f),
      ratio(o, fd),
      ratio(p, o),
      Number.isFinite(rss) ? rss.toFixed(0) : '-',
    ];
  });
  console.log(
    `PostgreSQL: ${SERVER_URL.replace(/\/\/[^@]*@/, '//')}; ${runs} runs, medians${settleMs ? `, ${values.settle} s settling before each measurement` : ''}\n`,
  );
  console.log(
    table(
      [
        'project',
        'migrations',
        'ours s',
        'floor s',
        'floor+db s',
        'Prisma s',
        'ours/floor',
        'ours/(floor+db)',
        'Prisma/ours',
        'peak RSS MiB',
      ],
      rows,
    ),
  );
  const prRows = projects.map(({ project }) => {
    const pr = pullRequests.get(project.name)!;
    const [miss, hit] = [pr.miss, pr.hit].map((list) => median(list.map((run) => run.ms))) as [number, number];
    return [project.name, seconds(miss), seconds(hit), seconds(median(pr.hit.map((run) => run.restoreMs ?? NaN))), ratio(miss, hit)];
  });
  console.log('\nA pull request that adds the last migration (checked in this process, node start not included):\n');
  console.log(table(['project', 'no cache s', 'cache hit s', 'of which restore s', 'no cache/hit'], prRows));
  console.log(`\ntemporary cluster ready: ${seconds(median(cluster.map((run) => run.ms)))} s`);
  console.log(`action cold start (to its first log line): ${median(cold.map((run) => run.ms)).toFixed(0)} ms`);
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
