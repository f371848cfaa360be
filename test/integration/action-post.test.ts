import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBindir } from '../../src/provision/cluster.js';
import type { Residue } from '../../src/provision/residue.js';
import { adminQuery, SERVER_URL } from '../support/pg.js';
import { runAction } from '../support/run-action.js';

// A cancelled job gets SIGINT, then SIGTERM, then is killed; the main step cleans up on the first two, and
// only the post step (`runs.post`, `post-if: always()`) runs after the last. These kill the main step the
// hard way, at the worst moment, and run the post step with the state the runner hands on.

const residueOf = (state: Record<string, string>): Residue => JSON.parse(state.residue ?? '{"databases":[],"clusters":[]}') as Residue;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the post step', () => {
  // A role of its own: the databases it owns are exactly those this file's runs created.
  const role = `pdtest_post_${randomBytes(4).toString('hex')}`;
  const url = new URL(SERVER_URL);
  url.username = role;
  const serverUrl = url.toString();
  const ownedDatabases = async () =>
    (await adminQuery(`SELECT datname FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = '${role}')`)).rows.map(
      (row: { datname: string }) => row.datname,
    );

  beforeAll(() => adminQuery(`CREATE ROLE ${role} LOGIN CREATEDB`));
  afterAll(async () => {
    for (const name of await ownedDatabases()) await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminQuery(`DROP ROLE IF EXISTS ${role}`);
  });

  it('has nothing to do after a main step that finished', async () => {
    const main = await runAction({ 'working-directory': 'fixtures/in-sync', 'database-url': serverUrl });
    expect(main.code, main.stdout).toBe(0);
    expect(residueOf(main.state)).toEqual({ databases: [], clusters: [] });

    const post = await runAction({ 'database-url': serverUrl }, { step: 'post', state: main.state });
    expect(post.code).toBe(0);
    expect(post.stdout).toBe('');
  });

  it('drops the databases of a main step killed while it had them', async () => {
    const main = await runAction(
      { 'working-directory': 'fixtures/in-sync', 'database-url': serverUrl },
      { killWhen: async (state) => residueOf(state).databases.length > 0 && (await ownedDatabases()).length > 0 },
    );
    expect(main.code).toBe(-1);
    const left = await ownedDatabases();
    expect(left.length).toBeGreaterThan(0);
    expect(residueOf(main.state).databases).toEqual(expect.arrayContaining(left));

    const post = await runAction({ 'database-url': serverUrl }, { step: 'post', state: main.state });
    expect(post.code, post.stdout).toBe(0);
    expect(post.stdout).toContain('Dropped the databases the main step left');
    expect(await ownedDatabases()).toEqual([]);
  });

  it('stops and removes the temporary cluster of a main step killed while it ran', async (context) => {
    try {
      findBindir();
    } catch {
      context.skip('no PostgreSQL server binaries on this machine for a temporary cluster');
    }
    let pid = 0;
    const main = await runAction(
      { 'working-directory': 'fixtures/in-sync' },
      {
        killWhen: (state) => {
          const dir = residueOf(state).clusters[0];
          if (!dir || !existsSync(path.join(dir, 'data/postmaster.pid'))) return false;
          pid = Number(readFileSync(path.join(dir, 'data/postmaster.pid'), 'utf8').split('\n')[0]);
          return pid > 0;
        },
      },
    );
    expect(main.code).toBe(-1);
    const [dir] = residueOf(main.state).clusters;
    expect(existsSync(dir!)).toBe(true);
    expect(alive(pid)).toBe(true);

    const post = await runAction({}, { step: 'post', state: main.state });
    expect(post.code, post.stdout).toBe(0);
    expect(post.stdout).toContain('Removed the temporary PostgreSQL cluster');
    expect(existsSync(dir!)).toBe(false);
    expect(alive(pid)).toBe(false);
  });
});
