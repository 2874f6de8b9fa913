/**
 * The GitHubClient over an Octokit instance (Probot's `context.octokit`, or an
 * `@octokit/core` Octokit pointed at nock or a fake server).
 *
 * - Every attempt is counted, retries included.
 * - GraphQL goes through `octokit.request("POST /graphql")` at the GraphQL
 *   endpoint that belongs to the REST base URL (`/api/graphql` on GitHub
 *   Enterprise Server, as `@octokit/graphql` does), so the answer's headers
 *   and its `errors` are seen here, including `RATE_LIMITED`, which GitHub
 *   sends with HTTP 200.
 * - 5xx, secondary rate limits and RATE_LIMITED are retried (see
 *   retry-policy.ts); the rest fails with a GitHubRequestError naming the
 *   status and the route.
 * - The remaining budget (`x-ratelimit-remaining`) is logged at debug level,
 *   and once at warn level when it falls under a tenth. Tokens, headers and
 *   bodies are never logged.
 *
 * Retries done by Octokit plugins inside the instance (Probot's retry and
 * throttling plugins) happen below this client and are not counted here.
 */
import { GITHUB_MAX_RETRIES, GITHUB_MAX_RETRY_WAIT_MS } from "../../limits.js";
import { GitHubRequestError } from "./github-error.js";
import type { GitHubClient, GitHubResponse } from "./github-client.js";
import {
  decideRetry,
  headerNumber,
  type FailureInfo,
  type Headers,
  type RetrySettings,
} from "./retry-policy.js";

export interface GitHubLogger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export interface OctokitResponse {
  status: number;
  headers: Headers;
  data: unknown;
}

/** The part of an Octokit instance the client uses (`@octokit/core`'s Octokit and ProbotOctokit fit). */
export interface OctokitLike {
  request: {
    (route: string, params?: Record<string, unknown>): Promise<OctokitResponse>;
    endpoint: { DEFAULTS: { baseUrl: string } };
  };
}

export interface GitHubClientOptions {
  logger?: GitHubLogger;
  /** Injected so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  maxRetries?: number;
  /** First wait after a 5xx (doubled each retry). Default 1 s. */
  backoffMs?: number;
  /** First wait after a secondary rate limit that names no time (doubled each retry). Default 60 s. */
  secondaryWaitMs?: number;
  maxWaitMs?: number;
}

/** A GitHubClient that also tells how many of its requests were retries. */
export interface CountingGitHubClient extends GitHubClient {
  readonly retryCount: number;
}

const SILENT: GitHubLogger = { info: () => {}, warn: () => {}, debug: () => {} };

interface GraphqlErrorLike {
  type?: unknown;
  message?: unknown;
  path?: unknown;
}

/** A problem found in an answer that came back (GraphQL errors), or null when the answer is good. */
type Check = (res: OctokitResponse) => { failure: FailureInfo; cause: unknown } | null;

