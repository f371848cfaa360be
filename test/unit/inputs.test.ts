import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../src/inputs.js';

const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('parseInputs', () => {
  it('fills in the documented defaults', () => {
    expect(parseInputs(read({}))).toEqual({
      schema: undefined,
      migrations: undefined,
      workingDirectory: '.',
      databaseUrl: undefined,
      failOn: ['drift', 'migration', 'destructive', 'history'],
      prismaVersion: undefined,
      baseline: 'prisma/drift-baseline.json',
      baseRef: undefined,
      allowLabel: 'allow-destructive-migration',
      targets: [],
      largeTable: { rows: 1_000_000, bytes: 1024 ** 3 },
      timeoutMs: 15 * 60_000,
      comment: 'on-failure',
      reviewComments: 'on-failure',
      githubToken: undefined,
    });
  });

  it('reads named targets, one per line', () => {
    const inputs = parseInputs(
      read({ 'target-database-url': 'staging=postgres://ro@staging/app\nproduction=postgresql://ro:pw@prod/app?sslmode=require' }),
    );
    expect(inputs.targets).toEqual([
      { name: 'staging', url: 'postgres://ro@staging/app' },
      { name: 'production', url: 'postgresql://ro:pw@prod/app?sslmode=require' },
    ]);
  });

  it('names the input and what it allows', () => {
    expect(() => parseInputs(read({ 'fail-on': 'drift,typo' }))).toThrow(
      'input `fail-on`: unknown finding group `typo`; allowed: drift, migration, destructive, risk, lock, history, target',
    );
    expect(() => parseInputs(read({ comment: 'sometimes' }))).toThrow(
      'input `comment`: `sometimes` is not one of on-failure, always, never',
    );
    expect(() => parseInputs(read({ 'review-comments': 'yes' }))).toThrow(
      'input `review-comments`: `yes` is not one of on-failure, always, never',
    );
    expect(() => parseInputs(read({ 'prisma-version': 'latest' }))).toThrow('input `prisma-version`: must be a version such as 6.19.0');
  });

  it('never echoes a database URL it rejects', () => {
    let message = '';
    try {
      parseInputs(read({ 'database-url': 'mysql://root:s3cret@db/app' }));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('input `database-url`: must be a postgresql:// URL');
    expect(message).not.toContain('s3cret');
  });

  it('reads the time limit as a duration, and refuses what is not one', () => {
    const timeout = (value: string) => parseInputs((name) => (name === 'timeout' ? value : '')).timeoutMs;
    expect([timeout('90s'), timeout('10m'), timeout('1h30m'), timeout('45'), timeout('1.5h')]).toEqual([
      90_000, 600_000, 5_400_000, 45_000, 5_400_000,
    ]);
    for (const bad of ['soon', '10 minutes', '0s', '500ms', '-5m'])
      expect(() => timeout(bad), bad).toThrow(/input `timeout`: .* is not a duration/);
  });

  it('refuses a fail-on that names no group instead of turning the gate off', () => {
    for (const value of [',', ' , , ']) {
      expect(() => parseInputs((name) => (name === 'fail-on' ? value : ''))).toThrow('input `fail-on`: names no finding group');
    }
  });
});
