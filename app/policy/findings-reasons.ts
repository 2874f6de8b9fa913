/**
 * Findings and detection status → reasons. Thresholds are per agent: a rule
 * hit on a line Claude Code wrote can block where the same hit on a human's
 * line only warns. One reason per rule, at the most severe level any of its
 * findings reaches. Pure.
 */
import type { DetectionSummary, Finding, Reason } from "../model/report.js";
import type { FindingThreshold, PolicyConfig } from "./config-schema.js";

const MAX_EVIDENCE = 20;
const ORDER: Record<Exclude<FindingThreshold, "never">, number> = { note: 0, warning: 1, error: 2 };

function atLeast(level: Finding["severity"], threshold: FindingThreshold): boolean {
  return threshold !== "never" && ORDER[level] >= ORDER[threshold];
}

export function findingLevel(finding: Finding, policy: PolicyConfig): Reason["level"] {
  const override = finding.agent !== null ? policy.findings.agents[finding.agent] : undefined;
  const t = { warn: override?.warn ?? policy.findings.warn, block: override?.block ?? policy.findings.block };
  if (atLeast(finding.severity, t.block)) return "block";
  if (atLeast(finding.severity, t.warn)) return "warn";
  return "info";
}

const RANK: Record<Reason["level"], number> = { info: 0, allow: 0, warn: 1, block: 2 };

function who(f: Finding): string {
  return f.agent ?? (f.authorClass === "agent" ? "agent" : f.authorClass);
}

export function findingReasons(findings: readonly Finding[], policy: PolicyConfig): Reason[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  return [...byRule.entries()].map(([ruleId, list]) => {
    let level: Reason["level"] = "info";
    for (const f of list) {
      const l = findingLevel(f, policy);
      if (RANK[l] > RANK[level]) level = l;
    }
    const authors = new Map<string, number>();
    for (const f of list) authors.set(who(f), (authors.get(who(f)) ?? 0) + 1);
    const by = [...authors.entries()].map(([a, n]) => `${a} ${n}`).join(", ");
    return {
      code: "risky_code",
      level,
      message: `${ruleId} (${list[0]?.severity}): ${list.length} finding${list.length === 1 ? "" : "s"} on changed lines, written by ${by} — ${list[0]?.message ?? ""}`,
      evidence: list.slice(0, MAX_EVIDENCE).map((f) => ({
        path: f.path,
        startLine: f.startLine,
        endLine: f.endLine,
        ...(f.commit !== null ? { commit: f.commit } : {}),
        detail: `${f.ruleId}: ${f.message}`,
      })),
    };
  });
}

export function detectionReasons(detection: DetectionSummary, policy: PolicyConfig): Reason[] {
  if (detection.status === "disabled") {
    return [
      {
        code: "detection_disabled",
        level: "info",
        message: "detection is disabled by configuration",
        evidence: [],
      },
    ];
  }
  if (detection.status === "failed") {
    return [
      {
        code: "detection_failed",
        level: policy.detection_failure,
        message: `the ${detection.engine ?? "detection"} engine failed, so the changed code was not checked: ${detection.failure ?? "unknown error"}`,
        evidence: [],
      },
    ];
  }
  const out: Reason[] = [];
  if (detection.unsupportedRules.length > 0) {
    out.push({
      code: "rules_unsupported",
      level: policy.unsupported_rules,
      message: `${detection.unsupportedRules.length} rule(s) could not run on the ${detection.engine} engine: ${detection.unsupportedRules
        .map((u) => u.ruleId)
        .join(", ")}`,
      evidence: detection.unsupportedRules
        .slice(0, MAX_EVIDENCE)
        .map((u) => ({ detail: `${u.ruleId}: ${u.reason}` })),
    });
  }
  if (detection.errors.length > 0) {
    out.push({
      code: "detection_errors",
      level: "info",
      message: `the engine reported ${detection.errors.length} problem(s) with changed files (results for those files may be incomplete)`,
      evidence: detection.errors.slice(0, MAX_EVIDENCE).map((e) => ({
        ...(e.path !== undefined ? { path: e.path } : {}),
        detail: `${e.type}: ${e.message}`,
      })),
    });
  }
  if (detection.skippedFiles.length > 0) {
    out.push({
      code: "detection_skipped_files",
      level: "info",
      message: `${detection.skippedFiles.length} changed file(s) were not scanned: ${detection.skippedFiles
        .slice(0, 5)
        .map((s) => `${s.path} (${s.reason})`)
        .join(", ")}${detection.skippedFiles.length > 5 ? ", …" : ""}`,
      evidence: detection.skippedFiles
        .slice(0, MAX_EVIDENCE)
        .map((s) => ({ path: s.path, detail: s.reason })),
    });
  }
  return out;
}
