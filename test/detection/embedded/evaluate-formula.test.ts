/**
 * The formula evaluator's boolean logic, with a fake matcher whose "patterns"
 * are JavaScript regexes (named groups bind `$NAME`, keyed by their text).
 * Cases follow the examples on semgrep.dev "Rule syntax".
 */
import { describe, expect, it } from "vitest";
import type { Condition, Formula } from "../../../app/detection/types.js";
import { evaluateFormula, UnsupportedRuleError } from "../../../app/detection/embedded/evaluate-formula.js";
import {
  UnsupportedPatternError,
  type ParsedFile,
  type PatternMatch,
  type PatternMatcher,
} from "../../../app/detection/embedded/match-types.js";

const fake: PatternMatcher = {
  parseFile: (language, text) => ({ language, text, tree: null }),
  match(pattern: string, file: ParsedFile): PatternMatch[] {
    if (pattern.startsWith("UNSUPPORTED")) throw new UnsupportedPatternError("fake refusal", pattern);
    // `$NAME` alone: every word, bound to NAME (like Semgrep's `pattern: $X` on identifiers).
    const source = /^\$[A-Z]+$/.test(pattern) ? `(?<${pattern.slice(1)}>\\b\\w+\\b)` : pattern;
    return [...file.text.matchAll(new RegExp(source, "gmd"))].map((m) => {
      const bindings: PatternMatch["bindings"] = {};
      for (const [name, span] of Object.entries(m.indices?.groups ?? {})) {
        const text = m.groups?.[name];
        if (span && text !== undefined)
          bindings[`$${name}`] = { text, key: text, start: span[0], end: span[1] };
      }
      return { start: m.index, end: m.index + m[0].length, bindings };
    });
  },
};

const p = (pattern: string): Formula => ({ kind: "pattern", pattern });
const rx = (regex: string): Formula => ({ kind: "regex", regex });
const either = (...branches: Formula[]): Formula => ({ kind: "either", branches });
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
const mvRegex = (metavariable: string, regex: string): Condition => ({
  kind: "metavariable-regex",
  metavariable,
  regex,
});
const mvPattern = (metavariable: string, formula: Formula, language: string | null = null): Condition => ({
  kind: "metavariable-pattern",
  metavariable,
  formula,
  language,
});

/** The matched texts. */
function run(formula: Formula, text: string): string[] {
  const file = fake.parseFile("python", text);
  return evaluateFormula(formula, file, fake).map((m) => text.slice(m.start, m.end));
}

