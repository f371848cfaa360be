/** Waits `ms` milliseconds; injectable so tests can record the waits instead of sitting through them. */
export type Sleep = (ms: number) => Promise<void>;

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryOptions {
  sleep?: Sleep;
  /** Total tries, the first included. */
  attempts?: number;
}

/** An error as @octokit/request throws it: the HTTP status and the response, when there was one. */
export interface HttpError {
  status: number;
  message: string;
  response?: { headers: Record<string, string | number | undefined> };
}

export function isHttpError(error: unknown): error is HttpError {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';
}

const ATTEMPTS = 4;
/** GitHub asks for at least a minute after a secondary rate limit that names no retry-after. */
const RATE_LIMIT_WAIT_MS = 60_000;
/** A longer retry-after than this is not worth holding a CI job for; give up and report instead. */
const MAX_WAIT_MS = 120_000;

/**
 * Runs a GitHub API call, retrying server errors with exponential backoff and secondary rate limits after
 * the wait GitHub asks for. Anything else, and the last failure, is thrown.
 */
export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const wait = options.sleep ?? sleep;
  const attempts = options.attempts ?? ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const delay = attempt < attempts ? retryDelay(error, attempt) : null;
      if (delay === null) throw error;
      await wait(delay);
    }
  }
}

/** How long to wait before retrying after `error` on the given (1-based) attempt, or null to give up. */
export function retryDelay(error: unknown, attempt: number): number | null {
  if (!isHttpError(error)) return null;
  const retryAfter = retryAfterMs(error);
  if (isSecondaryRateLimit(error)) {
    const delay = retryAfter ?? RATE_LIMIT_WAIT_MS;
    return delay <= MAX_WAIT_MS ? delay : null;
  }
  if (error.status >= 500) return Math.min(retryAfter ?? 1000 * 2 ** (attempt - 1), MAX_WAIT_MS);
  return null;
}

/**
 * GitHub answers a secondary rate limit with 403 or 429; a 403 is one only when it says so (retry-after or
 * the message), otherwise it is a permission problem that retrying cannot fix.
 */
export function isSecondaryRateLimit(error: HttpError): boolean {
  if (error.status === 429) return true;
  return error.status === 403 && (retryAfterMs(error) !== null || /secondary rate limit/i.test(error.message));
}

function retryAfterMs(error: HttpError): number | null {
  const header = error.response?.headers['retry-after'];
  if (header === undefined) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(String(header));
  return Number.isNaN(date) ? null : Math.max(date - Date.now(), 0);
}
