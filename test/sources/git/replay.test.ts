import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangedFile, Hunk } from "../../../app/model/snapshot.js";
import { buildGitSnapshotWithStats } from "../../../app/sources/git/local-git-source.js";
import { parsePatchLog } from "../../../app/sources/git/read-patches.js";
import { applyHunks, replayOrigins } from "../../../app/sources/git/replay-origins.js";
import { createRepo, type FixtureRepo } from "../../../fixtures/git/fixture-repo.js";
import { lines } from "../../../fixtures/git/mixed-scenario-files.js";

const A = "a".repeat(40);
const B = "b".repeat(40);
const BOB = { name: "Bob", email: "bob@example.com" };

/** A -U0 style hunk: `del` old lines at oldStart, then `add` new lines. */
function hunk(oldStart: number, oldLines: number, newStart: number, newLines: number): Hunk {
  return {
    oldStart,
    oldLines,
    newStart,
    newLines,
    section: "",
    lines: [
      ...Array.from({ length: oldLines }, () => ({ kind: "del" as const, text: "", noNewline: false })),
      ...Array.from({ length: newLines }, () => ({ kind: "add" as const, text: "", noNewline: false })),
    ],
  };
}

function file(partial: Partial<ChangedFile> & Pick<ChangedFile, "path" | "status">): ChangedFile {
  return {
    oldPath: null,
    binary: false,
    oldMode: null,
    newMode: null,
    similarity: null,
    hunks: [],
    addedLines: [],
    deletedLines: 0,
    skipped: null,
    origins: [],
    ...partial,
  };
}

describe("applyHunks", () => {
  it("inserts, replaces and deletes, keeping writers of untouched lines (also past the known end)", () => {
    const before = [A, A, A];
    // insert 2 after line 1; replace old line 3; delete old line 5 (past the known end: a base line)
    const after = applyHunks(before, [hunk(1, 0, 2, 2), hunk(3, 1, 5, 1), hunk(5, 1, 6, 0)], B);
    expect(after).toEqual([A, B, B, A, B, null]);
  });

  it("starts a new file from nothing", () => {
    expect(applyHunks([], [hunk(0, 0, 1, 3)], B)).toEqual([B, B, B]);
  });

  it("handles context lines of ordinary hunks", () => {
    const h: Hunk = {
      oldStart: 2,
      oldLines: 2,
      newStart: 2,
      newLines: 2,
      section: "",
      lines: [
        { kind: "context", text: "x", noNewline: false },
        { kind: "del", text: "y", noNewline: false },
        { kind: "add", text: "z", noNewline: false },
      ],
    };
    expect(applyHunks([A, A, A, A], [h], B)).toEqual([A, A, B, A]);
  });
});

describe("replayOrigins", () => {
  it("carries writers through renames, even when a commit swaps names", () => {
    const result = replayOrigins([
      { sha: A, files: [file({ path: "x", status: "added", hunks: [hunk(0, 0, 1, 2)] })] },
      {
        sha: B,
        files: [
          file({ path: "y", oldPath: "x", status: "renamed", hunks: [hunk(2, 0, 3, 1)] }),
          file({ path: "x", status: "added", hunks: [hunk(0, 0, 1, 1)] }),
        ],
      },
    ]);
    expect(result.writers.get("y")).toEqual([A, A, B]);
    expect(result.writers.get("x")).toEqual([B]);
    expect(result.unreliable.size).toBe(0);
  });

  it("forgets deleted files and marks what it cannot follow", () => {
    const result = replayOrigins([
      { sha: A, files: [file({ path: "gone", status: "added", hunks: [hunk(0, 0, 1, 1)] })] },
      { sha: A, files: [file({ path: "img", status: "added", binary: true, skipped: "binary" })] },
      { sha: B, files: [file({ path: "gone", status: "deleted", hunks: [hunk(1, 1, 0, 0)] })] },
      { sha: B, files: [file({ path: "img2", oldPath: "img", status: "renamed" })] },
    ]);
    expect(result.writers.has("gone")).toBe(false);
    expect([...result.unreliable]).toEqual(["img2"]);
  });
});

