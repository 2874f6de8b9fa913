/** `scan --test` output: one line per rule, then file:line for every miss and false positive. */
import type { RuleTestReport, RuleTestResult, TestLocation } from "./rule-test-types.js";

const at = (location: TestLocation) => `${location.path}:${location.line}`;

function renderRule(rule: RuleTestResult): string[] {
  const head = `${rule.passed ? "PASS" : "FAIL"} ${rule.ruleId} (${rule.ruleFile}): ${rule.matched.length - rule.falsePositives.length}/${rule.expected.length} expected lines matched`;
  return [
    rule.falsePositives.length > 0 ? `${head}, ${rule.falsePositives.length} false positive(s)` : head,
    ...(rule.unsupported === null ? [] : [`    unsupported: ${rule.unsupported}`]),
    ...rule.problems.map((problem) => `    problem: ${problem.replace(/\n/g, "\n      ")}`),
    ...rule.missed.map((location) => `    missed: ${at(location)}`),
    ...rule.falsePositives.map((location) => `    false positive: ${at(location)}`),
  ];
}

export function renderRuleTests(report: RuleTestReport): string {
  const failed = report.rules.filter((rule) => !rule.passed).length;
  const lines = [
    ...report.rules.flatMap(renderRule),
    ...report.problems.map((problem) => `problem: ${problem}`),
    `${report.rules.length} rule(s) tested with the ${report.engine} engine: ${report.rules.length - failed} passed, ${failed} failed${report.problems.length > 0 ? `, ${report.problems.length} annotation problem(s)` : ""}`,
  ];
  return lines.join("\n") + "\n";
}
