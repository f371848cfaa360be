import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';

export type Octokit = ReturnType<typeof getOctokit>;

/** Octokit's options, and those of its retry and throttling plugins (tests shorten their waits). */
export type GitHubOptions = Omit<NonNullable<Parameters<typeof getOctokit>[1]>, 'throttle'> & { throttle?: Partial<ThrottlingOptions> };

/** A longer wait than this is not worth holding a CI job for: give up and report instead. */
const MAX_WAIT_SECONDS = 120;
/** Retries after a rate limit, the first try aside. */
const RATE_LIMIT_RETRIES = 3;
/**
 * The statuses Octokit's retry plugin leaves alone: its defaults, and 429, which the throttling plugin waits
 * out for as long as GitHub asks instead of on the retry plugin's own schedule.
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

/**
 * The action's GitHub client: Octokit with its retry plugin, which retries server errors with backoff, and
 * its throttling plugin, which spaces writes as GitHub asks of integrations (a second apart, more for those
 * that notify) and waits out a rate limit for as long as GitHub says when that is short enough for a CI job.
 */
export function githubClient(token: string, options: GitHubOptions = {}): Octokit {
  const waitOut = (limit: string) => (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => {
    if (retryCount >= RATE_LIMIT_RETRIES || retryAfter > MAX_WAIT_SECONDS) return false;
    core.info(`GitHub's ${limit} rate limit: trying again in ${retryAfter} s.`);
    return true;
  };
  return getOctokit(
    token,
    {
      ...options,
      retry: { doNotRetry: DO_NOT_RETRY, ...options.retry },
      throttle: { onRateLimit: waitOut('primary'), onSecondaryRateLimit: waitOut('secondary'), ...options.throttle },
    },
    retry,
    throttling,
  );
}

/** An error as @octokit/request throws it: the HTTP status, and the response when there was one. */
export interface HttpError {
  status: number;
  message: string;
}

export function isHttpError(error: unknown): error is HttpError {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';
}
