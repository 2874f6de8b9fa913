/**
 * Turn the analysis into allow / warn / block, with a reason and evidence for
 * every step. The verdict is the most severe reason level. Pure.
 */
import type { AttributionSummary } from "../model/attribution.js";
import type { Decision, Reason, ReasonEvidence, Verdict } from "../model/report.js";
import type { PolicyConfig } from "./config-schema.js";

/** At most this many evidence pointers per reason; the message gives the full count. */
export const MAX_EVIDENCE_PER_REASON = 20;

const RANK: Record<Reason["level"], number> = { info: 0, allow: 0, warn: 1, block: 2 };

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function rangesWhere(
  summary: AttributionSummary,
  keep: (agent: string | null, cls: string) => boolean,
): ReasonEvidence[] {
  const out: ReasonEvidence[] = [];
  for (const f of summary.files) {
    for (const r of f.ranges) {
      if (!keep(r.agent, r.class)) continue;
      const ev: ReasonEvidence = { path: f.path, startLine: r.startLine, endLine: r.endLine };
      if (r.commit !== null) ev.commit = r.commit;
      out.push(ev);
    }
  }
  return out;
}

function unknownReason(summary: AttributionSummary, policy: PolicyConfig): Reason | null {
  if (summary.unknownLines === 0) return null;
  const share = summary.unknownLines / summary.totalLines;
  const level = policy.block_on_unknown ? "block" : share > policy.warn.unknown_share ? "warn" : "info";
  return {
    code: "unknown_attribution",
    level,
    message: `${summary.unknownLines} of ${summary.totalLines} added lines (${pct(share)}) have no known author`,
    evidence: rangesWhere(summary, (_a, cls) => cls === "unknown").slice(0, MAX_EVIDENCE_PER_REASON),
  };
}

function agentShareReason(summary: AttributionSummary, policy: PolicyConfig): Reason | null {
  if (summary.agentLines === 0) return null;
  const share = summary.agentLines / summary.totalLines;
  const limit = policy.warn.agent_share;
  const over = limit !== null && share > limit;
  const who = summary.agents.map((a) => `${a.id} ${a.lines} lines in ${a.files} files`).join(", ");
  return {
    code: over ? "agent_share_over_threshold" : "agent_lines",
    level: over ? "warn" : "info",
    message: over
      ? `agents wrote ${pct(share)} of the added lines, over the ${pct(limit)} threshold (${who})`
      : `agents wrote ${summary.agentLines} of ${summary.totalLines} added lines (${pct(share)}): ${who}`,
    evidence: [],
  };
}

function disallowedAgentReason(summary: AttributionSummary, policy: PolicyConfig): Reason | null {
  if (policy.allowed_agents.length === 0) return null;
  const allowed = new Set(policy.allowed_agents);
  const bad = summary.agents.filter((a) => !allowed.has(a.id));
  if (bad.length === 0) return null;
  return {
    code: "agent_not_allowed",
    level: "block",
    message: `lines by agents outside allowed_agents (${policy.allowed_agents.join(", ")}): ${bad.map((a) => `${a.id} (${a.lines} lines)`).join(", ")}`,
    evidence: rangesWhere(summary, (agent) => agent !== null && !allowed.has(agent)).slice(
      0,
      MAX_EVIDENCE_PER_REASON,
    ),
  };
}

function invalidSignatureReasons(summary: AttributionSummary, policy: PolicyConfig): Reason[] {
  return summary.commits
    .filter((c) => c.invalidSignature !== null)
    .map((c) => ({
      code: "agent_signature_invalid",
      level: policy.invalid_signature,
      message: `commit ${c.commit.slice(0, 12)} carries an Agent-Signature for ${c.invalidSignature?.agent} that does not verify (${c.invalidSignature?.reason}); the claim was ignored — possible spoofing`,
      evidence: [{ commit: c.commit, detail: c.invalidSignature?.reason ?? "" }],
    }));
}

/**
 * `extra` carries reasons other stages produced (findings, detection status,
 * stages that did not run — said plainly so nobody mistakes "not run" for "clean").
 */
export function decide(
  summary: AttributionSummary,
  policy: PolicyConfig,
  extra: readonly Reason[] = [],
): Decision {
  const reasons: Reason[] = [
    ...invalidSignatureReasons(summary, policy),
    disallowedAgentReason(summary, policy),
    unknownReason(summary, policy),
    agentShareReason(summary, policy),
    ...extra,
  ].filter((r): r is Reason => r !== null);
  let verdict: Verdict = "allow";
  for (const r of reasons) {
    if (RANK[r.level] > RANK[verdict]) verdict = r.level === "warn" ? "warn" : "block";
  }
  reasons.sort((a, b) => RANK[b.level] - RANK[a.level]);
  return { verdict, reasons };
}
