/**
 * Taint rules through the loader (TaintSpec parsing, problems) and what the
 * embedded engine reports as unsupported instead of running.
 */
import { describe, expect, it } from "vitest";
import { describeUnsupported } from "../../../app/detection/embedded/embedded-engine.js";
import { parseRuleFileText } from "../../../app/detection/parse-rule-file.js";
import { loadRule, pythonRule, runRules } from "./taint-helpers.js";

const problemsOf = (body: string): string[] =>
  parseRuleFileText(`rules:\n  - id: t\n${body}`, "rules.yml").problems;

describe("taint specs in the loader", () => {
  it("reads sources, sinks, sanitizers, propagators and their options", () => {
    const rule = loadRule(`    mode: taint
    message: m
    severity: ERROR
    languages: [python]
    options: { taint_unify_mvars: true, taint_assume_safe_indexes: true, symbolic_propagation: true }
    pattern-sources:
      - pattern: source()
        exact: true
      - patterns: [{ pattern: "taint($X)" }, { focus-metavariable: $X }]
        by-side-effect: only
    pattern-sinks:
      - pattern-either: [{ pattern: "a(...)" }, { pattern: "b(...)" }]
        exact: false
    pattern-sanitizers:
      - pattern-regex: clean\\(
        by-side-effect: true
        not-conflicting: true
    pattern-propagators:
      - pattern: $TO.extend($FROM)
        from: $FROM
        to: $TO
        by-side-effect: false
`);
    expect(rule.mode).toBe("taint");
    expect(rule.taint).toMatchObject({
      sources: [
        { formula: { kind: "pattern", pattern: "source()" }, exact: true, bySideEffect: "no" },
        { formula: { kind: "all", focus: ["$X"] }, exact: false, bySideEffect: "only" },
      ],
      sinks: [{ formula: { kind: "either" }, exact: false }],
      sanitizers: [
        {
          formula: { kind: "regex", regex: "clean\\(" },
          exact: false,
          bySideEffect: true,
          notConflicting: true,
        },
      ],
      propagators: [{ from: "$FROM", to: "$TO", bySideEffect: false }],
      options: {
        unifyMetavariables: true,
        assumeSafeIndexes: true,
        assumeSafeFunctions: false,
        assumeSafeComparisons: false,
      },
      unsupported: [],
    });
    expect(rule.taint?.sinks[0]?.exact).toBe(false);
  });

  it("defaults: sinks exact, sources and sanitizers not, propagators by side effect", () => {
    const rule = loadRule(
      pythonRule(`    pattern-propagators: [{ pattern: "$TO.add($FROM)", from: $FROM, to: $TO }]\n`),
    );
    expect(rule.taint?.sinks[0]?.exact).toBe(true);
    expect(rule.taint?.sources[0]).toMatchObject({ exact: false, bySideEffect: "no" });
    expect(rule.taint?.sanitizers[0]).toMatchObject({
      exact: false,
      bySideEffect: false,
      notConflicting: false,
    });
    expect(rule.taint?.propagators[0]?.bySideEffect).toBe(true);
  });

  it("reports malformed taint specs as problems", () => {
    const base = "    mode: taint\n    message: m\n    severity: ERROR\n    languages: [python]\n";
    expect(problemsOf(`${base}    pattern-sinks: [{ pattern: x }]\n`)).toEqual([
      "rules.yml: rule t: pattern-sources: required",
    ]);
    expect(problemsOf(`${base}    pattern-sources: []\n    pattern-sinks: [{ pattern: x }]\n`)).toEqual([
      "rules.yml: rule t: pattern-sources: expected a non-empty list",
    ]);
    expect(
      problemsOf(
        `${base}    pattern-sources: [{ pattern: x, pattern-regex: y }]\n    pattern-sinks: [{ pattern: x }]\n`,
      ),
    ).toEqual([
      "rules.yml: rule t: pattern-sources.0: expected exactly one of pattern, patterns, pattern-either, pattern-regex (found pattern, pattern-regex)",
    ]);
    expect(
      problemsOf(
        `${base}    pattern-sources: [{ pattern: x }]\n    pattern-sinks: [{ pattern: y }]\n    pattern-propagators: [{ pattern: "f($A)", from: $A }]\n`,
      ),
    ).toEqual(['rules.yml: rule t: pattern-propagators.0.to: expected a metavariable such as "$X"']);
    expect(
      problemsOf(
        `${base}    pattern-sources: [{ pattern: x, exact: "yes" }]\n    pattern-sinks: [{ pattern: y }]\n`,
      ),
    ).toEqual(["rules.yml: rule t: pattern-sources.0.exact: expected true or false"]);
    expect(problemsOf(`${base}    taint: { sources: [x], sinks: [y], filters: [] }\n`)).toEqual([
      "rules.yml: rule t: taint.filters: unknown key",
    ]);
    expect(
      problemsOf(`${base}    taint: { sources: [x], sinks: [y] }\n    pattern-sinks: [{ pattern: y }]\n`),
    ).toEqual(["rules.yml: rule t: pattern-sinks: not allowed together with taint:"]);
  });
});

