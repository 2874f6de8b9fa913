import type { AttributionSummary, AuthorClass } from "./attribution.js";

export type Verdict = "allow" | "warn" | "block";

/** A pointer to the thing that justifies a reason. */
export interface ReasonEvidence {
  path?: string;
  startLine?: number;
  endLine?: number;
  commit?: string;
  reviewId?: string;
  url?: string;
  detail?: string;
}

export interface Reason {
  /** Stable machine-readable code, e.g. "unknown_attribution", "agent_signature_invalid". */
  code: string;
  /** What this reason does to the verdict. "info" reasons explain without changing it. */
  level: "info" | Verdict;
  message: string;
  evidence: ReasonEvidence[];
}

export interface Decision {
  verdict: Verdict;
  reasons: Reason[];
}

export interface Finding {
  ruleId: string;
  path: string;
  startLine: number;
  endLine: number;
  severity: "error" | "warning" | "note";
  message: string;
  /** The agent that wrote the line the finding starts on (null: a human, a bot, or unknown — see authorClass). */
  agent: string | null;
  authorClass: AuthorClass;
  commit: string | null;
}

/** How detection ran, so "no findings" is never confused with "not scanned". */
export interface DetectionSummary {
  status: "ran" | "failed" | "disabled";
  engine: string | null;
  engineVersion: string | null;
  rulePack: { digest: string; rules: number } | null;
  /** Custom detectors that ran next to the rules. */
  detectors: Array<{ id: string; version: string }>;
  filter: string | null;
  /** Results the engine produced over the changed files, before the filter. */
  resultsBeforeFilter: number;
  unsupportedRules: Array<{ ruleId: string; reason: string }>;
  errors: Array<{ type: string; message: string; path?: string; ruleId?: string }>;
  skippedFiles: Array<{ path: string; reason: string }>;
  failure: string | null;
}

export interface Report {
  schemaVersion: 1;
  repository: string;
  base: string;
  head: string;
  mergeBase: string;
  pullRequest: { number: number | null; title: string; url: string | null } | null;
  decision: Decision;
  attribution: AttributionSummary;
  findings: Finding[];
  detection: DetectionSummary;
  /** Review signals arrive with the governance work; until then this says so. */
  signals: { status: "not-implemented" | "computed"; [name: string]: unknown };
  notes: string[];
  generatedAt: string;
  tool: { name: "agent-provenance"; version: string };
}
