import type pg from 'pg';
import type { SizeRequest, TableStats } from '../analyse/sizes.js';

/**
 * The sizes of the requested tables on a live database, in one query, from the statistics only: the planner's
 * row estimate (pg_class.reltuples), the size of the files (pg_total_relation_size), a column's share of
 * NULLs (pg_stats) and the write counters (pg_stat_user_tables). None of these reads a row of the table; only
 * pg_total_relation_size opens it, with the ACCESS SHARE lock of any SELECT, so it waits (up to the lock timeout)
 * behind nothing but an ACCESS EXCLUSIVE. Requests for tables the database does not have are left out.
 */
export async function readTableSizes(
  client: pg.ClientBase,
  requests: readonly SizeRequest[],
  /** The schema a request's schema is on this database (the URL's schema instead of `public`). */
  schemaIn: (schema: string) => string,
): Promise<TableStats[]> {
  if (!requests.length) return [];
  const { rows } = await client.query<{
    i: string;
    reltuples: number;
    stamped: boolean;
    bytes: string;
    null_frac: number | null;
    writes: string | null;
    minutes: number | null;
  }>(
    `SELECT w.i, c.reltuples::float8 AS reltuples,
            coalesce(s.last_analyze, s.last_autoanalyze, s.last_vacuum, s.last_autovacuum) IS NOT NULL AS stamped,
            pg_total_relation_size(c.oid) AS bytes,
            st.null_frac::float8 AS null_frac,
            s.n_tup_ins + s.n_tup_upd + s.n_tup_del AS writes,
            extract(epoch FROM statement_timestamp() - d.stats_reset)::float8 / 60 AS minutes
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS w(schema, "table", "column", i)
       JOIN pg_namespace n ON n.nspname = w.schema
       JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = w.table AND c.relkind = 'r'
       LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
       LEFT JOIN pg_stats st ON st.schemaname = w.schema AND st.tablename = w.table AND st.attname = w.column AND NOT st.inherited
       LEFT JOIN pg_stat_database d ON d.datname = current_database()`,
    [requests.map((r) => schemaIn(r.schema)), requests.map((r) => r.table), requests.map((r) => r.column)],
  );
  return rows.map((row) => ({
    ...requests[Number(row.i) - 1]!,
    rows: analysed(row) ? Math.round(row.reltuples) : null,
    bytes: Number(row.bytes),
    nullFraction: analysed(row) ? row.null_frac : null,
    writesPerMinute:
      row.writes !== null && row.minutes !== null && row.minutes > 0 ? Math.round((Number(row.writes) / row.minutes) * 10) / 10 : null,
  }));
}

/**
 * Whether reltuples is an estimate. Since PostgreSQL 14 it is -1 until the first VACUUM or ANALYZE; before,
 * 0 meant both "empty" and "never looked at", which only the timestamps of VACUUM and ANALYZE tell apart.
 */
function analysed(row: { reltuples: number; stamped: boolean }): boolean {
  return row.reltuples > 0 || (row.reltuples === 0 && row.stamped);
}