describe("parsePatchLog", () => {
  it("splits per commit and parses each diff", () => {
    const diff = [
      "diff --git a/f.txt b/f.txt",
      "new file mode 100644",
      `index ${"0".repeat(40)}..${"1".repeat(40)}`,
      "--- /dev/null",
      "+++ b/f.txt",
      "@@ -0,0 +1,2 @@",
      "+one",
      "+two",
      "",
    ].join("\n");
    const out = `\x1eN${A}\n\n${diff}\x1eN${B}\n`;
    const patches = parsePatchLog(out, "N");
    expect(patches.map((p) => p.sha)).toEqual([A, B]);
    expect(patches[0]?.files[0]?.addedLines).toEqual([1, 2]);
    expect(patches[1]?.files).toEqual([]);
  });
});

describe("replay against git blame on a tangled history", () => {
  let repo: FixtureRepo;

  beforeAll(async () => {
    repo = await createRepo();
    await repo.commit({
      message: "base",
      author: BOB,
      files: {
        "keep.txt": lines("k1", "k2", "k3"),
        link: { symlink: "keep.txt" },
        "flip.txt": lines("f1", "f2"),
      },
    });
    await repo.branch("feature");
    const edits: Record<string, string | Buffer | null | { symlink: string }>[] = [
      { "a.txt": lines("a1", "a2", "a3", "a4"), ".gitattributes": lines("*.txt -diff") },
      { "a.txt": lines("a1", "a2 edited", "a3", "a4", "a5"), "keep.txt": lines("k1", "temp", "k2", "k3") },
      { "keep.txt": lines("k1", "k2", "k3 edited"), "flip.txt": Buffer.from([0, 1, 2]) },
      { "a.txt": null, "again.txt": lines("fresh") },
      { "a.txt": lines("re-added", "a2 edited"), link: lines("was a link") },
      { "again.txt": lines("fresh", "more"), "flip.txt": lines("f1", "f2", "f3") },
    ];
    for (const [i, files] of edits.entries()) await repo.commit({ message: `step ${i}`, author: BOB, files });
    await repo.commit({
      message: "rename twice",
      author: BOB,
      renames: { "a.txt": "b.txt" },
      files: { "b.txt": lines("re-added", "a2 edited", "b3") },
    });
    await repo.commit({
      message: "and again",
      author: BOB,
      renames: { "b.txt": "c/d.txt" },
      files: { "c/d.txt": lines("re-added", "a2 edited", "b3", "d4") },
    });
  });

  afterAll(async () => {
    await rm(repo.dir, { recursive: true, force: true });
  });

  it("agrees with one git blame per file", async () => {
    const refs = { repo: repo.dir, base: "main", head: "feature" };
    const replayed = await buildGitSnapshotWithStats(refs);
    const blamed = await buildGitSnapshotWithStats({ ...refs, lineOrigins: "blame" });
    expect(replayed.snapshot.files).toEqual(blamed.snapshot.files);
    expect(replayed.snapshot.notes).toEqual(blamed.snapshot.notes);
    // flip.txt was binary for a while: replay cannot see lines through that and hands it to blame.
    expect(replayed.stats.blamedFiles).toBe(1);
    expect(replayed.stats.replayedFiles).toBe(4);
    expect(replayed.stats.gitProcesses).toBe(5 + replayed.stats.blamedFiles);
    expect(replayed.snapshot.notes).toContain(
      '".gitattributes": git attributes changed in this pull request; files they mark binary (-diff) are skipped, check that nothing is hidden',
    );
    const origins = Object.fromEntries(replayed.snapshot.files.map((f) => [f.path, f.origins]));
    const shas = replayed.snapshot.commits.map((c) => c.sha);
    expect(origins["keep.txt"]).toEqual([{ start: 3, end: 3, commit: shas[2] }]);
    expect(origins["c/d.txt"]).toEqual([
      { start: 1, end: 2, commit: shas[4] },
      { start: 3, end: 3, commit: shas[6] },
      { start: 4, end: 4, commit: shas[7] },
    ]);
  });
});
