/**
 * Who wrote a commit: an agent, a human, or non-agent automation.
 *
 * Precedence, strongest first (every matching piece is kept as evidence, the
 * losing ones too):
 * 1. A verified `Agent-Signature` trailer → confidence "verified", source "signature".
 *    A signature that fails ("invalid"/"malformed") grants nothing and is
 *    reported in `invalidSignature`; one without a configured key is kept as
 *    "signature-unverified" evidence. Both fall back to the tiers below.
 * 2. A known non-agent bot author (Dependabot, Renovate, github-actions, or a
 *    login/e-mail the config maps to null) → class "bot", whatever the message
 *    says. Only a verified signature (cryptographic, not a heuristic) outranks it.
 * 3. Git notes naming an agent (Git AI Standard) → "git-notes", "high".
 * 4. An author, then committer, identity that is a known agent (login, e-mail,
 *    noreply id, Aider name suffix; the config maps first) → "author" /
 *    "committer" (or "login-map" when the config decided), "high".
 * 5. Agent trailers and message markers (see commit-evidence.ts for their
 *    confidence) → the strongest, first in message order on ties.
 * 6. Otherwise: an unknown `[bot]` author → class "bot"; else a human.
 *
 * Agent ids declared in text (signature, notes, Agent-ID, Assisted-by) are
 * normalised; an id that is neither canonical nor configured is still
 * reported as an agent, with confidence "low", so the organisation sees it.
 */
import type { CommitAttribution, Confidence, Evidence } from "../model/attribution.js";
import type { Commit, GitIdentity } from "../model/snapshot.js";
import type { AttributionConfig } from "./attribution-config.js";
import { normalizeAgentId, resolveAgentId } from "./agent-ids.js";
import { markerCandidates, trailerCandidates, type Candidate } from "./commit-evidence.js";
import { noteAgents } from "./git-notes.js";
import { matchGitIdentity, type IdentityMatch } from "./identity.js";
import type { SignatureVerifier } from "./signature.js";
import { parseTrailers, type Trailer } from "./trailers.js";

type Role = "author" | "committer";

type IdentityDecision =
  | { type: "agent"; agent: string; viaConfig: boolean }
  | { type: "non-agent-bot"; viaConfig: boolean }
  | { type: "generic-bot" };

interface IdentityResult {
  decision: IdentityDecision | null;
  evidence: Evidence[];
}

function decide(matches: readonly IdentityMatch[]): IdentityDecision | null {
  const configured = matches.find((m) => m.type !== "generic-bot" && m.via === "config");
  const bot = matches.find((m) => m.type === "non-agent-bot");
  const agent = matches.find((m) => m.type === "agent");
  const pick = configured ?? bot ?? agent ?? matches.find((m) => m.type === "generic-bot");
  if (pick === undefined) return null;
  if (pick.type === "agent") return { type: "agent", agent: pick.agent, viaConfig: pick.via === "config" };
  if (pick.type === "non-agent-bot") return { type: "non-agent-bot", viaConfig: pick.via === "config" };
  return { type: "generic-bot" };
}

function classifyIdentity(who: GitIdentity, cfg: AttributionConfig, role: Role): IdentityResult {
  const matches = matchGitIdentity(who, cfg);
  const evidence = matches.map((m) => ({
    kind: `${role}-${m.field}`,
    value: m.value,
    agent: m.type === "agent" ? m.agent : null,
  }));
  return { decision: decide(matches), evidence };
}

interface SignatureResult {
  verified: Candidate | null;
  invalid: { agent: string; reason: string } | null;
  evidence: Evidence[];
}

