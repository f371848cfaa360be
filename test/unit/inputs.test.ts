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
      comment: 'on-failure',
      reviewComments: 'on-failure',
      githubToken: undefined,
    });
  });

  it('reads named targets, one per line', () => {
    const inputs = parseInputs(read({ 'target-database-url': 'staging=postgres://ro@staging/app\nproduction=postgresql://ro:pw@prod/app?sslmode=require' }));
    expect(inputs.targets).toEqual([
      { name: 'staging', url: 'postgres://ro@staging/app' },
      { name: 'production', url: 'postgresql://ro:pw@prod/app?sslmode=require' },
    ]);
  });

  it('names the input and what it allows', () => {
    expect(() => parseInputs(read({ 'fail-on': 'drift,typo' }))).toThrow(
      'input `fail-on`: unknown finding group `typo`; allowed: drift, migration, destructive, risk, lock, history, target',
    );
    expect(() => parseInputs(read({ comment: 'sometimes' }))).toThrow('input `comment`: `sometimes` is not one of on-failure, always, never');
    expect(() => parseInputs(read({ 'review-comments': 'yes' }))).toThrow('input `review-comments`: `yes` is not one of on-failure, always, never');
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
});
