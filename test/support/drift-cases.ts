/**
 * Small histories aimed at one rule each of Prisma's differ, for the differential test: a migration, the
 * schema it is checked against, and what the case is about. Each runs through Prisma's engine and ours like
 * a corpus project; the engine's answer is the expected one.
 */
export interface DriftCase {
  name: string;
  migration: string;
  /** Models and enums; the datasource (and generator, when `preview` is set) is added. */
  models: string;
  relationMode?: 'prisma';
  preview?: string[];
}

const TEAM_MEMBER = `CREATE TABLE "Team" ("id" TEXT NOT NULL, CONSTRAINT "Team_pkey" PRIMARY KEY ("id"));
CREATE TABLE "Member" ("id" TEXT NOT NULL, "teamId" TEXT NOT NULL, CONSTRAINT "Member_pkey" PRIMARY KEY ("id"));
CREATE INDEX "Member_teamId_idx" ON "Member"("teamId");`;

const member = (relation: string) => `model Team {
  id      String   @id
  members Member[]
}

model Member {
  id     String @id
  teamId String
  team   Team   @relation(fields: [teamId], references: [id]${relation})

  @@index([teamId])
}`;

const DEFAULTS = `CREATE TABLE "A" (
  "id" SERIAL NOT NULL,
  "literal" INTEGER NOT NULL DEFAULT 7,
  "stamp" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "token" UUID NOT NULL DEFAULT gen_random_uuid(),
  "plain" TEXT,
  CONSTRAINT "A_pkey" PRIMARY KEY ("id")
);`;

const INDEXED = `CREATE TABLE "A" ("id" INTEGER NOT NULL, "n" INTEGER, "j" JSONB, "code" TEXT, CONSTRAINT "A_pkey" PRIMARY KEY ("id"));
CREATE INDEX "A_n_idx" ON "A"("n");
CREATE INDEX "A_j_idx" ON "A" USING GIN ("j" jsonb_path_ops);
CREATE INDEX "A_code_idx" ON "A"("code");`;

const indexed = (n: string, j: string, code = 'String?', codeIndex = '@@index([code])') => `model A {
  id   Int     @id
  n    Int?
  j    Json?
  code ${code}

  @@index([${n}])
  @@index([${j}], type: Gin)
  ${codeIndex}
}`;

const PARTIAL = `CREATE TYPE "Status" AS ENUM ('active', 'archived');
CREATE TABLE "A" ("id" INTEGER NOT NULL, "name" TEXT NOT NULL, "status" "Status" NOT NULL, "deletedAt" TIMESTAMP(3), "ownerId" VARCHAR(20), CONSTRAINT "A_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "A_name_key" ON "A"("name") WHERE "deletedAt" IS NULL;
CREATE INDEX "A_status_idx" ON "A"("status") WHERE "status" <> 'archived';
CREATE INDEX "A_ownerId_idx" ON "A"("ownerId") WHERE "ownerId" IS NOT NULL AND "ownerId" <> '';`;

const partial = (name: string, status: string, owner: string) => `enum Status {
  active
  archived
}

model A {
  id        Int       @id
  name      String
  status    Status
  deletedAt DateTime?
  ownerId   String?   @db.VarChar(20)

  ${name}
  ${status}
  ${owner}
}`;

