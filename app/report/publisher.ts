/**
 * The one writer of check runs. Everything the App shows on a pull request
 * goes through a CheckRunPublisher: the GitHub one (publisher-github.ts) or
 * the dry-run one (publisher-dry-run.ts), which logs what it would send. The
 * dry-run switch lives here and nowhere else.
 */
import type { GitHubClient } from "../sources/github/github-client.js";
import type { CheckRunResult } from "./check-run.js";
import { createDryRunPublisher } from "./publisher-dry-run.js";
import { createGitHubPublisher } from "./publisher-github.js";

export interface CheckRunHandle {
  id: number;
  headSha: string;
}

export interface PublishOutcome {
  /** Requests sent (create and update calls, not counting retries). */
  requests: number;
  annotationsSent: number;
  /** A later annotation batch that failed after the check run was completed (it is completed regardless). */
  annotationError: string | null;
}

export interface StartOptions {
  /** Kept on the check run so a re-run finds its pull request without a lookup (fork pull requests). */
  externalId: string | null;
  title: string;
  summary: string;
}

export interface CheckRunPublisher {
  readonly dryRun: boolean;
  /** Create the check run `in_progress` at the head commit. Rejects with GITHUB_FAILED (cause: the HTTP error). */
  start(headSha: string, options: StartOptions): Promise<CheckRunHandle>;
  /**
   * Complete it: conclusion, output and buttons with the first 50 annotations
   * in the completing PATCH, the rest appended by further PATCHes. Rejects with
   * GITHUB_FAILED only when the completing PATCH fails.
   */
  complete(run: CheckRunHandle, result: CheckRunResult): Promise<PublishOutcome>;
}

/** A pino-compatible logger (Probot's `context.log` fits). */
export interface PublisherLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface PublisherOptions {
  owner: string;
  repo: string;
  dryRun: boolean;
  log: PublisherLog;
  now: () => Date;
}

export function createCheckRunPublisher(client: GitHubClient, options: PublisherOptions): CheckRunPublisher {
  return options.dryRun ? createDryRunPublisher(options) : createGitHubPublisher(client, options);
}
