/**
 * A GitHubSource for the App's tests: the real GitHubClient (counted,
 * retrying, its waits shortened) over Probot's octokit, and a snapshot read
 * from a scenario instead of GitHub's pull-request API. The snapshot step
 * still asks GitHub for the pull request (GET /pulls/{n}) through the
 * client, so a test makes the source fail where it really would: at HTTP.
 */
import { createDefaultGitHubSource } from "../../../app/app/default-github-source.js";
import type { GitHubSource } from "../../../app/app/github-source.js";
import type { PullRequestSnapshot } from "../../../app/model/snapshot.js";

export interface Scenario {
  /** The pull request as it stands at each number; a function may change between calls (a push during analysis). */
  snapshot: (pullNumber: number) => PullRequestSnapshot | Promise<PullRequestSnapshot>;
  /** File contents at head for detection. */
  contents?: Record<string, string>;
}

export function scenarioSource(scenario: Scenario): GitHubSource {
  const real = createDefaultGitHubSource({
    backoffMs: 5,
    secondaryWaitMs: 5,
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))),
  });
  return {
    client: real.client,
    snapshot: async (client, ref) => {
      await client.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
        owner: ref.owner,
        repo: ref.repo,
        pull_number: ref.pullNumber,
      });
      return scenario.snapshot(ref.pullNumber);
    },
    blobReader: () => async (paths) => {
      const contents = new Map<string, Buffer>();
      const skipped: Array<{ path: string; reason: string }> = [];
      for (const p of paths) {
        const text = scenario.contents?.[p];
        if (text === undefined) skipped.push({ path: p, reason: "not found at head" });
        else contents.set(p, Buffer.from(text, "utf8"));
      }
      return { contents, skipped };
    },
  };
}
