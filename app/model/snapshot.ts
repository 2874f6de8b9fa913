/**
 * The pull-request snapshot: everything the pure pipeline needs, filled either
 * from a local git repository (sources/git) or from GitHub (sources/github).
 * Nothing in here does I/O; sources build it, the pipeline reads it.
 */

/** A git identity as recorded in a commit object. */
export interface GitIdentity {
  name: string;
  email: string;
  /** GitHub login when the source knows it (GraphQL `user.login`, REST `author.login`). */
  login?: string | null;
  /** ISO-8601 timestamp. */
  date: string;
}

/** A GitHub account (PR author, reviewer, actor). Logins keep REST's `[bot]` suffix when known. */
export interface Account {
  login: string;
  type: "User" | "Bot" | "Organization" | "Unknown";
}

export interface Commit {
  sha: string;
  tree: string;
  parents: string[];
  author: GitIdentity;
  committer: GitIdentity;
  /** Full raw message (subject, body, trailers). */
  message: string;
  /** Contents of a git note for this commit under refs/notes/ai, when present. */
  notes?: string | null;
}

export type HunkLineKind = "context" | "add" | "del";

export interface HunkLine {
  kind: HunkLineKind;
  /** Line text without the leading marker and without the trailing "\n" (a "\r" stays). */
  text: string;
  /** True when followed by "\ No newline at end of file". */
  noNewline: boolean;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Text after the second "@@" (function context), without the leading space. */
  section: string;
  lines: HunkLine[];
}

export type FileStatus = "added" | "modified" | "deleted" | "renamed" | "copied";

export interface ChangedFile {
  /** Path at head (for a deleted file: the path it had at base). Repository-relative, "/" separated. */
  path: string;
  /** Path at base for renamed/copied files; null otherwise. */
  oldPath: string | null;
  status: FileStatus;
  binary: boolean;
  oldMode: string | null;
  newMode: string | null;
  /** Rename/copy similarity index in percent, when git reported one. */
  similarity: number | null;
  hunks: Hunk[];
  /** Head line numbers (1-based, ascending, unique) that were added or changed. */
  addedLines: number[];
  deletedLines: number;
  /** Why this file's lines are not analysed (binary, submodule, symlink, too large), or null. */
  skipped: string | null;
  /**
   * Which commit of the pull request last wrote each added line (last-writer
   * semantics). Ranges are inclusive, ascending and cover `addedLines`
   * exactly; `commit: null` means the source could not tell.
   */
  origins: OriginRange[];
}

export interface OriginRange {
  start: number;
  end: number;
  commit: string | null;
}

export interface PullRequestMeta {
  number: number | null;
  title: string;
  body: string;
  headRef: string;
  baseRef: string | null;
  author: Account | null;
  labels: string[];
  draft: boolean;
  url: string | null;
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface Review {
  id: string;
  author: Account | null;
  state: ReviewState;
  submittedAt: string | null;
  commitId: string | null;
  body: string;
}

export type TimelineEvent =
  | {
      type: "force_pushed";
      at: string;
      actor: Account | null;
      beforeSha: string | null;
      afterSha: string | null;
    }
  | { type: "review_dismissed"; at: string; actor: Account | null; reviewId: string | null; message: string }
  | { type: "merged"; at: string; actor: Account | null; commit: string | null };

export interface PullRequestSnapshot {
  source: "git" | "github";
  /** "owner/name" on GitHub, the local path for a git source. */
  repository: string;
  base: string;
  head: string;
  /** The commit the diff is taken from (merge base of base and head). */
  mergeBase: string;
  pr: PullRequestMeta | null;
  /** Commits in mergeBase..head, oldest first. */
  commits: Commit[];
  files: ChangedFile[];
  reviews: Review[];
  timeline: TimelineEvent[];
  /** Things the source skipped or could not do, for the report. */
  notes: string[];
}
