/**
 * The static rule check: typed metavariables, regexes, conditions, languages,
 * metavariable-pattern languages and `patterns` without a positive term.
 */
import { describe, expect, it } from "vitest";
import { checkRule, typedMetavariable } from "../../../app/detection/embedded/evaluate-static.js";
import type { Condition, Formula, Rule } from "../../../app/detection/types.js";

function all(parts: Partial<Extract<Formula, { kind: "all" }>>): Formula {
  return {
    kind: "all",
    positives: [],
    inside: [],
    negatives: [],
    notInside: [],
    conditions: [],
    focus: [],
    ...parts,
  };
}
const p = (pattern: string): Formula => ({ kind: "pattern", pattern });

function rule(formula: Formula, languages = ["python"]): Rule {
  return {
    id: "r",
    message: "m",
    severity: "INFO",
    level: "note",
    languages,
    mode: "search",
    formula,
    paths: { include: [], exclude: [] },
    metadata: {},
    source: { file: "r.yml", index: 0 },
    raw: {},
  };
}

describe("typed metavariables", () => {
  it.each([
    ["foo((String $X))", "(String $X)"],
    ["$Y = (java.util.List<String> $X)", "(java.util.List<String> $X)"],
    ["bar(($X: str))", "($X: str)"],
    ["x = ($X : string)", "($X : string)"],
    ["($T $X)", "($T $X)"],
    ["public void $M(HttpServletRequest $REQ) { ... }", null],
    ["def $F($X: int):\n  ...", null],
    ["($X: string) => $BODY", null],
    ["(String $X) -> $E", null],
    ["y = (await $X)", null],
    ["z = (not $X)", null],
    ["if ($X := f()):\n  ...", null],
    ["foo($X, $Y)", null],
  ])("%j → %j", (pattern, expected) => {
    expect(typedMetavariable(pattern)).toBe(expected);
  });
});

describe("checkRule", () => {
  it("accepts a plain search rule and lists its patterns with their languages", () => {
    const nested: Condition = {
      kind: "metavariable-pattern",
      metavariable: "$S",
      formula: p("eval(...)"),
      language: "js",
    };
    const check = checkRule(rule(all({ positives: [p("run($S)")], conditions: [nested] })));
    expect(check).toEqual({
      blocking: [],
      partial: [],
      patterns: [
        { pattern: "run($S)", language: "any" },
        { pattern: "eval(...)", language: "javascript" },
      ],
    });
  });

  it("collects every reason a rule cannot run", () => {
    const formula = all({
      positives: [p("foo((String $X))"), { kind: "regex", regex: "a++" }],
      conditions: [
        { kind: "metavariable-regex", metavariable: "$X", regex: "(?>x)" },
        { kind: "unsupported", operator: "metavariable-type" },
        { kind: "metavariable-pattern", metavariable: "$X", formula: p("x"), language: "generic" },
      ],
    });
    expect(checkRule(rule(formula)).blocking).toEqual([
      "typed metavariable (String $X) (needs type information)",
      'regex "a++": possessive quantifier',
      'regex "(?>x)": atomic group (?>...)',
      "metavariable-type is not supported",
      "metavariable-pattern with language generic: generic (spacegrep) matching is not supported",
    ]);
  });

  it("allows a negative-only `patterns` inside metavariable-pattern only", () => {
    const negOnly = all({ negatives: [p("x")] });
    const nested: Condition = {
      kind: "metavariable-pattern",
      metavariable: "$X",
      formula: negOnly,
      language: null,
    };
    expect(checkRule(rule(all({ positives: [p("f($X)")], conditions: [nested] }))).blocking).toEqual([]);
    expect(checkRule(rule(negOnly)).blocking).toHaveLength(1);
  });

  it("refuses `pattern` in regex-only rules and languages without a parser", () => {
    expect(checkRule(rule({ kind: "regex", regex: "x" }, ["regex"])).blocking).toEqual([]);
    expect(checkRule(rule(p("x"), ["regex"])).blocking).toEqual([
      "`pattern` in a regex-only rule or metavariable-pattern",
    ]);
    expect(checkRule(rule(p("x"), ["generic"])).blocking).toEqual([
      "language generic is not supported (no parser for it)",
    ]);
    const probe = (lang: string): string | null => (lang === "go" ? "no Go support" : null);
    expect(checkRule(rule(p("x"), ["go", "py"]), probe)).toMatchObject({
      blocking: [],
      partial: ["language go is not supported (no Go support); it still runs on py files"],
    });
  });
});
