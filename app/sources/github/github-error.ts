/** A GitHub request that failed for good: the ProvenanceError code, plus the HTTP status and the route. */
import { ProvenanceError } from "../../errors.js";

export type GitHubErrorCode = "GITHUB_FAILED" | "GITHUB_RATE_LIMITED";

export class GitHubRequestError extends ProvenanceError {
  /** HTTP status of the last attempt; null when no answer came back (network error). */
  readonly status: number | null;
  /** "GET /repos/{owner}/{repo}/pulls/{pull_number}/files" or "POST /graphql (OperationName)". */
  readonly route: string;

  constructor(
    code: GitHubErrorCode,
    message: string,
    options: { status: number | null; route: string; cause?: unknown },
  ) {
    super(code, message, { cause: options.cause });
    this.name = "GitHubRequestError";
    this.status = options.status;
    this.route = options.route;
  }
}

export function isGitHubRequestError(err: unknown): err is GitHubRequestError {
  return err instanceof GitHubRequestError;
}
