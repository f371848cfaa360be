import Bottleneck from 'bottleneck';
import { githubClient, type GitHubOptions, type Octokit } from '../../src/report/github.js';

/**
 * The action's GitHub client against the local API. Writes are not spaced out (GitHub asks for a second
 * between writes and more between notifying ones, which would make every test sit through them) unless a
 * test asks for GitHub's spacing; everything else, retries and waits for rate limits, is the action's own.
 */
export function localGitHubClient(baseUrl: string, options: GitHubOptions & { githubSpacing?: boolean } = {}): Octokit {
  const { githubSpacing, ...rest } = options;
  const unspaced = githubSpacing
    ? {}
    : { write: new Bottleneck.Group({ maxConcurrent: 1 }), notifications: new Bottleneck.Group({ maxConcurrent: 1 }) };
  return githubClient('ghs_test', { baseUrl, ...rest, throttle: { ...unspaced, ...rest.throttle } });
}
