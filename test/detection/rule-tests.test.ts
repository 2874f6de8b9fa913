import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commentMarkersFor, parseAnnotations } from "../../app/detection/rule-tests/annotations.js";
import { runRuleTests } from "../../app/detection/rule-tests/run-rule-tests.js";
import type { Engine, EngineOutput, EngineResult, RulePack, ScanTarget } from "../../app/detection/types.js";
import { ProvenanceError } from "../../app/errors.js";

describe("parseAnnotations", () => {
  it("applies a comment to the next non-comment line, and a trailing one to its own line", () => {
    const text = [
      "import os", // 1
      "# ruleid: a", // 2
      "# ok: b", // 3
      "# a plain comment", // 4
      "eval(x)", // 5
      "# todoruleid: a", // 6
      "# todook: b", // 7
      "eval(y)", // 8
      "value = eval(z)  # ruleid: a, b", // 9
      "#ruleid:c", // 10
      "", // 11
    ].join("\n");
    expect(parseAnnotations(text, ["#"])).toEqual([
      { kind: "ruleid", ruleIds: ["a"], line: 5, commentLine: 2 },
      { kind: "ok", ruleIds: ["b"], line: 5, commentLine: 3 },
      { kind: "ruleid", ruleIds: ["a", "b"], line: 9, commentLine: 9 },
      { kind: "ruleid", ruleIds: ["c"], line: 11, commentLine: 10 },
    ]);
  });

  it("reads // comments for C-like languages and ignores # there", () => {
    const text = ["class A {", "  // ruleid: js-a", "  #secret = eval(x);", "  /* ok: js-b */", "}"].join(
      "\n",
    );
    expect(parseAnnotations(text, commentMarkersFor("a.js"))).toEqual([
      { kind: "ruleid", ruleIds: ["js-a"], line: 3, commentLine: 2 },
    ]);
    expect(parseAnnotations("// ruleid: x\r\nfoo();\r\n", ["//"])).toEqual([
      { kind: "ruleid", ruleIds: ["x"], line: 2, commentLine: 1 },
    ]);
  });

  it.each([
    ["a.py", ["#"]],
    ["a.ts", ["//"]],
    ["a.tsx", ["//"]],
    ["a.go", ["//"]],
    ["A.java", ["//"]],
    ["Dockerfile.txt", ["#", "//"]],
  ])("comment markers of %s", (path, markers) => {
    expect(commentMarkersFor(path)).toEqual(markers);
  });
});

/** An engine that reports `eval(` on every line containing it for search rules, and other modes as unsupported. */
function stubEngine(seen: Array<{ pack: RulePack; targets: ScanTarget[] }> = []): Engine {
  return {
    name: "embedded",
    async run(pack, targets): Promise<EngineOutput> {
      seen.push({ pack, targets });
      if (targets.some((target) => target.content.includes("CRASH"))) {
        throw new ProvenanceError("ENGINE_FAILED", "engine blew up");
      }
      const results: EngineResult[] = [];
      const errors: EngineOutput["errors"] = [];
      for (const rule of pack.rules) {
        if (rule.mode !== "search") {
          errors.push({
            code: 2,
            level: "warn",
            type: "UnsupportedRule",
            rule_id: rule.id,
            message: `${rule.id}: mode ${rule.mode}`,
          });
          continue;
        }
        for (const target of targets) {
          target.content.split("\n").forEach((text, index) => {
            if (!text.includes("eval(")) return;
            const position = { line: index + 1, col: 1, offset: 0 };
            results.push({
              check_id: rule.id,
              path: target.path,
              start: position,
              end: position,
              extra: { message: "", severity: "ERROR", metadata: {}, lines: text },
            });
          });
        }
      }
      return { results, errors, paths: { scanned: targets.map((t) => t.path) }, version: "stub" };
    },
  };
}

const RULE = (id: string, extra = "    pattern: eval(...)\n") =>
  `  - id: ${id}\n    message: m\n    severity: ERROR\n    languages: [python]\n${extra}`;

