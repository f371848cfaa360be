import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/apply/apply.js';
import { diffSchemas } from '../../src/compare/diff.js';
import { driftFindings } from '../../src/compare/drift-findings.js';
import type { Finding } from '../../src/common/findings.js';
import { introspect } from '../../src/introspect/introspect.js';
import type { MigrationEntry } from '../../src/locate/migrations.js';
import { listMigrations } from '../../src/locate/migrations.js';
import type { DbSchema } from '../../src/common/model.js';
import { conventionsFor } from '../../src/prisma/conventions.js';
import { expectSchema } from '../../src/prisma/expect.js';
import { readSchemaFiles } from '../../src/prisma/files.js';
import { parseSchema } from '../../src/prisma/parse.js';
import { CORPUS_MISSING_MESSAGE, REPO_ROOT, corpusProjects } from '../support/corpus.js';
import type { ObjectKey } from '../support/drift-objects.js';
import { engineObjects, findingObjects, loadSqlParser } from '../support/drift-objects.js';
import type { DatabaseEngine, PrismaVerdict, SchemaFile } from '../support/prisma-engine.js';
import { closePrismaEngine, prismaDiffMigrationsToSchema, prismaEngineOn, prismaSqlFromEmpty } from '../support/prisma-engine.js';
import { adminQuery, databaseUrl } from '../support/pg.js';
import { DRIFT_CASES, driftCaseSchema } from '../support/drift-cases.js';
import { SCHEMA_MUTATIONS } from '../support/schema-mutations.js';

/**
 * Differential test against Prisma's own schema engine: for every corpus project and fixture, unchanged and
 * under mutations of its schema and its migration history, our verdict (in sync or drift) must be the
 * engine's, and our findings must name the same tables, columns, indexes, constraints and enum values as the
 * SQL the engine would run.
 *
 * Both sides use Prisma 6+ conventions, since the engine is Prisma 7's: a project on Prisma 5 (amplication)
 * then shows the same implicit many-to-many change on both sides, and is also checked in sync under its own
 * version.
 *
 * Each project's migrations are replayed once (all but the last few) into a template database; the states
 * the cases need, all migrations, all but the last, all but one in the middle, are clones of it with the rest
 * applied. The engine replays each history itself once: for the two shortened histories it answers their
 * case; for the whole history it must arrive at the very database we replayed (an empty diff from its replay
 * to that database), and from then on it reads that database for the committed schema and every mutation
 * (`--from-config-datasource`), which gives the answer `--from-migrations` would without replaying the
 * history again per case.
 */

/** With PRISMA_DRIFT_QUICK=1, projects with more migrations than this are skipped. */
const QUICK_MIGRATION_LIMIT = 150;
const quick = process.env.PRISMA_DRIFT_QUICK === '1';
/** How many of the last migrations are applied per clone rather than to the template. */
const TAIL = 4;

interface Project {
  name: string;
  schema: string;
  migrations: string;
  initScript?: string;
  /** The Prisma version of the project, when its conventions differ from Prisma 6+. */
  ownPrismaVersion?: string;
}

const fixtureProjects: Project[] = readdirSync(path.join(REPO_ROOT, 'fixtures'))
  .sort()
  .map((name) => {
    const prisma = path.join(REPO_ROOT, 'fixtures', name, 'prisma');
    const folder = path.join(prisma, 'schema');
    return {
      name: `fixture ${name}`,
      schema: existsSync(folder) ? folder : path.join(prisma, 'schema.prisma'),
      migrations: path.join(prisma, 'migrations'),
    };
  })
  .filter((project) => existsSync(project.migrations) && existsSync(project.schema));

const corpus: Project[] = corpusProjects().map((project) => {
  const prelude = path.join(project.dir, 'extra', 'prelude.sql');
  return {
    name: project.name,
    schema: project.schema,
    migrations: project.migrations,
    initScript: existsSync(prelude) ? readFileSync(prelude, 'utf8') : undefined,
    ownPrismaVersion: project.name === 'amplication__amplication' ? '5.10.2' : undefined,
  };
});

interface Outcome {
  verdict: 'in sync' | 'drift' | 'cannot replay' | 'invalid schema';
  objects: Set<ObjectKey>;
  detail: string;
}

interface Row {
  project: string;
  migrations: number;
  case: string;
  engine: string;
  ours: string;
  'only engine': string;
  'only ours': string;
}

const rows: Row[] = [];
const scratch = mkdtempSync(path.join(tmpdir(), 'prisma-drift-differential-'));

beforeAll(loadSqlParser);
afterAll(async () => {
  await closePrismaEngine();
  rmSync(scratch, { recursive: true, force: true });
  if (rows.length === 0) return;
  const summary = new Map<string, { project: string; migrations: number; cases: number; disagreements: number }>();
  for (const row of rows) {
    const entry = summary.get(row.project) ?? { project: row.project, migrations: row.migrations, cases: 0, disagreements: 0 };
    entry.cases++;
    if (row.engine !== row.ours || row['only engine'] || row['only ours']) entry.disagreements++;
    summary.set(row.project, entry);
  }
  console.table(rows.filter((row) => row.case === 'as committed'));
  console.table([...summary.values()]);
  const disagreements = rows.filter((row) => row.engine !== row.ours || row['only engine'] || row['only ours']);
  if (disagreements.length > 0) console.table(disagreements);
});

