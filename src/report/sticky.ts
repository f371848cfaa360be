import * as core from '@actions/core';
import { renderAllClear } from './comment.js';
import { isHttpError, type Octokit } from './github.js';

/** `comment` input: post always, only when the check fails (keeping an earlier comment current), or never. */
export type CommentMode = 'always' | 'on-failure' | 'never';

export interface StickyComment {
  octokit: Octokit;
  owner: string;
  repo: string;
  issueNumber: number;
  /** Hidden HTML comment that identifies this schema's comment; `body` must contain it. */
  marker: string;
  body: string;
  mode: CommentMode;
  failing: boolean;
}

export type StickyOutcome =
  | { action: 'created' | 'updated' | 'unchanged'; commentId: number; url: string }
  | { action: 'skipped' }
  /** The token may not read or write comments (fork pull requests, read-only tokens): warned, not thrown. */
  | { action: 'denied'; status: number };

/**
 * Keeps one comment per schema on the pull request, found by its marker. Comments are updated in place and
 * never deleted, so the conversation keeps its history; when the check passes again in `on-failure` mode
 * the comment shrinks to an all-clear rather than disappearing.
 */
export async function upsertStickyComment(input: StickyComment): Promise<StickyOutcome> {
  if (!input.body.includes(input.marker)) throw new Error('the comment body must contain its marker');
  if (input.mode === 'never') return { action: 'skipped' };
  try {
    const body = input.failing || input.mode === 'always' ? input.body : renderAllClear(input.marker);
    const existing = await findComment(input);
    if (existing) return await update(input, existing, body);
    if (!input.failing && input.mode === 'on-failure') return { action: 'skipped' };
    // Another job of the same workflow may have posted while this one was working: look again just before
    // creating so parallel runs converge on one comment.
    const latest = await findComment(input);
    if (latest) return await update(input, latest, body);
    const created = await input.octokit.rest.issues.createComment({
      owner: input.owner,
      repo: input.repo,
      issue_number: input.issueNumber,
      body,
    });
    return { action: 'created', commentId: created.data.id, url: created.data.html_url };
  } catch (error) {
    if (isHttpError(error) && (error.status === 403 || error.status === 404)) {
      core.warning(
        `Could not write the pull request comment (HTTP ${error.status}: ${error.message}). ` +
          'Pull requests from forks get a read-only token; otherwise grant the job `pull-requests: write`.',
      );
      return { action: 'denied', status: error.status };
    }
    throw error;
  }
}

interface ExistingComment {
  id: number;
  body?: string;
  html_url: string;
}

/** The oldest comment carrying the marker, so that after a lost race every run keeps editing the same one. */
async function findComment(input: StickyComment): Promise<ExistingComment | undefined> {
  const comments = await input.octokit.paginate(input.octokit.rest.issues.listComments, {
    owner: input.owner,
    repo: input.repo,
    issue_number: input.issueNumber,
    per_page: 100,
  });
  return comments.filter((c) => c.body?.includes(input.marker)).sort((a, b) => a.id - b.id)[0];
}

async function update(input: StickyComment, existing: ExistingComment, body: string): Promise<StickyOutcome> {
  if (existing.body === body) return { action: 'unchanged', commentId: existing.id, url: existing.html_url };
  const updated = await input.octokit.rest.issues.updateComment({ owner: input.owner, repo: input.repo, comment_id: existing.id, body });
  return { action: 'updated', commentId: updated.data.id, url: updated.data.html_url };
}
