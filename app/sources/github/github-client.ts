/**
 * The one way out to GitHub. Every REST and GraphQL call of the GitHub source
 * and the publishers goes through a GitHubClient, so calls can be counted
 * (bench/api-budget, tests), batched and retried in one place. In the App it
 * wraps Probot's `context.octokit`; in tests and benches, an Octokit pointed
 * at nock or a local fake server.
 */
export interface GitHubResponse<T> {
  status: number;
  headers: Record<string, string | number | undefined>;
  data: T;
}

export interface GitHubClient {
  /** A REST call, e.g. request("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {...}). */
  request<T = unknown>(route: string, params?: Record<string, unknown>): Promise<GitHubResponse<T>>;
  /** A GraphQL query with variables; resolves with `data`, rejects on `errors`. */
  graphql<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Requests sent so far (retries included), for budgets and benchmarks. */
  readonly requestCount: number;
}
