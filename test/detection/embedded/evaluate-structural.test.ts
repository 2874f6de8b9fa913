/**
 * The evaluator end to end with the real rule loader and structural matcher,
 * on Python examples from semgrep.dev "Rule syntax" (see also evaluate-structural-js.test.ts).
 * Like Semgrep's rule tests, a `ruleid:` comment marks the next code line as
 * a finding that must start there; every other line must have none.
 */
import { describe, expect, it } from "vitest";
import { createFileEvaluator } from "../../../app/detection/embedded/evaluate-formula.js";
import type { EmbeddedLanguage } from "../../../app/detection/embedded/match-types.js";
import { createStructuralMatcher } from "../../../app/detection/embedded/structural-matcher.js";
import { parseRuleFileText } from "../../../app/detection/parse-rule-file.js";

const matcher = createStructuralMatcher();

/** 1-based lines right after each `ruleid:` comment (skipping further comment lines). */
function expectedLines(code: string): number[] {
  const lines = code.split("\n");
  const out: number[] = [];
  lines.forEach((line, i) => {
    if (!/(#|\/\/)\s*ruleid:/.test(line)) return;
    let j = i + 1;
    while (j < lines.length && /^\s*(#|\/\/)/.test(lines[j] ?? "")) j++;
    out.push(j + 1);
  });
  return out;
}

/** Start lines and texts of the rule's findings in `code`. */
function findings(
  yaml: string,
  language: EmbeddedLanguage,
  code: string,
): Array<{ line: number; text: string }> {
  const parsed = parseRuleFileText(yaml, "rule.yml");
  expect(parsed.problems).toEqual([]);
  const rule = parsed.rules[0];
  if (!rule) throw new Error("no rule");
  const evaluator = createFileEvaluator(matcher, language, code, () => matcher.parseFile(language, code));
  return evaluator.evaluate(rule.formula).map((m) => ({
    line: code.slice(0, m.start).split("\n").length,
    text: code.slice(m.start, m.end),
  }));
}

function expectAnnotated(yaml: string, language: EmbeddedLanguage, code: string): void {
  expect(findings(yaml, language, code).map((f) => f.line)).toEqual(expectedLines(code));
}

const rule = (language: string, body: string): string =>
  `rules:\n  - id: r\n    message: m\n    severity: WARNING\n    languages: [${language}]\n${body}`;

describe("evaluator on Python, real matcher", () => {
  it("pattern-not (unverified-db-query)", () => {
    const yaml = rule(
      "python",
      "    patterns:\n      - pattern: db_query(...)\n      - pattern-not: db_query(..., verify=True, ...)\n",
    );
    const code = [
      "# ruleid: r",
      'db_query("SELECT * FROM ...")',
      "# ok: r",
      'db_query("SELECT * FROM ...", verify=True, env="prod")',
    ].join("\n");
    expectAnnotated(yaml, "python", code);
  });

  it("pattern-either (insecure-crypto-usage)", () => {
    const yaml = rule(
      "python",
      "    pattern-either:\n      - pattern: hashlib.sha1(...)\n      - pattern: hashlib.md5(...)\n",
    );
    const code = [
      "import hashlib",
      "# ruleid: r",
      'digest = hashlib.md5(b"test")',
      "# ruleid: r",
      'digest = hashlib.sha1(b"test")',
      "# ok: r",
      'digest = hashlib.sha256(b"test")',
    ].join("\n");
    expectAnnotated(yaml, "python", code);
  });

  it("pattern-inside twice (return-in-init)", () => {
    const yaml = rule(
      "python",
      [
        "    patterns:",
        "      - pattern: return ...",
        "      - pattern-inside: |",
        "          class $CLASS:",
        "            ...",
        "      - pattern-inside: |",
        "          def __init__(...):",
        "              ...",
        "",
      ].join("\n"),
    );
    const code = [
      "class A:",
      "    def __init__(self):",
      "        # ruleid: r",
      "        return None",
      "",
      "class B:",
      "    def __init__(self):",
      "        # ok: r",
      "        self.inited = True",
      "",
      "def foo():",
      "    # ok: r",
      "    return 5",
    ].join("\n");
    expectAnnotated(yaml, "python", code);
  });

  it("pattern-not-inside (open-never-closed)", () => {
    const yaml = rule(
      "python",
      [
        "    patterns:",
        "      - pattern: $F = open(...)",
        "      - pattern-not-inside: |",
        "          $F = open(...)",
        "          ...",
        "          $F.close()",
        "",
      ].join("\n"),
    );
    const code = [
      "def func1():",
      "    # ruleid: r",
      '    fd = open("test.txt")',
      '    fd.write("hello")',
      "",
      "def func2():",
      "    # ok: r",
      '    fd = open("test.txt")',
      '    fd.write("hello")',
      "    fd.close()",
      "",
      "def func3():",
      "    # ruleid: r",
      '    fd = open("test.txt")',
      "    other.close()",
    ].join("\n");
    expectAnnotated(yaml, "python", code);
  });

  it("pattern-regex inside a pattern (boto-client-ip)", () => {
    const yaml = rule(
      "python",
      [
        "    patterns:",
        '      - pattern-inside: boto3.client(host="...")',
        "      - pattern-regex: '\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}'",
        "",
      ].join("\n"),
    );
    const code = [
      "import boto3",
      "# ruleid: r",
      'client = boto3.client(host="192.168.1.200")',
      "# ok: r",
      'client = boto3.client(host="dev.internal.example.com")',
      'print("10.0.0.1")',
    ].join("\n");
    expect(findings(yaml, "python", code)).toEqual([{ line: 3, text: "192.168.1.200" }]);
  });

  it("metavariable-regex is left anchored (insecure-methods)", () => {
    const code = [
      "# ruleid: r",
      'module.insecure1("test")',
      "# ruleid: r",
      'module.insecure2("test")',
      "# ok: r",
      'module.secure("test")',
    ].join("\n");
    const withRegex = (regex: string): string =>
      rule(
        "python",
        `    patterns:\n      - pattern: module.$METHOD(...)\n      - metavariable-regex:\n          metavariable: $METHOD\n          regex: ${regex}\n`,
      );
    expectAnnotated(withRegex("(insecure)"), "python", code);
    expect(findings(withRegex("(insecure$)"), "python", code)).toEqual([]);
    expect(findings(withRegex("(.*secure)"), "python", code)).toHaveLength(3);
  });

  it("focus-metavariable narrows to the parameter (find-bad-args)", () => {
    const yaml = rule(
      "python",
      "    patterns:\n      - pattern: |\n          def $FUNC(..., $ARG : bad, ...):\n            ...\n      - focus-metavariable: $ARG\n",
    );
    const code = "def f(x : bad):\n    return x\n";
    expect(findings(yaml, "python", code)).toEqual([{ line: 1, text: "x" }]);
  });

  it("focus-metavariable intersection (intersect-focus-metavariable)", () => {
    const yaml = rule(
      "python",
      [
        "    patterns:",
        "      - pattern-inside: foo($X, ...)",
        "      - focus-metavariable: $X",
        "      - pattern: $Y + ...",
        "      - focus-metavariable: $Y",
        '      - pattern: "1"',
        "",
      ].join("\n"),
    );
    const code = [
      "# ruleid: r",
      "foo (",
      "    1",
      "    +",
      "    2,",
      "    1",
      ")",
      "",
      "# OK: test",
      "foo (2+ 1, 1)",
    ].join("\n");
    expect(findings(yaml, "python", code)).toEqual([{ line: 3, text: "1" }]);
  });

  it("metavariable-pattern with a nested either and metavariable-regex", () => {
    const yaml = rule(
      "python",
      [
        "    patterns:",
        "      - pattern: redirect($DATA)",
        "      - metavariable-pattern:",
        "          metavariable: $DATA",
        "          patterns:",
        "            - pattern-either:",
        "                - pattern: request.$W",
        "                - pattern: request.$W.get(...)",
        "            - metavariable-regex:",
        "                metavariable: $W",
        "                regex: (?!get_full_path)",
        "",
      ].join("\n"),
    );
    const code = [
      "# ruleid: r",
      'redirect(request.POST.get("url"))',
      "# ok: r",
      "redirect(request.get_full_path)",
      "# ok: r",
      'redirect("/home")',
    ].join("\n");
    expectAnnotated(yaml, "python", code);
  });

  it("metavariable-pattern with a language parses string contents", () => {
    const yaml = rule(
      "python",
      [
        "    patterns:",
        "      - pattern: run_js($CODE)",
        "      - metavariable-pattern:",
        "          metavariable: $CODE",
        "          language: javascript",
        "          pattern: eval(...)",
        "",
      ].join("\n"),
    );
    const code = [
      "# ruleid: r",
      "run_js('eval(input)')",
      "# ok: r",
      "run_js('console.log(1)')",
      "# ok: r",
      "run_js(eval)",
    ].join("\n");
    expectAnnotated(yaml, "python", code);
  });
});
