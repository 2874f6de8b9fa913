/** The "@@ -a,b +c,d @@ section" line. */
import { describe, expect, it } from "vitest";
import { formatHunkHeader, parseHunkHeader } from "../../app/diff/hunk-header.js";

describe("parseHunkHeader", () => {
  it.each([
    ["@@ -1,3 +1,4 @@", [1, 3, 1, 4, ""]],
    ["@@ -7 +8 @@", [7, 1, 8, 1, ""]],
    ["@@ -0,0 +1 @@", [0, 0, 1, 1, ""]],
    ["@@ -1 +0,0 @@", [1, 1, 0, 0, ""]],
    ["@@ -10,2 +12,5 @@ class Foo {", [10, 2, 12, 5, "class Foo {"]],
    ["@@ -1 +1 @@  two spaces", [1, 1, 1, 1, " two spaces"]],
  ])("%s", (line, [oldStart, oldLines, newStart, newLines, section]) => {
    const h = parseHunkHeader(line);
    expect(h).toEqual({ oldStart, oldLines, newStart, newLines, section });
    expect(formatHunkHeader(h)).toBe(line);
  });

  it.each([
    ["@@ -1 +1"],
    ["@@ -a +1 @@"],
    ["@@ -0 +1 @@"],
    ["@@ -1 +0 @@"],
    ["@@ -3,0 +3,0 @@"],
    ["@@ -99999999999999999999 +1 @@"],
  ])("rejects %s", (line) => {
    expect(() => parseHunkHeader(line)).toThrow(expect.objectContaining({ code: "BAD_DIFF" }));
  });
});
