/**
 * Fills `origins` of every changed file, the GitHub way (the local source's
 * line-origins.ts does the same with git):
 * - a pull request of exactly one commit: every added line is that commit's;
 * - a file that existed at the merge base and whose history at head shows
 *   one PR commit, then a commit from before the PR: that commit wrote all
 *   its added lines;
 * - any other file with added lines: GraphQL blame at head (already fetched
 *   with the tree entries for files the PR created), keeping only commits of
 *   the pull request (the rest is "not written here": null).
 * Skipped files (binary, symlink, submodule) get unknown origins; a file too
 * large to blame gets them too unless one commit is known to have written it.
 */
import { toRanges } from "../../diff/line-ranges.js";
import type { ChangedFile, OriginRange } from "../../model/snapshot.js";
import { originsFromWriters } from "../git/line-origins.js";
import { TOO_LARGE } from "../git/read-diff.js";
import { blameFiles, writerAt, type BlameRange } from "./blame.js";
import type { GitHubClient } from "./github-client.js";
import type { PullRequestRef } from "./pull-request-query.js";

export interface OriginInput {
  head: string;
  files: readonly ChangedFile[];
  /** SHAs of the pull request's listed commits. */
  prCommits: ReadonlySet<string>;
  /** The one commit of a single-commit pull request, else null. */
  onlyCommit: string | null;
  /** Path → newest (at most two) commits that changed it at head, when asked for. */
  history: ReadonlyMap<string, readonly string[]>;
  /** Blames fetched with the tree entries, and the paths whose blame failed there. */
  blames: ReadonlyMap<string, readonly BlameRange[]>;
  blameFailures: ReadonlyMap<string, string>;
}

export interface OriginOutput {
  files: ChangedFile[];
  notes: string[];
  /** Files attributed without blame (single commit, or history). */
  singleWriterFiles: number;
  blamedFiles: number;
}

type Plan = { kind: "none" } | { kind: "unknown" } | { kind: "single"; commit: string } | { kind: "blame" };

/** The one PR commit that wrote every added line of `path`, when its history proves there is one. */
export function singleWriterFromHistory(
  history: readonly string[] | undefined,
  prCommits: ReadonlySet<string>,
): string | null {
  if (history === undefined || history.length === 0) return null;
  const [newest, previous] = history as [string, string | undefined];
  if (!prCommits.has(newest)) return null;
  return previous === undefined || !prCommits.has(previous) ? newest : null;
}

function plan(file: ChangedFile, input: OriginInput): Plan {
  if (file.addedLines.length === 0) return { kind: "none" };
  if (file.skipped !== null && file.skipped !== TOO_LARGE) return { kind: "unknown" };
  const single = input.onlyCommit ?? singleWriterFromHistory(input.history.get(file.path), input.prCommits);
  if (single !== null) return { kind: "single", commit: single };
  if (file.skipped === TOO_LARGE) return { kind: "unknown" };
  return { kind: "blame" };
}

export async function assignGitHubOrigins(
  client: GitHubClient,
  ref: PullRequestRef,
  input: OriginInput,
): Promise<OriginOutput> {
  const plans = input.files.map((f) => plan(f, input));
  const planned = input.files.filter((_, i) => plans[i]?.kind === "blame").map((f) => f.path);
  const toBlame = planned.filter((p) => !input.blames.has(p) && !input.blameFailures.has(p));
  const blame = toBlame.length > 0 ? await blameFiles(client, ref, input.head, toBlame) : null;
  const notes: string[] = [];
  let singleWriterFiles = 0;
  const files = input.files.map((file, i): ChangedFile => {
    const p = plans[i] as Plan;
    switch (p.kind) {
      case "none":
        return { ...file, origins: [] };
      case "unknown":
        return { ...file, origins: unknownOrigins(file.addedLines) };
      case "single":
        singleWriterFiles += 1;
        return { ...file, origins: toRanges(file.addedLines).map((r) => ({ ...r, commit: p.commit })) };
      case "blame": {
        const ranges = input.blames.get(file.path) ?? blame?.ranges.get(file.path);
        if (ranges === undefined) {
          const reason = input.blameFailures.get(file.path) ?? blame?.failed.get(file.path) ?? "no answer";
          notes.push(`${quote(file.path)}: GitHub blame failed, origin of its lines unknown (${reason})`);
          return { ...file, origins: unknownOrigins(file.addedLines) };
        }
        const origins = originsFromWriters(file.addedLines, (n) => writerAt(ranges, n), input.prCommits);
        const outside = origins
          .filter((o) => o.commit === null)
          .reduce((sum, o) => sum + o.end - o.start + 1, 0);
        if (outside > 0) {
          notes.push(
            `${quote(file.path)}: ${outside} added line(s) trace back to no commit of the pull request; origin unknown`,
          );
        }
        return { ...file, origins };
      }
    }
  });
  return { files, notes, singleWriterFiles, blamedFiles: planned.length };
}

function unknownOrigins(addedLines: readonly number[]): OriginRange[] {
  return toRanges(addedLines).map((r) => ({ ...r, commit: null }));
}

function quote(path: string): string {
  return JSON.stringify(path);
}
