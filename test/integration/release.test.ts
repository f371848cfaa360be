import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import packageJson from '../../package.json' with { type: 'json' };
import { REPO_ROOT } from '../support/corpus.js';

const WORKFLOWS = path.join(REPO_ROOT, '.github/workflows');
const major = `v${packageJson.version.split('.')[0]}`;

function workflow(name: string): {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: { run?: string }[] }>;
} {
  const document = parseDocument(readFileSync(path.join(WORKFLOWS, name), 'utf8'), { strict: true, uniqueKeys: true });
  expect(
    document.errors.map((error) => error.message),
    name,
  ).toEqual([]);
  return document.toJS();
}

describe('releases', () => {
  it('every workflow is YAML that a strict parser accepts', () => {
    for (const name of readdirSync(WORKFLOWS)) workflow(name);
  });

  it('a vX.Y.Z tag checks dist/, releases, moves the major tag and publishes with provenance', () => {
    const release = workflow('release.yml');
    expect(release.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+']);
    expect(release.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
    const commands = Object.values(release.jobs)
      .flatMap((job) => job.steps.map((step) => step.run ?? ''))
      .join('\n');
    expect(commands).toMatch(/npm run bundle && .*git diff .*--exit-code.* -- dist/);
    expect(commands).toContain('gh release create "$GITHUB_REF_NAME"');
    expect(commands).toContain('git push --force origin "refs/tags/$major"');
    expect(commands).toContain('npm publish --provenance');
  });

  it('CHANGELOG.md has the notes of the version in package.json', () => {
    expect(readFileSync(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8')).toContain(`\n## [${packageJson.version}]\n`);
  });

  it(`the README's workflows pin the major tag ${major}`, () => {
    const pins = [...readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').matchAll(/uses: [\w-]+\/prisma-drift-action@(\S+)/g)].map(
      (match) => match[1],
    );
    expect(pins.length).toBeGreaterThan(0);
    expect(new Set(pins)).toEqual(new Set([major]));
  });
});
