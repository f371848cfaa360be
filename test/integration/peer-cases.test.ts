import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { REPO_ROOT } from '../support/corpus.js';
import { PEER_BASE, PEER_CASES } from '../support/peer-cases.js';
import { buildPullRequest, checkPullRequest } from '../support/pull-request.js';

const SHARED_BASE = path.join(REPO_ROOT, 'fixtures/pull-requests/_base');
const scratch = mkdtempSync(path.join(tmpdir(), 'peer-cases-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A pull request case folder: the peer tables in a merged migration, the snippet as the new one. */
function caseFolder(index: number, sql: string): string {
  const dir = path.join(scratch, `case-${index}`);
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  write('base/prisma/migrations/20240115000000_peer_tables/migration.sql', PEER_BASE);
  write('head/prisma/migrations/20240201000000_peer_case/migration.sql', `${sql}\n`);
  write('expected.json', JSON.stringify({ about: 'peer case', findings: [] }));
  return dir;
}

// The peer tables have no models, so drift findings about them say nothing about the snippet.
describe.concurrent('squawk’s and eugene’s cases, as a pull request', () => {
  it.for(PEER_CASES.map((kase, index) => ({ ...kase, index })))('$peer $rule: $sql', async (kase, { expect }) => {
    const repo = mkdtempSync(path.join(scratch, 'repo-'));
    const base = buildPullRequest(SHARED_BASE, caseFolder(kase.index, kase.sql), repo);
    const report = await checkPullRequest(repo, base);
    expect(report.warnings).toEqual([]);
    const ours = [...new Set(report.findings.filter((f) => !f.rule.startsWith('drift/')).map((f) => f.rule))].sort();
    expect(ours).toEqual([...kase.ours].sort());
    // Without a reason to differ, we flag what the peer flags and pass what it passes. The lock_timeout advice
    // is the peers' timeout rule, which they too raise on any such file, so it counts only for that rule.
    const judged = /timeout/i.test(kase.rule) ? ours : ours.filter((rule) => rule !== 'lock/no-lock-timeout');
    if (!kase.differs) expect(judged.length > 0).toBe(kase.peerFlags);
  });
});
