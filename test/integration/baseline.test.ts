import type { RuleId } from '../../src/common/catalogue.js';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Baseline, BaselineScope } from '../../src/report/baseline.js';
import { applyBaseline, formatBaseline, loadBaseline, updateBaseline } from '../../src/report/baseline.js';
import type { DbObjectRef, Finding } from '../../src/common/findings.js';
import { groupOf, isFailing } from '../../src/common/findings.js';
import { JsonSyntaxError, parseLocatedJson } from '../../src/common/json-position.js';
import { CORPUS_MISSING_MESSAGE, corpusProjects } from '../support/corpus.js';
import { checkOnServer } from '../support/pg.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'baseline-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let files = 0;
function writeScratch(text: string): string {
  const file = path.join(scratch, `baseline-${files++}.json`);
  writeFileSync(file, text);
  return file;
}

function finding(rule: RuleId, object?: DbObjectRef, extra: Partial<Finding> = {}): Finding {
  return { rule, group: groupOf(rule), severity: 'error', message: `${rule} (message text is not part of the key)`, object, ...extra };
}

const index = (table: string, name: string): DbObjectRef => ({ kind: 'index', schema: 'public', table, name });
const foreignKey = (table: string, name: string): DbObjectRef => ({ kind: 'foreign-key', schema: 'public', table, name });

const trigram = finding('drift/extra-index', index('Team', 'Team_name_trgm_idx'), {
  location: { file: 'prisma/migrations/20240101000000_search/migration.sql', line: 3, column: 1 },
  migration: '20240101000000_search',
});
const droppedFk = finding('target/missing-foreign-key', foreignKey('Post', 'Post_authorId_fkey'), { environment: 'production' });
const unreachable = finding('target/unreachable', undefined, { environment: 'staging' });
const destructive = finding(
  'destructive/drop-column',
  { kind: 'column', schema: 'public', table: 'User', name: 'bio', column: 'bio' },
  {
    migration: '20240202000000_drop_bio',
  },
);
const everything: BaselineScope = { drift: true, history: true, environments: ['production', 'staging'] };
const failOn = new Set(['drift', 'target', 'destructive'] as const);

