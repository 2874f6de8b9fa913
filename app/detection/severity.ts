/** Rule severities (old and new Semgrep spellings) and the report level each maps to. */
import type { FindingLevel, RuleSeverity } from "./types.js";

const LEVELS: Readonly<Record<RuleSeverity, FindingLevel>> = {
  CRITICAL: "error",
  HIGH: "error",
  ERROR: "error",
  MEDIUM: "warning",
  WARNING: "warning",
  LOW: "note",
  INFO: "note",
  INVENTORY: "note",
  EXPERIMENT: "note",
};

export const RULE_SEVERITIES = Object.keys(LEVELS) as [RuleSeverity, ...RuleSeverity[]];

export function levelOf(severity: RuleSeverity): FindingLevel {
  return LEVELS[severity];
}
