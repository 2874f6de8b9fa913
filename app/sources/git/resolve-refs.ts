/**
 * Turns the caller's base/head refs into full commit SHAs plus their merge
 * base, in two git processes: one `rev-parse` (which also proves the directory
 * is a repository) and one `merge-base`.
 */
import { ProvenanceError } from "../../errors.js";
import { type GitRunner, gitFailureOf } from "./run-git.js";

export interface ResolvedRefs {
  base: string;
  head: string;
  mergeBase: string;
  bare: boolean;
  /** "../" repeated, from the runner's directory up to the work-tree top; "" at the top or in a bare repository. */
  cdup: string;
}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const MAX_REF_LENGTH = 1024;

export function isFullSha(value: string): boolean {
  return SHA.test(value);
}

/** Rejects what git could mistake for an option, and characters no ref can hold, before git sees them. */
export function assertRefArgument(label: string, ref: string): void {
  if (ref === "") throw new ProvenanceError("BAD_ARGUMENT", `${label} ref is empty`);
  if (ref.startsWith("-")) {
    throw new ProvenanceError("BAD_ARGUMENT", `${label} ref ${JSON.stringify(ref)} starts with "-"`);
  }
  if (ref.includes("..")) {
    throw new ProvenanceError(
      "BAD_ARGUMENT",
      `${label} ref ${JSON.stringify(ref)} is a range; name one commit`,
    );
  }
  // eslint-disable-next-line no-control-regex
  if (ref.length > MAX_REF_LENGTH || /[\u0000-\u001f\u007f]/.test(ref)) {
    throw new ProvenanceError(
      "BAD_ARGUMENT",
      `${label} ref ${JSON.stringify(ref.slice(0, 80))} is not a valid ref`,
    );
  }
}

export async function resolveRefs(git: GitRunner, base: string, head: string): Promise<ResolvedRefs> {
  assertRefArgument("base", base);
  assertRefArgument("head", head);
  const out = await revParse(git, [
    "rev-parse",
    "--git-dir",
    "--is-bare-repository",
    "--show-cdup",
    "--end-of-options",
    `${base}^{commit}`,
    `${head}^{commit}`,
    "--",
  ]);
  const parsed = parseRevParse(out);
  const mergeBase = await findMergeBase(git, parsed.base, parsed.head, base, head);
  return { ...parsed, mergeBase };
}

async function revParse(git: GitRunner, args: string[]): Promise<string> {
  try {
    return (await git.run(args)).toString("utf8");
  } catch (err) {
    const failure = gitFailureOf(err);
    if (failure !== null && /not a git repository/i.test(failure.stderr)) {
      throw new ProvenanceError("BAD_ARGUMENT", `${git.cwd} is not inside a git repository`, { cause: err });
    }
    throw err;
  }
}

/**
 * Output, one value a line: git dir (may itself hold newlines, so we read from
 * the end), "true"/"false", the cdup line (absent in a bare repository), then
 * "--end-of-options", the two SHAs and "--" (git 2.39 echoes the markers;
 * newer versions may not).
 */
export function parseRevParse(out: string): Omit<ResolvedRefs, "mergeBase"> {
  const lines = out.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  while (lines[lines.length - 1] === "--") lines.pop();
  const head = lines.pop() ?? "";
  const base = lines.pop() ?? "";
  if (!isFullSha(base) || !isFullSha(head)) {
    throw new ProvenanceError(
      "GIT_BAD_REF",
      `base and head did not resolve to one commit each: ${JSON.stringify(out.slice(-300))}`,
    );
  }
  if (lines[lines.length - 1] === "--end-of-options") lines.pop();
  let cdup = "";
  const last = lines[lines.length - 1];
  if (last !== "true" && last !== "false") cdup = lines.pop() ?? "";
  const bareLine = lines.pop();
  if ((bareLine !== "true" && bareLine !== "false") || !/^(?:\.\.\/)*$/.test(cdup)) {
    throw new ProvenanceError("GIT_FAILED", `unexpected rev-parse output ${JSON.stringify(out.slice(-300))}`);
  }
  return { base, head, bare: bareLine === "true", cdup };
}

async function findMergeBase(
  git: GitRunner,
  baseSha: string,
  headSha: string,
  base: string,
  head: string,
): Promise<string> {
  let out: string;
  try {
    out = (await git.run(["merge-base", "--end-of-options", baseSha, headSha])).toString("utf8").trim();
  } catch (err) {
    const failure = gitFailureOf(err);
    if (failure !== null && failure.exitCode === 1 && failure.stderr === "") {
      throw new ProvenanceError(
        "GIT_BAD_REF",
        `${base} and ${head} have no common ancestor (unrelated histories, or a shallow clone: fetch more history)`,
        { cause: err },
      );
    }
    throw err;
  }
  if (!isFullSha(out))
    throw new ProvenanceError("GIT_FAILED", `unexpected merge-base output ${JSON.stringify(out)}`);
  return out;
}
