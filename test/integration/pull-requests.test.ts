import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listMigrations } from '../../src/locate/migrations.js';
import { CORPUS_DIR, CORPUS_MISSING_MESSAGE, REPO_ROOT } from '../support/corpus.js';
import { asExpected, buildPullRequest, checkPullRequest, gitIn, readCase, sortExpected } from '../support/pull-request.js';

const FIXTURES = path.join(REPO_ROOT, 'fixtures/pull-requests');
const SHARED_BASE = path.join(FIXTURES, '_base');
const CASES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
  .map((entry) => entry.name)
  .sort();

const scratch = mkdtempSync(path.join(tmpdir(), 'pull-requests-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Each case is a git repository with its own throwaway databases, so they can run side by side.
describe.concurrent('pull request cases, end to end on PostgreSQL', () => {
  it.for(CASES)('%s', async (name, { expect }) => {
    const caseDir = path.join(FIXTURES, name);
    const kase = readCase(caseDir);
    const repo = mkdtempSync(path.join(scratch, `${name}-`));
    const base = buildPullRequest(SHARED_BASE, caseDir, repo);

    const report = await checkPullRequest(repo, base, { allowDestructive: kase.label ?? null });

    expect(report.warnings).toEqual([]);
    expect(asExpected(report.findings)).toEqual(sortExpected(kase.findings));
    for (const rule of kase.passes ?? []) expect(kase.findings.map((f) => f.rule)).not.toContain(rule);
  });
});

const LANGFUSE = path.join(CORPUS_DIR, 'langfuse__langfuse');
const NEW_IN_PULL_REQUEST = 20;

describe('langfuse: its last 20 migrations as a pull request', () => {
  it.skipIf(!existsSync(LANGFUSE))(
    `locates every finding on a line${existsSync(LANGFUSE) ? '' : ` (skipped: ${CORPUS_MISSING_MESSAGE})`}`,
    async () => {
      // A copy outside the repository: the corpus is never committed with the project.
      const repo = mkdtempSync(path.join(scratch, 'langfuse-'));
      cpSync(path.join(LANGFUSE, 'schema.prisma'), path.join(repo, 'schema.prisma'));
      cpSync(path.join(LANGFUSE, 'migrations'), path.join(repo, 'migrations'), { recursive: true });
      const git = gitIn(repo);
      const added = listMigrations(path.join(repo, 'migrations'))
        .slice(-NEW_IN_PULL_REQUEST)
        .map((migration) => `migrations/${migration.name}`);
      git('init', '-q');
      git('add', '-A');
      git('rm', '-rq', '--cached', '--', ...added);
      git('commit', '-qm', 'base');
      const base = git('rev-parse', 'HEAD').trim();
      git('add', '-A');
      git('commit', '-qm', 'pull request');

      // The project's Prisma version (SOURCE.md in the corpus): it decides the migration order.
      const report = await checkPullRequest(repo, base, { prismaVersion: '6.19.3' });

      console.log(
        report.findings
          .map((f) => `${f.rule} ${f.location?.file}:${f.location?.line}${f.waived ? ' (waived)' : ''}\n  ${f.message}`)
          .join('\n'),
      );
      expect(report.warnings).toEqual([]);
      // A replay that stopped would leave the new migrations unanalysed and this test empty.
      expect(report.findings.filter((f) => f.group === 'migration')).toEqual([]);
      expect(report.findings.filter((f) => !(f.location && f.location.line >= 1))).toEqual([]);
    },
    600_000,
  );
});
