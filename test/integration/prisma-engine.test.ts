import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS_MISSING_MESSAGE, corpusProjects } from '../support/corpus.js';
import {
  adaptSchemaForPrisma7,
  closePrismaEngine,
  loadSchemaFiles,
  prismaDiffMigrationsToSchema,
  prismaSqlFromEmpty,
} from '../support/prisma-engine.js';

afterAll(closePrismaEngine);

describe('adaptSchemaForPrisma7', () => {
  it('drops connection settings from datasource blocks and retired preview features, nothing else', () => {
    const schema = [
      'generator client {',
      '  provider        = "prisma-client-js"',
      '  previewFeatures = ["views", "metrics", "relationJoins"]',
      '}',
      '',
      'datasource db {',
      '  provider  = "postgresql"',
      '  url       = env("DATABASE_URL")',
      '  directUrl = env("DIRECT_URL")',
      '  extensions = [citext]',
      '}',
      '',
      'model Link {',
      '  url String @id',
      '}',
      '',
    ].join('\n');
    expect(adaptSchemaForPrisma7(schema)).toBe(
      [
        'generator client {',
        '  provider        = "prisma-client-js"',
        '  previewFeatures = ["views", "relationJoins"]',
        '}',
        '',
        'datasource db {',
        '  provider  = "postgresql"',
        '  extensions = [citext]',
        '}',
        '',
        'model Link {',
        '  url String @id',
        '}',
        '',
      ].join('\n'),
    );
  });
});

describe('prismaSqlFromEmpty', () => {
  it("returns the DDL Prisma would run for a schema, after adapting it to Prisma 7's rules", async () => {
    const sql = await prismaSqlFromEmpty([
      {
        path: 'schema.prisma',
        content: [
          'datasource db {',
          '  provider = "postgresql"',
          '  url      = env("DATABASE_URL")',
          '}',
          'enum Role {',
          '  ADMIN',
          '  MEMBER',
          '}',
          'model User {',
          '  id    Int    @id @default(autoincrement())',
          '  email String @unique',
          '  role  Role   @default(MEMBER)',
          '  posts Post[]',
          '}',
          'model Post {',
          '  id       Int  @id @default(autoincrement())',
          '  authorId Int',
          '  author   User @relation(fields: [authorId], references: [id])',
          '  @@index([authorId])',
          '}',
        ].join('\n'),
      },
    ]);
    expect(sql).toContain(`CREATE TYPE "Role" AS ENUM ('ADMIN', 'MEMBER');`);
    expect(sql).toContain(`CONSTRAINT "User_pkey" PRIMARY KEY ("id")`);
    expect(sql).toContain(`CREATE UNIQUE INDEX "User_email_key" ON "User"("email");`);
    expect(sql).toContain(`CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");`);
    expect(sql).toContain(
      `ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;`,
    );
  });
});

/**
 * Prisma 7's verdict on each corpus project (the corpus README's table), with a sign of the difference
 * where there is one.
 */
const EXPECTED: Record<string, { inSync: true } | { inSync: false; sql: RegExp } | { fails: RegExp }> = {
  'boxyhq__saas-starter-kit': { inSync: true },
  'baptisteArno__typebot.io': { inSync: true },
  ghostfolio__ghostfolio: { inSync: true },
  lukevella__rallly: { inSync: true },
  documenso__documenso: { inSync: true },
  langfuse__langfuse: { inSync: true },
  'umami-software__umami': { inSync: false, sql: /CREATE INDEX "session_replay_visit_id_idx"/ },
  hoppscotch__hoppscotch: { inSync: false, sql: /DROP INDEX "TeamCollection_title_trgm_idx"/ },
  amplication__amplication: { inSync: false, sql: /ADD CONSTRAINT "_TeamToUser_AB_pkey" PRIMARY KEY/ },
  formbricks__formbricks: { fails: /extension "vector" is not available/ },
  'GW2Treasures__gw2treasures.com': { fails: /extension "timescaledb" is not available/ },
  'agentset-ai__agentset': { inSync: true },
  'keyshade-xyz__keyshade': { inSync: true },
  'matheus-rech__superagent': { inSync: true },
  OpenPipe__OpenPipe: { inSync: true },
  'ProgramadoresSemPatria__sem-patria-community': { inSync: true },
  'spliit-app__spliit': { inSync: true },
  usesend__useSend: { inSync: true },
  'mirror-media__Lilith': { inSync: false, sql: /ALTER COLUMN "allowedScopes" SET DEFAULT/ },
  msgbyte__tianji: { inSync: false, sql: /ALTER COLUMN "customModelStrategy" SET DATA TYPE JSON/ },
  opendidac__opendidac: { inSync: false, sql: /ADD CONSTRAINT "_OptionToStudentAnswerMultipleChoice_AB_pkey" PRIMARY KEY/ },
  opengovsg__isomer: { inSync: false, sql: /CREATE INDEX "AuditLogExportRequest_siteId_userId_auditLogDateRange_repor_idx"/ },
};

/** With PRISMA_DRIFT_QUICK=1, projects with more migrations than this are skipped. */
const QUICK_MIGRATION_LIMIT = 150;
const quick = process.env.PRISMA_DRIFT_QUICK === '1';

const projects = corpusProjects();
const timings: { project: string; migrations: number; verdict: string; seconds: string }[] = [];

describe("Prisma's verdict on the corpus", () => {
  if (projects.length === 0) it.skip(CORPUS_MISSING_MESSAGE, () => {});

  afterAll(() => {
    if (timings.length > 0) console.table(timings);
  });

  for (const project of projects) {
    const migrations = readdirSync(project.migrations, { withFileTypes: true }).filter((entry) => entry.isDirectory()).length;
    const expected = EXPECTED[project.name];

    it.skipIf(quick && migrations > QUICK_MIGRATION_LIMIT)(`${project.name} (${migrations} migrations)`, async () => {
      if (!expected) throw new Error(`no expected verdict for ${project.name}: add one to EXPECTED`);
      const prelude = path.join(project.dir, 'extra', 'prelude.sql');
      const started = performance.now();
      const verdict = prismaDiffMigrationsToSchema({
        schemaFiles: await loadSchemaFiles(project.schema),
        migrationsDir: project.migrations,
        initScript: existsSync(prelude) ? readFileSync(prelude, 'utf8') : undefined,
      });
      const outcome = await verdict.then(
        (result) => ({ result }),
        (error: unknown) => ({ error: String(error) }),
      );
      const label = 'error' in outcome ? 'cannot replay' : outcome.result.inSync ? 'in sync' : 'drift';
      timings.push({ project: project.name, migrations, verdict: label, seconds: ((performance.now() - started) / 1000).toFixed(1) });

      if ('fails' in expected) {
        expect('error' in outcome ? outcome.error : 'replayed without error').toMatch(expected.fails);
        return;
      }
      if ('error' in outcome) throw new Error(outcome.error);
      expect(outcome.result.inSync).toBe(expected.inSync);
      if (!expected.inSync) expect(outcome.result.sql).toMatch(expected.sql);
    });
  }
});
