import { readFileSync } from 'node:fs';
import type { Finding } from '../findings.js';
import type { MigrationEntry } from '../migrations.js';
import type { DbSchema } from '../model.js';
import { withClient } from '../scratch.js';
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
  log: (line: string) => void;
}

const DEFAULT_SCHEMA = 'public';

/**
 * What the pull request's new migrations will do to a database that has data: static rules over their SQL,
 * then the real thing, measured on the base state with data seeded into it (locks, rewrites, failures on data).
 * Nothing is accepted here: the files' waiver comments are returned for acceptance to apply with the rest.
 */
export async function analyseNewMigrationsOf(input: NewMigrationsInput): Promise<{ findings: Finding[]; waivers: FileWaivers[] }> {
  const migrations = input.migrations.flatMap((entry) =>
    entry.sqlPath ? [{ name: entry.name, file: input.relative(entry.sqlPath), sql: readFileSync(entry.sqlPath, 'utf8') }] : [],
  );
  const statics = await analyseNewMigrations({ migrations, base: input.base, defaultSchema: DEFAULT_SCHEMA });

  const seed = await withClient(input.databaseUrl, (client) => seedTables(client, input.base));
  input.log(`Seeded ${seed.seeded.length} tables to measure ${migrations.length} new migrations on`);
  const existingTables = input.base.tables.map((table) => ({ schema: table.schema, name: table.name }));
  const { findings: locks } = await measureNewMigrations(input.databaseUrl, { existingTables, migrations, defaultSchema: DEFAULT_SCHEMA });
  return { findings: [...statics.findings, ...locks], waivers: statics.waivers };
}
