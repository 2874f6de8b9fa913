/**
 * In-memory pull-request snapshots for the App's tests: files added by an
 * agent commit (Claude Code trailer) or a human commit, with their contents
 * at head for detection.
 */
import type { ChangedFile, Commit, PullRequestSnapshot } from "../../../app/model/snapshot.js";

export const BASE_SHA = "b".repeat(40);
export const HUMAN_SHA = "1".repeat(40);

export interface FileSpec {
  path: string;
  content: string;
  by: "agent" | "human";
  binary?: boolean;
}

export interface SnapshotSpec {
  number: number;
  head: string;
  draft?: boolean;
  title?: string;
  files: FileSpec[];
  owner?: string;
  repo?: string;
}

function identity(name: string, email: string, login: string | null) {
  return { name, email, login, date: "2026-11-01T10:00:00Z" };
}

function commits(head: string): Commit[] {
  const alice = identity("Alice Example", "alice@example.com", "alice");
  return [
    {
      sha: HUMAN_SHA,
      tree: "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
      parents: [BASE_SHA],
      author: alice,
      committer: alice,
      message: "Add the human part\n",
      notes: null,
    },
    {
      sha: head,
      tree: "9c1185a5c5e9fc54612808977ee8f548b2258d31",
      parents: [HUMAN_SHA],
      author: alice,
      committer: alice,
      message: "Add the agent part\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
      notes: null,
    },
  ];
}

function changedFile(spec: FileSpec, head: string): ChangedFile {
  const commit = spec.by === "agent" ? head : HUMAN_SHA;
  if (spec.binary === true) {
    return {
      path: spec.path,
      oldPath: null,
      status: "added",
      binary: true,
      oldMode: null,
      newMode: "100644",
      similarity: null,
      hunks: [],
      addedLines: [],
      deletedLines: 0,
      skipped: "binary",
      origins: [],
    };
  }
  const lines = spec.content.replace(/\n$/, "").split("\n");
  return {
    path: spec.path,
    oldPath: null,
    status: "added",
    binary: false,
    oldMode: null,
    newMode: "100644",
    similarity: null,
    hunks: [
      {
        oldStart: 0,
        oldLines: 0,
        newStart: 1,
        newLines: lines.length,
        section: "",
        lines: lines.map((text) => ({ kind: "add" as const, text, noNewline: false })),
      },
    ],
    addedLines: lines.map((_, i) => i + 1),
    deletedLines: 0,
    skipped: null,
    origins: [{ start: 1, end: lines.length, commit }],
  };
}

export function makeSnapshot(spec: SnapshotSpec): PullRequestSnapshot {
  const owner = spec.owner ?? "Codertocat";
  const repo = spec.repo ?? "Hello-World";
  return {
    source: "github",
    repository: `${owner}/${repo}`,
    base: BASE_SHA,
    head: spec.head,
    mergeBase: BASE_SHA,
    pr: {
      number: spec.number,
      title: spec.title ?? "Add a feature",
      body: "",
      headRef: "feature",
      baseRef: "main",
      author: { login: "alice", type: "User" },
      labels: [],
      draft: spec.draft ?? false,
      url: `https://github.com/${owner}/${repo}/pull/${spec.number}`,
    },
    commits: commits(spec.head),
    files: spec.files.map((f) => changedFile(f, spec.head)),
    reviews: [],
    timeline: [],
    notes: [],
  };
}

/** Python lines the bundled rules flag (python-eval-exec-dynamic), one finding each. */
export function riskyPython(count: number): string {
  return ["def run(a):", ...Array.from({ length: count }, () => "    eval(a)")].join("\n") + "\n";
}

export const SAFE_PYTHON = "def add(a, b):\n    return a + b\n";
