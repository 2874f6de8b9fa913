/** Table tests for parseUnifiedDiff on hand-written diffs shaped like git's output. */
import { describe, expect, it } from "vitest";
import { parseUnifiedDiff } from "../../app/diff/parse-diff.js";

/** Joins lines with "\n" and ends the text with "\n", as git does. */
const diff = (...lines: string[]): string => `${lines.join("\n")}\n`;

describe("parseUnifiedDiff", () => {
  it("returns [] for empty or blank input", () => {
    expect(parseUnifiedDiff("")).toEqual([]);
    expect(parseUnifiedDiff("\n")).toEqual([]);
  });

  it("reads a modified file with omitted counts and a section", () => {
    const [f] = parseUnifiedDiff(
      diff(
        "diff --git a/src/x.ts b/src/x.ts",
        "index 1111111..2222222 100644",
        "--- a/src/x.ts",
        "+++ b/src/x.ts",
        "@@ -3 +3,2 @@ function main() {",
        "-old",
        "+new",
        "+more",
        "@@ -10,0 +12 @@",
        "+tail",
      ),
    );
    expect(f).toMatchObject({ path: "src/x.ts", oldPath: null, status: "modified", oldMode: "100644" });
    expect(f?.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines, h.section])).toEqual([
      [3, 1, 3, 2, "function main() {"],
      [10, 0, 12, 1, ""],
    ]);
    expect(f?.addedLines).toEqual([3, 4, 12]);
    expect(f?.deletedLines).toBe(1);
  });

  it("reads body lines by count, so '--- ', '+++ ' and 'diff --git' texts stay content", () => {
    const [f] = parseUnifiedDiff(
      diff(
        "diff --git a/m.md b/m.md",
        "--- a/m.md",
        "+++ b/m.md",
        "@@ -1,2 +1,2 @@",
        "--- a/old",
        "+++ b/new",
        " diff --git a/q b/q",
      ),
    );
    expect(f?.hunks[0]?.lines.map((l) => [l.kind, l.text])).toEqual([
      ["del", "-- a/old"],
      ["add", "++ b/new"],
      ["context", "diff --git a/q b/q"],
    ]);
  });

  it("treats an empty line inside a hunk as an empty context line", () => {
    const [f] = parseUnifiedDiff(
      diff("diff --git a/e b/e", "--- a/e", "+++ b/e", "@@ -1,2 +1,2 @@", "", "-x", "+y"),
    );
    expect(f?.hunks[0]?.lines[0]).toEqual({ kind: "context", text: "", noNewline: false });
  });

  it("keeps '\\r' in lines and splits on '\\n' only", () => {
    const text = "diff --git a/w b/w\n--- a/w\n+++ b/w\n@@ -1 +1,2 @@\n-a\r\n+\r\n+b\r\r\n";
    const [f] = parseUnifiedDiff(text);
    expect(f?.hunks[0]?.lines.map((l) => l.text)).toEqual(["a\r", "\r", "b\r\r"]);
    expect(f?.addedLines).toEqual([1, 2]);
  });

  it("applies '\\ No newline at end of file' in the middle of a hunk", () => {
    const [f] = parseUnifiedDiff(
      diff(
        "diff --git a/n b/n",
        "--- a/n",
        "+++ b/n",
        "@@ -1 +1,2 @@",
        "-end",
        "\\ No newline at end of file",
        "+end",
        "+new end",
      ),
    );
    expect(f?.hunks[0]?.lines.map((l) => l.noNewline)).toEqual([true, false, false]);
  });

  it.each([
    [
      "new empty file",
      ["diff --git a/e.txt b/e.txt", "new file mode 100644", "index 0000000..e69de29"],
      "added",
    ],
    [
      "deleted empty file",
      ["diff --git a/e.txt b/e.txt", "deleted file mode 100755", "index e69de29..0000000"],
      "deleted",
    ],
    ["mode change", ["diff --git a/e.txt b/e.txt", "old mode 100644", "new mode 100755"], "modified"],
  ])("reads header-only entry: %s", (_name, lines, status) => {
    const [f] = parseUnifiedDiff(diff(...lines));
    expect(f).toMatchObject({ path: "e.txt", status, hunks: [], addedLines: [] });
  });

  it.each([
    ["a b/c b/d.txt", "diff --git a/a b/c b/d.txt b/a b/c b/d.txt"],
    [" b/ b/x", "diff --git a/ b/ b/x b/ b/ b/x"],
    ["x b", "diff --git a/x b b/x b"],
  ])("resolves the ambiguous header of a header-only entry for %j", (path, header) => {
    const [f] = parseUnifiedDiff(diff(header, "new file mode 100644", "index 0000000..e69de29"));
    expect(f?.path).toBe(path);
  });

  it("reads a pure rename, using the rename lines for names with spaces", () => {
    const [f] = parseUnifiedDiff(
      diff("diff --git a/a b/x b/c d", "similarity index 100%", "rename from a b/x", "rename to c d"),
    );
    expect(f).toMatchObject({ path: "c d", oldPath: "a b/x", status: "renamed", similarity: 100, hunks: [] });
  });

  it("reads quoted names on every header line", () => {
    const [f] = parseUnifiedDiff(
      diff(
        'diff --git "a/caf\\303\\251 \\"1\\".txt" "b/new\\tname\\\\.txt"',
        "similarity index 50%",
        'copy from "caf\\303\\251 \\"1\\".txt"',
        'copy to "new\\tname\\\\.txt"',
        "index 1111111..2222222 100644",
        '--- "a/caf\\303\\251 \\"1\\".txt"\t',
        '+++ "b/new\\tname\\\\.txt"',
        "@@ -1 +1 @@",
        "-a",
        "+b",
      ),
    );
    expect(f).toMatchObject({
      path: "new\tname\\.txt",
      oldPath: 'café "1".txt',
      status: "copied",
      similarity: 50,
    });
  });

  it("reads a deleted file with its old path", () => {
    const [f] = parseUnifiedDiff(
      diff(
        "diff --git a/d b/d",
        "deleted file mode 100644",
        "--- a/d",
        "+++ /dev/null",
        "@@ -1,2 +0,0 @@",
        "-1",
        "-2",
      ),
    );
    expect(f).toMatchObject({
      path: "d",
      status: "deleted",
      oldMode: "100644",
      newMode: null,
      deletedLines: 2,
    });
  });

  it("treats two names without rename lines (git diff --no-index) as a rename", () => {
    const [f] = parseUnifiedDiff(diff("diff --git a/x b/y", "--- a/x", "+++ b/y", "@@ -1 +1 @@", "-a", "+b"));
    expect(f).toMatchObject({ path: "y", oldPath: "x", status: "renamed", similarity: null });
  });

  it.each([
    ["Binary files a/b.png and b/b.png differ"],
    ["GIT binary patch", "literal 3", "KcmZQzWCj2L2ml2D", "", "literal 3", "KcmZQzWC8#H2LJ>B", ""],
    ["GIT binary patch", "delta 5", "McmYew%wu2x00i9uIsgCw", ""],
  ])("reads binary entries: %s", (...body) => {
    const files = parseUnifiedDiff(
      diff(
        "diff --git a/b.png b/b.png",
        "index 1111111..2222222 100644",
        ...body,
        "diff --git a/c b/c",
        "old mode 100644",
        "new mode 100755",
      ),
    );
    expect(files.map((f) => [f.path, f.binary, f.skipped])).toEqual([
      ["b.png", true, "binary"],
      ["c", false, null],
    ]);
  });

  it("marks symlinks and submodules as skipped but keeps their hunks", () => {
    const files = parseUnifiedDiff(
      diff(
        "diff --git a/l b/l",
        "index 1111111..2222222 120000",
        "--- a/l",
        "+++ b/l",
        "@@ -1 +1 @@",
        "-t1",
        "\\ No newline at end of file",
        "+t2",
        "\\ No newline at end of file",
        "diff --git a/s b/s",
        "index 1111111..2222222 160000",
        "--- a/s",
        "+++ b/s",
        "@@ -1 +1 @@",
        "-Subproject commit 1111111111111111111111111111111111111111",
        "+Subproject commit 2222222222222222222222222222222222222222",
      ),
    );
    expect(files.map((f) => [f.path, f.skipped, f.hunks.length])).toEqual([
      ["l", "symlink", 1],
      ["s", "submodule", 1],
    ]);
  });
});
