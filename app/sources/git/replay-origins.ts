/**
 * Last-writer attribution without `git blame`: walk the pull request's
 * commits oldest first and apply each commit's own diff to a per-file array
 * of "which commit wrote line n". Kept lines keep their writer, added lines
 * get the commit, deleted lines vanish, renames carry the array to the new
 * name. This is the same per-commit diffing blame does, run forward, for all
 * files in one git process. Only valid for a range without merge commits.
 */
import type { Hunk } from "../../model/snapshot.js";
import type { CommitPatch } from "./read-patches.js";

/** Index n-1 holds the writer of line n; missing entries (past the end) and null mean "older than the range". */
export type LineWriters = (string | null)[];

export interface ReplayResult {
  /** Path at head → writers of its lines. Only paths that exist at head. */
  writers: Map<string, LineWriters>;
  /** Paths whose history went through something replay cannot follow (binary, symlink, submodule); blame them. */
  unreliable: Set<string>;
}

/** Applies one commit's hunks (in file order) to the writers of the file before it. */
export function applyHunks(
  before: readonly (string | null)[],
  hunks: readonly Hunk[],
  commit: string,
): LineWriters {
  const after: LineWriters = [];
  let oldIndex = 0;
  for (const hunk of hunks) {
    // With oldLines = 0 the header names the line *after which* lines are inserted.
    const firstOld = (hunk.oldLines === 0 ? hunk.oldStart + 1 : hunk.oldStart) - 1;
    while (oldIndex < firstOld) after.push(before[oldIndex++] ?? null);
    for (const line of hunk.lines) {
      if (line.kind === "add") {
        after.push(commit);
      } else if (line.kind === "del") {
        oldIndex++;
      } else {
        after.push(before[oldIndex++] ?? null);
      }
    }
  }
  while (oldIndex < before.length) after.push(before[oldIndex++] ?? null);
  return after;
}

export function replayOrigins(patches: readonly CommitPatch[]): ReplayResult {
  const writers = new Map<string, LineWriters>();
  const unreliable = new Set<string>();
  for (const { sha, files } of patches) {
    // Read every source before writing any target: a commit may swap two names.
    const sources = new Map<string, { lines: LineWriters; unreliable: boolean }>();
    for (const file of files) {
      const from = file.oldPath ?? file.path;
      sources.set(from, { lines: writers.get(from) ?? [], unreliable: unreliable.has(from) });
    }
    for (const file of files) {
      if (file.status === "renamed" || file.status === "deleted") {
        const gone = file.oldPath ?? file.path;
        writers.delete(gone);
        unreliable.delete(gone);
      }
    }
    for (const file of files) {
      if (file.status === "deleted") continue;
      const source = sources.get(file.oldPath ?? file.path);
      const start = file.status === "added" ? [] : (source?.lines ?? []);
      writers.set(file.path, applyHunks(start, file.hunks, sha));
      if (file.skipped !== null || file.binary || (file.status !== "added" && source?.unreliable === true)) {
        unreliable.add(file.path);
      } else {
        unreliable.delete(file.path);
      }
    }
  }
  return { writers, unreliable };
}
