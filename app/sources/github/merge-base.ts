/**
 * The merge base of a pull request. GraphQL has no merge-base field, but a
 * pull request whose commits are all listed and form one line of non-merge
 * commits starts right after it: the merge base is the one parent outside the
 * list. Otherwise (merge commits, more than 250 commits, no commits) one REST
 * compare call (`GET /repos/{owner}/{repo}/compare/{basehead}`) says it.
 */
import { z } from "zod";
import type { Commit } from "../../model/snapshot.js";
import type { GitHubClient } from "./github-client.js";
import { isGitHubRequestError } from "./github-error.js";
import { parseAnswer } from "./parse-answer.js";
import type { PullRequestRef } from "./pull-request-query.js";

export const COMPARE_ROUTE = "GET /repos/{owner}/{repo}/compare/{basehead}";

const compareSchema = z.looseObject({ merge_base_commit: z.looseObject({ sha: z.string() }) });

/** The merge base the commits prove, or null when they do not. */
export function mergeBaseFromCommits(commits: readonly Commit[], complete: boolean): string | null {
  if (!complete || commits.length === 0 || commits.some((c) => c.parents.length !== 1)) return null;
  const listed = new Set(commits.map((c) => c.sha));
  const outside = new Set(commits.flatMap((c) => c.parents.filter((p) => !listed.has(p))));
  return outside.size === 1 ? ([...outside][0] as string) : null;
}

export interface MergeBase {
  sha: string;
  note: string | null;
}

export async function resolveMergeBase(
  client: GitHubClient,
  ref: PullRequestRef,
  commits: readonly Commit[],
  complete: boolean,
  base: string,
  head: string,
): Promise<MergeBase> {
  const known = mergeBaseFromCommits(commits, complete);
  if (known !== null) return { sha: known, note: null };
  try {
    // per_page=1: the answer lists commits too, and only the merge base is wanted.
    const res = await client.request(COMPARE_ROUTE, {
      owner: ref.owner,
      repo: ref.repo,
      basehead: `${base}...${head}`,
      per_page: 1,
    });
    return { sha: parseAnswer(compareSchema, res.data, "compare").merge_base_commit.sha, note: null };
  } catch (err) {
    // 404: base and head share no history; the base commit is the best there is.
    if (!isGitHubRequestError(err) || err.status !== 404) throw err;
    return {
      sha: base,
      note: `base ${base.slice(0, 12)} and head ${head.slice(0, 12)} have no merge base on GitHub`,
    };
  }
}
