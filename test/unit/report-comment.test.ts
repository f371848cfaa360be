import { describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, commentMarker, renderComment, suggestMigrationName } from '../../src/report/comment.js';
import { renderSummary } from '../../src/report/summary.js';
import { finding, reportWith } from '../support/report-fixture.js';

const MARKER = commentMarker('prisma/schema.prisma');
const OPTIONS = { repoUrl: 'https://github.com/acme/shop', sha: 'abc123', marker: MARKER };

const driftEmail = finding('drift/missing-column', 'Column "User"."email" is declared in schema.prisma but no migration creates it', {
  model: 'User',
  location: { file: 'prisma/schema.prisma', line: 14, column: 3 },
  sql: 'ALTER TABLE "User" ADD COLUMN "email" TEXT NOT NULL;',
});
const driftIndex = finding('drift/missing-index', 'Index "Post_authorId_idx" is missing', {
  model: 'Post',
  sql: 'CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");',
});
const dropColumn = finding('destructive/drop-column', 'Drops column "User"."name" and its data', {
  migration: '20240102000000_drop_name',
  location: { file: 'prisma/migrations/20240102000000_drop_name/migration.sql', line: 3, column: 1 },
  hint: 'Copy the data elsewhere first.',
});
const lock = finding('lock/access-exclusive', 'Takes ACCESS EXCLUSIVE on "Order" for 2.1 s', {
  severity: 'warning',
  migration: '20240102000000_drop_name',
  location: { file: 'prisma/migrations/20240102000000_drop_name/migration.sql', line: 5, column: 1 },
});
const edited = finding('history/edited', 'Migration 20240101000000_init was edited after it was applied', {
  migration: '20240101000000_init',
});
const baselined = finding('drift/extra-table', 'Table "legacy_audit" is not in schema.prisma', {
  baselined: { reason: 'kept for the audit team' },
});

describe('renderComment', () => {
  const body = renderComment(reportWith([driftEmail, driftIndex, dropColumn, lock, edited, baselined]), OPTIONS);

  it('starts with the marker and a one-line verdict counting each group', () => {
    const [marker, , verdict] = body.split('\n');
    expect(marker).toBe(MARKER);
    expect(verdict).toBe(
      '❌ **Prisma drift check failed** for `prisma/schema.prisma`: 2 drift · 1 destructive · 1 lock · 1 history · 1 accepted',
    );
  });

  it('groups drift by model with the SQL the missing migration needs and the command to generate it', () => {
    const drift = section(body, 'Schema drift');
    expect(drift.indexOf('**User**')).toBeLessThan(drift.indexOf('ALTER TABLE "User" ADD COLUMN "email" TEXT NOT NULL;'));
    expect(drift.indexOf('**Post**')).toBeLessThan(drift.indexOf('CREATE INDEX "Post_authorId_idx"'));
    expect(drift).toContain('[prisma/schema.prisma:14](https://github.com/acme/shop/blob/abc123/prisma/schema.prisma#L14)');
    expect(drift).toContain('npx prisma migrate dev --name sync_post_user');
    expect(drift).not.toContain('legacy');
  });

  it('groups migration findings by migration and links the lines of the pull request', () => {
    const migrations = section(body, 'Migrations');
    expect(migrations).toContain('**`20240102000000_drop_name`**');
    expect(migrations).toContain(
      '[prisma/migrations/20240102000000\\_drop\\_name/migration.sql:3](https://github.com/acme/shop/blob/abc123/prisma/migrations/20240102000000_drop_name/migration.sql#L3)',
    );
    expect(migrations).toContain('Copy the data elsewhere first.');
    expect(migrations.indexOf('Drops column')).toBeLessThan(migrations.indexOf('ACCESS EXCLUSIVE'));
  });

  it('lists history findings in their own section', () => {
    expect(section(body, 'Migration history')).toContain('Migration 20240101000000\\_init was edited');
  });

  it('collapses accepted findings with the reason they were accepted', () => {
    expect(body).toMatch(
      /<details><summary><b>Accepted findings \(1\)[^<]*<\/b><\/summary>\n\n- .*legacy\\_audit.* — baselined: kept for the audit team\n\n<\/details>/,
    );
  });

  it('says so plainly when there is nothing to report', () => {
    expect(renderComment(reportWith([]), OPTIONS)).toBe(
      `${MARKER}\n\n✅ **Prisma drift check passed** for \`prisma/schema.prisma\`: no findings\n`,
    );
  });

  it('collapses a long section so the verdict stays in view', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      finding('lock/rewrite', `Rewrites table T${i}`, { severity: 'warning', migration: 'm1' }),
    );
    const text = renderComment(reportWith(many), OPTIONS);
    expect(text).toContain('<details><summary><b>Migrations</b></summary>');
    expect(text).not.toContain('#### Migrations');
  });

  it('keeps finding text literal rather than letting it become HTML or formatting', () => {
    const text = renderComment(
      reportWith([finding('risk/update-without-where', 'Default is <script>alert(1)</script> on *every* row')]),
      OPTIONS,
    );
    expect(text).toContain('Default is \\<script\\>alert(1)\\</script\\> on \\*every\\* row');
  });

  it('fences SQL that itself contains a code fence', () => {
    const sql = 'COMMENT ON TABLE "T" IS \'```\';';
    const text = renderComment(reportWith([finding('drift/missing-table', 'Table T is missing', { model: 'T', sql })]), OPTIONS);
    expect(text).toContain(`\`\`\`\`sql\n${sql}\n\`\`\`\``);
  });

  it('stays under GitHub’s size limit, keeping the most severe findings and saying how many were cut', () => {
    const notices = Array.from({ length: 400 }, (_, i) =>
      finding('risk/constraint-without-not-valid', `Notice ${i} ${'n'.repeat(200)}`, { severity: 'notice', migration: 'm1' }),
    );
    const errors = Array.from({ length: 400 }, (_, i) =>
      finding('destructive/drop-table', `Drops table Big${i} ${'e'.repeat(200)}`, { migration: 'm1' }),
    );
    const report = reportWith([...notices, ...errors]);
    const text = renderComment(report, OPTIONS);
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(text.length).toBeGreaterThan(COMMENT_LIMIT - 1000);
    const shown = text.split('\n').filter((line) => line.startsWith('- ')).length;
    expect(text).toContain(`**${800 - shown} more findings in the job summary / JSON report**`);
    expect(text).toContain('Drops table Big0 ');
    expect(text).not.toContain('Notice 399');
    expect(text).not.toContain('```diff');
  });
});