describe("evaluateFormula with a fake matcher", () => {
  it("pattern-not removes only matches with the very same range", () => {
    const text = 'db_query("SELECT 1")\ndb_query("SELECT 2", verify=True, env="prod")\n';
    const f = all({
      positives: [p("db_query\\([^)]*\\)")],
      negatives: [p("db_query\\([^)]*verify=True[^)]*\\)")],
    });
    expect(run(f, text)).toEqual(['db_query("SELECT 1")']);
    const inner = all({ positives: [p("db_query\\([^)]*\\)")], negatives: [p("verify=True")] });
    expect(run(inner, text)).toHaveLength(2);
  });

  it("pattern-either is a union, deduplicated by range", () => {
    const text = "a = hashlib.md5(b)\nb = hashlib.sha1(b)\nc = hashlib.sha256(b)\n";
    expect(
      run(
        either(p("hashlib\\.sha1\\(\\w*\\)"), p("hashlib\\.md5\\(\\w*\\)"), p("hashlib\\.md5\\(b\\)")),
        text,
      ),
    ).toEqual(["hashlib.md5(b)", "hashlib.sha1(b)"]);
  });

  it("pattern-inside keeps matches inside every inside range (return-in-init)", () => {
    const text = [
      "class A:",
      "    def __init__(self):",
      "        return None",
      "class B:",
      "    def __init__(self):",
      "        self.inited = True",
      "def foo():",
      "    return 5",
      "",
    ].join("\n");
    const f = all({
      positives: [p("return \\w+")],
      inside: [p("^class \\w+:\\n(?:[ \\t]+.*\\n?)*"), p("def __init__\\(.*\\):\\n(?:[ \\t]{8}.*\\n?)*")],
    });
    expect(run(f, text)).toEqual(["return None"]);
  });

  it("pattern-not-inside drops matches inside a range with compatible bindings (open-never-closed)", () => {
    const text = 'f = open("x")\nf.close()\ng = open("y")\nuse(g)\n';
    const f = all({
      positives: [p("(?<F>\\w+) = open\\([^)]*\\)")],
      notInside: [p("(?<F>\\w+) = open\\([^)]*\\)[\\s\\S]*?\\k<F>\\.close\\(\\)")],
    });
    expect(run(f, text)).toEqual(['g = open("y")']);
    const guarded = "guard(a){ use(a) use(b) }";
    const g = all({
      positives: [p("use\\((?<X>\\w+)\\)")],
      notInside: [p("guard\\((?<X>\\w+)\\)\\{[^}]*\\}")],
    });
    expect(run(g, guarded)).toEqual(["use(b)"]);
  });

  it("intersects positives both ways and merges their bindings", () => {
    expect(run(all({ positives: [p("foo\\(\\w+\\)"), p("\\w+")] }), "foo(a)")).toEqual(["foo", "a"]);
    const text = "def handler():\n  call(x)\nend\ndef other():\n  call(y)\nend\n";
    const f = all({
      positives: [p("call\\((?<X>\\w+)\\)")],
      inside: [p("def (?<F>\\w+)\\(\\):[\\s\\S]*?end")],
      conditions: [mvRegex("$F", "handler")],
    });
    const file = fake.parseFile("python", text);
    const [only, ...rest] = evaluateFormula(f, file, fake);
    expect(rest).toEqual([]);
    expect(only?.bindings["$X"]?.text).toBe("x");
    expect(only?.bindings["$F"]?.text).toBe("handler");
  });

  it("`pattern: $X` selects inside the other positives, whatever its position", () => {
    const text = "foo(a) + b";
    expect(run(all({ positives: [p("$X"), p("foo\\(\\w+\\)")] }), text)).toEqual(["foo", "a"]);
    expect(run(all({ positives: [p("foo\\(\\w+\\)"), p("$X"), p("$X")] }), text)).toEqual(["foo", "a"]);
    expect(run(all({ positives: [p("$X")] }), text)).toEqual(["foo", "a", "b"]);
  });

  it("a pattern-inside range survives only inside another pattern-inside range", () => {
    const text = "outer(inner(1))";
    expect(run(all({ positives: [p("outer\\(.*\\)")], inside: [p("inner\\(1\\)")] }), text)).toEqual([]);
    expect(run(all({ inside: [p("outer\\(.*\\)"), p("inner\\(1\\)")] }), text)).toEqual(["inner(1)"]);
  });

  it("metavariable-regex is anchored at the start of the bound text", () => {
    const text = 'module.insecure1("t")\nmodule.insecure2("t")\nmodule.secure("t")\n';
    const base = p("module\\.(?<METHOD>\\w+)\\([^)]*\\)");
    const lines = (regex: string): number =>
      run(all({ positives: [base], conditions: [mvRegex("$METHOD", regex)] }), text).length;
    expect(lines("(insecure)")).toBe(2);
    expect(lines("(insecure$)")).toBe(0);
    expect(lines("(.*secure)")).toBe(3);
    expect(lines("secure")).toBe(1);
    expect(lines("(?i)SECURE")).toBe(1);
    expect(run(all({ positives: [base], conditions: [mvRegex("$NOPE", ".*")] }), text)).toEqual([]);
  });

  it("metavariable-regex capture groups bind metavariables usable by focus-metavariable", () => {
    const f = all({
      positives: [p("module\\.(?<METHOD>\\w+)\\(\\)")],
      conditions: [mvRegex("$METHOD", "insecure(?P<N>\\d)")],
      focus: ["$N"],
    });
    expect(run(f, "module.insecure7()\nmodule.insecure()\n")).toEqual(["7"]);
  });

  it("metavariable-pattern keeps ranges whose bound code matches the nested formula", () => {
    const text = "open(request.GET)\nopen(name)\nopen(x + 'a')\nopen('a')\n";
    const call = p("open\\((?<ARG>[^)]*)\\)");
    expect(
      run(all({ positives: [call], conditions: [mvPattern("$ARG", p("request\\.\\w+"))] }), text),
    ).toEqual(["open(request.GET)"]);
    // A nested `patterns` may start with pattern-not: the bound code is the implicit positive.
    const notLiteral = all({ negatives: [p("'[^']*'")] });
    expect(run(all({ positives: [call], conditions: [mvPattern("$ARG", notLiteral)] }), text)).toEqual([
      "open(request.GET)",
      "open(name)",
      "open(x + 'a')",
    ]);
  });

  it("metavariable-pattern unifies nested bindings with outer ones and can be nested", () => {
    const text = "f(a, g(a))\nf(a, g(b))\n";
    const outer = p("f\\((?<X>\\w+), (?<ARG>g\\(\\w+\\))\\)");
    expect(
      run(all({ positives: [outer], conditions: [mvPattern("$ARG", p("g\\((?<X>\\w+)\\)"))] }), text),
    ).toEqual(["f(a, g(a))"]);
    const deeper = all({
      positives: [p("g\\((?<Y>\\w+)\\)")],
      conditions: [mvPattern("$Y", all({ positives: [p("\\w+")], conditions: [mvRegex("$Y", "b")] }))],
    });
    expect(run(all({ positives: [outer], conditions: [mvPattern("$ARG", deeper)] }), text)).toEqual([
      "f(a, g(b))",
    ]);
  });

  it("metavariable-pattern with a language matches inside string literals only, in file offsets", () => {
    const text = 'run("os.system(cmd)")\nrun(os.system(cmd))\n';
    const f = all({
      positives: [p("run\\((?<CODE>[^\\n]*)\\)")],
      conditions: [mvPattern("$CODE", p("os\\.system\\((?<CMD>\\w+)\\)"), "python")],
      focus: ["$CMD"],
    });
    const file = fake.parseFile("python", text);
    const [m, ...rest] = evaluateFormula(f, file, fake);
    expect(rest).toEqual([]);
    expect(m && text.slice(m.start, m.end)).toBe("cmd");
    expect(m?.start).toBe(text.indexOf("cmd"));
    const generic = all({
      positives: [p("run\\((?<CODE>[^\\n]*)\\)")],
      conditions: [mvPattern("$CODE", p("x"), "generic")],
    });
    expect(() => run(generic, text)).toThrow(UnsupportedRuleError);
  });

  it("focus-metavariable narrows to the binding; several intersect", () => {
    const text = "def f(x : bad):\n    return x\n";
    const def = p("def (?<FUNC>\\w+)\\((?<ARG>\\w+) : bad\\)");
    expect(run(all({ positives: [def], focus: ["$ARG"] }), text)).toEqual(["x"]);
    const nested = p("foo\\((?<X>(?<Y>\\d) \\+ \\d), \\d\\)");
    expect(run(all({ positives: [nested], focus: ["$X", "$Y"] }), "foo(1 + 2, 1)")).toEqual(["1"]);
    expect(run(all({ positives: [def], focus: ["$FUNC", "$ARG"] }), text)).toEqual([]);
    expect(run(all({ positives: [def], focus: ["$MISSING"] }), text)).toEqual([]);
  });

  it("focus-metavariable on a metavariable from pattern-inside keeps the match when the binding encloses it", () => {
    const text = "foo(1 + 2, 1)";
    const f = all({ positives: [p("\\d")], inside: [p("foo\\((?<X>\\d \\+ \\d), \\d\\)")], focus: ["$X"] });
    expect(run(f, text)).toEqual(["1", "2"]);
  });

  it("pattern-regex binds capture groups; pattern-not-regex drops ranges either side of an inclusion", () => {
    const text = "foo==1.1.1\nfoo-bar==3.0.8\nbar-foo==3.0.8\n";
    const f = all({ positives: [rx("foo")], negatives: [rx("foo-"), rx("-foo")] });
    expect(run(f, text)).toEqual(["foo"]);
    const [m] = evaluateFormula(rx("a(?P<FIRST>.*)b(?P<SECOND>.*)"), fake.parseFile("python", "acbd"), fake);
    expect(m?.bindings["$FIRST"]?.text).toBe("c");
    expect(m?.bindings["$SECOND"]?.text).toBe("d");
    expect(m?.bindings["$1"]?.text).toBe("c");
    const wide = all({ positives: [p("call\\(\\w+\\)")], negatives: [rx("^.*secret.*$")] });
    expect(run(wide, "call(a)\nx = call(b) # secret\n")).toEqual(["call(a)"]);
  });

  it("nested formulas compose (pattern-not of an either with a pattern-inside)", () => {
    const text = "db_query(1)\ndb_query(2, verify=True)\nwith ensure_verified(db_query):\n  db_query(3)\n";
    const f = all({
      positives: [p("db_query\\([^)]*\\)")],
      negatives: [
        either(
          p("db_query\\([^)]*verify=True[^)]*\\)"),
          all({ positives: [p("db_query\\(\\d\\)")], inside: [p("with ensure_verified[^\\n]*\\n.*")] }),
        ),
      ],
    });
    expect(run(f, text)).toEqual(["db_query(1)"]);
  });

  it("rejects what Semgrep rejects or the engine cannot run", () => {
    expect(() => run(all({ negatives: [p("x")] }), "x")).toThrow(/positive term/);
    const cmp: Condition = { kind: "unsupported", operator: "metavariable-comparison" };
    expect(() => run(all({ positives: [p("(?<X>\\d)")], conditions: [cmp] }), "1")).toThrow(
      /metavariable-comparison/,
    );
    expect(() => run(rx("a++"), "aaa")).toThrow(/possessive/);
    expect(() => run(p("UNSUPPORTED"), "x")).toThrow(UnsupportedPatternError);
  });
});
