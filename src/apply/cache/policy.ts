/**
 * Whether this workflow run may write cached states: only runs of the default branch itself. A pull
 * request's run only reads, so no state built from a pull request's files is ever restored by a run.
 */
export function writesCache(run: { eventName: string; ref: string; defaultBranch: string | undefined }): boolean {
  // Scheduled runs always use the default branch's latest commit.
  if (run.eventName === 'schedule') return true;
  if (run.eventName !== 'push' && run.eventName !== 'workflow_dispatch') return false;
  return run.defaultBranch !== undefined && run.ref === `refs/heads/${run.defaultBranch}`;
}
