import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { loadModule, scanSync } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { endsAtTopLevel, sharesQuery } from '../../src/apply/batch.js';
import { listMigrations } from '../../src/locate/migrations.js';
import { CORPUS_MISSING_MESSAGE, corpusProjects } from '../support/corpus.js';

const projects = corpusProjects();

beforeAll(() => loadModule());

/**
 * PostgreSQL's own lexer as the judge of what `sql` followed by a newline and a statement reads as: 'yes' when
 * that statement's tokens come out and no token of `sql` reaches into them, 'no' when they are swallowed or
 * `sql` leaves something unterminated, 'error' when the lexer rejects the text for another reason (the query
 * then fails whatever follows, so it cannot change what a batch does). Positions are in bytes.
 */
function postgresReadsWhatFollows(sql: string): 'yes' | 'no' | 'error' {
  let tokens;
  try {
    tokens = scanSync(`${sql}\n;\nSELECT 1;`).tokens;
  } catch (error) {
    // libpg-query's scanner hands its error text to JSON.parse, so only the start of it ("unterminat...")
    // survives, inside the JSON error's message.
    return /unterminat/.test((error as Error).message) ? 'no' : 'error';
  }
  const boundary = Buffer.byteLength(sql);
  if (tokens.some((token) => token.start < boundary && token.end > boundary)) return 'no';
  return tokens
    .filter((token) => token.start >= boundary)
    .map((token) => token.text)
    .join(' ') === '; SELECT 1 ;'
    ? 'yes'
    : 'no';
}

describe('endsAtTopLevel', () => {
  it.each([
    '',
    'SELECT 1;',
    'CREATE TABLE "User" ("id" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"))',
    'SELECT \'it\'\'s\', "a""b";',
    '-- a comment the file ends with, no newline',
    'SELECT 1; /* outer /* nested */ still a comment */',
    "CREATE FUNCTION f() RETURNS text AS $$ SELECT 'it''s' $$ LANGUAGE sql;",
    'SELECT $tag$ $$ not the end $$ $tag$;',
    'SELECT a$b$c FROM t; -- `$` inside an identifier opens nothing',
    "SELECT E'no backslash here', U&'d0061t', B'101', X'1F';",
  ])('reads %j as ending at the top level', (sql) => {
    expect(endsAtTopLevel(sql)).toBe(true);
    expect(postgresReadsWhatFollows(sql)).toBe('yes');
  });

  it.each([
    "SELECT 'not closed",
    'SELECT "not closed',
    '/* not closed',
    '/* outer /* nested */ outer not closed',
    'SELECT $$ not closed',
    'SELECT $a$ closed by another tag $b$',
  ])('reads %j as ending inside something', (sql) => {
    expect(endsAtTopLevel(sql)).toBe(false);
    expect(postgresReadsWhatFollows(sql)).toBe('no');
  });

  it('answers false where the reading depends on settings or versions', () => {
    // standard_conforming_strings decides whether the backslash escapes the quote.
    expect(endsAtTopLevel("SELECT 'a\\'")).toBe(false);
    expect(endsAtTopLevel("SELECT E'a\\'b'")).toBe(false);
    // A hexadecimal literal from PostgreSQL 16 on, an identifier-like token with a `$` in it before.
    expect(endsAtTopLevel('SELECT 0x1F$a$ $a$;')).toBe(false);
  });

  it('never says top level where PostgreSQL reads otherwise, for text made of the lexer’s tricky pieces', () => {
    const piece = fc.constantFrom(
      "'",
      "''",
      '"',
      '""',
      '$$',
      '$a$',
      '$b$',
      '$1',
      'a$',
      '--',
      '/*',
      '*/',
      '\n',
      '\r',
      ' ',
      ';',
      'E',
      'U&',
      'x',
      '0x1F',
      '1',
      '.',
      '\\',
      'é',
      '-',
      '/',
      '*',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const sql = pieces.join('');
        if (endsAtTopLevel(sql)) expect(postgresReadsWhatFollows(sql), JSON.stringify(sql)).not.toBe('no');
      }),
      { numRuns: 20_000 },
    );
  });

  it.skipIf(!projects.length)('agrees with PostgreSQL on every migration of the corpus', () => {
    let files = 0;
    for (const project of projects) {
      for (const migration of listMigrations(project.migrations)) {
        if (!migration.sqlPath) continue;
        const sql = readFileSync(migration.sqlPath, 'utf8');
        if (endsAtTopLevel(sql)) expect(postgresReadsWhatFollows(sql), migration.sqlPath).toBe('yes');
        files++;
      }
    }
    expect(files).toBeGreaterThan(1000);
  });
});

it.skipIf(projects.length > 0)('needs the corpus', () => console.log(CORPUS_MISSING_MESSAGE));

describe('sharesQuery', () => {
  it('lets the usual Prisma migration share a query', () => {
    expect(sharesQuery('-- CreateTable\nCREATE TABLE "A" ("id" SERIAL NOT NULL, CONSTRAINT "A_pkey" PRIMARY KEY ("id"));\n')).toBe(true);
    expect(sharesQuery('-- AlterEnum\nALTER TYPE "Role" ADD VALUE \'ADMIN\';')).toBe(true);
  });

  it.each([
    'CREATE INDEX CONCURRENTLY "a_idx" ON "A" ("b");',
    'LOCK TABLE "A";',
    'BEGIN;\nALTER TABLE "A" ADD COLUMN "b" INT;\nCOMMIT;',
    'SAVEPOINT s;',
    'DECLARE c CURSOR FOR SELECT 1;',
    'SET standard_conforming_strings = off;',
    "SET client_encoding = 'LATIN1';",
    'VACUUM "A";',
    'COPY "A" FROM STDIN;',
    'CREATE TABLE "A" ("id" INT); /* not closed',
    'DO $$ BEGIN PERFORM 1; COMMIT; END $$;',
    "SELECT set_config('standard_conforming_strings', 'off', false);",
  ])('keeps %j in a query of its own', (sql) => {
    expect(sharesQuery(sql)).toBe(false);
  });

  it.each([
    '-- Prisma does not wrap this migration in a transaction\nALTER TABLE "A" ADD COLUMN "b" INT;',
    '/* VACUUM "A" later */ ALTER TABLE "A" ADD COLUMN "b" INT;',
    'CREATE TABLE "Event" ("start" TIMESTAMP(3), "end" TIMESTAMP(3), "names" TEXT[], "lock" BOOLEAN);',
  ])('lets %j share a query: comments and quoted identifiers run nothing', (sql) => {
    expect(sharesQuery(sql)).toBe(true);
  });
});