describe('differential: our verdict and objects against Prisma 7 engine', () => {
  if (corpus.length === 0) it.skip(CORPUS_MISSING_MESSAGE, () => {});
  for (const project of [...fixtureProjects, ...corpus]) describeProject(project);
});

describe('differential: targeted cases against Prisma 7 engine', () => {
  DRIFT_CASES.forEach((driftCase, index) => {
    it(driftCase.name, async () => {
      const dir = path.join(scratch, `case-${index}`);
      mkdirSync(path.join(dir, '20240101000000_case'), { recursive: true });
      writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
      writeFileSync(path.join(dir, '20240101000000_case', 'migration.sql'), driftCase.migration);
      const migrations = listMigrations(dir);
      const state = (await replayStates(migrations, [])).get('all')!;
      if (state.database) await adminQuery(`DROP DATABASE IF EXISTS "${state.database}" WITH (FORCE)`);
      const schema = [{ path: 'schema.prisma', content: driftCaseSchema(driftCase) }];
      const [engine, ours] = await Promise.all([
        engineOutcome(state, () => prismaDiffMigrationsToSchema({ migrationsDir: dir, schemaFiles: schema })),
        ourOutcome(state, schema),
      ]);
      expectSameOutcome({ project: 'targeted case', migrations: 1, case: driftCase.name }, engine, ours);
    });
  });
});

/** Records a case for the tables printed at the end, and holds our outcome to the engine's. */
function expectSameOutcome(at: Pick<Row, 'project' | 'migrations' | 'case'>, engine: Outcome, ours: Outcome) {
  const onlyEngine = [...engine.objects].filter((key) => !ours.objects.has(key));
  const onlyOurs = [...ours.objects].filter((key) => !engine.objects.has(key));
  rows.push({ ...at, engine: engine.verdict, ours: ours.verdict, 'only engine': onlyEngine.join(', '), 'only ours': onlyOurs.join(', ') });
  expect({ verdict: ours.verdict, onlyEngine, onlyOurs }, `${engine.detail}\n---\n${ours.detail}`).toEqual({
    verdict: engine.verdict,
    onlyEngine: [],
    onlyOurs: [],
  });
}

function describeProject(project: Project) {
  const migrations = listMigrations(project.migrations);
  const skip = quick && migrations.length > QUICK_MIGRATION_LIMIT;
  const files = readSchemaFiles(project.schema);

  describe.skipIf(skip)(`${project.name} (${migrations.length} migrations)`, () => {
    const states = new Map<string, ReplayedState & { dir: string }>();
    let current: { engine: DatabaseEngine | null; replayed: Outcome } | undefined;

    beforeAll(async () => {
      const prepared = await replayStates(migrations, middleCandidates(migrations));
      for (const [label, state] of prepared) states.set(label, { ...state, dir: historyDir(project, migrations, state.without) });
      const all = states.get('all')!;
      const engine = all.database ? await prismaEngineOn(databaseUrl(all.database)) : null;
      const replayed = await engineOutcome(all, () =>
        engine
          ? engine.diffFromMigrations({ ...project, migrationsDir: all.dir }, files)
          : prismaDiffMigrationsToSchema({ ...project, migrationsDir: all.dir, schemaFiles: files }),
      );
      current = { engine, replayed };
    });
    afterAll(async () => {
      await current?.engine?.close();
      const database = states.get('all')?.database;
      if (database) await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    });

    const check = async (label: string, history: string, schema: SchemaFile[]) => {
      const state = states.get(history);
      if (!state) return; // this project has no such history (too few migrations)
      const engineSide = () => {
        if (history !== 'all')
          return engineOutcome(state, () => prismaDiffMigrationsToSchema({ ...project, migrationsDir: state.dir, schemaFiles: schema }));
        // The engine could not replay the history either (checked once): no schema changes that, but an
        // invalid one is refused first, as we refuse it.
        if (!current!.engine)
          return prismaSqlFromEmpty(schema).then(
            () => current!.replayed,
            (error: Error) => invalidSchema(error),
          );
        return engineOutcome(state, () => current!.engine!.diffToSchema(schema));
      };
      const [engine, ours] = await Promise.all([engineSide(), ourOutcome(state, schema)]);
      expectSameOutcome({ project: project.name, migrations: migrations.length, case: label }, engine, ours);
    };

    it("Prisma's replay of the migrations is the database we replayed", () => {
      const { replayed } = current!;
      if (states.get('all')!.database) expect(replayed.verdict, replayed.detail).toBe('in sync');
      else expect(replayed.verdict, replayed.detail).toBe('cannot replay');
    });
    it('as committed', () => check('as committed', 'all', files));
    it('without the last migration', () => check('without the last migration', 'without last', files));
    it('without a migration in the middle', () => check('without a migration in the middle', 'without middle', files));
    for (const mutation of SCHEMA_MUTATIONS) {
      const mutated = mutation.apply(files);
      it.skipIf(mutated === null)(`schema: ${mutation.name}`, () => check(mutation.name, 'all', mutated!));
    }

    if (project.ownPrismaVersion) {
      it(`is in sync under its own Prisma ${project.ownPrismaVersion}`, () => {
        const state = states.get('all')!;
        const expected = expectSchema(parseSchema(files), { conventions: conventionsFor(project.ownPrismaVersion ?? null) });
        expect(driftFindings(diffSchemas(expected, state.migrated!)).map((f) => f.message)).toEqual([]);
      });
    }
    if (project.name === 'formbricks__formbricks') {
      it('cannot replay here, and says which extension is missing', () => {
        const { failure } = states.get('all')!;
        expect(failure?.rule).toBe('migration/missing-extension');
        expect(failure?.message).toMatch(/needs the PostgreSQL extension `vector`/);
      });
    }
  });
}

