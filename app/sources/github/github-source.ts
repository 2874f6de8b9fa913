/**
 * The GitHub source: a PullRequestSnapshot of a pull request, read through
 * one GitHubClient, equivalent to what the local git source gives for the
 * same commits.
 *
 * Request budget, in order:
 * 1. the pull-request GraphQL query (1 request up to 100 commits/reviews/...);
 * 2. at once: the REST file list (1 per 100 files, at most 30), the git notes
 *    (1–2 queries, only when refs/notes/ai exists), and a REST compare only
 *    when the commits do not prove the merge base (merge commits, > 250);
 * 3. tree entries: modes, binary-ness, the history that finds files written
 *    by a single PR commit, and blame of the files the PR created (1 query
 *    per 100 files);
 * 4. blame for the other files with added lines (1 query per 25 files).
 *
 * `base` is the base branch's commit (`baseRefOid`), `mergeBase` the commit
 * the diff is taken from, as in the local source.
 */
import { MAX_PR_COMMITS } from "../../limits.js";
import { TOO_LARGE } from "../git/read-diff.js";
import type { ChangedFile, Commit, PullRequestSnapshot } from "../../model/snapshot.js";
import { assignGitHubOrigins } from "./assign-origins.js";
import type { GitHubClient } from "./github-client.js";
import { applyEntries } from "./apply-entries.js";
import { inspectFiles } from "./inspect-files.js";
import { listPullRequestFiles } from "./list-files.js";
import { parentsFirst, toCommit, toPullRequestMeta, toReview, toTimelineEvent } from "./map-pull-request.js";
import { resolveMergeBase } from "./merge-base.js";
import { fetchPullRequest, type PullRequestRef } from "./pull-request-query.js";
import { readNotes } from "./read-notes.js";

export type { PullRequestRef } from "./pull-request-query.js";

export interface GitHubSnapshotStats {
  /** Requests sent for this snapshot, retries included. */
  requests: number;
  /** Pages of the pull-request query. */
  pullRequestPages: number;
  files: number;
  /** Files attributed without blame: a single-commit PR, or a history showing one PR commit. */
  singleWriterFiles: number;
  /** Files that needed GraphQL blame. */
  blamedFiles: number;
}

export interface ReviewThreadSummary {
  isResolved: boolean;
  comments: number;
}

export interface GitHubSnapshotResult {
  snapshot: PullRequestSnapshot;
  stats: GitHubSnapshotStats;
  /** Review threads (resolved or not, comment count), for review-load signals. */
  reviewThreads: ReviewThreadSummary[];
}

export async function buildGitHubSnapshot(
  client: GitHubClient,
  ref: PullRequestRef,
): Promise<PullRequestSnapshot> {
  return (await buildGitHubSnapshotWithStats(client, ref)).snapshot;
}

export async function buildGitHubSnapshotWithStats(
  client: GitHubClient,
  ref: PullRequestRef,
): Promise<GitHubSnapshotResult> {
  const startCount = client.requestCount;
  const data = await fetchPullRequest(client, ref);
  const pr = data.pullRequest;
  const listedCommits = parentsFirst(data.commits.map(toCommit));
  const complete = data.commitsTotal <= listedCommits.length;
  const hasMerges = data.commits.some((c) => c.parents.totalCount > 1);
  const prCommits = new Set(listedCommits.map((c) => c.sha));

  const [mergeBase, listed, notesByCommit] = await Promise.all([
    resolveMergeBase(client, ref, listedCommits, complete, pr.baseRefOid, pr.headRefOid),
    listPullRequestFiles(client, ref, pr.changedFiles),
    data.notesOid === null
      ? Promise.resolve(new Map<string, string>())
      : readNotes(client, ref.owner, ref.repo, data.notesOid, [...prCommits]),
  ]);
  const commits: Commit[] = listedCommits.map((c) => ({ ...c, notes: notesByCommit.get(c.sha) ?? null }));

  const plan = planLookups(listed.files, commits, complete && !hasMerges);
  const inspection = await inspectFiles(client, ref, {
    head: pr.headRefOid,
    mergeBase: mergeBase.sha,
    files: listed.files,
    history: plan.history.size > 0 ? { paths: plan.history, since: historySince(commits) } : null,
    blame: plan.blame,
  });
  const inspected = applyEntries(listed.files, inspection.entries, listed.withoutPatch);
  const origins = await assignGitHubOrigins(client, ref, {
    head: pr.headRefOid,
    files: inspected,
    prCommits,
    onlyCommit: plan.onlyCommit,
    history: inspection.history,
    blames: inspection.blames,
    blameFailures: inspection.blameFailures,
  });

  const notes = [
    ...(complete
      ? []
      : [
          `GitHub lists at most ${MAX_PR_COMMITS} commits of a pull request; this one has ${data.commitsTotal}, ` +
            "lines written by the others are of unknown origin",
        ]),
    ...(mergeBase.note === null ? [] : [mergeBase.note]),
    ...listed.notes,
    ...skippedNotes(origins.files),
    ...origins.notes,
  ];
  const snapshot: PullRequestSnapshot = {
    source: "github",
    repository: `${ref.owner}/${ref.repo}`,
    base: pr.baseRefOid,
    head: pr.headRefOid,
    mergeBase: mergeBase.sha,
    pr: toPullRequestMeta(pr, data.labels),
    commits,
    files: origins.files,
    reviews: data.reviews.map(toReview),
    timeline: data.timelineItems.map(toTimelineEvent),
    notes,
  };
  return {
    snapshot,
    stats: {
      requests: client.requestCount - startCount,
      pullRequestPages: data.pages,
      files: origins.files.length,
      singleWriterFiles: origins.singleWriterFiles,
      blamedFiles: origins.blamedFiles,
    },
    reviewThreads: data.reviewThreads.map((t) => ({
      isResolved: t.isResolved,
      comments: t.comments.totalCount,
    })),
  };
}

