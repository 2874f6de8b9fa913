import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { MAX_FILE_ADDED_LINES } from "../../../app/limits.js";
import { toChangedFile } from "../../../app/sources/github/list-files.js";
import { parsePatch } from "../../../app/sources/github/parse-patch.js";

type Entry = Parameters<typeof toChangedFile>[0];

function entry(fields: Partial<Entry> & { filename: string }): Entry {
  return { status: "modified", additions: 0, deletions: 0, changes: 0, ...fields };
}

describe("toChangedFile (one REST diff entry)", () => {
  it.each([
    ["added", "added"],
    ["removed", "deleted"],
    ["modified", "modified"],
    ["changed", "modified"],
    ["unchanged", "modified"],
    ["renamed", "renamed"],
    ["copied", "copied"],
  ] as const)("maps status %s to %s", (rest, ours) => {
    expect(
      toChangedFile(entry({ filename: "a.txt", status: rest, previous_filename: "old.txt" })).file.status,
    ).toBe(ours);
  });

  it("keeps previous_filename only for renames and copies", () => {
    const renamed = toChangedFile(entry({ filename: "b.ts", status: "renamed", previous_filename: "a.ts" }));
    expect(renamed.file.oldPath).toBe("a.ts");
    expect(renamed).toMatchObject({ withoutPatch: true, note: null });
  });

  it("parses the patch into hunks and added lines, CRLF and missing newline kept", () => {
    const patch = "@@ -1,2 +1,3 @@\n keep\r\n-old\r\n+new\r\n+last\n\\ No newline at end of file";
    const { file } = toChangedFile(
      entry({ filename: "w.txt", patch, additions: 2, deletions: 1, changes: 3 }),
    );
    expect(file.addedLines).toEqual([2, 3]);
    expect(file.deletedLines).toBe(1);
    expect(file.hunks[0]?.lines).toEqual([
      { kind: "context", text: "keep\r", noNewline: false },
      { kind: "del", text: "old\r", noNewline: false },
      { kind: "add", text: "new\r", noNewline: false },
      { kind: "add", text: "last", noNewline: true },
    ]);
  });

  it("leaves a patch-less entry without line counts to the tree lookup (binary or empty)", () => {
    const { file, withoutPatch, note } = toChangedFile(entry({ filename: "logo.png", status: "added" }));
    expect(withoutPatch).toBe(true);
    expect(note).toBeNull();
    expect(file).toMatchObject({ binary: false, skipped: null, hunks: [], addedLines: [] });
  });

  it("marks a patch-less entry with line counts too large, and says its lines are not listed", () => {
    const { file, note } = toChangedFile(
      entry({ filename: "data.csv", additions: 40_000, deletions: 2, changes: 40_002 }),
    );
    expect(file).toMatchObject({ skipped: "too large", addedLines: [], deletedLines: 2 });
    expect(note).toBe(
      '"data.csv": GitHub sent no diff (too large); its 40000 added line(s) are not listed or attributed',
    );
  });

  it("drops the hunks of a file past the added-line limit, keeping its lines", () => {
    const n = MAX_FILE_ADDED_LINES + 1;
    const patch = `@@ -0,0 +1,${n} @@\n${Array.from({ length: n }, (_, i) => `+${i}`).join("\n")}`;
    const { file } = toChangedFile(
      entry({ filename: "gen.txt", status: "added", patch, additions: n, changes: n }),
    );
    expect(file).toMatchObject({ skipped: "too large", hunks: [] });
    expect(file.addedLines).toHaveLength(n);
  });

  it("refuses unsafe paths", () => {
    expect(() => toChangedFile(entry({ filename: "../etc/passwd" }))).toThrow(
      expect.objectContaining({ code: "UNSAFE_PATH" }),
    );
    expect(() =>
      toChangedFile(entry({ filename: "a", status: "renamed", previous_filename: ".git/config" })),
    ).toThrow(expect.objectContaining({ code: "UNSAFE_PATH" }));
  });
});

describe("parsePatch", () => {
  it("rejects the @octokit/openapi example patch, which is two hunk headers without bodies", () => {
    const require = createRequire(import.meta.url);
    // The example is small; read it from the spec's examples rather than copy it.
    const spec = JSON.parse(
      readFileSync(require.resolve("@octokit/openapi/generated/api.github.com.json"), "utf8"),
    ) as { components: { examples: Record<string, { value: Array<{ patch: string; filename: string }> }> } };
    const example = spec.components.examples["diff-entry-items"]?.value[0];
    expect(example?.patch).toBe("@@ -132,7 +132,7 @@ module Test @@ -1000,7 +1000,7 @@ module Test");
    expect(() => parsePatch(example?.filename ?? "", example?.patch ?? "")).toThrow(
      expect.objectContaining({ code: "BAD_DIFF" }),
    );
  });

  it("reads several hunks and an empty patch", () => {
    const hunks = parsePatch("a.py", "@@ -1 +1 @@\n-a\n+b\n@@ -10,2 +10,3 @@ def f():\n x\n+y\n z\n");
    expect(hunks.map((h) => [h.newStart, h.newLines, h.section])).toEqual([
      [1, 1, ""],
      [10, 3, "def f():"],
    ]);
    expect(parsePatch("a.py", "")).toEqual([]);
  });

  it("rejects text that is not hunks", () => {
    expect(() => parsePatch("a", "diff --git a/a b/a\n@@ -1 +1 @@\n-a\n+b")).toThrow(
      expect.objectContaining({ code: "BAD_DIFF" }),
    );
    expect(() => parsePatch("a", "@@ -1,2 +1,2 @@\n-a\n+b")).toThrow(
      expect.objectContaining({ code: "BAD_DIFF" }),
    );
  });
});
