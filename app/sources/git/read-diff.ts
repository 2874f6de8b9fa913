/**
 * One `git diff` process from the merge base to head, parsed into ChangedFiles.
 * Files past the size limits are marked `skipped: "too large"`: their
 * `addedLines` are kept (so line counts stay honest) but their hunks are
 * dropped and they are never blamed.
 */
import { parseUnifiedDiff } from "../../diff/parse-diff.js";
import { MAX_FILE_ADDED_LINES, MAX_FILE_BYTES } from "../../limits.js";
import type { ChangedFile } from "../../model/snapshot.js";
import type { GitRunner } from "./run-git.js";
import { assertSafeRepoPath } from "./safe-path.js";

export const TOO_LARGE = "too large";

export function diffArgs(mergeBase: string, head: string): string[] {
  return [
    "diff",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "-M",
    "--full-index",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    "--no-relative",
    "--unified=3",
    "--diff-algorithm=myers",
    "--submodule=short",
    "--ignore-submodules=none",
    "-O/dev/null",
    "--end-of-options",
    mergeBase,
    head,
    "--",
  ];
}

export async function readDiff(git: GitRunner, mergeBase: string, head: string): Promise<ChangedFile[]> {
  const out = await git.run(diffArgs(mergeBase, head));
  const files = parseUnifiedDiff(out.toString("utf8"));
  for (const file of files) {
    assertSafeRepoPath(file.path, "git diff");
    if (file.oldPath !== null) assertSafeRepoPath(file.oldPath, "git diff");
  }
  return files.map(limitSize);
}

/** Approximate bytes of a file's diff body: every hunk line plus its newline. */
export function diffBytes(file: ChangedFile): number {
  let bytes = 0;
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) bytes += Buffer.byteLength(line.text, "utf8") + 2;
  }
  return bytes;
}

function limitSize(file: ChangedFile): ChangedFile {
  if (file.skipped !== null) return file;
  if (file.addedLines.length <= MAX_FILE_ADDED_LINES && diffBytes(file) <= MAX_FILE_BYTES) return file;
  return { ...file, hunks: [], skipped: TOO_LARGE };
}
