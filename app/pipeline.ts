/**
 * analyze(snapshot, deps) -> Report. Pure: no I/O, no clock unless injected.
 * Front doors (CLI, App, Action) build the snapshot and hand the report to publishers.
 */
import { assignLines, type PullRequestAttribution } from "./attribution/assign-lines.js";
import { createSignatureVerifier, identifyCommit, identifyPullRequest } from "./attribution/index.js";
import { summarizeAttribution } from "./attribution/summarize.js";
import type { PullRequestSnapshot } from "./model/snapshot.js";
import type { Report } from "./model/report.js";
import type { ProvenanceConfig } from "./policy/config-schema.js";
import { decide } from "./policy/decide.js";
import { detectionReasons, findingReasons } from "./policy/findings-reasons.js";
import type { DetectionInput } from "./detection/detection-input.js";
import { toFindings } from "./detection/to-findings.js";
import type { Reason } from "./model/report.js";
import { toAttributionConfig } from "./policy/to-attribution-config.js";

export interface PipelineDeps {
  config: ProvenanceConfig;
  /** Agent public keys from the environment (PROVENANCE_AGENT_PUBLIC_KEYS), already parsed. */
  agentPublicKeys?: Record<string, string>;
  /** The engine's output over the changed files (run by the front door), or why it did not run. */
  detection: DetectionInput;
  now: () => Date;
  version: string;
}

/** Stages later work adds; the report says they did not run instead of implying "clean". */
const PENDING: Reason[] = [
  {
    code: "review_signals_not_run",
    level: "info",
    message:
      "review signals (review load, bot override, force-push after approval) are not part of this version",
    evidence: [],
  },
];

export function analyze(snapshot: PullRequestSnapshot, deps: PipelineDeps): Report {
  const cfg = toAttributionConfig(deps.config, deps.agentPublicKeys);
  const verifier = createSignatureVerifier(cfg.agentPublicKeys);
  const commits = snapshot.commits.map((c) => identifyCommit(c, cfg, verifier));
  let pr: PullRequestAttribution | null = null;
  if (snapshot.pr !== null && cfg.prMarkers) {
    const found = identifyPullRequest(snapshot.pr, cfg);
    if (found.agent !== null) pr = found;
  }
  const files = assignLines(snapshot.files, commits, pr);
  const attribution = summarizeAttribution(files, commits);
  const { findings, summary: detection } = toFindings(deps.detection, snapshot.files, files);
  const policy = deps.config.policy;
  const decision = decide(attribution, policy, [
    ...findingReasons(findings, policy),
    ...detectionReasons(detection, policy),
    ...PENDING,
  ]);
  return {
    schemaVersion: 1,
    repository: snapshot.repository,
    base: snapshot.base,
    head: snapshot.head,
    mergeBase: snapshot.mergeBase,
    pullRequest:
      snapshot.pr === null
        ? null
        : { number: snapshot.pr.number, title: snapshot.pr.title, url: snapshot.pr.url },
    decision,
    attribution,
    findings,
    detection,
    signals: { status: "not-implemented" },
    notes: snapshot.notes,
    generatedAt: deps.now().toISOString(),
    tool: { name: "agent-provenance", version: deps.version },
  };
}
