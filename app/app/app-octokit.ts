/**
 * Probot's Octokit with the App's throttling: primary and secondary rate
 * limits are retried a few times and logged. Probot's own default for its
 * apps only logs a secondary limit and gives up (REFERENCE.md, "Node 20
 * package notes"); GitHub asks integrations to wait and retry instead.
 */
import { ProbotOctokit } from "probot";

/** Retries after hitting the primary (hourly) limit: it may be an hour away, so few. */
export const MAX_RATE_LIMIT_RETRIES = 2;
/** Retries after a secondary (abuse) limit: GitHub names the wait in `retry-after`. */
export const MAX_SECONDARY_RATE_LIMIT_RETRIES = 3;

export interface AppOctokitOptions {
  /** Milliseconds per second of `retry-after` (tests shrink it); also the retry plugin's base delay. */
  retryAfterBaseMs?: number;
}

interface LimitOptions {
  method?: string;
  url?: string;
}

interface LoggingOctokit {
  log: { warn(message: string): void; info(message: string): void };
}

function handler(kind: string, max: number) {
  return (
    retryAfter: number,
    options: LimitOptions,
    octokit: LoggingOctokit,
    retryCount: number,
  ): boolean => {
    const what = `${options.method ?? "?"} ${options.url ?? "?"}`;
    if (retryCount < max) {
      octokit.log.warn(`${kind} hit by ${what}; retry ${retryCount + 1} of ${max} in ${retryAfter} s`);
      return true;
    }
    octokit.log.warn(`${kind} hit by ${what}; giving up after ${max} retries`);
    return false;
  };
}

export function createAppOctokit(options: AppOctokitOptions = {}): typeof ProbotOctokit {
  const base = options.retryAfterBaseMs;
  return ProbotOctokit.defaults((instance: Record<string, unknown>) => {
    const throttle = (instance["throttle"] ?? {}) as Record<string, unknown>;
    const retry = (instance["retry"] ?? {}) as Record<string, unknown>;
    return {
      ...instance,
      throttle: {
        ...throttle,
        enabled: throttle["enabled"] !== false,
        onRateLimit: handler("GitHub rate limit", MAX_RATE_LIMIT_RETRIES),
        onSecondaryRateLimit: handler("GitHub secondary rate limit", MAX_SECONDARY_RATE_LIMIT_RETRIES),
        ...(base !== undefined ? { retryAfterBaseValue: base } : {}),
      },
      retry: { ...retry, ...(base !== undefined ? { retryAfterBaseValue: base } : {}) },
    };
  }) as typeof ProbotOctokit;
}
