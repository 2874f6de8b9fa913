import { describe, expect, it } from "vitest";
import { parseIncrementalBlame } from "../../../app/sources/git/blame.js";
import { originsFromWriters, singleWriter } from "../../../app/sources/git/line-origins.js";
import { mapConcurrent } from "../../../app/sources/git/map-concurrent.js";
import type { PathTouch } from "../../../app/sources/git/read-log.js";
import { assertSafeRepoPath, unsafePathReason } from "../../../app/sources/git/safe-path.js";

const A = "a".repeat(40);
const B = "b".repeat(40);
const C = "c".repeat(40);

describe("parseIncrementalBlame", () => {
  it("maps every final line of every entry, with or without commit headers", () => {
    const out = [
      `${A} 3 1 2`,
      "author Maya",
      "summary header lines may look like anything: 0123 1 2 3",
      "previous 0000000000000000000000000000000000000000 x",
      "filename src/a.ts",
      `${B} 1 5 1`,
      "boundary",
      'filename "odd\\nname"',
      `${A} 9 3 1`,
      "filename src/a.ts",
      "",
    ].join("\n");
    expect([...parseIncrementalBlame(out)]).toEqual([
      [1, A],
      [2, A],
      [5, B],
      [3, A],
    ]);
  });

  it("rejects output it does not understand", () => {
    expect(() => parseIncrementalBlame("garbage\n")).toThrowError(/entry header/);
    expect(() => parseIncrementalBlame(`${A} 1 1 1\nauthor x\n`)).toThrowError(/ends inside an entry/);
  });
});

describe("originsFromWriters", () => {
  it("covers exactly the added lines and merges runs of the same commit", () => {
    const blame = new Map([
      [1, A],
      [2, A],
      [3, A],
      [4, B],
      [6, B],
      [7, C],
    ]);
    expect(originsFromWriters([1, 2, 4, 6, 7, 8], (n) => blame.get(n), new Set([A, B]))).toEqual([
      { start: 1, end: 2, commit: A },
      { start: 4, end: 4, commit: B },
      { start: 6, end: 6, commit: B },
      { start: 7, end: 8, commit: null }, // C is outside the PR; line 8 was not blamed at all
    ]);
  });
});

describe("singleWriter", () => {
  const touch = (commit: string, status: string, partner: string | null = null): PathTouch => ({
    commit,
    status,
    partner,
  });
  const map = (list: PathTouch[]) => new Map([["f", list]]);

  it("trusts a lone add or modify", () => {
    expect(singleWriter("f", map([touch(A, "A")]), false)).toBe(A);
    expect(singleWriter("f", map([touch(A, "M")]), false)).toBe(A);
  });

  it("needs blame for several commits, renames, type changes, merges or unknown paths", () => {
    expect(singleWriter("f", map([touch(A, "A"), touch(B, "M")]), false)).toBeNull();
    expect(singleWriter("f", map([touch(A, "R", "old")]), false)).toBeNull();
    expect(singleWriter("f", map([touch(A, "T")]), false)).toBeNull();
    expect(singleWriter("f", map([touch(A, "M")]), true)).toBeNull();
    expect(singleWriter("g", map([touch(A, "M")]), false)).toBeNull();
  });
});

describe("safe paths", () => {
  it.each([
    "src/a.ts",
    "-rf",
    "weird\nname",
    'q"uote',
    " space",
    "ünï/файл",
    "a/.gitignore",
    "..x/y",
    "C:\\x",
  ])("accepts %j", (path) => expect(unsafePathReason(path)).toBeNull());

  it.each([
    "",
    "/etc/passwd",
    "../x",
    "a/../../b",
    "a/./b",
    "a//b",
    "a/",
    ".git/config",
    "x/.GIT/hooks",
    "a\0b",
  ])("rejects %j", (path) =>
    expect(() => assertSafeRepoPath(path, "test")).toThrowError(
      expect.objectContaining({ code: "UNSAFE_PATH" }),
    ),
  );
});

describe("mapConcurrent", () => {
  it("keeps order and never exceeds the limit", async () => {
    let running = 0;
    let peak = 0;
    const result = await mapConcurrent([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(result).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });
});
