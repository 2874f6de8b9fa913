/**
 * Which open pull request has this head commit, when a check event does not
 * say (for pull requests from forks `check_run.pull_requests` is empty).
 * Asks "pull requests associated with a commit" first, then scans the open
 * pull requests of the repository — both through the GitHubClient.
 */
import { MAX_PULL_LOOKUP_PAGES } from "../limits.js";
import type { GitHubClient } from "../sources/github/github-client.js";

interface PullSummary {
  number: number;
  state: string;
  head: { sha: string };
  base: { repo: { full_name: string } | null };
}

function isPullSummary(value: unknown): value is PullSummary {
  const v = value as Partial<PullSummary> | null;
  return typeof v?.number === "number" && typeof v.state === "string" && typeof v.head?.sha === "string";
}

function match(list: unknown, owner: string, repo: string, headSha: string): number | null {
  if (!Array.isArray(list)) return null;
  const full = `${owner}/${repo}`.toLowerCase();
  const hit = list
    .filter(isPullSummary)
    .find(
      (p) =>
        p.state === "open" &&
        p.head.sha === headSha &&
        (p.base?.repo?.full_name === undefined || p.base.repo.full_name.toLowerCase() === full),
    );
  return hit?.number ?? null;
}

export async function findPullRequest(
  client: GitHubClient,
  owner: string,
  repo: string,
  headSha: string,
): Promise<number | null> {
  try {
    const associated = await client.request<unknown>("GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls", {
      owner,
      repo,
      commit_sha: headSha,
      per_page: 100,
    });
    const found = match(associated.data, owner, repo, headSha);
    if (found !== null) return found;
  } catch (err) {
    // 422/404: the commit is not in this repository (a fork's head); the scan below still finds it.
    const status = (err as { status?: unknown }).status;
    if (status !== 422 && status !== 404) throw err;
  }
  for (let page = 1; page <= MAX_PULL_LOOKUP_PAGES; page++) {
    const res = await client.request<unknown>("GET /repos/{owner}/{repo}/pulls", {
      owner,
      repo,
      state: "open",
      per_page: 100,
      page,
    });
    const n = match(res.data, owner, repo, headSha);
    if (n !== null) return n;
    if (!Array.isArray(res.data) || res.data.length < 100) break;
  }
  return null;
}
