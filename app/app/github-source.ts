/**
 * The GitHub source as the App uses it (app/sources/github): a counted,
 * retrying client around Probot's octokit, the pull-request snapshot, and a
 * reader of files at a commit. Injected, so tests can make any step fail.
 */
import type { Context } from "probot";
import type { PullRequestSnapshot } from "../model/snapshot.js";
import type { GitHubClient } from "../sources/github/github-client.js";
import type { AppLog } from "./run-check.js";

export type AppOctokit = Context["octokit"];

export type ReadFilesAt = (
  paths: string[],
) => Promise<{ contents: Map<string, Buffer>; skipped: Array<{ path: string; reason: string }> }>;

export interface GitHubSource {
  /** The counted, retrying client every GitHub call of one analysis goes through. */
  client(octokit: AppOctokit, log: AppLog): GitHubClient;
  snapshot(
    client: GitHubClient,
    ref: { owner: string; repo: string; pullNumber: number },
  ): Promise<PullRequestSnapshot>;
  blobReader(client: GitHubClient, owner: string, repo: string, sha: string): ReadFilesAt;
}
