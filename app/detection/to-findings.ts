/**
 * Engine results → report findings: kept to the PR's changed lines by the
 * configured filter mode, each carrying the attribution of the line it starts
 * on (the first added line it touches). Pure.
 */
import type { AttributedRange, FileAttribution } from "../model/attribution.js";
import type { DetectionSummary, Finding } from "../model/report.js";
import type { ChangedFile } from "../model/snapshot.js";
import type { DetectionInput } from "./detection-input.js";
import { filterFindings } from "./filter-findings.js";
import { levelOf, RULE_SEVERITIES } from "./severity.js";
import type { EngineError, EngineResult, FindingLevel, RuleSeverity } from "./types.js";

function ownerOf(result: EngineResult, file: FileAttribution | undefined): AttributedRange | null {
  if (file === undefined) return null;
  const start = result.start.line;
  const end = Math.max(start, result.end.line);
  for (const r of file.ranges) if (r.endLine >= start && r.startLine <= end) return r;
  return null;
}

function levelFor(result: EngineResult, ruleLevels: ReadonlyMap<string, FindingLevel>): FindingLevel {
  const known = ruleLevels.get(result.check_id);
  if (known !== undefined) return known;
  const sev = result.extra.severity.toUpperCase();
  return (RULE_SEVERITIES as readonly string[]).includes(sev) ? levelOf(sev as RuleSeverity) : "warning";
}

function errorType(e: EngineError): string {
  return typeof e.type === "string" ? e.type : String(e.type[0] ?? "error");
}

export function toFindings(
  detection: DetectionInput,
  files: readonly ChangedFile[],
  attribution: readonly FileAttribution[],
): { findings: Finding[]; summary: DetectionSummary } {
  const empty: DetectionSummary = {
    status: detection.status,
    engine: detection.status === "disabled" ? null : detection.engine,
    engineVersion: null,
    rulePack: null,
    detectors: [],
    filter: null,
    resultsBeforeFilter: 0,
    unsupportedRules: [],
    errors: [],
    skippedFiles: [],
    failure: detection.status === "failed" ? detection.error : null,
  };
  if (detection.status !== "ran") return { findings: [], summary: empty };

  const kept = filterFindings(detection.output, files, detection.filter);
  const byPath = new Map(attribution.map((f) => [f.path, f]));
  const ruleLevels = new Map(detection.pack.rules.map((r) => [r.id, r.level]));
  const findings = kept.results.map((r): Finding => {
    const owner = ownerOf(r, byPath.get(r.path));
    return {
      ruleId: r.check_id,
      path: r.path,
      startLine: r.start.line,
      endLine: Math.max(r.start.line, r.end.line),
      severity: levelFor(r, ruleLevels),
      message: r.extra.message,
      agent: owner?.agent ?? null,
      authorClass: owner?.class ?? "unknown",
      commit: owner?.commit ?? null,
    };
  });
  const unsupported = kept.errors.filter((e) => errorType(e) === "UnsupportedRule");
  const other = kept.errors.filter((e) => errorType(e) !== "UnsupportedRule");
  return {
    findings,
    summary: {
      ...empty,
      engineVersion: detection.engineVersion,
      rulePack: { digest: detection.pack.digest, rules: detection.pack.rules.length },
      detectors: detection.detectors.map(({ id, version }) => ({ id, version })),
      filter: detection.filter,
      resultsBeforeFilter: detection.output.results.length,
      unsupportedRules: unsupported.map((e) => ({ ruleId: e.rule_id ?? "?", reason: e.message })),
      errors: other.map((e) => ({
        type: errorType(e),
        message: e.message,
        ...(e.path !== undefined ? { path: e.path } : {}),
        ...(e.rule_id !== undefined ? { ruleId: e.rule_id } : {}),
      })),
      skippedFiles: detection.skipped,
    },
  };
}
