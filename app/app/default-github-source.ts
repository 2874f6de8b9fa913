/**
 * The real GitHub source (app/sources/github) behind the App's GitHubSource.
 * Probot's retry plugin is switched off for requests made through the
 * GitHubClient, which retries (and counts) 5xx and rate limits itself;
 * Probot's throttling still waits out secondary limits underneath.
 */
import {
  createGitHubClient,
  type GitHubClientOptions,
  type OctokitLike,
} from "../sources/github/create-github-client.js";
import { buildGitHubSnapshot } from "../sources/github/github-source.js";
import { createGitHubBlobReader } from "../sources/github/read-blobs.js";
import type { AppOctokit, GitHubSource } from "./github-source.js";
import type { AppLog } from "./run-check.js";

/** The octokit with per-request `retries: 0`, so a 502 is retried once per layer, not 4 × 4 times. */
function withoutPluginRetries(octokit: AppOctokit): OctokitLike {
  const request = (route: string, params?: Record<string, unknown>) => {
    const own = (params?.["request"] ?? {}) as Record<string, unknown>;
    return octokit.request(route, { ...params, request: { ...own, retries: 0 } });
  };
  return { request: Object.assign(request, { endpoint: octokit.request.endpoint }) } as OctokitLike;
}

function logger(log: AppLog): NonNullable<GitHubClientOptions["logger"]> {
  return {
    info: (m) => log.info({}, m),
    warn: (m) => log.warn({}, m),
    debug: (m) => log.debug({}, m),
  };
}

export function createDefaultGitHubSource(
  clientOptions: Omit<GitHubClientOptions, "logger"> = {},
): GitHubSource {
  return {
    client: (octokit, log) =>
      createGitHubClient(withoutPluginRetries(octokit), { ...clientOptions, logger: logger(log) }),
    snapshot: (client, ref) => buildGitHubSnapshot(client, ref),
    blobReader: (client, owner, repo, sha) => createGitHubBlobReader(client, owner, repo, sha),
  };
}

export const defaultGitHubSource: GitHubSource = createDefaultGitHubSource();
