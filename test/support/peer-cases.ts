/**
 * Cases from the test suites of the two most used PostgreSQL migration linters, squawk and eugene, written
 * afresh for the tables below: what each peer rule is about, as a pull request's new migration, with the
 * findings we report (drift aside: these tables have no schema.prisma models). `differs` says why our answer
 * deliberately differs from the peer's, or names a gap we know of.
 */
export interface PeerCase {
  peer: 'squawk' | 'eugene';
  /** The peer's rule (squawk's name, eugene's code and name). */
  rule: string;
  /** The peer flags it: true for its failing examples, false for its passing ones. */
  peerFlags: boolean;
  sql: string;
  /** The rule ids we report, sorted, once each. */
  ours: string[];
  differs?: string;
}

/** The tables the cases' migrations change, created by a migration the base branch already has. */
export const PEER_BASE = `CREATE TABLE "authors" (
    "id" INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "name" TEXT,
    "email" TEXT
);
ALTER TABLE "authors" ADD CONSTRAINT "authors_name_not_null" CHECK ("name" IS NOT NULL) NOT VALID;

CREATE TABLE "books" (
    "id" BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "title" TEXT NOT NULL,
    "price" INTEGER NOT NULL,
    "author_id" INTEGER REFERENCES "authors"("id")
);
CREATE INDEX "books_title_idx" ON "books"("title");

CREATE TABLE "tags" ("label" TEXT NOT NULL);
CREATE UNIQUE INDEX "tags_label_key" ON "tags"("label");

CREATE TABLE "handles" ("name" TEXT);
CREATE UNIQUE INDEX "handles_name_key" ON "handles"("name");
`;

const TIMEOUT = 'lock/no-lock-timeout';
const TYPES =
  'column types are schema.prisma’s to choose (Prisma maps each field type to one); a type is a choice, not a risk to a live database';