/** Migrations whose removal is tried for "a migration in the middle", nearest the end first. */
function middleCandidates(migrations: MigrationEntry[]): number[] {
  const n = migrations.length;
  return [n - 2, n - 3, n - 4].filter((index) => index > 0 && index >= n - TAIL);
}

interface ReplayedState {
  migrated: DbSchema | null;
  failure: Finding | null;
  without: number | null;
  /** The database the whole history was replayed into, kept for the engine to read; the caller drops it. */
  database?: string;
}

/**
 * Replays all but the last TAIL migrations into a template once; each history is a clone with the rest of
 * its migrations applied, read back and dropped. The middle migration removed is the first candidate whose
 * removal still lets the rest replay.
 */
async function replayStates(migrations: MigrationEntry[], middle: number[]): Promise<Map<string, ReplayedState>> {
  const split = Math.max(0, migrations.length - TAIL);
  const template = `pddiff_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${template}"`);
  const states = new Map<string, ReplayedState>();
  try {
    const base = await withClient(template, (client) => applyMigrations(client, migrations.slice(0, split), (file) => file));
    if (base.failure) {
      states.set('all', { migrated: null, failure: base.failure, without: null });
      return states;
    }
    const clone = async (without: number | null, keep = false): Promise<ReplayedState> => {
      const name = `pddiff_${randomBytes(6).toString('hex')}`;
      await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      let kept = false;
      try {
        const state = await withClient(name, async (client) => {
          const tail = migrations.slice(split).filter((entry) => entry !== migrations[without ?? -1]);
          const replay = await applyMigrations(client, tail, (file) => file);
          return { migrated: replay.failure ? null : await introspect(client), failure: replay.failure, without };
        });
        kept = keep && !state.failure;
        return kept ? { ...state, database: name } : state;
      } finally {
        if (!kept) await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    };
    states.set('all', await clone(null, true));
    if (migrations.length > 1) states.set('without last', await clone(migrations.length - 1));
    for (const index of middle) {
      const state = await clone(index);
      if (state.failure && index !== middle.at(-1)) continue;
      states.set('without middle', state);
      break;
    }
    return states;
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  }
}

async function withClient<T>(database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The migrations folder the engine reads for a history: the project's own, or a copy without one migration. */
function historyDir(project: Project, migrations: MigrationEntry[], without: number | null): string {
  if (without === null) return project.migrations;
  const removed = migrations[without]!.dir;
  const dir = path.join(scratch, `${project.name.replace(/\W+/g, '_')}-without-${without}`);
  cpSync(project.migrations, dir, { recursive: true, filter: (source) => source !== removed });
  return dir;
}

function invalidSchema(error: Error): Outcome {
  return { verdict: 'invalid schema', objects: new Set(), detail: `engine: ${error.message}` };
}

async function engineOutcome(state: { migrated: DbSchema | null }, ask: () => Promise<PrismaVerdict>): Promise<Outcome> {
  try {
    const verdict = await ask();
    if (verdict.inSync) return { verdict: 'in sync', objects: new Set(), detail: 'engine: in sync' };
    return { verdict: 'drift', objects: engineObjects(verdict.sql, state.migrated!), detail: `engine:\n${verdict.sql}` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { verdict: state.migrated === null ? 'cannot replay' : 'invalid schema', objects: new Set(), detail: `engine: ${message}` };
  }
}

async function ourOutcome(state: { migrated: DbSchema | null; failure: Finding | null }, schema: SchemaFile[]): Promise<Outcome> {
  let expected: DbSchema;
  try {
    expected = expectSchema(parseSchema(schema));
  } catch (error) {
    return { verdict: 'invalid schema', objects: new Set(), detail: `ours: ${String(error)}` };
  }
  if (state.failure) return { verdict: 'cannot replay', objects: new Set(), detail: `ours: ${state.failure.message}` };
  const findings = driftFindings(diffSchemas(expected, state.migrated!));
  return {
    verdict: findings.length === 0 ? 'in sync' : 'drift',
    objects: findingObjects(findings),
    detail: `ours:\n${findings.map((f) => `${f.rule}: ${f.message}`).join('\n')}`,
  };
}