function checkSignatures(
  trailers: readonly Trailer[],
  treeId: string,
  verifier: SignatureVerifier,
): SignatureResult {
  const result: SignatureResult = { verified: null, invalid: null, evidence: [] };
  for (const t of trailers) {
    if (t.token !== "agent-signature") continue;
    const [rawAgent = "", ...sigParts] = t.value.split(/\s+/);
    const agent = normalizeAgentId(rawAgent) || "unknown";
    const status = verifier.verify(agent, treeId, sigParts.join(""));
    if (status === "valid") {
      const evidence = { kind: "signature", value: t.raw, agent };
      result.evidence.push(evidence);
      result.verified ??= { agent, source: "signature", confidence: "verified", evidence };
    } else if (status === "no-key") {
      result.evidence.push({ kind: "signature-unverified", value: t.raw, agent });
    } else {
      result.evidence.push({ kind: "signature-invalid", value: t.raw, agent });
      const reason =
        status === "malformed"
          ? "malformed Agent-Signature (expected '<agent-id> <base64 of a 64-byte Ed25519 signature>')"
          : `signature does not verify over tree ${treeId} with the configured key for ${agent}`;
      result.invalid ??= { agent, reason };
    }
  }
  return result;
}

function noteCandidates(notes: string | null | undefined, cfg: AttributionConfig): Candidate[] {
  if (!notes || notes.trim() === "") return [];
  return noteAgents(notes).map((n) => {
    const known = resolveAgentId(n.agent, cfg)?.known ?? false;
    const detail = [`tool=${n.tool}`, n.model ? `model=${n.model}` : "", n.lines ? `lines=${n.lines}` : ""];
    return {
      agent: n.agent,
      source: "git-notes",
      confidence: known ? "high" : "low",
      evidence: { kind: "git-notes", value: detail.filter((d) => d !== "").join(" "), agent: n.agent },
    };
  });
}

const RANK: Record<Confidence, number> = { verified: 4, high: 3, medium: 2, low: 1, none: 0 };

/** The strongest candidate; the first one on ties. */
function strongest(candidates: readonly Candidate[]): Candidate | null {
  let best: Candidate | null = null;
  for (const c of candidates) if (best === null || RANK[c.confidence] > RANK[best.confidence]) best = c;
  return best;
}

function agentFromIdentity(id: IdentityResult, role: Role): Candidate | null {
  const d = id.decision;
  if (d?.type !== "agent") return null;
  const evidence = id.evidence.find((e) => e.agent === d.agent) ?? { kind: role, value: "", agent: d.agent };
  return { agent: d.agent, source: d.viaConfig ? "login-map" : role, confidence: "high", evidence };
}

/** Attribute one commit. Pure: the verifier holds the configured keys. */
export function identifyCommit(
  commit: Commit,
  cfg: AttributionConfig,
  verifier: SignatureVerifier,
): CommitAttribution {
  const trailers = parseTrailers(commit.message);
  const signatures = checkSignatures(trailers, commit.tree, verifier);
  const author = classifyIdentity(commit.author, cfg, "author");
  const committer = classifyIdentity(commit.committer, cfg, "committer");
  const notes = noteCandidates(commit.notes, cfg);
  const declared = [...trailerCandidates(trailers, cfg), ...markerCandidates(commit.message)];

  const evidence: Evidence[] = [
    ...signatures.evidence,
    ...notes.map((c) => c.evidence),
    ...author.evidence,
    ...committer.evidence,
    ...declared.map((c) => c.evidence),
  ];
  const base = { commit: commit.sha, evidence, invalidSignature: signatures.invalid };
  const asAgent = (c: Candidate): CommitAttribution => ({
    ...base,
    class: "agent",
    agent: c.agent,
    source: c.source,
    confidence: c.confidence,
  });

  if (signatures.verified) return asAgent(signatures.verified);
  const authorDecision = author.decision;
  if (authorDecision?.type === "non-agent-bot") {
    const source = authorDecision.viaConfig ? "login-map" : "author";
    return { ...base, class: "bot", agent: null, source, confidence: "high" };
  }
  const winner =
    notes[0] ??
    agentFromIdentity(author, "author") ??
    agentFromIdentity(committer, "committer") ??
    strongest(declared);
  if (winner) return asAgent(winner);
  if (authorDecision?.type === "generic-bot") {
    return { ...base, class: "bot", agent: null, source: "author", confidence: "high" };
  }
  return { ...base, class: "human", agent: null, source: "author", confidence: "high" };
}
