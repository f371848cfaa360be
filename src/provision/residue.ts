/**
 * What this process has made outside itself and not removed yet: throwaway databases and roles on the
 * server of `database-url`, and the folders of temporary clusters. The action hands every change to the step's state
 * (core.saveState writes it to a file at once), so that its post step can remove what a killed main step left
 * behind: a cancelled job gets SIGINT, then SIGTERM, then is killed, and only a post step runs after that.
 */
export interface Residue {
  databases: string[];
  /** The throwaway roles migrations run as, on the server of `database-url`. */
  roles: string[];
  clusters: string[];
}

const residue: Residue = { databases: [], roles: [], clusters: [] };
let recorder: ((residue: Residue) => void) | null = null;

/** Calls `record` now and after every change. */
export function recordResidue(record: (residue: Residue) => void): void {
  recorder = record;
  record(residue);
}

export function addResidue(kind: keyof Residue, id: string): void {
  residue[kind].push(id);
  recorder?.(residue);
}

export function removeResidue(kind: keyof Residue, id: string): void {
  const index = residue[kind].indexOf(id);
  if (index < 0) return;
  residue[kind].splice(index, 1);
  recorder?.(residue);
}
