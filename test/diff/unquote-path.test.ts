/** Git's C-style path quoting, both directions. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { needsGitQuoting, quoteGitPath, unquoteGitPath } from "../../app/diff/unquote-path.js";
import { oneChar } from "./helpers/arbitraries.js";

describe("unquoteGitPath", () => {
  it.each([
    ["plain.txt", "plain.txt"],
    ["with space.txt", "with space.txt"],
    ['"a/caf\\303\\251.txt"', "a/café.txt"],
    ['"tab\\there"', "tab\there"],
    ['"say \\"hi\\""', 'say "hi"'],
    ['"back\\\\slash"', "back\\slash"],
    ['"new\\nline"', "new\nline"],
    ['"\\a\\b\\v\\f\\r"', "\x07\b\v\f\r"],
    ['"\\346\\227\\245\\346\\234\\254"', "日本"],
    ['"del\\177"', "del\x7f"],
    ['"raw é"', "raw é"],
    ['"bad \\377 byte"', "bad \uFFFD byte"],
  ])("%s → %j", (quoted, expected) => {
    expect(unquoteGitPath(quoted)).toBe(expected);
  });

  it.each([['"open'], ['"bad \\x escape"'], ['"a" tail'], ['"trailing \\'], ['"\\40"']])(
    "rejects %s with BAD_DIFF",
    (quoted) => {
      expect(() => unquoteGitPath(quoted)).toThrow(expect.objectContaining({ code: "BAD_DIFF" }));
    },
  );
});

describe("quoteGitPath", () => {
  it.each([
    ["plain/path.txt", "plain/path.txt"],
    ["with space.txt", "with space.txt"],
    ["café.txt", '"caf\\303\\251.txt"'],
    ['tab\t"q".txt', '"tab\\t\\"q\\".txt"'],
    ["a\\b", '"a\\\\b"'],
    ["nl\n\x01", '"nl\\n\\001"'],
  ])("%j → %s", (path, quoted) => {
    expect(quoteGitPath(path)).toBe(quoted);
    expect(needsGitQuoting(path)).toBe(path !== quoted);
  });

  it("round-trips any path through unquoteGitPath", () => {
    fc.assert(
      fc.property(fc.string({ unit: oneChar }), (path) => {
        expect(unquoteGitPath(quoteGitPath(path))).toBe(path);
      }),
    );
  });
});