export const PEER_CASES: PeerCase[] = [
  // squawk
  {
    peer: 'squawk',
    rule: 'adding-field-with-default',
    peerFlags: false,
    sql: `ALTER TABLE "books" ADD COLUMN "added_at" TIMESTAMPTZ DEFAULT now();`,
    ours: [TIMEOUT],
  },
  {
    peer: 'squawk',
    rule: 'adding-field-with-default',
    peerFlags: true,
    sql: `ALTER TABLE "books" ADD COLUMN "token" UUID DEFAULT gen_random_uuid();`,
    ours: ['lock/access-exclusive', TIMEOUT],
  },
  {
    peer: 'squawk',
    rule: 'adding-foreign-key-constraint',
    peerFlags: true,
    sql: `ALTER TABLE "books" ADD CONSTRAINT "books_author_fk" FOREIGN KEY ("author_id") REFERENCES "authors"("id");`,
    ours: ['lock/share', 'risk/constraint-without-not-valid'],
  },
  {
    peer: 'squawk',
    rule: 'adding-foreign-key-constraint',
    peerFlags: false,
    sql: `ALTER TABLE "books" ADD CONSTRAINT "books_author_fk" FOREIGN KEY ("author_id") REFERENCES "authors"("id") NOT VALID;`,
    ours: [],
  },
  {
    peer: 'squawk',
    rule: 'adding-not-nullable-field',
    peerFlags: true,
    sql: `ALTER TABLE "authors" ALTER COLUMN "email" SET NOT NULL;`,
    ours: ['risk/set-not-null', TIMEOUT],
  },
  {
    peer: 'squawk',
    rule: 'adding-primary-key-constraint',
    peerFlags: true,
    sql: `ALTER TABLE "tags" ADD PRIMARY KEY ("label");`,
    ours: ['destructive/primary-key-changed', TIMEOUT],
  },
  {
    peer: 'squawk',
    rule: 'adding-primary-key-constraint',
    peerFlags: false,
    sql: `ALTER TABLE "tags" ADD CONSTRAINT "tags_pkey" PRIMARY KEY USING INDEX "tags_label_key";`,
    ours: [TIMEOUT],
  },
  {
    peer: 'squawk',
    rule: 'adding-required-field',
    peerFlags: true,
    sql: `ALTER TABLE "books" ADD COLUMN "isbn" TEXT NOT NULL;`,
    ours: ['lock/failed-on-data', 'risk/required-column-without-default'],
  },
  {
    peer: 'squawk',
    rule: 'adding-required-field',
    peerFlags: false,
    sql: `ALTER TABLE "books" ADD COLUMN "isbn" TEXT NOT NULL DEFAULT '';`,
    ours: [TIMEOUT],
  },
  { peer: 'squawk', rule: 'ban-char-field', peerFlags: true, sql: `CREATE TABLE "codes" ("code" CHAR(2));`, ours: [], differs: TYPES },
  {
    peer: 'squawk',
    rule: 'ban-concurrent-index-creation-in-transaction',
    peerFlags: true,
    sql: `CREATE INDEX CONCURRENTLY "authors_name_idx" ON "authors"("name");\nCREATE INDEX CONCURRENTLY "authors_email_idx" ON "authors"("email");`,
    ours: ['migration/failed', 'risk/concurrently-in-transaction'],
  },
  {
    peer: 'squawk',
    rule: 'ban-drop-column',
    peerFlags: true,
    sql: `ALTER TABLE "books" DROP COLUMN "price";`,
    ours: ['destructive/drop-column', TIMEOUT],
  },
  {
    peer: 'squawk',
    rule: 'ban-drop-database',
    peerFlags: true,
    sql: `DROP DATABASE IF EXISTS "peer_case_gone";`,
    ours: ['migration/outside-database'],
  },
  {
    peer: 'squawk',
    rule: 'ban-drop-not-null',
    peerFlags: true,
    sql: `ALTER TABLE "books" ALTER COLUMN "title" DROP NOT NULL;`,
    ours: [TIMEOUT],
    differs:
      'relaxing a constraint loses no data and cannot fail; schema.prisma then makes the field optional, and drift catches a mismatch',
  },
  { peer: 'squawk', rule: 'ban-drop-table', peerFlags: true, sql: `DROP TABLE "tags";`, ours: ['destructive/drop-table', TIMEOUT] },
  {
    peer: 'squawk',
    rule: 'ban-truncate-cascade',
    peerFlags: true,
    sql: `TRUNCATE "authors" CASCADE;`,
    ours: ['destructive/truncate', TIMEOUT],
  },
  {
    peer: 'squawk',
    rule: 'changing-column-type',
    peerFlags: true,
    sql: `ALTER TABLE "books" ALTER COLUMN "title" TYPE VARCHAR(50);`,
    ours: ['destructive/type-change', 'lock/access-exclusive', TIMEOUT],
  },
  {
    peer: 'squawk',
    rule: 'changing-column-type',
    peerFlags: true,
    sql: `ALTER TABLE "books" ALTER COLUMN "price" TYPE BIGINT;`,
    ours: ['lock/access-exclusive', TIMEOUT],
  },
  {
    peer: 'squawk',
    rule: 'constraint-missing-not-valid',
    peerFlags: true,
    sql: `ALTER TABLE "books" ADD CONSTRAINT "books_price_check" CHECK ("price" >= 0);`,
    ours: ['risk/constraint-without-not-valid', TIMEOUT],
  },
  {
    peer: 'squawk',
    rule: 'constraint-missing-not-valid',
    peerFlags: true,
    sql: `ALTER TABLE "books" ADD CONSTRAINT "books_price_check" CHECK ("price" >= 0) NOT VALID;\nALTER TABLE "books" VALIDATE CONSTRAINT "books_price_check";`,
    ours: [TIMEOUT],
    differs:
      'a gap: VALIDATE in the same transaction as the NOT VALID add scans under the ACCESS EXCLUSIVE the add took, and we do not say so yet',
  },
  {
    peer: 'squawk',
    rule: 'disallowed-unique-constraint',
    peerFlags: true,
    sql: `ALTER TABLE "authors" ADD CONSTRAINT "authors_email_key" UNIQUE ("email");`,
    ours: ['risk/unique-on-existing-table', TIMEOUT],
  },
  {
    peer: 'squawk',
    rule: 'disallowed-unique-constraint',
    peerFlags: false,
    sql: `ALTER TABLE "tags" ADD CONSTRAINT "tags_label_unique" UNIQUE USING INDEX "tags_label_key";`,
    ours: [TIMEOUT],
  },
  {
    peer: 'squawk',
    rule: 'prefer-bigint-over-int',
    peerFlags: true,
    sql: `CREATE TABLE "counters" ("n" INTEGER);`,
    ours: [],
    differs: TYPES,
  },
  {
    peer: 'squawk',
    rule: 'prefer-identity',
    peerFlags: true,
    sql: `CREATE TABLE "events" ("id" SERIAL PRIMARY KEY);`,
    ours: [],
    differs: 'Prisma’s own autoincrement() writes SERIAL',
  },
  {
    peer: 'squawk',
    rule: 'prefer-text-field',
    peerFlags: true,
    sql: `CREATE TABLE "notes" ("body" VARCHAR(100));`,
    ours: [],
    differs: TYPES,
  },
  {
    peer: 'squawk',
    rule: 'prefer-timestamptz',
    peerFlags: true,
    sql: `CREATE TABLE "logs" ("at" TIMESTAMP);`,
    ours: [],
    differs: `${TYPES}; Prisma’s DateTime is timestamp(3)`,
  },
  {
    peer: 'squawk',
    rule: 'prefer-robust-stmts',
    peerFlags: true,
    sql: `CREATE TABLE "scratch" ("id" INTEGER);`,
    ours: [],
    differs:
      'Prisma applies each migration once and records it; a file that fails is rolled back as a whole, so IF NOT EXISTS guards nothing',
  },
  {
    peer: 'squawk',
    rule: 'renaming-column',
    peerFlags: true,
    sql: `ALTER TABLE "authors" RENAME COLUMN "email" TO "contact";`,
    ours: ['risk/rename-column', TIMEOUT],
  },
  {
    peer: 'squawk',
    rule: 'renaming-table',
    peerFlags: true,
    sql: `ALTER TABLE "tags" RENAME TO "labels";`,
    ours: ['risk/rename-table', TIMEOUT],
  },
  {
    peer: 'squawk',
    rule: 'require-concurrent-index-creation',
    peerFlags: true,
    sql: `CREATE INDEX "authors_name_idx" ON "authors"("name");`,
    ours: ['lock/share', 'risk/index-without-concurrently'],
  },
  {
    peer: 'squawk',
    rule: 'require-concurrent-index-creation',
    peerFlags: false,
    sql: `CREATE INDEX CONCURRENTLY "authors_name_idx" ON "authors"("name");`,
    ours: [],
  },
  {
    peer: 'squawk',
    rule: 'require-concurrent-index-deletion',
    peerFlags: true,
    sql: `DROP INDEX "books_title_idx";`,
    ours: ['risk/index-without-concurrently', TIMEOUT],
  },
  {
    peer: 'squawk',
    rule: 'require-timeout-settings',
    peerFlags: true,
    sql: `ALTER TABLE "books" ADD COLUMN "note" TEXT;`,
    ours: [TIMEOUT],
  },
  {
    peer: 'squawk',
    rule: 'require-timeout-settings',
    peerFlags: false,
    sql: `SET lock_timeout = '2s';\nSET statement_timeout = '5s';\nALTER TABLE "books" ADD COLUMN "note" TEXT;`,
    ours: [],
  },
  {
    peer: 'squawk',
    rule: 'transaction-nesting',
    peerFlags: true,
    sql: `BEGIN;\nALTER TABLE "books" ADD COLUMN "note" TEXT;\nCOMMIT;`,
    ours: [TIMEOUT],
    differs: 'Prisma opens no transaction of its own around a file: BEGIN and COMMIT in it are how a file gets one',
  },

  // eugene
  {
    peer: 'eugene',
    rule: 'E1 validate constraint with a blocking lock',
    peerFlags: true,
    sql: `SET LOCAL lock_timeout = '2s';\nALTER TABLE "authors" ADD CONSTRAINT "authors_email_present" CHECK ("email" IS NOT NULL);`,
    ours: ['risk/constraint-without-not-valid'],
  },
  {
    peer: 'eugene',
    rule: 'E1 validate constraint with a blocking lock',
    peerFlags: false,
    sql: `SET LOCAL lock_timeout = '2s';\nALTER TABLE "authors" ADD CONSTRAINT "authors_email_present" CHECK ("email" IS NOT NULL) NOT VALID;`,
    ours: [],
  },
  {
    peer: 'eugene',
    rule: 'E2 SET NOT NULL on an existing column',
    peerFlags: true,
    sql: `SET LOCAL lock_timeout = '2s';\nALTER TABLE "authors" ALTER COLUMN "email" SET NOT NULL;`,
    ours: ['risk/set-not-null'],
  },
  {
    peer: 'eugene',
    rule: 'E2 SET NOT NULL on an existing column',
    peerFlags: true,
    sql: `SET LOCAL lock_timeout = '2s';\nALTER TABLE "authors" VALIDATE CONSTRAINT "authors_name_not_null";\nALTER TABLE "authors" ALTER COLUMN "name" SET NOT NULL;`,
    ours: [],
    differs:
      'the validated CHECK (name IS NOT NULL) lets PostgreSQL 12+ skip the scan (eugene’s lint cannot see it; its trace agrees with us)',
  },
  {
    peer: 'eugene',
    rule: 'E3 json column',
    peerFlags: true,
    sql: `CREATE TABLE "docs" ("body" JSON);`,
    ours: [],
    differs: `${TYPES}; Prisma’s Json is jsonb`,
  },
  {
    peer: 'eugene',
    rule: 'E4 running more statements after taking ACCESS EXCLUSIVE',
    peerFlags: true,
    sql: `SET LOCAL lock_timeout = '2s';\nALTER TABLE "authors" ADD COLUMN "bio" TEXT;\nSELECT count(*) FROM "books";`,
    ours: [],
    differs: 'a gap: we report rewrites and write-blocking locks, not other slow statements run while an earlier ACCESS EXCLUSIVE is held',
  },
  {
    peer: 'eugene',
    rule: 'E5 type change that rewrites the table',
    peerFlags: true,
    sql: `SET LOCAL lock_timeout = '2s';\nALTER TABLE "books" ALTER COLUMN "price" SET DATA TYPE BIGINT;`,
    ours: ['lock/access-exclusive'],
  },
  {
    peer: 'eugene',
    rule: 'E6 index without CONCURRENTLY',
    peerFlags: true,
    sql: `SET LOCAL lock_timeout = '2s';\nCREATE INDEX "authors_email_idx" ON "authors"("email");`,
    ours: ['lock/share', 'risk/index-without-concurrently'],
  },
  {
    peer: 'eugene',
    rule: 'E7 unique constraint built under a blocking lock',
    peerFlags: true,
    sql: `SET LOCAL lock_timeout = '2s';\nALTER TABLE "books" ADD CONSTRAINT "books_title_key" UNIQUE ("title");`,
    ours: ['lock/failed-on-data', 'risk/unique-on-existing-table'],
  },
  {
    peer: 'eugene',
    rule: 'E8 exclusion constraint',
    peerFlags: true,
    sql: `SET LOCAL lock_timeout = '2s';\nALTER TABLE "tags" ADD CONSTRAINT "tags_label_excl" EXCLUDE ("label" WITH =);`,
    ours: [],
    differs: 'a gap: an exclusion constraint builds its index under ACCESS EXCLUSIVE, and we do not report it yet',
  },
  {
    peer: 'eugene',
    rule: 'E9 ACCESS EXCLUSIVE without lock_timeout',
    peerFlags: true,
    sql: `ALTER TABLE "authors" ADD COLUMN "bio" TEXT;`,
    ours: [TIMEOUT],
  },
  {
    peer: 'eugene',
    rule: 'E10 rewrite while holding ACCESS EXCLUSIVE on another table',
    peerFlags: true,
    sql: `SET LOCAL lock_timeout = '2s';\nALTER TABLE "authors" ADD COLUMN "bio" TEXT;\nALTER TABLE "books" ALTER COLUMN "price" SET DATA TYPE BIGINT;`,
    ours: ['lock/access-exclusive'],
  },
  {
    peer: 'eugene',
    rule: 'E11 adding a SERIAL column',
    peerFlags: true,
    sql: `SET LOCAL lock_timeout = '2s';\nALTER TABLE "books" ADD COLUMN "position" SERIAL;`,
    ours: ['lock/access-exclusive'],
  },
  {
    peer: 'eugene',
    rule: 'E15 foreign key without an index',
    peerFlags: true,
    sql: `CREATE TABLE "reviews" ("id" INTEGER PRIMARY KEY, "book_id" BIGINT NOT NULL REFERENCES "books"("id"));`,
    ours: [],
    differs:
      'an unindexed foreign key slows deletes on the referenced table but breaks no deploy; the index is schema.prisma’s @@index to declare',
  },
  {
    peer: 'eugene',
    rule: 'W12 several ALTER TABLE statements on one table',
    peerFlags: true,
    sql: `SET lock_timeout = '2s';\nALTER TABLE "books" ADD COLUMN "note" TEXT;\nALTER TABLE "books" ADD COLUMN "summary" TEXT;`,
    ours: [],
    differs: 'the file is one transaction: the second statement takes no lock the first did not already hold',
  },
  {
    peer: 'eugene',
    rule: 'W13 enum type',
    peerFlags: true,
    sql: `CREATE TYPE "document_type" AS ENUM ('invoice', 'receipt');`,
    ours: [],
    differs: 'Prisma enums are PostgreSQL enums; removing a value is what destructive/enum-value-removed reports',
  },
  {
    peer: 'eugene',
    rule: 'W14 PRIMARY KEY USING INDEX on a nullable column',
    peerFlags: true,
    sql: `SET LOCAL lock_timeout = '2s';\nALTER TABLE "handles" ADD CONSTRAINT "handles_pkey" PRIMARY KEY USING INDEX "handles_name_key";`,
    ours: [],
    differs: 'a gap: on a nullable column the key sets NOT NULL, a scan under ACCESS EXCLUSIVE, and we do not report it yet',
  },
];
