import * as core from '@actions/core';
import { removeLeftoverCluster } from '../provision/cluster.js';
import { connectServer } from '../provision/server.js';
import { secretsOf } from '../common/redact.js';
import type { Residue } from '../provision/residue.js';
import * as z from '../common/zod.js';

/** The step state the main step keeps its residue in (src/provision/residue.ts). */
export const RESIDUE_STATE = 'residue';

const residueSchema = z.object({ databases: z.array(z.string()), roles: z.array(z.string()), clusters: z.array(z.string()) });

/**
 * The action's post step (`runs.post`, `post-if: always()`): removes the throwaway databases and roles and
 * the temporary clusters a cancelled or killed main step could not. After a main step that finished, its state lists
 * nothing and this returns at once. It only warns: a leftover in a job's own service container or
 * temporary folder goes with the job anyway, and must not fail a check that passed.
 */
export async function run(): Promise<void> {
  const saved = core.getState(RESIDUE_STATE);
  if (!saved) return;
  let parsed;
  try {
    parsed = residueSchema.safeParse(JSON.parse(saved));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) return core.warning(`Not cleaning up: the main step's state is not readable (${saved}).`);
  const residue: Residue = parsed.data;
  for (const dir of residue.clusters) {
    await removeLeftoverCluster(dir).then(
      () => core.info(`Removed the temporary PostgreSQL cluster the main step left in ${dir}.`),
      (error: Error) => core.warning(`Could not remove the temporary PostgreSQL cluster in ${dir}: ${error.message}`),
    );
  }
  const left = [...residue.databases.map((name) => `database ${name}`), ...residue.roles.map((name) => `role ${name}`)].join(', ');
  if (!left) return;
  const url = core.getInput('database-url');
  for (const secret of url ? secretsOf(url) : []) core.setSecret(secret);
  if (!url) return core.warning(`The main step left ${left} but there is no database-url to drop them on.`);
  try {
    const server = await connectServer(url);
    try {
      server.adopt(residue.databases);
      server.adoptRoles(residue.roles);
      await server.dropAll().done;
      // After the databases: a role that still owns one cannot be dropped.
      await server.dropRoles();
    } finally {
      server.close();
    }
    core.info(`Dropped what the main step left: ${left}.`);
  } catch (error) {
    core.warning(`Could not drop what the main step left (${left}): ${(error as Error).message}`);
  }
}
