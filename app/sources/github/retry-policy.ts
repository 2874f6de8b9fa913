/**
 * Whether a failed GitHub request is worth another attempt, and after how
 * long — GitHub's own advice ("Rate limits for the REST API", "Best practices"):
 * - `retry-after` present: wait that many seconds;
 * - `x-ratelimit-remaining: 0` (primary limit): wait until `x-ratelimit-reset`;
 * - a secondary rate limit without either header: wait at least a minute,
 *   longer on each retry;
 * - 5xx or no answer at all: short exponential backoff;
 * - GraphQL `RATE_LIMITED` comes back as HTTP 200 and is treated like a 403.
 * Any other 4xx is final. A wait past `maxWaitMs` is not slept through: the
 * request fails at once with GITHUB_RATE_LIMITED.
 */
import type { GitHubErrorCode } from "./github-error.js";

export type Headers = Record<string, string | number | undefined>;

export interface FailureInfo {
  /** HTTP status; null when no answer came back. */
  status: number | null;
  headers: Headers;
  /** GitHub's message (REST `message`, GraphQL error messages) or the transport error's. */
  message: string;
  /** A GraphQL answer with an error of type RATE_LIMITED. */
  graphqlRateLimited: boolean;
}

export interface RetrySettings {
  /** First wait after a 5xx, doubled on each retry. */
  backoffMs: number;
  /** First wait after a secondary rate limit that names no time, doubled on each retry. */
  secondaryWaitMs: number;
  maxWaitMs: number;
  now: () => number;
}

export type RetryDecision =
  | { retry: true; waitMs: number; code: GitHubErrorCode; reason: string }
  | { retry: false; code: GitHubErrorCode; reason: string };

const SECONDARY = /secondary rate limit|abuse detection/i;

export function headerNumber(headers: Headers, name: string): number | null {
  const raw = headers[name];
  if (raw === undefined || raw === "") return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** What to do after attempt number `attempt` (0 for the first) failed this way. */
export function decideRetry(f: FailureInfo, attempt: number, s: RetrySettings): RetryDecision {
  const what = f.status === null ? "no answer" : `HTTP ${f.status}`;
  const detail = f.message === "" ? what : `${what}: ${f.message}`;
  const limited = f.graphqlRateLimited || f.status === 403 || f.status === 429;
  if (limited) {
    const retryAfter = headerNumber(f.headers, "retry-after");
    const remaining = headerNumber(f.headers, "x-ratelimit-remaining");
    const reset = headerNumber(f.headers, "x-ratelimit-reset");
    const secondary = SECONDARY.test(f.message);
    let waitMs: number | null = null;
    if (retryAfter !== null) waitMs = retryAfter * 1000;
    else if (remaining === 0 && reset !== null) waitMs = Math.max(0, reset * 1000 - s.now()) + 1000;
    else if (secondary || f.graphqlRateLimited || f.status === 429) waitMs = s.secondaryWaitMs * 2 ** attempt;
    if (waitMs === null) return { retry: false, code: "GITHUB_FAILED", reason: detail };
    const kind = secondary
      ? "secondary rate limit"
      : remaining === 0
        ? "rate limit exhausted"
        : "rate limited";
    if (waitMs > s.maxWaitMs) {
      const reason = `${kind} (${detail}); it lifts in ${Math.ceil(waitMs / 1000)} s, longer than we wait`;
      return { retry: false, code: "GITHUB_RATE_LIMITED", reason };
    }
    return { retry: true, waitMs, code: "GITHUB_RATE_LIMITED", reason: `${kind} (${detail})` };
  }
  if (f.status === null || f.status >= 500) {
    return { retry: true, waitMs: s.backoffMs * 2 ** attempt, code: "GITHUB_FAILED", reason: detail };
  }
  return { retry: false, code: "GITHUB_FAILED", reason: detail };
}
