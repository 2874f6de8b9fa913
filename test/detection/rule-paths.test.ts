import { describe, expect, it } from "vitest";
import { languageOf, ruleLanguagesCover } from "../../app/detection/language-of.js";
import { ruleAppliesToPath, rulePathsAllow } from "../../app/detection/rule-paths.js";

const paths = (include: string[] = [], exclude: string[] = []) => ({ include, exclude });

describe("rulePathsAllow (gitignore-style include/exclude)", () => {
  it.each<[string, string[], string[], string, boolean]>([
    ["no filter", [], [], "any/file.py", true],
    ["include by extension at any depth", ["*.py"], [], "a/b/c.py", true],
    ["include by extension misses", ["*.py"], [], "a/b/c.js", false],
    ["include a directory", ["src/"], [], "src/deep/x.py", true],
    ["include a directory name anywhere", ["src"], [], "pkg/src/x.py", true],
    ["anchored include at the root", ["/src"], [], "src/x.py", true],
    ["anchored include not below the root", ["/src"], [], "pkg/src/x.py", false],
    ["include with **", ["app/**/*.py"], [], "app/a/b/x.py", true],
    ["include with ** misses", ["app/**/*.py"], [], "lib/a/x.py", false],
    ["exclude tests", [], ["tests/"], "tests/test_x.py", false],
    ["exclude a suffix", [], ["*_test.go"], "pkg/a_test.go", false],
    ["exclude leaves others", [], ["*_test.go"], "pkg/a.go", true],
    ["exclude wins over include", ["src/"], ["src/vendor/"], "src/vendor/x.py", false],
    ["include and not excluded", ["src/"], ["src/vendor/"], "src/app/x.py", true],
    ["anchored exclude only at the root", [], ["/test.py"], "a/test.py", true],
    ["anchored exclude at the root", [], ["/test.py"], "test.py", false],
    ["exact file include", ["Dockerfile"], [], "build/Dockerfile", true],
  ])("%s", (_name, include, exclude, path, expected) => {
    expect(rulePathsAllow(paths(include, exclude), path)).toBe(expected);
  });
});

describe("languageOf", () => {
  it.each([
    ["a.py", "python"],
    ["a/b.js", "javascript"],
    ["a.mjs", "javascript"],
    ["a.cjs", "javascript"],
    ["a.jsx", "javascript"],
    ["a.ts", "typescript"],
    ["a.mts", "typescript"],
    ["a.cts", "typescript"],
    ["a.tsx", "tsx"],
    ["a.go", "go"],
    ["A.JAVA", "java"],
    ["Makefile", null],
    [".py", null],
    ["a.rb", null],
    ["dir.py/file", null],
  ])("%s -> %s", (path, language) => {
    expect(languageOf(path)).toBe(language);
  });
});

describe("ruleLanguagesCover", () => {
  it.each<[string[], string, boolean]>([
    [["python"], "a.py", true],
    [["py"], "a.py", true],
    [["python3"], "a.py", true],
    [["js"], "a.js", true],
    [["javascript"], "a.jsx", true],
    [["javascript"], "a.mjs", true],
    [["javascript"], "a.ts", false],
    [["ts"], "a.ts", true],
    [["typescript"], "a.tsx", true],
    [["typescript"], "a.js", false],
    [["go"], "a.go", true],
    [["golang"], "a.go", true],
    [["java"], "A.java", true],
    [["python", "go"], "a.go", true],
    [["generic"], "Dockerfile", true],
    [["regex"], "a.anything", true],
    [["ruby"], "a.rb", false],
    [["python"], "a.js", false],
  ])("%j covers %s: %s", (languages, path, expected) => {
    expect(ruleLanguagesCover(languages, path)).toBe(expected);
  });
});

describe("ruleAppliesToPath", () => {
  it("needs both the language and the paths filter", () => {
    const rule = { languages: ["python"], paths: paths(["src/"]) };
    expect(ruleAppliesToPath(rule, "src/a.py")).toBe(true);
    expect(ruleAppliesToPath(rule, "lib/a.py")).toBe(false);
    expect(ruleAppliesToPath(rule, "src/a.js")).toBe(false);
  });
});
