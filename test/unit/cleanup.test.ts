import { describe, expect, it } from 'vitest';
import { onCleanup, runCleanup } from '../../src/common/cleanup.js';

// Signals and crashes are exercised end to end, with real processes and databases, in provision.test.ts.
describe('cleanup registry', () => {
  it('runs handlers newest first, each once, however often cleanup runs', async () => {
    const ran: string[] = [];
    onCleanup(() => void ran.push('cluster'));
    onCleanup(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      ran.push('database');
    });
    await Promise.all([runCleanup(), runCleanup()]);
    await runCleanup();
    expect(ran).toEqual(['database', 'cluster']);
  });

  it('keeps going past a failing handler and does not throw', async () => {
    const ran: string[] = [];
    const stderr: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => stderr.push(chunk) > 0) as typeof process.stderr.write;
    try {
      onCleanup(() => void ran.push('first'));
      onCleanup(() => {
        throw new Error('drop failed');
      });
      onCleanup(() => Promise.reject(new Error('stop failed')));
      await expect(runCleanup()).resolves.toBeUndefined();
    } finally {
      process.stderr.write = write;
    }
    expect(ran).toEqual(['first']);
    expect(stderr.join('')).toMatch(/cleanup failed: stop failed[\s\S]*cleanup failed: drop failed/);
  });

  it('skips a handler whose disposer was called', async () => {
    const ran: string[] = [];
    onCleanup(() => void ran.push('kept'));
    const dispose = onCleanup(() => void ran.push('disposed'));
    dispose();
    dispose();
    await runCleanup();
    expect(ran).toEqual(['kept']);
  });

  it('runs handlers registered while cleanup is under way', async () => {
    const ran: string[] = [];
    onCleanup(() => void onCleanup(() => void ran.push('late')));
    await runCleanup();
    expect(ran).toEqual(['late']);
  });
});
