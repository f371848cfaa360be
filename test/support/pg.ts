import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runCheck, type CheckOptions } from '../../src/check.js';
import { withProvisioning } from '../../src/provision/index.js';
import type { Report } from '../../src/report/report.js';

/** The server tests run against: the machine's PostgreSQL unless TEST_DATABASE_URL says otherwise. */
export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(database: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates a uniquely named database, runs `fn` with its URL and drops it afterwards. */
export async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `pdtest_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  try {
    return await fn(databaseUrl(name));
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

export async function adminQuery(sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs one simple-protocol script against a database. */
export async function runScript(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** runCheck on the test server, with PostgreSQL started before it and closed after it, as the entry points do. */
export function checkOnServer(options: Omit<CheckOptions, 'provisioning'>): Promise<Report> {
  return withProvisioning({ databaseUrl: SERVER_URL, log: options.log, firstDatabase: options.drift }, (provisioning) =>
    runCheck({ ...options, provisioning }),
  );
}
