import { readFileSync } from 'node:fs';
import type { Finding } from '../findings.js';
import type { MigrationEntry } from '../migrations.js';
import type { DbSchema } from '../model.js';
import type { Provisioned } from '../provision/index.js';
import { withClient } from '../scratch.js';
import { measureNewMigrations } from './locks.js';
import { seedTables } from './seed.js';
import { analyseNewMigrations } from './static.js';

export interface NewMigrationsInput {
  server: Provisioned;
  /** Database holding the state before the new migrations (the shared prefix, replayed once). */
  baseDatabase: string;
  /** What that database holds. */
  base: DbSchema;
  migrations: MigrationEntry[];
  relative: (file: string) => string;
  /** When the pull request carries the `allow-label`, destructive findings are reported but accepted. */
  allowDestructive: string | null;
  log: (line: string) => void;
}

const DEFAULT_SCHEMA = 'public';

/**
 * What the pull request's new migrations will do to a database that has data: static rules over their SQL,
 * then the real thing, measured on a seeded copy of the base state (locks, rewrites, failures on data).
 */
export async function analyseNewMigrationsOf(input: NewMigrationsInput): Promise<Finding[]> {
  const migrations = input.migrations.flatMap((entry) =>
    entry.sqlPath ? [{ name: entry.name, file: input.relative(entry.sqlPath), sql: readFileSync(entry.sqlPath, 'utf8') }] : [],
  );
  const statics = await analyseNewMigrations({ migrations, base: input.base, defaultSchema: DEFAULT_SCHEMA });

  const seeded = await input.server.createDatabase({ template: input.baseDatabase });
  let locks: Finding[];
  try {
    const seed = await withClient(seeded.url, (client) => seedTables(client, input.base));
    input.log(`Seeded ${seed.seeded.length} tables to measure ${migrations.length} new migrations on`);
    const existingTables = input.base.tables.map((table) => ({ schema: table.schema, name: table.name }));
    ({ findings: locks } = await measureNewMigrations(input.server, {
      template: seeded.name,
      existingTables,
      migrations,
      defaultSchema: DEFAULT_SCHEMA,
    }));
  } finally {
    await input.server.dropDatabase(seeded.name);
  }

  const findings = [...statics, ...locks];
  const label = input.allowDestructive;
  if (!label) return findings;
  return findings.map((finding) =>
    finding.group === 'destructive' && !finding.waived ? { ...finding, waived: { reason: `the pull request is labelled \`${label}\`` } } : finding,
  );
}
