import type pg from 'pg';
import { withClient } from './connect.js';

/**
 * Session settings for throwaway databases. PostgreSQL prints timestamptz defaults in the session's time
 * zone; the expected schema writes them in UTC, as Prisma does. Nothing here needs to survive a crash, so
 * commits do not wait for the WAL flush: one fsync less per migration on a server that has fsync on.
 */
const SCRATCH_OPTIONS = '-c TimeZone=UTC -c synchronous_commit=off';

/** Runs `fn` on a fresh connection to a throwaway database and always closes it (a template database must have none open). */
export function withScratchClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(url, fn, { options: SCRATCH_OPTIONS });
}
