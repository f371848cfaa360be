import { afterEach, describe, expect, it, vi } from 'vitest';
import { docUrl } from '../../src/common/catalogue.js';
import { annotationsFor, emitAnnotations } from '../../src/report/annotations.js';
import { finding } from '../support/report-fixture.js';

describe('annotationsFor', () => {
  it("annotates the finding's file and line with its rule as the title", () => {
    const [annotation] = annotationsFor([
      finding('drift/missing-column', 'Column "User"."email" is missing', {
        location: { file: 'apps/api/prisma/schema.prisma', line: 14, column: 3 },
        hint: 'Run prisma migrate dev.',
      }),
    ]);
    expect(annotation).toEqual({
      level: 'error',
      message: `Column "User"."email" is missing\nRun prisma migrate dev.\nAbout drift/missing-column: ${docUrl('drift/missing-column')}`,
      properties: { title: 'drift/missing-column', file: 'apps/api/prisma/schema.prisma', startLine: 14, startColumn: 3 },
    });
  });

  it('puts the most severe first and turns accepted findings into notices', () => {
    const annotations = annotationsFor([
      finding('risk/set-not-null', 'a notice', { severity: 'notice' }),
      finding('drift/extra-index', 'an accepted error', { waived: { reason: 'planned' } }),
      finding('risk/update-without-where', 'a warning', { severity: 'warning' }),
      finding('drift/missing-column', 'an error'),
    ]);
    expect(annotations.map((a) => [a.level, a.properties.title])).toEqual([
      ['error', 'drift/missing-column'],
      ['warning', 'risk/update-without-where'],
      ['notice', 'risk/set-not-null'],
      ['notice', 'drift/extra-index (accepted)'],
    ]);
    expect(annotations[3]?.message).toBe(
      `an accepted error\nAccepted (waived: planned).\nAbout drift/extra-index: ${docUrl('drift/extra-index')}`,
    );
  });
});

describe('emitAnnotations', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes at most ten per level, errors first, and counts the rest', () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const annotations = annotationsFor([
      ...Array.from({ length: 3 }, (_, i) => finding('risk/set-not-null', `warning ${i}`, { severity: 'warning' })),
      ...Array.from({ length: 12 }, (_, i) =>
        finding('destructive/drop-table', `error ${i}`, {
          location: { file: 'prisma/migrations/2_drop/migration.sql', line: i + 1, column: 1 },
        }),
      ),
    ]);
    const overflow = emitAnnotations(annotations);
    vi.restoreAllMocks();
    expect(overflow).toBe(2);
    const commands = written.map((line) => line.trimEnd());
    expect(commands).toHaveLength(13);
    expect(commands[0]).toBe(
      `::error title=destructive/drop-table,file=prisma/migrations/2_drop/migration.sql,line=1,col=1::error 0%0AAbout destructive/drop-table: ${docUrl('destructive/drop-table')}`,
    );
    expect(commands.slice(0, 10).every((c) => c.startsWith('::error '))).toBe(true);
    expect(commands.slice(10).every((c) => c.startsWith('::warning title=risk/set-not-null::warning '))).toBe(true);
  });
});