export const DRIFT_CASES: DriftCase[] = [
  {
    name: 'relationMode prisma: onUpdate NoAction is refused',
    migration: TEAM_MEMBER,
    relationMode: 'prisma',
    models: member(', onUpdate: NoAction'),
  },
  {
    name: 'relationMode prisma: onDelete SetDefault is refused',
    migration: TEAM_MEMBER,
    relationMode: 'prisma',
    models: member(', onDelete: SetDefault'),
  },
  {
    name: 'relationMode prisma: SetNull on a required relation is refused',
    migration: TEAM_MEMBER,
    relationMode: 'prisma',
    models: member(', onDelete: SetNull'),
  },
  {
    name: 'relationMode prisma: Restrict and Cascade are accepted',
    migration: TEAM_MEMBER,
    relationMode: 'prisma',
    models: member(', onDelete: Restrict, onUpdate: Cascade'),
  },
  {
    name: 'dbgenerated() without an expression accepts any default but a sequence',
    migration: DEFAULTS,
    models: `model A {
  id      Int      @id @default(dbgenerated())
  literal Int      @default(dbgenerated())
  stamp   DateTime @default(dbgenerated())
  token   String   @default(dbgenerated()) @db.Uuid
  plain   String?  @default(dbgenerated())
}`,
  },
  {
    name: 'dbgenerated() without an expression accepts the defaults it stands for',
    migration: DEFAULTS,
    models: `model A {
  id      Int      @id @default(autoincrement())
  literal Int      @default(dbgenerated())
  stamp   DateTime @default(dbgenerated())
  token   String   @default(dbgenerated()) @db.Uuid
  plain   String?  @default(dbgenerated())
}`,
  },
  { name: 'operator classes: as the database has them', migration: INDEXED, models: indexed('n', 'j(ops: JsonbPathOps)') },
  {
    name: "operator classes: the type's default written as raw() is recreated",
    migration: INDEXED,
    models: indexed('n(ops: raw("int4_ops"))', 'j(ops: JsonbPathOps)'),
  },
  {
    name: 'operator classes: another class written as raw() is the one the database has',
    migration: INDEXED.replace('"A"("code")', '"A"("code" text_pattern_ops)'),
    models: indexed('n', 'j(ops: JsonbPathOps)', 'String?', '@@index([code(ops: raw("text_pattern_ops"))])'),
  },
  {
    name: 'operator classes: one the schema does not write is drift',
    migration: INDEXED.replace('"A"("code")', '"A"("code" text_pattern_ops)'),
    models: indexed('n', 'j(ops: JsonbPathOps)'),
  },
  {
    name: 'INCLUDE columns of an index',
    migration: INDEXED.replace('"A"("code")', '"A"("code") INCLUDE ("n")'),
    models: indexed('n', 'j(ops: JsonbPathOps)'),
  },
  {
    name: 'storage parameters of an index',
    migration: INDEXED.replace('"A"("code")', '"A"("code") WITH (fillfactor = 70)'),
    models: indexed('n', 'j(ops: JsonbPathOps)'),
  },
  {
    name: 'INCLUDE columns of a unique index',
    migration: `${INDEXED}\nCREATE UNIQUE INDEX "A_id_n_key" ON "A"("id") INCLUDE ("n");`,
    models: indexed('n', 'j(ops: JsonbPathOps)').replace('@@index([code])', '@@index([code])\n  @@unique([id], map: "A_id_n_key")'),
  },
  {
    name: 'a type change that drops and adds the column recreates its index',
    migration: INDEXED,
    models: indexed('n', 'j(ops: JsonbPathOps)', 'Int?'),
  },
  {
    name: 'a type change that drops and adds a column under a unique index',
    migration: `${INDEXED}\nCREATE UNIQUE INDEX "A_code_n_key" ON "A"("code", "n");`,
    models: indexed('n', 'j(ops: JsonbPathOps)', 'Int?', '@@index([code])\n  @@unique([code, n])'),
  },
  { name: 'partial indexes are left alone without the preview feature', migration: PARTIAL, models: partial('', '', '') },
  {
    name: 'partial indexes the schema does not declare are dropped',
    migration: PARTIAL,
    preview: ['partialIndexes'],
    models: partial('', '', ''),
  },
  {
    name: 'partial indexes declared without their condition are recreated',
    migration: PARTIAL,
    preview: ['partialIndexes'],
    models: partial('@@unique([name])', '@@index([status])', '@@index([ownerId])'),
  },
  {
    name: 'partial indexes: where: needs the preview feature',
    migration: PARTIAL,
    models: partial(
      '@@unique([name], where: raw("\\"deletedAt\\" IS NULL"))',
      '@@index([status], where: raw("status <> \'archived\'"))',
      '@@index([ownerId], where: raw("\\"ownerId\\" IS NOT NULL AND \\"ownerId\\" <> \'\'"))',
    ),
  },
  {
    name: 'partial indexes: raw() conditions as written, but a cast PostgreSQL adds to a column is a difference',
    migration: PARTIAL,
    preview: ['partialIndexes'],
    models: partial(
      '@@unique([name], where: raw("\\"deletedAt\\" IS NULL"))',
      '@@index([status], where: raw("status <> \'archived\'"))',
      '@@index([ownerId], where: raw("\\"ownerId\\" IS NOT NULL AND \\"ownerId\\" <> \'\'"))',
    ),
  },
  {
    name: 'partial indexes: conditions in the object form',
    migration: PARTIAL,
    preview: ['partialIndexes'],
    models: partial(
      '@@unique([name], where: { deletedAt: null })',
      '@@index([status], where: { status: { not: "archived" } })',
      '@@index([ownerId], where: raw("(\\"ownerId\\" IS NOT NULL) AND ((\\"ownerId\\")::text <> \'\'::text)"))',
    ),
  },
  {
    name: 'partial indexes: another condition is drift',
    migration: PARTIAL,
    preview: ['partialIndexes'],
    models: partial(
      '@@unique([name], where: { deletedAt: { not: null } })',
      '@@index([status], where: { status: "active" })',
      '@@index([ownerId], where: raw("\\"ownerId\\" IS NULL"))',
    ),
  },
];

export function driftCaseSchema(driftCase: DriftCase): string {
  const generator = driftCase.preview
    ? `generator client {\n  provider        = "prisma-client-js"\n  previewFeatures = [${driftCase.preview.map((p) => `"${p}"`).join(', ')}]\n}\n\n`
    : '';
  const relationMode = driftCase.relationMode ? `\n  relationMode = "${driftCase.relationMode}"` : '';
  return `${generator}datasource db {\n  provider = "postgresql"${relationMode}\n}\n\n${driftCase.models}\n`;
}
