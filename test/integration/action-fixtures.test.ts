import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Report } from '../../src/report/report.js';
import { REPO_ROOT } from '../support/corpus.js';
import { SERVER_URL } from '../support/pg.js';
import { runAction } from '../support/run-action.js';

/** Each fixture states what the action must conclude about it. */
const Expected = z.object({
  exitCode: z.number(),
  ok: z.boolean(),
  drift: z.boolean(),
  findings: z.array(z.object({ rule: z.string(), file: z.string().optional(), line: z.number().optional() })),
});

const FIXTURES = path.join(REPO_ROOT, 'fixtures');
// Each fixture is a Prisma project (fixtures/pull-requests holds base/head pairs with a test of their own).
const fixtures = readdirSync(FIXTURES)
  .filter((name) => existsSync(path.join(FIXTURES, name, 'prisma')))
  .sort();

describe('the bundled action on each fixture', () => {
  it.each(fixtures)('%s', async (fixture) => {
    const expected = Expected.parse(JSON.parse(readFileSync(path.join(FIXTURES, fixture, 'expected.json'), 'utf8')));
    const run = await runAction({ 'working-directory': `fixtures/${fixture}`, 'database-url': SERVER_URL });

    expect(run.code, run.stdout + run.stderr).toBe(expected.exitCode);
    expect(run.outputs.ok).toBe(String(expected.ok));
    expect(run.outputs.drift).toBe(String(expected.drift));
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as Report;
    expect(report.findings.map((f) => ({ rule: f.rule, file: f.location?.file, line: f.location?.line }))).toEqual(expected.findings);
    expect(run.outputs.findings).toBe(String(expected.findings.length));
    expect(run.summary).toContain(expected.ok ? 'passed' : 'failed');
    for (const finding of expected.findings.filter((f) => f.file)) {
      // The runner turns these workflow commands into annotations on the file's line.
      expect(run.stdout).toContain(`file=${finding.file},line=${finding.line}`);
    }
  });
});

it('stops at the line of a schema.prisma that does not parse, and says so in the report output', async () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'prisma-drift-bad-schema-'));
  cpSync(path.join(FIXTURES, 'in-sync'), workspace, { recursive: true });
  const schema = path.join(workspace, 'prisma/schema.prisma');
  const lines = readFileSync(schema, 'utf8').split('\n').length;
  appendFileSync(schema, 'model Broken {\n  id Int @id\n');

  const run = await runAction({ 'database-url': SERVER_URL }, { workspace });

  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(new RegExp(`::error::.*schema\\.prisma:${lines}:1: model Broken is not closed`));
  // The `report` output says why the check did not run, as the CLI's --json does.
  expect(run.outputs.ok).toBe('false');
  expect(JSON.parse(readFileSync(run.outputs.report!, 'utf8'))).toEqual({
    version: 1,
    ok: false,
    error: {
      code: 'schema',
      message: expect.stringContaining('model Broken is not closed'),
      file: 'prisma/schema.prisma',
      line: lines,
      column: 1,
    },
  });
});
