/**
 * Keep engine results on what the pull request changed (reviewdog's filter modes):
 * - `added` (default): some line of the result's [start, end] range was added or changed;
 * - `context`: some line of the range lies in a diff hunk's new-side range (context lines included);
 * - `file`: the result is in a changed file;
 * - `nofilter`: everything.
 * Errors are kept when they have no path or are about a changed file.
 */
import type { ChangedFile } from "../model/snapshot.js";
import type { EngineOutput, EngineResult } from "./types.js";

export const FILTER_MODES = ["added", "context", "file", "nofilter"] as const;
export type FilterMode = (typeof FILTER_MODES)[number];

interface FileLines {
  added: ReadonlySet<number>;
  /** Inclusive new-side ranges of the hunks. */
  hunks: ReadonlyArray<readonly [number, number]>;
}

function indexFiles(files: readonly ChangedFile[]): Map<string, FileLines> {
  const index = new Map<string, FileLines>();
  for (const file of files) {
    if (file.status === "deleted") continue;
    index.set(file.path, {
      added: new Set(file.addedLines),
      hunks: file.hunks
        .filter((hunk) => hunk.newLines > 0)
        .map((hunk) => [hunk.newStart, hunk.newStart + hunk.newLines - 1] as const),
    });
  }
  return index;
}

function lineRange(result: EngineResult): [number, number] {
  const start = result.start.line;
  return [start, Math.max(start, result.end.line)];
}

function touchesAdded(result: EngineResult, lines: FileLines): boolean {
  const [start, end] = lineRange(result);
  if (end - start + 1 > lines.added.size) {
    for (const line of lines.added) if (line >= start && line <= end) return true;
    return false;
  }
  for (let line = start; line <= end; line += 1) if (lines.added.has(line)) return true;
  return false;
}

function touchesHunk(result: EngineResult, lines: FileLines): boolean {
  const [start, end] = lineRange(result);
  return lines.hunks.some(([first, last]) => start <= last && end >= first);
}

function keep(result: EngineResult, mode: FilterMode, index: ReadonlyMap<string, FileLines>): boolean {
  if (mode === "nofilter") return true;
  const lines = index.get(result.path);
  if (lines === undefined) return false;
  if (mode === "file") return true;
  return mode === "added" ? touchesAdded(result, lines) : touchesHunk(result, lines);
}

export function filterFindings(
  output: EngineOutput,
  files: readonly ChangedFile[],
  mode: FilterMode = "added",
): EngineOutput {
  if (mode === "nofilter") return output;
  const index = indexFiles(files);
  return {
    ...output,
    results: output.results.filter((result) => keep(result, mode, index)),
    errors: output.errors.filter((error) => error.path === undefined || index.has(error.path)),
  };
}
