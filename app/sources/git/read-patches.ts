/**
 * One `git log -p` process: every pull-request commit's own diff against its
 * parent, limited to the paths that need line-level attribution (and the old
 * names they were renamed from). `--unified=0`: replay needs only the hunk
 * positions, not context.
 */
import { randomBytes } from "node:crypto";
import { parseUnifiedDiff } from "../../diff/parse-diff.js";
import { ProvenanceError } from "../../errors.js";
import { MAX_REPLAY_LOG_BYTES } from "../../limits.js";
import type { ChangedFile } from "../../model/snapshot.js";
import type { GitRunner } from "./run-git.js";
import { assertSafeRepoPath } from "./safe-path.js";

export interface CommitPatch {
  sha: string;
  files: ChangedFile[];
}

/** Past this many paths the log is not limited by pathspec at all (argument lists stay small). */
const MAX_PATHSPECS = 2_000;

export function patchLogArgs(
  mergeBase: string,
  head: string,
  paths: readonly string[],
  nonce: string,
): string[] {
  return [
    "log",
    "--topo-order",
    "--reverse",
    "--no-merges",
    "-p",
    "-M",
    "--full-index",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    "--no-relative",
    "--unified=0",
    "--diff-algorithm=myers",
    "--submodule=short",
    "-O/dev/null",
    `--format=%x1e${nonce}%H`,
    "--end-of-options",
    `${mergeBase}..${head}`,
    "--",
    ...(paths.length <= MAX_PATHSPECS ? paths : []),
  ];
}

export async function readPatches(
  git: GitRunner,
  mergeBase: string,
  head: string,
  paths: readonly string[],
): Promise<CommitPatch[]> {
  const nonce = randomBytes(12).toString("hex");
  const out = await git.run(patchLogArgs(mergeBase, head, paths, nonce), {
    maxOutputBytes: MAX_REPLAY_LOG_BYTES,
  });
  return parsePatchLog(out.toString("utf8"), nonce);
}

export function parsePatchLog(out: string, nonce: string): CommitPatch[] {
  const chunks = out.split(`\x1e${nonce}`);
  if ((chunks.shift() ?? "") !== "") throw malformed("text before the first commit");
  return chunks.map((chunk) => {
    const newline = chunk.indexOf("\n");
    const sha = newline < 0 ? chunk : chunk.slice(0, newline);
    if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha)) throw malformed(`bad commit id ${JSON.stringify(sha)}`);
    const diff = newline < 0 ? "" : chunk.slice(newline + 1).replace(/^\n+/, "");
    const files = parseUnifiedDiff(diff);
    for (const file of files) {
      assertSafeRepoPath(file.path, `commit ${sha.slice(0, 12)}`);
      if (file.oldPath !== null) assertSafeRepoPath(file.oldPath, `commit ${sha.slice(0, 12)}`);
    }
    return { sha, files };
  });
}

function malformed(why: string): ProvenanceError {
  return new ProvenanceError("GIT_FAILED", `could not parse git log -p output: ${why}`);
}
