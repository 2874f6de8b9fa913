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
import { decide, type PendingStage } from "./policy/decide.js";
import { toAttributionConfig } from "./policy/to-attribution-config.js";

export interface PipelineDeps {
  config: ProvenanceConfig;
  /** Agent public keys from the environment (PROVENANCE_AGENT_PUBLIC_KEYS), already parsed. */
  agentPublicKeys?: Record<string, string>;
  now: () => Date;
  version: string;
}

/** Stages that later work adds; the report says they did not run instead of implying "clean". */
const PENDING_STAGES: PendingStage[] = [
  {
    code: "detection_not_run",
    message: "risky-code detection is not part of this version: findings are not evaluated",
  },
  {
    code: "review_signals_not_run",
    message:
      "review signals (review load, bot override, force-push after approval) are not part of this version",
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
  const decision = decide(attribution, deps.config.policy, PENDING_STAGES);
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
    findings: [],
    signals: { status: "not-implemented" },
    notes: snapshot.notes,
    generatedAt: deps.now().toISOString(),
    tool: { name: "agent-provenance", version: deps.version },
  };
}
