import path from 'node:path';
import pg from 'pg';
import { applyMigrations } from './apply.js';
import { compareSchemas } from './compare.js';
import type { Finding, Group } from './findings.js';
import { isFailing } from './findings.js';
import { introspect } from './introspect.js';
import type { ProjectPaths } from './locate.js';
import { listMigrations } from './migrations.js';
import { migrationLocator } from './origins.js';
import { expectSchema } from './prisma/expect.js';
import { readSchemaFiles } from './prisma/files.js';
import { parseSchema } from './prisma/parse.js';
import { provision } from './provision/index.js';
import type { Report } from './report/report.js';
import { REPORT_VERSION } from './report/report.js';
import { sortFindings } from './report/text.js';

export interface CheckOptions {
  project: ProjectPaths;
  /** Paths in findings and reports are relative to this folder (the repository root in Actions). */
  root: string;
  databaseUrl?: string;
  failOn: Group[];
  /** Overrides the Prisma version read from package.json. */
  prismaVersion?: string;
  log: (line: string) => void;
}

/**
 * The drift check: derive the database schema.prisma describes, replay the migrations on a throwaway
 * database, read back what they produced and compare the two. Throws only when the check cannot run
 * (bad schema, no PostgreSQL); everything about the project itself is a finding.
 */
export async function runCheck(options: CheckOptions): Promise<Report> {
  const started = performance.now();
  const { project, root, log } = options;
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  const prismaVersion = options.prismaVersion ?? project.prismaVersion;

  const schema = parseSchema(readSchemaFiles(project.schema).map((file) => ({ ...file, path: relative(file.path) })));
  const expected = expectSchema(schema, { prismaVersion: prismaVersion ?? undefined });
  const migrations = listMigrations(project.migrations);
  log(`Schema ${relative(project.schema)}, ${migrations.length} migrations in ${relative(project.migrations)}${prismaVersion ? `, Prisma ${prismaVersion}` : ''}`);

  const server = await provision({ databaseUrl: options.databaseUrl, log });
  try {
    const database = await server.createDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const replay = await applyMigrations(client, migrations, relative);
      const totalMs = replay.applied.reduce((sum, m) => sum + m.ms, 0);
      log(`Replayed ${replay.applied.length} of ${migrations.length} migrations in ${Math.round(totalMs)} ms`);
      const migrated = await introspect(client);
      const findings: Finding[] = replay.failure
        ? [replay.failure]
        : sortFindings(compareSchemas(expected, migrated, { locate: migrationLocator(migrations, relative) }));
      const failOn = new Set(options.failOn);
      return {
        version: REPORT_VERSION,
        ok: !findings.some((finding) => isFailing(finding, failOn)),
        drift: findings.some((finding) => finding.group === 'drift' && !finding.baselined && !finding.waived),
        failOn: options.failOn,
        schema: relative(project.schema),
        migrations: relative(project.migrations),
        prismaVersion: prismaVersion ?? null,
        postgresVersion: server.serverVersion.full,
        findings,
        applied: replay.applied.map((m) => ({ name: m.name, ms: Math.round(m.ms * 10) / 10 })),
        unmodelled: migrated.unmodelled,
        durationMs: Math.round(performance.now() - started),
      };
    } finally {
      await client.end();
    }
  } finally {
    await server.close();
  }
}
