/**
 * The evaluator end to end with the real rule loader and structural matcher,
 * on JavaScript examples from semgrep.dev "Rule syntax" (see also evaluate-structural.test.ts).
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

describe("evaluator on JavaScript, real matcher", () => {
  it("pattern-inside with metavariable-regex on the enclosing function's name", () => {
    const yaml = rule(
      "javascript",
      [
        "    patterns:",
        "      - pattern-inside: |",
        "          function $F(...) { ... }",
        "      - pattern: eval($X)",
        "      - metavariable-regex:",
        "          metavariable: $F",
        "          regex: ^handle",
        "",
      ].join("\n"),
    );
    const code = [
      "function handleRequest(req) {",
      "  // ruleid: r",
      "  eval(req.body);",
      "}",
      "function other(req) {",
      "  // ok: r",
      "  eval(req.body);",
      "}",
    ].join("\n");
    expectAnnotated(yaml, "javascript", code);
  });

  it("pattern-not-inside a try block, pattern-not of a literal argument", () => {
    const yaml = rule(
      "javascript",
      [
        "    patterns:",
        "      - pattern: JSON.parse($X)",
        '      - pattern-not: JSON.parse("...")',
        "      - pattern-not-inside: |",
        "          try { ... } catch ($E) { ... }",
        "",
      ].join("\n"),
    );
    const code = [
      "// ruleid: r",
      "const a = JSON.parse(input);",
      "// ok: r",
      'const b = JSON.parse("{}");',
      "try {",
      "  // ok: r",
      "  const c = JSON.parse(input);",
      "} catch (e) {}",
    ].join("\n");
    expectAnnotated(yaml, "javascript", code);
  });

  it("metavariable-pattern on an object literal with a nested pattern-not (disallow-old-tls-versions)", () => {
    const yaml = rule(
      "javascript",
      [
        "    patterns:",
        "      - pattern: https.createServer($OPTS, ...)",
        "      - metavariable-pattern:",
        "          metavariable: $OPTS",
        "          patterns:",
        "            - pattern-not: |",
        "                {secureOptions: $C.SSL_OP_NO_SSLv2 | $C.SSL_OP_NO_SSLv3 | $C.SSL_OP_NO_TLSv1}",
        "",
      ].join("\n"),
    );
    const code = [
      "// ruleid: r",
      "https.createServer({secureOptions: constants.SSL_OP_NO_SSLv2}, app);",
      "// ok: r",
      "https.createServer({secureOptions: c.SSL_OP_NO_SSLv2 | c.SSL_OP_NO_SSLv3 | c.SSL_OP_NO_TLSv1}, app);",
    ].join("\n");
    expectAnnotated(yaml, "javascript", code);
  });

  it("pattern-regex with pattern-not-regex, and a regex capture in the result", () => {
    const yaml = rule(
      "javascript",
      "    patterns:\n      - pattern-regex: (?P<KEY>AKIA[0-9A-Z]{8})\n      - pattern-not-regex: EXAMPLE\n",
    );
    const code = ["// ruleid: r", 'const k = "AKIA12345678";', "// ok: r", 'const e = "AKIAEXAMPLE1";'].join(
      "\n",
    );
    expectAnnotated(yaml, "javascript", code);
  });
});
