import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sortMigrationNames } from '../../src/locate/migrations.js';
import { compareVersions } from '../../src/locate/prisma-version.js';
import { conventionsFor } from '../../src/prisma/conventions.js';
import { CORPUS_MISSING_MESSAGE, corpusProjects } from '../support/corpus.js';

describe('conventionsFor', () => {
  it('switches implicit many-to-many tables from a unique index to a primary key at 6.0.0', () => {
    expect(conventionsFor('4.16.2').implicitManyToManyKey.value).toBe('unique-index');
    expect(conventionsFor('5.22.0').implicitManyToManyKey.value).toBe('unique-index');
    expect(conventionsFor('6.0.0').implicitManyToManyKey.value).toBe('primary-key');
    expect(conventionsFor('7.8.0').implicitManyToManyKey.value).toBe('primary-key');
  });

  it('switches migration order from bytes to localeCompare at 6.6.0', () => {
    expect(conventionsFor('6.5.0').migrationOrder.value).toBe('bytes');
    expect(conventionsFor('6.6.0').migrationOrder.value).toBe('locale');
    expect(conventionsFor('6.19.3').migrationOrder.value).toBe('locale');
  });

  it('assumes the latest conventions when the version is unknown, and says so', () => {
    const conventions = conventionsFor(null);
    expect(conventions.assumedLatest).toBe(true);
    expect(conventions.implicitManyToManyKey.value).toBe('primary-key');
    expect(conventions.migrationOrder.value).toBe('locale');
    expect(conventionsFor('6.6.0').assumedLatest).toBe(false);
  });

  it('says for each convention where it changed and why', () => {
    const { implicitManyToManyKey, migrationOrder: order } = conventionsFor('5.10.2');
    expect(implicitManyToManyKey).toMatchObject({ changedIn: '6.0.0', before: 'unique-index', after: 'primary-key' });
    expect(order).toMatchObject({ changedIn: '6.6.0', before: 'bytes', after: 'locale' });
    expect(implicitManyToManyKey.why).toMatch(/_AB_pkey/);
  });
});

describe('compareVersions', () => {
  it('compares numerically, padding missing parts and ignoring pre-release suffixes', () => {
    expect(compareVersions('6.10.0', '6.6.0')).toBeGreaterThan(0);
    expect(compareVersions('6', '6.0.0')).toBe(0);
    expect(compareVersions('6.6.0-dev.12', '6.6.0')).toBe(0);
    expect(compareVersions('5.22.0', '6.0.0')).toBeLessThan(0);
  });
});

describe('sortMigrationNames', () => {
  const names = ['20240101_b', '2024010100_a', '20240101_B', '01_init', '1-hotfix', '10_x', '2_y'];

  it('sorts by the bytes of the names before 6.6', () => {
    expect(sortMigrationNames(names, conventionsFor('6.5.0').migrationOrder.value)).toEqual([
      '01_init',
      '1-hotfix',
      '10_x',
      '2024010100_a',
      '20240101_B',
      '20240101_b',
      '2_y',
    ]);
  });

  it('sorts with localeCompare from 6.6: punctuation before digits, case only as a tie-breaker', () => {
    // Under Node's default ICU locale on a runner (LANG=C.UTF-8, which Node reads as en-US).
    expect(sortMigrationNames(names, conventionsFor('6.6.0').migrationOrder.value)).toEqual([
      '01_init',
      '1-hotfix',
      '10_x',
      '2_y',
      '20240101_b',
      '20240101_B',
      '2024010100_a',
    ]);
  });

  it('leaves its input alone', () => {
    const input = ['b', 'a'];
    sortMigrationNames(input, conventionsFor(null).migrationOrder.value);
    expect(input).toEqual(['b', 'a']);
  });

  const projects = corpusProjects();
  if (projects.length === 0) it.skip(CORPUS_MISSING_MESSAGE, () => {});
  for (const project of projects) {
    it(`gives ${project.name} the same order under both conventions`, () => {
      const folders = readdirSync(project.migrations, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name);
      expect(sortMigrationNames(folders, conventionsFor('6.5.0').migrationOrder.value)).toEqual(
        sortMigrationNames(folders, conventionsFor('6.6.0').migrationOrder.value),
      );
    });
  }
});
