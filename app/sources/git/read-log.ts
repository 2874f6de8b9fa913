/**
 * One `git log` process for the pull request's commits (mergeBase..head,
 * oldest first): identities, dates, the raw message, the refs/notes/ai note,
 * and per commit which paths it changed and how (`--name-status -z -M`).
 */
import { randomBytes } from "node:crypto";
import { ProvenanceError } from "../../errors.js";
import type { Commit } from "../../model/snapshot.js";
import type { GitRunner } from "./run-git.js";
import { assertSafeRepoPath } from "./safe-path.js";

/** One commit changing one path. A rename or copy touches both its old and its new path. */
export interface PathTouch {
  commit: string;
  /** Status letter as git prints it: A, M, D, T, R, C (without the similarity score). */
  status: string;
  /** For a rename or copy, the path on the other side of it; null otherwise. */
  partner: string | null;
}

export interface LogResult {
  /** Oldest first; parents before children. */
  commits: Commit[];
  /** Head-or-older path → every change a non-merge PR commit made to it, in commit order. Merges list nothing. */
  touches: Map<string, PathTouch[]>;
  hasMerges: boolean;
}

export const NOTES_REF = "refs/notes/ai";

/** Fields before the message, in format order. */
const FIXED_FIELDS = ["%H", "%T", "%P", "%an", "%ae", "%aI", "%cn", "%ce", "%cI"] as const;

export function logArgs(mergeBase: string, head: string, nonce: string): string[] {
  // Record = START nonce, NUL-separated fixed fields, message (%B cannot hold NUL),
  // note (may hold anything but the unguessable nonce), END nonce, then name-status.
  const format = `%x1e${nonce}%x1f${FIXED_FIELDS.join("%x00")}%x00%B%x00%N%x1f${nonce}%x1e`;
  return [
    "log",
    "--no-notes",
    `--notes=${NOTES_REF}`,
    "--encoding=UTF-8",
    "--topo-order",
    "--reverse",
    "-z",
    "--name-status",
    "-M",
    "--no-relative",
    "-O/dev/null",
    "--no-textconv",
    "--no-ext-diff",
    `--format=${format}`,
    "--end-of-options",
    `${mergeBase}..${head}`,
    "--",
  ];
}

export async function readLog(git: GitRunner, mergeBase: string, head: string): Promise<LogResult> {
  const nonce = randomBytes(12).toString("hex");
  const out = await git.run(logArgs(mergeBase, head, nonce));
  return parseLog(out.toString("utf8"), nonce);
}

export function parseLog(out: string, nonce: string): LogResult {
  const start = `\x1e${nonce}\x1f`;
  const end = `\x1f${nonce}\x1e`;
  const records = out.split(start);
  if (records.shift()?.replace(/[\0\n]/g, "") !== "") throw malformed("text before the first commit");
  const commits: Commit[] = [];
  const touches = new Map<string, PathTouch[]>();
  for (const record of records) {
    const endAt = record.indexOf(end);
    if (endAt < 0) throw malformed("unterminated commit record");
    const commit = parseHeader(record.slice(0, endAt));
    commits.push(commit);
    if (commit.parents.length > 1) continue;
    for (const touch of parseNameStatus(record.slice(endAt + end.length), commit.sha)) {
      const list = touches.get(touch.path) ?? [];
      list.push(touch.touch);
      touches.set(touch.path, list);
    }
  }
  return { commits, touches, hasMerges: commits.some((c) => c.parents.length > 1) };
}

function parseHeader(header: string): Commit {
  const fields = header.split("\0");
  if (fields.length < FIXED_FIELDS.length + 2) throw malformed("commit record with too few fields");
  const [sha, tree, parents, an, ae, ad, cn, ce, cd, message] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!/^[0-9a-f]{40,64}$/.test(sha) || !/^[0-9a-f]{40,64}$/.test(tree)) throw malformed("bad object id");
  const notes = fields.slice(FIXED_FIELDS.length + 1).join("\0");
  return {
    sha,
    tree,
    parents: parents === "" ? [] : parents.split(" "),
    author: { name: an, email: ae, date: ad },
    committer: { name: cn, email: ce, date: cd },
    message,
    notes: notes === "" ? null : notes,
  };
}

interface NamedTouch {
  path: string;
  touch: PathTouch;
}

/** `-z --name-status` output: "M\0path\0", "R087\0old\0new\0", ... after the record's own separators. */
function parseNameStatus(tail: string, commit: string): NamedTouch[] {
  const tokens = tail.replace(/^[\0\n]+/, "").split("\0");
  const result: NamedTouch[] = [];
  let i = 0;
  while (i < tokens.length) {
    const status = tokens[i++] as string;
    if (status === "") continue;
    const letter = status[0] as string;
    const pair = letter === "R" || letter === "C";
    if (!/^(?:[AMDTUX]|[RC]\d{0,3})$/.test(status))
      throw malformed(`unknown status ${JSON.stringify(status)}`);
    const paths = tokens.slice(i, i + (pair ? 2 : 1));
    i += paths.length;
    if (paths.length !== (pair ? 2 : 1)) throw malformed("name-status entry without its path");
    for (const path of paths) assertSafeRepoPath(path, `commit ${commit.slice(0, 12)}`);
    const [first, second] = paths as [string, string | undefined];
    result.push({ path: first, touch: { commit, status: letter, partner: second ?? null } });
    if (second !== undefined)
      result.push({ path: second, touch: { commit, status: letter, partner: first } });
  }
  return result;
}

function malformed(why: string): ProvenanceError {
  return new ProvenanceError("GIT_FAILED", `could not parse git log output: ${why}`);
}
