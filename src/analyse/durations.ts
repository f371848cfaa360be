import type pg from 'pg';
import type { Finding, Timing } from '../common/findings.js';
import { introspect } from '../introspect/introspect.js';
import { isRowBound } from './sizes.js';
import { withScratchClient } from '../db/scratch.js';
import { growTable, seedTables } from './seed.js';
import { parseMigrationSql, type SqlStatement } from '../apply/sql.js';
import type { DbSchema } from '../common/model.js';

/**
 * How long a statement that locks a table for as long as it goes through its rows takes at two sizes of the
 * table, so the time can be extrapolated to a live database's row count (sizes.ts). The seeded copy with a
 * few rows per table tells which locks a statement takes; its time on 20 rows says nothing about 20 million.
 */

/** The two sizes a statement is timed at: far enough apart that the time per row shows above the fixed cost. */
export const TIMING_ROWS = [10_000, 100_000] as const;

/** A statement slower than this on 100,000 rows is past what an order of magnitude needs. */
const STATEMENT_TIMEOUT = '60s';
/** The timings are extra information: past this, the statements not timed yet go without an estimate. */
const BUDGET_MS = 120_000;

export interface TimingInput {
  /**
   * A database that holds the state before the new migrations and that nothing else needs: it is seeded,
   * and each migration is applied to it after its statements are timed.
   */
  url: string;
  base: DbSchema;
  migrations: { name: string; file: string; sql: string }[];
  /** The findings of the same migrations: their row-bound statements are the ones timed. */
  findings: readonly Finding[];
  log: (line: string) => void;
}

/**
 * Times each statement behind a row-bound finding at each of TIMING_ROWS rows in its table, and puts the
 * times on the findings of that statement. Each timing runs in a transaction that is rolled back: the rows
 * are added, the statements of the file before it run, then the statement is timed. A statement whose
 * timing fails (a timeout, rows a constraint rejects, a file that cannot run in a transaction) keeps its
 * findings as they are; a migration that fails to apply ends the timings, as those after it build on it.
 * Nothing here fails the check: whatever goes wrong, the findings keep the timings gathered until then.
 */
export async function timeRowBoundStatements(input: TimingInput): Promise<Finding[]> {
  const wanted = new Map<string, Map<number, { schema: string; name: string }>>();
  for (const finding of input.findings) {
    const table = finding.object?.kind === 'table' ? finding.object.name : finding.object?.table;
    if (!isRowBound(finding) || !finding.migration || !finding.location || !finding.object?.schema || !table) continue;
    const lines = wanted.get(finding.migration) ?? new Map();
    lines.set(finding.location.line, { schema: finding.object.schema, name: table });
    wanted.set(finding.migration, lines);
  }
  if (!wanted.size) return [...input.findings];

  const timings = new Map<string, Timing[]>();
  const deadline = performance.now() + BUDGET_MS;
  const timing = withScratchClient(input.url, async (client) => {
    await seedTables(client, input.base);
    for (const migration of input.migrations) {
      const lines = wanted.get(migration.name);
      if (lines) {
        const parsed = await parseMigrationSql(migration.sql);
        const schema = await introspect(client);
        for (const [line, table] of parsed.ok ? lines : []) {
          if (performance.now() > deadline) {
            input.log(`Stopped timing statements after ${BUDGET_MS / 1000} s; the rest go without a duration estimate`);
            return;
          }
          const statements = parsed.ok ? parsed.statements : [];
          const index = statements.findIndex((statement) => statement.line === line);
          if (index < 0) continue;
          const samples: Timing[] = [];
          for (const rows of TIMING_ROWS) {
            const timed = await timeAt(client, schema, table, rows, statements.slice(0, index), statements[index]!).catch(
              (error: Error) => {
                input.log(`Could not time ${migration.file}:${line} at ${rows} rows: ${error.message}`);
                return null;
              },
            );
            if (!timed) break;
            samples.push(timed);
          }
          if (samples.length === TIMING_ROWS.length) timings.set(`${migration.name}:${line}`, samples);
        }
      }
      const applied = await client.query(migration.sql).then(
        () => true,
        () => false,
      );
      if (!applied) break;
    }
  });
  await timing.catch((error: Error) => input.log(`Could not time the statements: ${error.message}`));
  input.log(`Timed ${timings.size} statements at ${TIMING_ROWS.join(' and ')} rows`);
  return input.findings.map((finding) => {
    const samples = finding.migration && finding.location ? timings.get(`${finding.migration}:${finding.location.line}`) : undefined;
    return samples && isRowBound(finding) ? { ...finding, timings: samples } : finding;
  });
}

/** Grows the table to `rows`, runs the statements before the timed one, times it, and rolls it all back. */
async function timeAt(
  client: pg.ClientBase,
  schema: DbSchema,
  table: { schema: string; name: string },
  rows: number,
  before: SqlStatement[],
  statement: SqlStatement,
): Promise<Timing | null> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL statement_timeout = '${STATEMENT_TIMEOUT}'`);
    const grown = await growTable(client, schema, table, rows);
    if (grown < rows) return null;
    for (const earlier of before) if (!isTransactionControl(earlier)) await client.query(earlier.text);
    const started = performance.now();
    await client.query(statement.text);
    return { rows, ms: Math.round((performance.now() - started) * 10) / 10 };
  } finally {
    await client.query('ROLLBACK');
  }
}

/** The file's own BEGIN and COMMIT: the timing's transaction takes their place. */
function isTransactionControl(statement: SqlStatement): boolean {
  return 'TransactionStmt' in statement.node;
}