describe("taint rules the embedded engine does not run", () => {
  const header = "    mode: taint\n    message: m\n    severity: ERROR\n";

  it("reports taint labels, control sources, at-exit sinks and unknown options as unsupported", async () => {
    const labels = loadRule(
      `${header}    languages: [python]
    pattern-sources: [{ pattern: "source()", label: USER }]
    pattern-sinks: [{ pattern: "sink(...)", requires: USER }]
`,
      "labels",
    );
    const control = loadRule(
      `${header}    languages: [python]
    pattern-sources: [{ pattern: "source()", control: true }]
    pattern-sinks: [{ pattern: "sink(...)", at-exit: true }]
    pattern-sanitizers: [{ pattern: "clean(...)", priority: 3 }]
`,
      "control",
    );
    const out = await runRules([labels, control], { "t.py": "sink(source())\n" });
    expect(out.results).toEqual([]);
    expect(out.errors.map((e) => [e.type, e.message])).toEqual([
      ["UnsupportedRule", "labels: taint labels are not supported (uses label, requires)"],
      [
        "UnsupportedRule",
        'control: unknown sanitizer option "priority" at pattern-sanitizers.0; control sources (control: true) are not supported; at-exit sinks are not supported',
      ],
    ]);
  });

  it("runs only on the languages taint mode covers", async () => {
    const go = loadRule(
      `${header}    languages: [go]\n    pattern-sources: [{ pattern: "source()" }]\n    pattern-sinks: [{ pattern: "sink(...)" }]\n`,
      "go-only",
    );
    const mixed = loadRule(
      `${header}    languages: [python, go]\n    pattern-sources: [{ pattern: "source()" }]\n    pattern-sinks: [{ pattern: "sink(...)" }]\n`,
      "mixed",
    );
    const regex = loadRule(
      `${header}    languages: [regex]\n    pattern-sources: [{ pattern-regex: "a" }]\n    pattern-sinks: [{ pattern-regex: "b" }]\n`,
      "regex",
    );
    expect(describeUnsupported({ files: [], rules: [go, mixed, regex], digest: "d" })).toEqual([
      {
        ruleId: "go-only",
        reason: "language go is not supported (taint mode runs on python, javascript and typescript only)",
      },
      {
        ruleId: "mixed",
        reason:
          "language go is not supported (taint mode runs on python, javascript and typescript only); it still runs on python files",
      },
      { ruleId: "regex", reason: "taint mode needs a language the engine parses (not regex or generic)" },
    ]);
    const out = await runRules([go, mixed], {
      "a.py": "sink(source())\n",
      "b.go": "package main\nfunc main() { sink(source()) }\n",
    });
    expect(out.results.map((r) => [r.check_id, r.path])).toEqual([["mixed", "a.py"]]);
  });
});
