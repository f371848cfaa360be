import type { Finding } from '../findings.js';
import { readMigrationSql, type MigrationEntry } from '../migrations.js';
import type { DbSchema } from '../model.js';
import { withScratchClient } from '../db/scratch.js';
import { timeRowBoundStatements } from './durations.js';
import { measureNewMigrations } from './locks.js';
import { seedTables } from './seed.js';
import { analyseNewMigrations } from './static.js';
import type { FileWaivers } from './waivers.js';

export interface NewMigrationsInput {
  /**
   * A database holding the state before the new migrations (the shared prefix, replayed once). The analysis
   * seeds it and applies the new migrations to it: it must be one nothing else needs any more.
   */
  databaseUrl: string;
  /** What that database holds. */
  base: DbSchema;
  migrations: MigrationEntry[];
  relative: (file: string) => string;
  /**
   * Another copy of the state before the new migrations, given when live databases will say how big the
   * tables are: the row-bound statements are timed on it at larger sizes (durations.ts).
   */
  timingUrl: string | null;
  log: (line: string) => void;
}

const DEFAULT_SCHEMA = 'public';

/**
 * What the pull request's new migrations will do to a database that has data: static rules over their SQL,
 * then the real thing, measured on the base state with data seeded into it (locks, rewrites, failures on data).
 * Nothing is accepted here: the files' waiver comments are returned for acceptance to apply with the rest.
 */
export async function analyseNewMigrationsOf(input: NewMigrationsInput): Promise<{ findings: Finding[]; waivers: FileWaivers[] }> {
  const migrations = input.migrations.flatMap((entry) => {
    const sql = readMigrationSql(entry);
    return sql !== null && entry.sqlPath ? [{ name: entry.name, file: input.relative(entry.sqlPath), sql }] : [];
  });
  const statics = await analyseNewMigrations({ migrations, base: input.base, defaultSchema: DEFAULT_SCHEMA });

  const seed = await withScratchClient(input.databaseUrl, (client) => seedTables(client, input.base));
  input.log(`Seeded ${seed.seeded.length} tables to measure ${migrations.length} new migrations on`);
  const existingTables = input.base.tables.map((table) => ({ schema: table.schema, name: table.name }));
  const { findings: locks } = await measureNewMigrations(input.databaseUrl, { existingTables, migrations, defaultSchema: DEFAULT_SCHEMA });

  const found = [...statics.findings, ...locks];
  const findings = input.timingUrl
    ? await timeRowBoundStatements({ url: input.timingUrl, base: input.base, migrations, findings: found, log: input.log })
    : found;
  return { findings, waivers: statics.waivers };
}