describe('baseline', () => {
  it('round-trips: update, format, load and apply accept exactly the drift and target findings', () => {
    const findings = [trigram, droppedFk, unreachable, destructive];
    const baseline = updateBaseline(findings, loadBaseline(path.join(scratch, 'missing.json')), everything);
    const text = formatBaseline(baseline);
    expect(text).toBe(
      `${JSON.stringify(
        {
          version: 1,
          accepted: [
            { rule: 'drift/extra-index', object: 'index public.Team.Team_name_trgm_idx' },
            { rule: 'target/missing-foreign-key', object: 'foreign-key public.Post.Post_authorId_fkey', environment: 'production' },
            { rule: 'target/unreachable', environment: 'staging' },
          ],
        },
        null,
        2,
      )}\n`,
    );

    const loaded = loadBaseline(writeScratch(text));
    expect(loaded).toEqual(baseline);
    // Messages and lines change from run to run; the key does not.
    const rerun = findings.map((f) => ({ ...f, message: 'reworded', location: f.location && { ...f.location, line: 40 } }));
    const { findings: applied, stale } = applyBaseline(rerun, loaded, everything);
    expect(stale).toEqual([]);
    expect(applied.map((f) => [f.rule, f.baselined])).toEqual([
      ['drift/extra-index', {}],
      ['target/missing-foreign-key', {}],
      ['target/unreachable', {}],
      ['destructive/drop-column', undefined],
    ]);
    expect(applied.filter((f) => isFailing(f, failOn)).map((f) => f.rule)).toEqual(['destructive/drop-column']);
    expect(formatBaseline(updateBaseline(rerun, loaded, everything))).toBe(text);
  });

  it('keys a finding about no object by its migration and file', () => {
    const noObject = finding('history/lock-missing', undefined, {
      migration: '20240101000000_a',
      location: { file: 'prisma/migrations/20240101000000_a/migration.sql', line: 1, column: 1 },
    });
    const baseline = updateBaseline([noObject], { version: 1, accepted: [] });
    expect(baseline.accepted).toEqual([
      { rule: 'history/lock-missing', migration: '20240101000000_a', file: 'prisma/migrations/20240101000000_a/migration.sql' },
    ]);
    const elsewhere = {
      ...noObject,
      migration: '20240303000000_b',
      location: { file: 'prisma/migrations/20240303000000_b/migration.sql', line: 1, column: 1 },
    };
    expect(applyBaseline([elsewhere], baseline).findings[0]!.baselined).toBeUndefined();
  });

  it('reports entries that match nothing any more as stale, and an update drops them', () => {
    const gone = finding('drift/extra-foreign-key', foreignKey('Team', 'Team_ownerId_fkey'));
    const previous = updateBaseline([trigram, gone], { version: 1, accepted: [] });
    const { findings, stale } = applyBaseline([trigram], previous);
    expect(findings[0]!.baselined).toEqual({});
    expect(stale).toEqual([{ rule: 'drift/extra-foreign-key', object: 'foreign-key public.Team.Team_ownerId_fkey' }]);
    expect(updateBaseline([trigram], previous).accepted).toEqual([
      { rule: 'drift/extra-index', object: 'index public.Team.Team_name_trgm_idx' },
    ]);

    // When the migrations could not be replayed nothing was compared, so nothing is stale and nothing is dropped.
    const notCompared: BaselineScope = { drift: false, history: false, environments: [] };
    expect(applyBaseline([], previous, notCompared).stale).toEqual([]);
    expect(updateBaseline([], previous, notCompared)).toEqual(previous);
  });

  it('scopes an entry with an environment to that live database', () => {
    const inStaging = { ...droppedFk, environment: 'staging' };
    const scoped: Baseline = {
      version: 1,
      accepted: [
        {
          rule: 'target/missing-foreign-key',
          object: 'foreign-key public.Post.Post_authorId_fkey',
          environment: 'production',
          reason: 'dropped for bulk loads',
        },
      ],
    };
    const { findings } = applyBaseline([droppedFk, inStaging], scoped, everything);
    expect(findings.map((f) => [f.environment, f.baselined])).toEqual([
      ['production', { reason: 'dropped for bulk loads' }],
      ['staging', undefined],
    ]);

    // An entry for a database this run did not read is neither used nor stale, and an update keeps it.
    const stagingOnly: BaselineScope = { drift: true, history: true, environments: ['staging'] };
    expect(applyBaseline([inStaging], scoped, stagingOnly).stale).toEqual([]);
    expect(applyBaseline([inStaging], scoped, everything).stale).toEqual(scoped.accepted);
    expect(updateBaseline([inStaging], scoped, stagingOnly).accepted).toEqual([
      scoped.accepted[0],
      { rule: 'target/missing-foreign-key', object: 'foreign-key public.Post.Post_authorId_fkey', environment: 'staging' },
    ]);

    // Without an environment an entry accepts the finding in every database, and an update adds nothing.
    const everywhere: Baseline = {
      version: 1,
      accepted: [{ rule: 'target/missing-foreign-key', object: 'foreign-key public.Post.Post_authorId_fkey' }],
    };
    expect(applyBaseline([droppedFk, inStaging], everywhere, everything).findings.every((f) => f.baselined)).toBe(true);
    expect(updateBaseline([droppedFk, inStaging], everywhere, everything)).toEqual(everywhere);
  });

  it('sorts by environment, rule and object in code-unit order, whatever order the findings come in', () => {
    const findings = [
      trigram,
      finding('drift/extra-index', index('account', 'account_email_idx')),
      finding('drift/extra-index', index('Team', 'Team_name_trgm_idx')),
      finding('drift/column-default', { kind: 'column', schema: 'public', table: 'Team', name: 'plan', column: 'plan' }),
      finding('drift/extra-enum-value', { kind: 'enum-value', schema: 'public', table: 'Role', name: 'GUEST' }),
      droppedFk,
      { ...droppedFk, environment: 'eu' },
      finding('target/extra-index', index('Team', 'Team_hotfix_idx'), { environment: 'production' }),
      unreachable,
    ];
    const expected = formatBaseline(updateBaseline(findings, { version: 1, accepted: [] }, everything));
    expect(
      JSON.parse(expected).accepted.map((e: { environment?: string; rule: string; object?: string }) => [e.environment, e.rule, e.object]),
    ).toEqual([
      [undefined, 'drift/column-default', 'column public.Team.plan'],
      [undefined, 'drift/extra-enum-value', 'enum-value public.Role.GUEST'],
      [undefined, 'drift/extra-index', 'index public.Team.Team_name_trgm_idx'],
      [undefined, 'drift/extra-index', 'index public.account.account_email_idx'],
      ['eu', 'target/missing-foreign-key', 'foreign-key public.Post.Post_authorId_fkey'],
      ['production', 'target/extra-index', 'index public.Team.Team_hotfix_idx'],
      ['production', 'target/missing-foreign-key', 'foreign-key public.Post.Post_authorId_fkey'],
      ['staging', 'target/unreachable', undefined],
    ]);
    fc.assert(
      fc.property(fc.shuffledSubarray(findings, { minLength: findings.length }), (shuffled) => {
        expect(formatBaseline(updateBaseline(shuffled, { version: 1, accepted: [] }, everything))).toBe(expected);
      }),
    );
  });

  it('keeps a reason written by hand through an update', () => {
    const first = formatBaseline(updateBaseline([trigram], { version: 1, accepted: [] }));
    const edited = first.replace(
      '"object": "index public.Team.Team_name_trgm_idx"',
      '"object": "index public.Team.Team_name_trgm_idx",\n      "reason": "trigram search; Prisma cannot declare gin_trgm_ops"',
    );
    const file = writeScratch(edited);
    const added = finding('drift/extra-index', index('Team', 'Team_slug_trgm_idx'));
    const updated = formatBaseline(updateBaseline([trigram, added], loadBaseline(file)));
    expect(JSON.parse(updated).accepted).toEqual([
      {
        rule: 'drift/extra-index',
        object: 'index public.Team.Team_name_trgm_idx',
        reason: 'trigram search; Prisma cannot declare gin_trgm_ops',
      },
      { rule: 'drift/extra-index', object: 'index public.Team.Team_slug_trgm_idx' },
    ]);
    expect(applyBaseline([trigram], loadBaseline(writeScratch(updated))).findings[0]!.baselined).toEqual({
      reason: 'trigram search; Prisma cannot declare gin_trgm_ops',
    });
  });

  it('names the file, line and problem of a malformed baseline', () => {
    const load = (text: string) => {
      const file = writeScratch(text);
      try {
        loadBaseline(file);
      } catch (error) {
        return (error as Error).message.replace(file, '<file>');
      }
      throw new Error('loaded a malformed baseline');
    };
    const entries = (...lines: string[]) => ['{', '  "version": 1,', '  "accepted": [', ...lines, '  ]', '}', ''].join('\n');

    expect(load(entries('    {"rule": "drift/extra-index", "object": "index public.A.a"},', '  ]', '}'))).toBe(
      "<file>:4:64: not valid JSON: a comma before ']': JSON allows no trailing comma",
    );
    expect(load(entries('    {"rule": "drift/extra-index" "object": "x"}'))).toBe(
      "<file>:4:34: not valid JSON: expected ',' or '}' after the property value, found \"\\\"\"",
    );
    expect(load(entries("    {'rule': 'drift/extra-index'}"))).toBe(
      '<file>:4:6: not valid JSON: expected a property name in double quotes, found "\'"',
    );
    expect(load(entries('    {"rule": "drift/extra-index", "object": "index', '  public.A.a"}'))).toBe(
      '<file>:4:51: not valid JSON: a string is not closed before the end of the line',
    );
    expect(load('{"version": 1, "accepted": [')).toBe('<file>:1:29: not valid JSON: expected a value, found the end of the file');
    expect(load('')).toBe('<file>:1:1: not valid JSON: expected a value, found the end of the file');

    expect(load(entries().replace('"version": 1', '"version": 2'))).toBe(
      '<file>:2: version: expected 1, the only baseline version this action reads',
    );
    expect(
      load(
        entries(
          '    {"rule": "drift/extra-index", "object": "index public.A.a"},',
          '    {',
          '      "rule": "target/extra-index",',
          '      "enviroment": "production"',
          '    }',
        ),
      ),
    ).toBe('<file>:7: accepted[1]: Unrecognized key: "enviroment"');
    expect(load(entries('    {"object": "index public.A.a"}'))).toBe(
      '<file>:4: accepted[0].rule: Invalid input: expected string, received undefined',
    );
    expect(load(entries('    {', '      "rule": "destructive/drop-column"', '    }'))).toMatch(
      /^<file>:5: accepted\[0\]\.rule: destructive\/drop-column cannot be baselined: .*-- prisma-drift-ignore/,
    );
    expect(load(entries('    {"rule": "drift/extra-index", "object": "index public.A.a", "environment": "production"}'))).toMatch(
      /^<file>:4: accepted\[0\]\.environment: `environment` only scopes target\/\* findings/,
    );
  });
});

