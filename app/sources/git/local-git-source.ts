/**
 * The local git source: a PullRequestSnapshot from a repository on disk.
 *
 * Everything is read from the object database at fixed commits (rev-parse,
 * merge-base, log, diff, blame); the working tree is never read, nothing is
 * written, and every path git reports is checked before use. Process budget:
 * 4 git processes (rev-parse, merge-base, log, diff), plus one `git log -p`
 * when some file was shaped by several commits or a rename, plus one
 * `git blame` per such file when the range holds merge commits.
 */
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { ProvenanceError } from "../../errors.js";
import type { ChangedFile, PullRequestMeta, PullRequestSnapshot } from "../../model/snapshot.js";
import { assignOrigins, type OriginStrategy } from "./line-origins.js";
import { readDiff } from "./read-diff.js";
import { readLog } from "./read-log.js";
import { resolveRefs } from "./resolve-refs.js";
import { createGitRunner, type GitRunner } from "./run-git.js";

export interface GitSnapshotOptions {
  /** A directory inside a git work tree, or a bare repository. Reported as `repository` exactly as given. */
  repo: string;
  base: string;
  head: string;
  pr?: PullRequestMeta | null;
  /** Injected runner (to count processes); must run in `repo`. */
  git?: GitRunner;
  /** How files shaped by several commits are attributed: "replay" (default, one process) or "blame" (one per file). */
  lineOrigins?: OriginStrategy;
}

export interface GitSnapshotStats {
  /** Git processes started for this snapshot. */
  gitProcesses: number;
  /** Files attributed by replaying per-commit diffs (all of them share one `git log -p`). */
  replayedFiles: number;
  /** Files that needed their own `git blame` process. */
  blamedFiles: number;
}

export async function buildGitSnapshot(opts: GitSnapshotOptions): Promise<PullRequestSnapshot> {
  return (await buildGitSnapshotWithStats(opts)).snapshot;
}

export async function buildGitSnapshotWithStats(
  opts: GitSnapshotOptions,
): Promise<{ snapshot: PullRequestSnapshot; stats: GitSnapshotStats }> {
  await assertDirectory(opts.repo);
  const git = opts.git ?? createGitRunner({ cwd: opts.repo });
  if (resolve(git.cwd) !== resolve(opts.repo)) {
    throw new ProvenanceError("BAD_ARGUMENT", `the git runner runs in ${git.cwd}, not in ${opts.repo}`);
  }
  const startCount = git.count;
  const refs = await resolveRefs(git, opts.base, opts.head);
  const [log, diffFiles] = await Promise.all([
    readLog(git, refs.mergeBase, refs.head),
    readDiff(git, refs.mergeBase, refs.head),
  ]);
  const origins = await assignOrigins(diffFiles, {
    git,
    mergeBase: refs.mergeBase,
    head: refs.head,
    cdup: refs.cdup,
    prCommits: new Set(log.commits.map((c) => c.sha)),
    touches: log.touches,
    hasMerges: log.hasMerges,
    strategy: opts.lineOrigins ?? "replay",
  });
  const snapshot: PullRequestSnapshot = {
    source: "git",
    repository: opts.repo,
    base: refs.base,
    head: refs.head,
    mergeBase: refs.mergeBase,
    pr: opts.pr ?? null,
    commits: log.commits,
    files: origins.files,
    reviews: [],
    timeline: [],
    notes: [...skippedNotes(origins.files), ...attributesNotes(origins.files), ...origins.notes],
  };
  return {
    snapshot,
    stats: {
      gitProcesses: git.count - startCount,
      replayedFiles: origins.replayedFiles,
      blamedFiles: origins.blamedFiles,
    },
  };
}

async function assertDirectory(repo: string): Promise<void> {
  if (repo === "" || repo.includes("\0"))
    throw new ProvenanceError("BAD_ARGUMENT", "repository path is empty");
  try {
    if ((await stat(repo)).isDirectory()) return;
  } catch (err) {
    throw new ProvenanceError("BAD_ARGUMENT", `repository ${repo} does not exist`, { cause: err });
  }
  throw new ProvenanceError("BAD_ARGUMENT", `repository ${repo} is not a directory`);
}

const SKIP_REASONS: Readonly<Record<string, string>> = {
  binary: "binary file, lines not analysed",
  submodule: "submodule entry, not analysed",
  symlink: "symbolic link, target not followed or analysed",
  "too large": "too large to blame or scan",
};

function skippedNotes(files: readonly ChangedFile[]): string[] {
  return files
    .filter((f) => f.skipped !== null)
    .map((f) => `${JSON.stringify(f.path)}: skipped (${SKIP_REASONS[f.skipped as string] ?? f.skipped})`);
}

/**
 * git reads .gitattributes from the checked-out working tree (git < 2.40 has no
 * --attr-source), so a pull request that changes them can mark its own files
 * binary (`-diff`) and hide their lines. Say so when it happens.
 */
function attributesNotes(files: readonly ChangedFile[]): string[] {
  return files
    .filter((f) => f.path === ".gitattributes" || f.path.endsWith("/.gitattributes"))
    .map(
      (f) =>
        `${JSON.stringify(f.path)}: git attributes changed in this pull request; ` +
        "files they mark binary (-diff) are skipped, check that nothing is hidden",
    );
}
