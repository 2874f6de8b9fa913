/**
 * metavariable-pattern's snippets: string literal contents, making bound code
 * parse on its own, and offsets mapped back into the file (real matcher).
 */
import { describe, expect, it } from "vitest";
import { evaluateFormula } from "../../../app/detection/embedded/evaluate-formula.js";
import { stringLiteralContent } from "../../../app/detection/embedded/evaluate-nested.js";
import { parsableSnippet } from "../../../app/detection/embedded/evaluate-snippet.js";
import { createStructuralMatcher } from "../../../app/detection/embedded/structural-matcher.js";
import type { Formula } from "../../../app/detection/types.js";

const matcher = createStructuralMatcher();

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

describe("string literal contents", () => {
  it.each([
    ['"abc"', { content: "abc", offset: 1 }],
    ["'a\"b'", { content: 'a"b', offset: 1 }],
    ['r"\\d+"', { content: "\\d+", offset: 2 }],
    ['b"x"', { content: "x", offset: 2 }],
    ['"""multi\nline"""', { content: "multi\nline", offset: 3 }],
    ["`tpl`", { content: "tpl", offset: 1 }],
    ["`a ${b}`", null],
    ['f"{x}"', null],
    ["name", null],
    ["\"a' ", null],
  ])("%s", (text, expected) => {
    expect(stringLiteralContent(text)).toEqual(expected);
  });
});

describe("snippets made parsable", () => {
  it("parenthesises a JavaScript object literal and maps offsets back", () => {
    const s = parsableSnippet("javascript", "{a: 1}", 4);
    expect(s.text).toBe("({a: 1})");
    expect(s.toSnippet(s.text.indexOf("1"))).toBe(4);
  });

  it("dedents Python continuation lines by the first line's column and maps offsets back", () => {
    const snippet = "a = 1\n        eval(x)\n\n      b = 2";
    const s = parsableSnippet("python", snippet, 8);
    expect(s.text).toBe("a = 1\neval(x)\n\nb = 2");
    for (const word of ["eval", "x)", "b = 2"])
      expect(s.toSnippet(s.text.indexOf(word))).toBe(snippet.indexOf(word));
  });
});

describe("metavariable-pattern on bound code, real matcher", () => {
  it("matches statements bound in an indented Python body, in file offsets", () => {
    const code = "def f():\n    with lock:\n        a = 1\n        eval(x)\n        b = 2\n";
    const rule = (focus: string[]): Formula =>
      all({
        positives: [p("with $L:\n  $...BODY")],
        conditions: [
          { kind: "metavariable-pattern", metavariable: "$...BODY", language: null, formula: p("$V = 2") },
        ],
        focus,
      });
    const file = matcher.parseFile("python", code);
    expect(evaluateFormula(rule([]), file, matcher).map((m) => code.slice(m.start, m.end))).toEqual([
      "with lock:\n        a = 1\n        eval(x)\n        b = 2",
    ]);
    const [m] = evaluateFormula(rule(["$V"]), file, matcher);
    expect(m && code.slice(m.start, m.end)).toBe("b");
    expect(m?.start).toBe(code.indexOf("b = 2"));
  });

  it("matches keys of a JavaScript object literal bound to a metavariable", () => {
    const code = "https.createServer({ key: k, secureProtocol: 'SSLv3_method' }, app);\n";
    const f = all({
      positives: [p("https.createServer($OPTS, ...)")],
      conditions: [
        {
          kind: "metavariable-pattern",
          metavariable: "$OPTS",
          language: null,
          formula: all({ positives: [p("{..., secureProtocol: $P, ...}")], focus: ["$P"] }),
        },
      ],
      focus: ["$P"],
    });
    const [m, ...rest] = evaluateFormula(f, matcher.parseFile("javascript", code), matcher);
    expect(rest).toEqual([]);
    expect(m && code.slice(m.start, m.end)).toBe("'SSLv3_method'");
  });
});