describe('locating JSON errors', () => {
  it('agrees with JSON.parse on what is valid JSON', () => {
    const edited = fc
      .tuple(fc.json(), fc.nat(), fc.string({ maxLength: 2 }))
      .map(([text, at, insert]) => text.slice(0, at % (text.length + 1)) + insert + text.slice((at % (text.length + 1)) + 1));
    fc.assert(
      fc.property(fc.oneof(fc.json(), edited, fc.string()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        let located = true;
        try {
          parseLocatedJson(text);
        } catch (error) {
          if (!(error instanceof JsonSyntaxError)) throw error;
          located = false;
        }
        expect(located).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('baseline on a real check', () => {
  function project(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(scratch, 'project-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }

  async function check(dir: string, schema: string, migrations: string, prismaVersion: string | null) {
    return checkOnServer({
      project: { schema: path.join(dir, schema), migrations: path.join(dir, migrations), prismaVersion, prismaVersionSource: null },
      root: dir,
      failOn: ['drift', 'migration'],
      baseline: path.join(dir, 'prisma/drift-baseline.json'),
      targets: [],
      largeTable: {},
      drift: true,
      baseRef: null,
      allowDestructive: null,
      log: () => {},
    });
  }

  it('accepts an index the migrations add on purpose, and fails again on a new one', async () => {
    const dir = project({
      'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Team {\n  id   Int    @id\n  name String\n}\n',
      'prisma/migrations/20240101000000_init/migration.sql':
        'CREATE TABLE "Team" ("id" INTEGER NOT NULL, "name" TEXT NOT NULL, CONSTRAINT "Team_pkey" PRIMARY KEY ("id"));\n' +
        '-- Search by name: an index schema.prisma does not declare.\n' +
        'CREATE INDEX "Team_name_idx" ON "Team"("name");\n',
    });
    const baselineFile = path.join(dir, 'prisma/drift-baseline.json');
    const first = await check(dir, 'prisma/schema.prisma', 'prisma/migrations', '6.0.0');
    expect(first.findings.map((f) => f.rule)).toEqual(['drift/extra-index']);
    writeFileSync(baselineFile, formatBaseline(updateBaseline(first.findings, loadBaseline(baselineFile))));
    expect(readFileSync(baselineFile, 'utf8')).toContain('"object": "index public.Team.Team_name_idx"');

    mkdirSync(path.join(dir, 'prisma/migrations/20240202000000_more'));
    writeFileSync(
      path.join(dir, 'prisma/migrations/20240202000000_more/migration.sql'),
      'CREATE INDEX "Team_id_name_idx" ON "Team"("id", "name");\n',
    );
    const second = await check(dir, 'prisma/schema.prisma', 'prisma/migrations', '6.0.0');
    expect(second.staleBaseline).toEqual([]);
    expect(second.findings.filter((f) => isFailing(f, new Set(['drift']))).map((f) => f.object?.name)).toEqual(['Team_id_name_idx']);
    expect(second.ok).toBe(false);
  });

  const hoppscotch = corpusProjects().find((p) => p.name === 'hoppscotch__hoppscotch');
  const title = "accepts hoppscotch's raw-SQL GIN indexes once";
  it.skipIf(!hoppscotch)(hoppscotch ? title : `${title}: skipped, ${CORPUS_MISSING_MESSAGE}`, async () => {
    const root = hoppscotch!.dir;
    const report = await check(root, path.relative(root, hoppscotch!.schema), path.relative(root, hoppscotch!.migrations), '7.8.0');
    const baseline = updateBaseline(report.findings, { version: 1, accepted: [] });
    expect(baseline.accepted).toEqual([
      { rule: 'drift/extra-index', object: 'index public.TeamCollection.TeamCollection_title_trgm_idx' },
      { rule: 'drift/extra-index', object: 'index public.TeamRequest.TeamRequest_title_trgm_idx' },
      { rule: 'drift/extra-index', object: 'index public.TeamRequest.idx_mock_examples_team_requests_gin' },
      { rule: 'drift/extra-index', object: 'index public.UserRequest.idx_mock_examples_user_requests_gin' },
    ]);
    const { findings, stale } = applyBaseline(report.findings, loadBaseline(writeScratch(formatBaseline(baseline))));
    expect(stale).toEqual([]);
    expect(findings.some((f) => isFailing(f, new Set(report.failOn)))).toBe(false);
  });
});
