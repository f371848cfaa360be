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

const residueOf = (state: Record<string, string>): Residue =>
  JSON.parse(state.residue ?? '{"databases":[],"roles":[],"clusters":[]}') as Residue;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the post step', () => {
  // An admin role of its own: the throwaway roles it creates (and is made a member of, to give them
  // databases) and the databases they own are exactly those this file's runs created.
  const role = `pdtest_post_${randomBytes(4).toString('hex')}`;
  const url = new URL(SERVER_URL);
  url.username = role;
  const serverUrl = url.toString();
  const throwawayRoles = async () =>
    (
      await adminQuery(
        `SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = '${role}')`,
      )
    ).rows.map((row: { rolname: string }) => row.rolname);
  const ownedDatabases = async () =>
    (
      await adminQuery(
        `SELECT datname FROM pg_database WHERE datdba IN (SELECT roleid FROM pg_auth_members WHERE member = (SELECT oid FROM pg_roles WHERE rolname = '${role}'))`,
      )
    ).rows.map((row: { datname: string }) => row.datname);
  const existingRoles = async (names: string[]) =>
    (await adminQuery(`SELECT rolname FROM pg_roles WHERE rolname = ANY('{${names.join(',')}}')`)).rows.map(
      (row: { rolname: string }) => row.rolname,
    );

  beforeAll(() => adminQuery(`CREATE ROLE ${role} LOGIN CREATEDB CREATEROLE`));
  afterAll(async () => {
    for (const name of await ownedDatabases()) await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    for (const name of await throwawayRoles()) await adminQuery(`DROP ROLE IF EXISTS "${name}"`);
    await adminQuery(`DROP ROLE IF EXISTS ${role}`);
  });

  it('has nothing to do after a main step that finished', async () => {
    const main = await runAction({ 'working-directory': 'fixtures/in-sync', 'database-url': serverUrl });
    expect(main.code, main.stdout).toBe(0);
    expect(residueOf(main.state)).toEqual({ databases: [], roles: [], clusters: [] });
    expect(await throwawayRoles()).toEqual([]);

    const post = await runAction({ 'database-url': serverUrl }, { step: 'post', state: main.state });
    expect(post.code).toBe(0);
    expect(post.stdout).toBe('');
  });

  it('drops the databases and the role of a main step killed while it had them', async () => {
    const main = await runAction(
      { 'working-directory': 'fixtures/in-sync', 'database-url': serverUrl },
      { killWhen: async (state) => residueOf(state).databases.length > 0 && (await ownedDatabases()).length > 0 },
    );
    expect(main.code).toBe(-1);
    const left = await ownedDatabases();
    expect(left.length).toBeGreaterThan(0);
    expect(residueOf(main.state).databases).toEqual(expect.arrayContaining(left));
    const roles = await throwawayRoles();
    expect(roles).toHaveLength(1);
    expect(residueOf(main.state).roles).toEqual(roles);

    const post = await runAction({ 'database-url': serverUrl }, { step: 'post', state: main.state });
    expect(post.code, post.stdout).toBe(0);
    expect(post.stdout).toContain('Dropped what the main step left: database ');
    expect(post.stdout).toContain(`role ${roles[0]}`);
    expect(await ownedDatabases()).toEqual([]);
    expect(await existingRoles(roles)).toEqual([]);
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