describe('links to review comments', () => {
  it('links a finding to its review comment on the diff', () => {
    const url = 'https://github.com/acme/shop/pull/7#discussion_r1001';
    const body = renderComment(reportWith([dropColumn, lock]), { ...OPTIONS, reviewLinks: new Map([[dropColumn, url]]) });
    expect(body).toContain(`#L3) · [review comment](${url}) — Copy the data elsewhere first.`);
    expect(body.match(/review comment/g)).toHaveLength(1);
  });
});

describe('an edited migration', () => {
  const patch = '--- a/m.sql\tmerged\n+++ b/m.sql\tthis pull request\n@@ -1 +1 @@\n-CREATE TABLE "A" ();\n+CREATE TABLE "B" ();\n';
  const withPatch = { ...edited, patch };

  it('shows its edit under its bullet in the comment and the job summary', () => {
    const indented = [
      '  ```diff',
      ...patch
        .trimEnd()
        .split('\n')
        .map((line) => `  ${line}`),
      '  ```',
    ].join('\n');
    expect(section(renderComment(reportWith([withPatch]), OPTIONS), 'Migration history')).toContain(`\n\n${indented}`);
    expect(renderSummary(reportWith([withPatch]))).toContain(`\n\n${indented}\n`);
  });
});

describe('suggestMigrationName', () => {
  it('names the migration after the drifted models', () => {
    expect(suggestMigrationName([driftEmail, driftIndex])).toBe('sync_post_user');
    expect(suggestMigrationName([finding('drift/missing-column', 'x', { model: 'OrderLineItem' })])).toBe('sync_order_line_item');
    expect(suggestMigrationName([finding('drift/missing-enum', 'x')])).toBe('sync_schema');
  });
});

/** The text of one `#### <title>` section, up to the next blank-line-separated heading or block. */
function section(body: string, title: string): string {
  const start = body.indexOf(`#### ${title}\n`);
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const next = body.slice(start + 1).search(/\n\n(#### |<details>)/);
  return next < 0 ? body.slice(start) : body.slice(start, start + 1 + next);
}
