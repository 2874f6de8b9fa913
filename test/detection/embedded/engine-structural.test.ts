/**
 * The embedded engine end to end: rules from YAML through the real loader,
 * the default (structural) matcher, Semgrep-shaped output.
 */
import { describe, expect, it } from "vitest";
import {
  createEmbeddedEngine,
  describeUnsupported,
} from "../../../app/detection/embedded/embedded-engine.js";
import { createStructuralMatcher } from "../../../app/detection/embedded/structural-matcher.js";
import { parseRuleFileText } from "../../../app/detection/parse-rule-file.js";
import type { RulePack } from "../../../app/detection/types.js";

const RULES = `
rules:
  - id: py-exec
    message: "$FUNC runs $ARG as code"
    severity: ERROR
    languages: [python]
    metadata: { cwe: "CWE-95" }
    patterns:
      - pattern: $FUNC($ARG)
      - metavariable-regex:
          metavariable: $FUNC
          regex: ^(eval|exec)$
      - pattern-not: $FUNC("...")
  - id: ts-inner-html
    message: innerHTML assigned from $SRC
    severity: WARNING
    languages: [typescript]
    paths:
      exclude: ["*.test.tsx"]
    pattern: $EL.innerHTML = $SRC
  - id: java-rule
    message: java
    severity: INFO
    languages: [java]
    pattern: Runtime.getRuntime().exec($X)
  - id: taint-rule
    message: taint
    severity: ERROR
    languages: [python]
    mode: taint
    pattern-sources: [{ pattern: input(), label: USER }]
    pattern-sinks: [{ pattern: eval(...), requires: USER }]
  - id: broken-pattern
    message: broken
    severity: INFO
    languages: [python]
    pattern: "def ((("
  - id: aws-key
    message: AWS key $1
    severity: ERROR
    languages: [regex]
    pattern-regex: (AKIA[0-9A-Z]{16})
`;

function pack(): RulePack {
  const parsed = parseRuleFileText(RULES, "rules.yml");
  expect(parsed.problems).toEqual([]);
  return { files: [], rules: parsed.rules, digest: "d" };
}

describe("embedded engine with the structural matcher", () => {
  it("runs the supported rules and reports each of the others once", async () => {
    const targets = [
      {
        path: "app/run.py",
        content: 'msg = "héllo wörld"; exec(user_code)\neval("1 + 1")\nexec(\n    payload)\n',
      },
      { path: "web/view.tsx", content: "const v = <div/>;\nel.innerHTML = props.html;\n" },
      { path: "web/view.test.tsx", content: "el.innerHTML = props.html;\n" },
      { path: "conf/keys.txt", content: "key = AKIAABCDEFGHIJKLMNOP\n" },
      {
        path: "src/Run.java",
        content:
          "class Run {\n  void run(String cmd) throws Exception {\n    Runtime.getRuntime().exec(cmd);\n  }\n}\n",
      },
    ];
    const out = await createEmbeddedEngine().run(pack(), targets, { timeoutMs: 60_000 });
    expect(
      out.results.map((r) => ({
        id: r.check_id,
        path: r.path,
        line: r.start.line,
        message: r.extra.message,
      })),
    ).toEqual([
      { id: "py-exec", path: "app/run.py", line: 1, message: "exec runs user_code as code" },
      { id: "py-exec", path: "app/run.py", line: 3, message: "exec runs payload as code" },
      { id: "aws-key", path: "conf/keys.txt", line: 1, message: "AWS key AKIAABCDEFGHIJKLMNOP" },
      { id: "java-rule", path: "src/Run.java", line: 3, message: "java" },
      { id: "ts-inner-html", path: "web/view.tsx", line: 2, message: "innerHTML assigned from props.html" },
    ]);
    const first = out.results[0];
    const before = Buffer.byteLength('msg = "héllo wörld"; ', "utf8");
    expect(first?.start).toEqual({ line: 1, col: before + 1, offset: before });
    expect(first?.extra.severity).toBe("ERROR");
    expect(first?.extra.metadata).toEqual({ cwe: "CWE-95" });
    expect(first?.extra.metavars?.["$ARG"]?.abstract_content).toBe("user_code");
    expect(out.results[1]?.extra.lines).toBe("exec(\n    payload)");
    expect(out.errors.map((e) => [e.type, e.rule_id, e.message])).toEqual([
      ["UnsupportedRule", "taint-rule", "taint-rule: taint labels are not supported (uses label, requires)"],
      ["UnsupportedRule", "broken-pattern", 'broken-pattern: pattern "def (((": pattern does not parse'],
    ]);
    expect(out.paths.scanned).toEqual([
      "app/run.py",
      "conf/keys.txt",
      "src/Run.java",
      "web/view.test.tsx",
      "web/view.tsx",
    ]);
  });

  it("describes unsupported rules statically, and with the matcher's languages", () => {
    const ids = (list: Array<{ ruleId: string }>): string[] => list.map((x) => x.ruleId);
    expect(ids(describeUnsupported(pack()))).toEqual(["taint-rule"]);
    expect(ids(describeUnsupported(pack(), createStructuralMatcher()))).toEqual(["taint-rule"]);
  });
});
