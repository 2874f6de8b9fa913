/** Parses real `git diff` output from a temporary repository covering every entry shape. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangedFile } from "../../app/model/snapshot.js";
import { formatUnifiedDiff } from "../../app/diff/format-diff.js";
import { parseUnifiedDiff } from "../../app/diff/parse-diff.js";
import { TempRepo } from "./helpers/temp-repo.js";

const numbered = (n: number, from = 1): string =>
  Array.from({ length: n }, (_, i) => `line ${i + from}\n`).join("");

let repo: TempRepo;
let base: string;
let head: string;
let all: ChangedFile[];
let files: Map<string, ChangedFile>;

beforeAll(() => {
  repo = new TempRepo();
  repo.write("modified.txt", numbered(30));
  repo.write("with space.txt", "a\nb\nc\n");
  repo.write("café.txt", "hello\n");
  repo.write('tab\t"q".txt', "q\n");
  repo.write("crlf.txt", "x\r\ny\r\n\r\n");
  repo.write("noeol.txt", "first\nlast");
  repo.write("bin.dat", new Uint8Array([0, 1, 2, 3]));
  repo.write("ren-src.txt", numbered(10));
  repo.write("pure.txt", "moved as is\n");
  repo.write("mode.sh", "echo hi\n");
  repo.write("mode-edit.sh", "echo 1\n");
  repo.write("gone.txt", "bye\n");
  repo.symlink("link", "target-one");
  repo.symlink("typechange", "was-a-link");
  repo.write("rename-mode.sh", numbered(5));
  base = repo.commit("base");

  repo.write(
    "modified.txt",
    numbered(30).replace("line 3\n", "LINE 3\n").replace("line 28\n", "l28\nextra\n"),
  );
  repo.write("with space.txt", "a\nB\nc\nd\n");
  repo.write("café.txt", "hello\nworld\n");
  repo.write('tab\t"q".txt', "r\n");
  repo.write("new\nline.txt", "n\n");
  repo.write("crlf.txt", "x\r\nY\r\n\r\nz\r\n");
  repo.write("noeol.txt", "first\nlast changed");
  repo.write("bin.dat", new Uint8Array([0, 1, 2, 4]));
  repo.write("new.bin", new Uint8Array([9, 0, 9]));
  repo.remove("ren-src.txt");
  repo.write("renamed dir/ren dst.txt", numbered(10).replace("line 10\n", "line ten\n"));
  repo.remove("pure.txt");
  repo.write("moved/pure.txt", "moved as is\n");
  repo.write("mode.sh", "echo hi\n", true);
  repo.write("mode-edit.sh", "echo 2\n", true);
  repo.remove("gone.txt");
  repo.write("empty.txt", "");
  repo.write("x b/y.txt", "");
  repo.symlink("link", "target-two");
  repo.remove("typechange");
  repo.write("typechange", "now a file\n");
  repo.remove("rename-mode.sh");
  repo.write("bin/rename-mode", numbered(5), true);
  repo.git("add", "-A");
  repo.git("update-index", "--add", "--cacheinfo", `160000,${base},sub`);
  repo.git("commit", "-q", "-m", "head");
  head = repo.git("rev-parse", "HEAD").trim();
  all = parseUnifiedDiff(repo.diff(base, head));
  files = new Map(all.map((f) => [f.path, f]));
});

afterAll(() => repo.dispose());

function file(path: string): ChangedFile {
  const f = files.get(path);
  if (f === undefined) {
    throw new Error(`no entry for ${JSON.stringify(path)}; have ${[...files.keys()].join(", ")}`);
  }
  return f;
}

describe("parseUnifiedDiff on real git output", () => {
  it.each([
    ["modified.txt", "modified", [3, 28, 29], 2, null],
    ["with space.txt", "modified", [2, 4], 1, null],
    ["café.txt", "modified", [2], 0, null],
    ['tab\t"q".txt', "modified", [1], 1, null],
    ["new\nline.txt", "added", [1], 0, null],
    ["crlf.txt", "modified", [2, 4], 1, null],
    ["noeol.txt", "modified", [2], 1, null],
    ["bin.dat", "modified", [], 0, "binary"],
    ["new.bin", "added", [], 0, "binary"],
    ["renamed dir/ren dst.txt", "renamed", [10], 1, null],
    ["moved/pure.txt", "renamed", [], 0, null],
    ["mode.sh", "modified", [], 0, null],
    ["mode-edit.sh", "modified", [1], 1, null],
    ["gone.txt", "deleted", [], 1, null],
    ["empty.txt", "added", [], 0, null],
    ["x b/y.txt", "added", [], 0, null],
    ["link", "modified", [1], 1, "symlink"],
    ["sub", "added", [1], 0, "submodule"],
  ] as const)("%j is %s with added lines %j", (path, status, added, deleted, skipped) => {
    const f = file(path);
    expect(f.status).toBe(status);
    expect(f.addedLines).toEqual(added);
    expect(f.deletedLines).toBe(deleted);
    expect(f.skipped).toBe(skipped);
    expect(f.origins).toEqual([]);
  });

  it("reads only the entries git printed", () => {
    expect(all).toHaveLength(21);
  });

  it("reads a type change (symlink → file) as a deleted and an added entry", () => {
    const entries = all.filter((f) => f.path === "typechange");
    expect(entries.map((f) => [f.status, f.oldMode, f.newMode, f.skipped])).toEqual([
      ["deleted", "120000", null, "symlink"],
      ["added", null, "100644", null],
    ]);
  });

  it("reads a rename combined with a mode change", () => {
    expect(file("bin/rename-mode")).toMatchObject({
      status: "renamed",
      oldPath: "rename-mode.sh",
      oldMode: "100644",
      newMode: "100755",
      similarity: 100,
      hunks: [],
    });
  });

  it("keeps the carriage return in CRLF lines, including a line that is only CRLF", () => {
    const lines = file("crlf.txt").hunks.flatMap((h) => h.lines.map((l) => `${l.kind}:${l.text}`));
    expect(lines).toEqual(["context:x\r", "del:y\r", "add:Y\r", "context:\r", "add:z\r"]);
  });

  it("marks lines followed by '\\ No newline at end of file'", () => {
    const lines = file("noeol.txt").hunks[0]?.lines;
    expect(lines).toEqual([
      { kind: "context", text: "first", noNewline: false },
      { kind: "del", text: "last", noNewline: true },
      { kind: "add", text: "last changed", noNewline: true },
    ]);
  });

  it("records renames with similarity and old path", () => {
    const edited = file("renamed dir/ren dst.txt");
    expect(edited.oldPath).toBe("ren-src.txt");
    expect(edited.similarity).toBeGreaterThan(50);
    expect(edited.similarity).toBeLessThan(100);
    expect(file("moved/pure.txt")).toMatchObject({ oldPath: "pure.txt", similarity: 100, hunks: [] });
  });

  it("records modes of mode changes, new, deleted, symlink and submodule entries", () => {
    expect(file("mode.sh")).toMatchObject({ oldMode: "100644", newMode: "100755", hunks: [] });
    expect(file("mode-edit.sh")).toMatchObject({ oldMode: "100644", newMode: "100755" });
    expect(file("modified.txt")).toMatchObject({ oldMode: "100644", newMode: "100644" });
    expect(file("empty.txt")).toMatchObject({ oldMode: null, newMode: "100644", hunks: [] });
    expect(file("gone.txt")).toMatchObject({ oldMode: "100644", newMode: null });
    expect(file("link")).toMatchObject({ oldMode: "120000", newMode: "120000" });
    expect(file("sub")).toMatchObject({ newMode: "160000" });
  });

  it("reads hunk headers including the function-context section", () => {
    const hunks = file("modified.txt").hunks;
    expect(
      hunks.map(({ oldStart, oldLines, newStart, newLines }) => [oldStart, oldLines, newStart, newLines]),
    ).toEqual([
      [1, 6, 1, 6],
      [25, 6, 25, 7],
    ]);
    expect(hunks[1]?.section).toBe("line 24");
  });

  it("detects copies with --find-copies-harder", () => {
    const r = new TempRepo();
    try {
      r.write("src.txt", numbered(8));
      const b = r.commit("base");
      r.write("copy of src.txt", numbered(8).replace("line 8\n", "line eight\n"));
      const h = r.commit("copy");
      const [copy] = parseUnifiedDiff(r.diff(b, h, "--find-copies-harder"));
      expect(copy).toMatchObject({
        status: "copied",
        path: "copy of src.txt",
        oldPath: "src.txt",
        addedLines: [8],
      });
    } finally {
      r.dispose();
    }
  });

  it("parses raw UTF-8 names printed with core.quotePath=false", () => {
    const out = repo.git("-c", "core.quotePath=false", "diff", "--full-index", base, head, "--", "café.txt");
    expect(out).toContain("diff --git a/café.txt b/café.txt");
    expect(parseUnifiedDiff(out).map((f) => f.path)).toEqual(["café.txt"]);
  });

  it("parses --binary patches and plain `git diff` without rename detection", () => {
    const binary = parseUnifiedDiff(repo.git("diff", "--binary", base, head, "--", "bin.dat", "new.bin"));
    expect(binary.map((f) => [f.path, f.status, f.binary])).toEqual([
      ["bin.dat", "modified", true],
      ["new.bin", "added", true],
    ]);
    const plain = parseUnifiedDiff(repo.git("diff", "--no-renames", base, head, "--", "pure.txt", "moved"));
    expect(plain.map((f) => [f.path, f.status])).toEqual([
      ["moved/pure.txt", "added"],
      ["pure.txt", "deleted"],
    ]);
  });

  it("formats the parsed model back to text that parses to the same model", () => {
    expect(parseUnifiedDiff(formatUnifiedDiff(all))).toEqual(all);
  });
});