interface LookupPlan {
  /** The one commit of a single-commit PR: it wrote every added line, nothing to look up. */
  onlyCommit: string | null;
  /** Files whose history can prove a single writer. */
  history: Set<string>;
  /** Files to blame along with the tree entries. */
  blame: Set<string>;
}

/**
 * Which files need history and which blame, asked with the tree entries.
 * History proves a single writer only over a complete, merge-free list of
 * commits, and only for a file that existed at the merge base: a file the PR
 * created may have been renamed into place by a later commit, which history
 * (no rename following) would credit with every line. Those files are blamed
 * right away — cheaply, as their history is the PR's — except files too
 * large to blame, for which history is still better than nothing.
 */
function planLookups(files: readonly ChangedFile[], commits: readonly Commit[], linear: boolean): LookupPlan {
  const onlyCommit = linear && commits.length === 1 ? (commits[0]?.sha ?? null) : null;
  const plan: LookupPlan = { onlyCommit, history: new Set(), blame: new Set() };
  if (onlyCommit !== null) return plan;
  for (const f of files) {
    if (f.addedLines.length === 0) continue;
    const tooLarge = f.skipped === TOO_LARGE;
    if (linear && (f.status === "modified" || (f.status === "added" && tooLarge))) plan.history.add(f.path);
    else if (f.status === "added" && !tooLarge && !looksLikeSubmodule(f)) plan.blame.add(f.path);
  }
  return plan;
}

/**
 * A new submodule's patch is one "Subproject commit <sha>" line. Blaming a
 * gitlink may fail and split its batch, so such a file waits for its tree
 * entry (which skips it) instead of being blamed up front.
 */
function looksLikeSubmodule(f: ChangedFile): boolean {
  const lines = f.hunks.flatMap((h) => h.lines);
  return lines.length > 0 && lines.every((l) => /^Subproject commit [0-9a-f]{40,64}$/.test(l.text));
}

/**
 * A day before the oldest PR commit's committer date: `history(since:)` stops
 * walking there. Starting earlier is always safe (an older commit is not a PR
 * commit either); the day absorbs clock and time-zone slop.
 */
function historySince(commits: readonly Commit[]): string | null {
  let oldest = Infinity;
  for (const c of commits) {
    const at = Date.parse(c.committer.date);
    if (Number.isNaN(at)) return null;
    oldest = Math.min(oldest, at);
  }
  return Number.isFinite(oldest) ? new Date(oldest - 86_400_000).toISOString() : null;
}

/** The local source's wording, so reports read the same whichever source built the snapshot. */
const SKIP_REASONS: Readonly<Record<string, string>> = {
  binary: "binary file, lines not analysed",
  submodule: "submodule entry, not analysed",
  symlink: "symbolic link, target not followed or analysed",
  [TOO_LARGE]: "too large to blame or scan",
};

function skippedNotes(files: readonly ChangedFile[]): string[] {
  return files
    .filter((f) => f.skipped !== null)
    .map((f) => `${JSON.stringify(f.path)}: skipped (${SKIP_REASONS[f.skipped as string] ?? f.skipped})`);
}