export function createGitHubClient(
  octokit: OctokitLike,
  options: GitHubClientOptions = {},
): CountingGitHubClient {
  const logger = options.logger ?? SILENT;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const maxRetries = options.maxRetries ?? GITHUB_MAX_RETRIES;
  const settings: RetrySettings = {
    backoffMs: options.backoffMs ?? 1_000,
    secondaryWaitMs: options.secondaryWaitMs ?? 60_000,
    maxWaitMs: options.maxWaitMs ?? GITHUB_MAX_RETRY_WAIT_MS,
    now: options.now ?? Date.now,
  };
  const graphqlBaseUrl = octokit.request.endpoint.DEFAULTS.baseUrl.replace(/\/api\/v3\/?$/, "/api");
  let requests = 0;
  let retries = 0;
  let warnedLow = false;

  const logBudget = (label: string, status: number | null, headers: Headers): void => {
    const remaining = headerNumber(headers, "x-ratelimit-remaining");
    if (remaining === null) {
      logger.debug(`GitHub ${label}: ${status ?? "no answer"}`);
      return;
    }
    const limit = headerNumber(headers, "x-ratelimit-limit");
    logger.debug(
      `GitHub ${label}: ${status ?? "no answer"}, rate limit remaining ${remaining}/${limit ?? "?"}`,
    );
    if (!warnedLow && limit !== null && remaining < limit / 10) {
      warnedLow = true;
      logger.warn(`GitHub rate limit low: ${remaining} of ${limit} requests left`);
    }
  };

  const send = async (
    label: string,
    call: () => Promise<OctokitResponse>,
    check: Check,
  ): Promise<OctokitResponse> => {
    for (let attempt = 0; ; attempt++) {
      requests += 1;
      if (attempt > 0) retries += 1;
      let failure: FailureInfo;
      let cause: unknown;
      try {
        const res = await call();
        logBudget(label, res.status, res.headers);
        const problem = check(res);
        if (problem === null) return res;
        ({ failure, cause } = problem);
      } catch (err: unknown) {
        failure = failureOf(err);
        cause = err;
        logBudget(label, failure.status, failure.headers);
      }
      const decision = decideRetry(failure, attempt, settings);
      if (!decision.retry || attempt >= maxRetries) {
        const tries = attempt === 0 ? "" : ` (gave up after ${attempt + 1} attempts)`;
        throw new GitHubRequestError(decision.code, `GitHub ${label} failed: ${decision.reason}${tries}`, {
          status: failure.status,
          route: label,
          cause,
        });
      }
      const seconds = Math.round(decision.waitMs / 100) / 10;
      logger.warn(
        `GitHub ${label}: ${decision.reason}; retry ${attempt + 1} of ${maxRetries} in ${seconds} s`,
      );
      await sleep(decision.waitMs);
    }
  };

  return {
    get requestCount() {
      return requests;
    },
    get retryCount() {
      return retries;
    },
    async request<T = unknown>(route: string, params?: Record<string, unknown>): Promise<GitHubResponse<T>> {
      const res = await send(
        route,
        () => octokit.request(route, params),
        () => null,
      );
      return { status: res.status, headers: res.headers, data: res.data as T };
    },
    async graphql<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const name = /^\s*(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query)?.[1];
      const label = name === undefined ? "POST /graphql" : `POST /graphql (${name})`;
      const call = (): Promise<OctokitResponse> =>
        octokit.request("POST /graphql", { baseUrl: graphqlBaseUrl, query, variables: variables ?? {} });
      const res = await send(label, call, checkGraphql);
      const data = (res.data as { data: T & { rateLimit?: { cost?: unknown; remaining?: unknown } } }).data;
      if (data.rateLimit !== undefined) {
        logger.debug(
          `GitHub ${label}: GraphQL cost ${data.rateLimit.cost}, ${data.rateLimit.remaining} points left`,
        );
      }
      return data;
    },
  };
}

/** GraphQL answers are HTTP 200 even when they failed: look at `errors` and `data`. */
const checkGraphql: Check = (res) => {
  const body = res.data as { data?: unknown; errors?: unknown } | null;
  const errors: GraphqlErrorLike[] = Array.isArray(body?.errors) ? (body.errors as GraphqlErrorLike[]) : [];
  if (errors.length === 0 && typeof body?.data === "object" && body.data !== null) return null;
  const message =
    errors.length === 0
      ? "GraphQL answer without data"
      : errors
          .map((e) => {
            const type = typeof e.type === "string" ? `${e.type}: ` : "";
            const path = Array.isArray(e.path) ? ` (at ${e.path.join(".")})` : "";
            return `${type}${typeof e.message === "string" ? e.message : "error"}${path}`;
          })
          .join("; ");
  const graphqlRateLimited = errors.some((e) => e.type === "RATE_LIMITED");
  // Only RATE_LIMITED is worth retrying; status 200 makes decideRetry treat the rest as final.
  return {
    failure: { status: res.status, headers: res.headers, message, graphqlRateLimited },
    cause: errors,
  };
};

/** Status, headers and message of an error thrown by Octokit (a RequestError) or by the transport. */
function failureOf(err: unknown): FailureInfo {
  const e = (typeof err === "object" && err !== null ? err : {}) as {
    status?: unknown;
    message?: unknown;
    response?: { headers?: Headers; data?: unknown };
  };
  const status = typeof e.status === "number" ? e.status : null;
  const data = e.response?.data as { message?: unknown } | string | undefined;
  const bodyMessage =
    typeof data === "string" ? data : typeof data?.message === "string" ? data.message : null;
  const message = bodyMessage ?? (typeof e.message === "string" ? e.message : String(err));
  return { status, headers: e.response?.headers ?? {}, message, graphqlRateLimited: false };
}
