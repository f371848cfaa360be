import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, docPath, isRuleId, RULE_IDS, ruleInfo, type RuleId } from '../../src/common/catalogue.js';
import { rulesTable, withTable } from '../../scripts/rules-table.js';
import { REPO_ROOT } from '../support/corpus.js';
import { readCase } from '../support/pull-request.js';

const FIXTURES = path.join(REPO_ROOT, 'fixtures/pull-requests');
const CASES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
  .map((entry) => ({ name: entry.name, ...readCase(path.join(FIXTURES, entry.name)) }));

/**
 * Rules that have no pull request case yet, and why. Every other rule has a case in which it fires and one in
 * which it stays quiet, run end to end by pull-requests.test.ts.
 */
const WITHOUT_CASES: Partial<Record<RuleId, string>> = {
  'migration/missing-extension': 'needs an extension the test server lacks; covered by apply.test.ts',
  'destructive/drop-database':
    'the untrusted-SQL guard refuses DROP DATABASE (migration/outside-database) before the file is analysed; the rule is covered by analyse-rules.test.ts',
  'migration/invalid-encoding': 'reported by the untrusted-SQL guard, which has its own tests',
  'migration/timeout': 'reported by the untrusted-SQL guard, which has its own tests',
  ...Object.fromEntries(
    (
      [
        'drift/primary-key',
        'drift/index-name',
        'drift/index-definition',
        'drift/missing-foreign-key',
        'drift/extra-foreign-key',
        'drift/foreign-key-name',
        'drift/foreign-key-definition',
        'drift/missing-extension',
      ] as const
    ).map((id) => [id, 'compared by compare.test.ts and differential.test.ts; no pull request case yet']),
  ),
  ...Object.fromEntries(
    RULE_IDS.filter((id) => id.startsWith('target/')).map((id) => [
      id,
      'needs a live database next to the pull request; covered by target.test.ts',
    ]),
  ),
};

/** Every `'<group>/<name>'` string in the source: ids a finding may carry. */
function idsInSource(): string[] {
  const files = readdirSync(path.join(REPO_ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  return files.flatMap((file) =>
    [
      ...readFileSync(path.join(REPO_ROOT, 'src', file), 'utf8').matchAll(
        /['`](drift|migration|destructive|risk|lock|history|target)\/([a-z0-9-]+)['`]/g,
      ),
    ].map((match) => `${match[1]}/${match[2]}`),
  );
}

describe('the rule catalogue', () => {
  it('is the single source: ids are unique and each names its group', () => {
    expect(CATALOGUE.size).toBe(RULE_IDS.length);
    for (const id of RULE_IDS) expect(id.startsWith(`${ruleInfo(id).group}/`)).toBe(true);
  });

  it('has every rule id the code writes', () => {
    expect(idsInSource().filter((id) => !isRuleId(id))).toEqual([]);
  });

  it('has every rule id the pull request cases expect', () => {
    const named = CASES.flatMap((kase) => [...kase.findings.map((f) => f.rule), ...(kase.passes ?? [])]);
    expect(named.filter((id) => !isRuleId(id))).toEqual([]);
  });

  it('documents every rule on a page of its own, and has no page for a rule it does not have', () => {
    expect(RULE_IDS.filter((id) => !existsSync(path.join(REPO_ROOT, docPath(id))))).toEqual([]);
    const pages = readdirSync(path.join(REPO_ROOT, 'docs/rules'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.md'))
      .map((file) => file.replace(/\.md$/, '').split(path.sep).join('/'));
    expect(pages.filter((page) => !isRuleId(page))).toEqual([]);
    for (const id of RULE_IDS) {
      const page = readFileSync(path.join(REPO_ROOT, docPath(id)), 'utf8');
      expect(page.startsWith(`# \`${id}\`\n`)).toBe(true);
      for (const section of ['## What it catches', '## Why it matters on a live database', '## How to fix', '## How to accept']) {
        expect([id, page.includes(section)]).toEqual([id, true]);
      }
    }
  });

  it('gives every rule a pull request case where it fires and one where it stays quiet', () => {
    const fires = new Set(CASES.flatMap((kase) => kase.findings.map((f) => f.rule)));
    const passes = new Set(CASES.flatMap((kase) => kase.passes ?? []));
    const missing = RULE_IDS.filter((id) => !WITHOUT_CASES[id]).flatMap((id) => [
      ...(fires.has(id) ? [] : [`${id}: no case where it fires`]),
      ...(passes.has(id) ? [] : [`${id}: no case where it stays quiet`]),
    ]);
    expect(missing).toEqual([]);
    // An exemption ends once the cases are there.
    expect(Object.keys(WITHOUT_CASES).filter((id) => fires.has(id) && passes.has(id))).toEqual([]);
  });

  it('is what the README’s rules table lists (npx tsx scripts/rules-table.ts rewrites it)', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    expect(withTable(readme, rulesTable())).toBe(readme);
  });
});
