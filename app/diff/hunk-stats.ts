/** Line statistics derived from a file's hunks. */
import type { Hunk } from "../model/snapshot.js";

export interface HunkStats {
  /** Head line numbers of "+" lines, ascending. */
  addedLines: number[];
  /** Number of "-" lines. */
  deletedLines: number;
}

/** Walks the hunks (which must be in file order) and numbers each "+" line on the head side. */
export function hunkStats(hunks: readonly Hunk[]): HunkStats {
  const addedLines: number[] = [];
  let deletedLines = 0;
  for (const hunk of hunks) {
    let newLine = hunk.newStart;
    for (const line of hunk.lines) {
      if (line.kind === "del") {
        deletedLines++;
        continue;
      }
      if (line.kind === "add") addedLines.push(newLine);
      newLine++;
    }
  }
  return { addedLines, deletedLines };
}
