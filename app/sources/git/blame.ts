/**
 * Last-writer blame of one file at head, limited to the pull request's range:
 * `git blame --incremental <mergeBase>..<head> -- <path>`. Lines that reach
 * the merge base come back as boundary commits, which the caller treats as
 * "not written in this pull request".
 */
import { ProvenanceError } from "../../errors.js";
import type { LineRange } from "../../diff/line-ranges.js";
import { MAX_BLAME_LINE_RANGES } from "../../limits.js";
import type { GitRunner } from "./run-git.js";

export interface BlameTarget {
  mergeBase: string;
  head: string;
  /** Repository-relative path at head. */
  path: string;
  /** "../" prefix from the runner's directory to the work-tree top (see resolveRefs). */
  cdup: string;
  /** Head lines to blame (the added lines); the whole file when empty or too fragmented. */
  ranges?: readonly LineRange[];
}

/** Head line number (1-based) → SHA of the commit that last wrote it. */
export type BlameMap = Map<number, string>;

export function blameArgs(target: BlameTarget): string[] {
  const ranges = target.ranges ?? [];
  const limit = ranges.length <= MAX_BLAME_LINE_RANGES ? ranges.map((r) => `-L${r.start},${r.end}`) : [];
  return [
    "blame",
    ...limit,
    "--incremental",
    "--no-textconv",
    // Clears blame.ignoreRevsFile from the repository's config (an empty -c value does not, in git 2.39).
    "--no-ignore-revs-file",
    `${target.mergeBase}..${target.head}`,
    "--",
    `${target.cdup}${target.path}`,
  ];
}

export async function blameFile(git: GitRunner, target: BlameTarget): Promise<BlameMap> {
  const out = await git.run(blameArgs(target));
  return parseIncrementalBlame(out.toString("utf8"));
}

const ENTRY_HEADER = /^([0-9a-f]{40}|[0-9a-f]{64}) (\d+) (\d+) (\d+)$/;

/**
 * `--incremental` output: per group of lines, "<sha> <orig> <final> <count>",
 * then header lines (author, summary, boundary, previous, ... — only the first
 * time a commit appears), always ending with "filename <path>".
 */
export function parseIncrementalBlame(text: string): BlameMap {
  const map: BlameMap = new Map();
  let inEntry = false;
  for (const line of text.split("\n")) {
    if (inEntry) {
      if (line.startsWith("filename ")) inEntry = false;
      continue;
    }
    if (line === "") continue;
    const match = ENTRY_HEADER.exec(line);
    if (match === null)
      throw malformed(`expected an entry header, found ${JSON.stringify(line.slice(0, 120))}`);
    const sha = match[1] as string;
    const finalLine = Number(match[3]);
    const count = Number(match[4]);
    for (let n = finalLine; n < finalLine + count; n++) map.set(n, sha);
    inEntry = true;
  }
  if (inEntry) throw malformed("output ends inside an entry");
  return map;
}

function malformed(why: string): ProvenanceError {
  return new ProvenanceError("GIT_FAILED", `could not parse git blame output: ${why}`);
}
