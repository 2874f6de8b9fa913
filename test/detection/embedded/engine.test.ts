/**
 * The embedded engine's run loop and Semgrep-shaped output, with a fake
 * matcher whose patterns are JavaScript regexes (named groups bind `$NAME`).
 */
import { describe, expect, it } from "vitest";
import {
  createEmbeddedEngine,
  describeUnsupported,
} from "../../../app/detection/embedded/embedded-engine.js";
import {
  UnsupportedPatternError,
  type PatternMatch,
  type PatternMatcher,
} from "../../../app/detection/embedded/match-types.js";
import type { Formula, Rule, RulePack, ScanTarget } from "../../../app/detection/types.js";
import { toolVersion } from "../../../app/version.js";

function fakeMatcher(): PatternMatcher & { parses: string[] } {
  const parses: string[] = [];
  return {
    parses,
    parseFile(language, text) {
      if (text.includes("SYNTAX ERROR")) throw new Error("unexpected token at line 2");
      parses.push(text);
      return { language, text, tree: null };
    },
    match(pattern, file): PatternMatch[] {
      if (pattern.startsWith("UNSUPPORTED"))
        throw new UnsupportedPatternError("the fake cannot do this", pattern);
      if (pattern === "CRASH" && file.text !== "") throw new Error("matcher bug");
      if (file.language === "java") throw new UnsupportedPatternError("language java not supported", pattern);
      return [...file.text.matchAll(new RegExp(pattern, "gmd"))].map((m) => {
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
}

function rule(id: string, formula: Formula, extra: Partial<Rule> = {}): Rule {
  return {
    id,
    message: `${id} matched`,
    severity: "WARNING",
    level: "warning",
    languages: ["python"],
    mode: "search",
    formula,
    paths: { include: [], exclude: [] },
    metadata: {},
    source: { file: "rules.yml", index: 0 },
    raw: {},
    ...extra,
  };
}

const pack = (...rules: Rule[]): RulePack => ({ files: [], rules, digest: "d" });
const p = (pattern: string): Formula => ({ kind: "pattern", pattern });
const run = (rules: Rule[], targets: ScanTarget[], matcher = fakeMatcher()) =>
  createEmbeddedEngine(matcher).run(pack(...rules), targets, { timeoutMs: 60_000 });

describe("embedded engine", () => {
  it("reports a taint rule without a taint specification once as UnsupportedRule and still runs the others", async () => {
    const taint = rule("taint-rule", { kind: "either", branches: [] }, { mode: "taint" });
    const out = await run(
      [taint, rule("eval", p("eval\\(\\w*\\)"))],
      [
        { path: "a.py", content: "eval(x)\n" },
        { path: "b.py", content: "eval(y)\n" },
      ],
    );
    expect(out.errors).toEqual([
      {
        code: 2,
        level: "warn",
        type: "UnsupportedRule",
        rule_id: "taint-rule",
        message: 'taint-rule: mode "taint" without a parsed taint specification',
      },
    ]);
    expect(out.results.map((r) => `${r.path}:${r.start.line}:${r.check_id}`)).toEqual([
      "a.py:1:eval",
      "b.py:1:eval",
    ]);
    expect(out.paths.scanned).toEqual(["a.py", "b.py"]);
    expect(out.version).toBe(`embedded-${toolVersion()}`);
  });

  it("interpolates metavariables into the message, longest names first, and lists metavars", async () => {
    const r = rule("call", p("(?<FUNC>\\w+)\\((?<FUNC2>\\w+)\\)"), {
      message: "$FUNC2 passed to $FUNC (value($FUNC))",
    });
    const out = await run([r], [{ path: "m.py", content: "x = run(cmd)\n" }]);
    const [result] = out.results;
    expect(result?.extra.message).toBe("cmd passed to run (run)");
    expect(result?.extra.metavars?.["$FUNC"]).toEqual({
      abstract_content: "run",
      start: { line: 1, col: 5, offset: 4 },
      end: { line: 1, col: 8, offset: 7 },
    });
    expect(result?.extra.severity).toBe("WARNING");
    expect(result?.extra.lines).toBe("x = run(cmd)");
  });

  it("reports positions in UTF-8 bytes after non-ASCII text, and the full spanned lines", async () => {
    const content = 's = "héllo 😀"; eval(x)\ny = 1\nexec(\n  z)  \n';
    const out = await run([rule("eval", p("eval\\(\\w\\)|exec\\(\\s*\\w\\)"))], [{ path: "u.py", content }]);
    const [first, second] = out.results;
    const bytesBefore = Buffer.byteLength('s = "héllo 😀"; ', "utf8");
    expect(first?.start).toEqual({ line: 1, col: bytesBefore + 1, offset: bytesBefore });
    expect(first?.end).toEqual({ line: 1, col: bytesBefore + 8, offset: bytesBefore + 7 });
    const execAt = Buffer.byteLength(content.slice(0, content.indexOf("exec")), "utf8");
    expect(second?.start).toEqual({ line: 3, col: 1, offset: execAt });
    expect(second?.end).toEqual({ line: 4, col: 5, offset: execAt + "exec(\n  z)".length });
    expect(second?.extra.lines).toBe("exec(\n  z)");
  });

  it("honours paths include/exclude and rule languages", async () => {
    const r = rule("eval", p("eval\\(\\w*\\)"), { paths: { include: ["src/"], exclude: ["*_test.py"] } });
    const js = rule("js-eval", p("eval\\(\\w*\\)"), { languages: ["javascript"] });
    const targets = ["src/a.py", "src/a_test.py", "lib/b.py", "src/c.js", "README.md"].map((path) => ({
      path,
      content: "eval(x)\n",
    }));
    const out = await run([r, js], targets);
    expect(out.results.map((x) => `${x.check_id}@${x.path}`)).toEqual(["eval@src/a.py", "js-eval@src/c.js"]);
    expect(out.paths.scanned).toEqual(["src/a.py", "src/c.js"]);
  });

  it("reports a file that does not parse and goes on; regex rules still run on it", async () => {
    const regex = rule("secret", { kind: "regex", regex: "AKIA[0-9A-Z]{4}" }, { languages: ["regex"] });
    const out = await run(
      [rule("eval", p("eval\\(\\w*\\)")), regex],
      [
        { path: "bad.py", content: "x = (\nSYNTAX ERROR AKIA1234\n" },
        { path: "good.py", content: "eval(x)\n" },
      ],
    );
    expect(out.errors).toEqual([
      {
        code: 3,
        level: "warn",
        type: "Syntax error",
        path: "bad.py",
        message: "Syntax error in bad.py (python): unexpected token at line 2",
      },
    ]);
    expect(out.results.map((x) => `${x.check_id}@${x.path}`)).toEqual(["secret@bad.py", "eval@good.py"]);
    expect(out.paths.scanned).toEqual(["bad.py", "good.py"]);
  });

  it("reports each unsupported rule once, whatever the number of files, with no partial results", async () => {
    const refused = rule("refused", {
      kind: "all",
      positives: [p("eval\\(\\w*\\)")],
      inside: [],
      negatives: [p("UNSUPPORTED thing")],
      notInside: [],
      conditions: [],
      focus: [],
    });
    const typed = rule("typed", p("foo((String $X))"));
    const cmp = rule("cmp", {
      kind: "all",
      positives: [p("(?<X>\\d+)")],
      inside: [],
      negatives: [],
      notInside: [],
      conditions: [{ kind: "unsupported", operator: "metavariable-comparison" }],
      focus: [],
    });
    const ruby = rule("ruby", p("x"), { languages: ["ruby"] });
    const files = ["a.py", "b.py", "c.py"].map((path) => ({ path, content: "eval(x)\n" }));
    const out = await run([refused, typed, cmp, ruby], files);
    expect(out.results).toEqual([]);
    expect(out.errors.map((e) => [e.type, e.rule_id, e.message])).toEqual([
      ["UnsupportedRule", "typed", "typed: typed metavariable (String $X) (needs type information)"],
      ["UnsupportedRule", "cmp", "cmp: metavariable-comparison is not supported"],
      ["UnsupportedRule", "ruby", "ruby: language ruby is not supported (no parser for it)"],
      ["UnsupportedRule", "refused", 'refused: pattern "UNSUPPORTED thing": the fake cannot do this'],
    ]);
  });

  it("parses each file once for all rules and sorts results by path, line, column, rule id", async () => {
    const matcher = fakeMatcher();
    const content = "b(1); a(2)\nb(3)\n";
    const out = await run(
      [rule("rule-b", p("b\\(\\d\\)")), rule("rule-a", p("[ab]\\(\\d\\)"))],
      [
        { path: "z.py", content },
        { path: "y.py", content },
      ],
      matcher,
    );
    expect(matcher.parses.filter((t) => t === content)).toHaveLength(2);
    expect(out.results.map((r) => `${r.path}:${r.start.line}:${r.start.col}:${r.check_id}`)).toEqual([
      "y.py:1:1:rule-a",
      "y.py:1:1:rule-b",
      "y.py:1:7:rule-a",
      "y.py:2:1:rule-a",
      "y.py:2:1:rule-b",
      "z.py:1:1:rule-a",
      "z.py:1:1:rule-b",
      "z.py:1:7:rule-a",
      "z.py:2:1:rule-a",
      "z.py:2:1:rule-b",
    ]);
  });

  it("runs a rule on the languages the matcher handles and reports the others once", async () => {
    const mixed = rule("mixed", p("eval\\(\\w\\)"), { languages: ["python", "java"] });
    const out = await run(
      [mixed],
      [
        { path: "A.java", content: "eval(x)\n" },
        { path: "a.py", content: "eval(x)\n" },
      ],
    );
    expect(out.results.map((r) => r.path)).toEqual(["a.py"]);
    expect(out.paths.scanned).toEqual(["a.py"]);
    expect(out.errors.map((e) => e.message)).toEqual([
      "mixed: language java is not supported (language java not supported); it still runs on python files",
    ]);
  });

  it("reports a matcher crash per rule and file without stopping, and files past the time budget", async () => {
    const files = [
      { path: "a.py", content: "eval(x)\n" },
      { path: "b.py", content: "eval(y)\n" },
    ];
    const out = await run([rule("crash", p("CRASH")), rule("eval", p("eval\\(\\w\\)"))], files);
    expect(out.results.map((r) => r.path)).toEqual(["a.py", "b.py"]);
    expect(out.errors.map((e) => [e.type, e.rule_id, e.path, e.message])).toEqual([
      ["Internal matching error", "crash", "a.py", "crash: matcher bug"],
      ["Internal matching error", "crash", "b.py", "crash: matcher bug"],
    ]);
    const late = await createEmbeddedEngine(fakeMatcher()).run(pack(rule("eval", p("eval"))), files, {
      timeoutMs: -1,
    });
    expect(late.results).toEqual([]);
    expect(late.paths.scanned).toEqual([]);
    expect(late.errors.map((e) => [e.type, e.path])).toEqual([
      ["Timeout", "a.py"],
      ["Timeout", "b.py"],
    ]);
  });

  it("describes unsupported rules without any file", () => {
    const rules = [
      rule("ok", p("eval(...)")),
      rule("taint", p("x"), { mode: "taint" }),
      rule("mixed", p("x"), { languages: ["java", "kotlin"] }),
      rule("bad-regex", { kind: "regex", regex: "(?>atomic)" }),
      rule("neg-only", {
        kind: "all",
        positives: [],
        inside: [],
        negatives: [p("x")],
        notInside: [],
        conditions: [],
        focus: [],
      }),
    ];
    expect(describeUnsupported(pack(...rules))).toEqual([
      {
        ruleId: "taint",
        reason: 'mode "taint" without a parsed taint specification',
      },
      {
        ruleId: "mixed",
        reason: "language kotlin is not supported (no parser for it); it still runs on java files",
      },
      { ruleId: "bad-regex", reason: 'regex "(?>atomic)": atomic group (?>...)' },
      {
        ruleId: "neg-only",
        reason:
          "`patterns` needs at least one positive term (pattern, pattern-inside, pattern-either, pattern-regex); Semgrep rejects it",
      },
    ]);
  });
});
