/**
 * `agent-provenance scan --test rules/` in-process on the embedded engine:
 * every bundled rule must match exactly its `ruleid:` lines on its annotated
 * target, none may be reported as unsupported, and no rule-test problem may
 * be left. A failure names each failing rule with its missed and unexpected
 * lines, unsupported reason and problems.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { createEmbeddedEngine } from "../../app/detection/embedded/embedded-engine.js";
import { runRuleTests } from "../../app/detection/rule-tests/run-rule-tests.js";
import type { RuleTestResult, TestLocation } from "../../app/detection/rule-tests/rule-test-types.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const lines = (label: string, list: TestLocation[]): string[] =>
  list.length === 0 ? [] : [`  ${label}: ${list.map((l) => `${l.path}:${l.line}`).join(", ")}`];

function describeFailure(r: RuleTestResult): string {
  return [
    `${r.ruleId} (${r.ruleFile}): ${r.matched.length}/${r.expected.length} expected lines matched`,
    ...lines("missed", r.missed),
    ...lines("unexpected", r.falsePositives),
    ...(r.unsupported === null ? [] : [`  unsupported: ${r.unsupported}`]),
    ...r.problems.map((p) => `  problem: ${p}`),
  ].join("\n");
}

it("every bundled rule passes its annotated tests on the embedded engine", async () => {
  const report = await runRuleTests("rules", createEmbeddedEngine(), { timeoutMs: 120_000, cwd: ROOT });
  expect(report.engine).toBe("embedded");
  expect(report.rules.length).toBeGreaterThanOrEqual(73);
  const failing = report.rules.filter((r) => !r.passed);
  expect(failing.map(describeFailure).join("\n"), "failing rules").toBe("");
  const unsupported = report.rules.filter((r) => r.unsupported !== null);
  expect(unsupported.map((r) => `${r.ruleId}: ${r.unsupported ?? ""}`).join("\n"), "unsupported rules").toBe(
    "",
  );
  expect(report.problems.join("\n"), "rule-test problems").toBe("");
  expect(report.passed).toBe(true);
}, 120_000);