async function rulesDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "rule-tests-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe("runRuleTests", () => {
  it("passes a rule matching exactly its ruleid lines and hands the engine rules without paths:", async () => {
    const dir = await rulesDir({
      "e.yml": `rules:\n${RULE("e", "    paths: { include: [never/] }\n    pattern: eval(...)\n")}`,
      "e.py": "# ruleid: e\neval(a)\n# ok: e\nprint(b)\n",
      "e.fixed.py": "not a target\n",
      "e.strict.py": "not a target either\n",
    });
    const seen: Array<{ pack: RulePack; targets: ScanTarget[] }> = [];
    const report = await runRuleTests(dir, stubEngine(seen), { timeoutMs: 1000 });
    expect(report.passed).toBe(true);
    expect(report.rules).toEqual([
      {
        ruleId: "e",
        ruleFile: `${dir}/e.yml`,
        targets: [`${dir}/e.py`],
        expected: [{ path: `${dir}/e.py`, line: 2 }],
        matched: [{ path: `${dir}/e.py`, line: 2 }],
        missed: [],
        falsePositives: [],
        unsupported: null,
        problems: [],
        passed: true,
      },
    ]);
    expect(seen[0]?.targets.map((t) => t.path)).toEqual(["e.py"]);
    expect(seen[0]?.pack.rules[0]?.paths).toEqual({ include: [], exclude: [] });
    expect(seen[0]?.pack.rules[0]?.raw["paths"]).toBeUndefined();
  });

  it("counts a rule the engine reports unsupported as a failure, with the reason", async () => {
    const taint =
      "    mode: taint\n    pattern-sources: [{ pattern: input() }]\n    pattern-sinks: [{ pattern: eval(...) }]\n";
    const dir = await rulesDir({
      "t.yml": `rules:\n${RULE("t", taint)}`,
      "t.py": "# ok: t\neval(input())\n",
    });
    const report = await runRuleTests(dir, stubEngine(), { timeoutMs: 1000 });
    expect(report.passed).toBe(false);
    expect(report.rules[0]).toMatchObject({ ruleId: "t", unsupported: "t: mode taint", passed: false });
  });

  it("reports annotations naming rules the file does not define", async () => {
    const dir = await rulesDir({ "u.yml": `rules:\n${RULE("u")}`, "u.py": "# ruleid: u, typo\neval(a)\n" });
    const report = await runRuleTests(dir, stubEngine(), { timeoutMs: 1000 });
    expect(report.rules[0]?.passed).toBe(true);
    expect(report.problems).toEqual([
      `${dir}/u.py:1: annotation names rule "typo", which ${dir}/u.yml does not define`,
    ]);
    expect(report.passed).toBe(false);
  });

  it("keeps going when the engine fails on one rule file", async () => {
    const dir = await rulesDir({
      "a.yml": `rules:\n${RULE("a")}`,
      "a.py": "# CRASH\n",
      "b.yml": `rules:\n${RULE("b")}`,
      "b.py": "# ruleid: b\neval(x)\n",
    });
    const report = await runRuleTests(dir, stubEngine(), { timeoutMs: 1000 });
    expect(report.rules.map((rule) => [rule.ruleId, rule.passed, rule.problems])).toEqual([
      ["a", false, ["engine blew up"]],
      ["b", true, []],
    ]);
  });

  it("tests rule files that reuse an id (as semgrep-rules does across languages) each on its own targets", async () => {
    const dir = await rulesDir({
      "a.yml": `rules:\n${RULE("same")}`,
      "a.py": "# ruleid: same\neval(a)\n",
      "b.yml": `rules:\n${RULE("same")}`,
      "b.py": "print(b)\n# ruleid: same\neval(b)\n",
    });
    const seen: Array<{ pack: RulePack; targets: ScanTarget[] }> = [];
    const report = await runRuleTests(dir, stubEngine(seen), { timeoutMs: 1000 });
    expect(report.rules.map((rule) => [rule.ruleFile, rule.matched, rule.passed])).toEqual([
      [`${dir}/a.yml`, [{ path: `${dir}/a.py`, line: 2 }], true],
      [`${dir}/b.yml`, [{ path: `${dir}/b.py`, line: 3 }], true],
    ]);
    expect(seen.map((run) => run.targets.map((target) => target.path))).toEqual([["a.py"], ["b.py"]]);
    expect(report.passed).toBe(true);
  });

  it("tests a single rule file against its sibling targets", async () => {
    const dir = await rulesDir({ "s.yml": `rules:\n${RULE("s")}`, "s.py": "# ruleid: s\neval(x)\n" });
    const report = await runRuleTests(join(dir, "s.yml"), stubEngine(), { timeoutMs: 1000 });
    expect(report.passed).toBe(true);
  });
});
