/**
 * Declarations inside a commit message: agent trailers (trailer block only)
 * and the tools' own message markers. Each match becomes a candidate with its
 * raw evidence; identify-commit.ts decides between candidates.
 *
 * Confidence (the lowest tier of evidence, below signatures, notes and identity):
 * - "medium": an exact agent e-mail in Co-authored-by (table, bot noreply id
 *   or cfg.emails), a known id in Agent-ID / Assisted-by, a trailer only the
 *   tool writes (Claude-Session, Made-with: Cursor), Claude Code's footer line.
 *   These are written by the tool itself, but anyone can type them.
 * - "low": the Copilot editor co-author `copilot@github.com` (inline
 *   completions, not the coding agent; kind "trailer:co-authored-by(assist)"),
 *   an unknown id in Agent-ID / Assisted-by (kept so the org sees it), Aider's
 *   "aider: " subject prefix (humans use it too), the Windsurf footer (wording
 *   not verified).
 * Display names are never used: "Co-authored-by: Claude <alice@example.com>" is a human.
 */
import type { AttributionSource, Confidence, Evidence } from "../model/attribution.js";
import type { AttributionConfig } from "./attribution-config.js";
import { resolveAgentId } from "./agent-ids.js";
import { AGENT_FINGERPRINTS } from "./fingerprints.js";
import { matchEmail } from "./identity.js";
import { parseIdentity, type Trailer } from "./trailers.js";

export interface Candidate {
  agent: string;
  source: AttributionSource;
  confidence: Confidence;
  evidence: Evidence;
}

function trailerCandidate(agent: string, confidence: Confidence, kind: string, raw: string): Candidate {
  return { agent, source: "trailer", confidence, evidence: { kind, value: raw, agent } };
}

/** A co-author (or assisted-by identity) e-mail that names an agent. */
function fromIdentityTrailer(t: Trailer, cfg: AttributionConfig): Candidate | null {
  const who = parseIdentity(t.value);
  if (who === null) return null;
  for (const f of AGENT_FINGERPRINTS) {
    if (f.assistCoAuthorEmails.includes(who.email)) {
      return trailerCandidate(f.id, "low", `trailer:${t.token}(assist)`, t.raw);
    }
  }
  const m = matchEmail(who.email, cfg);
  return m?.type === "agent" ? trailerCandidate(m.agent, "medium", `trailer:${t.token}`, t.raw) : null;
}

/** `Agent-ID: <id>` or `Assisted-by: AGENT:MODEL [tools…]`. */
function fromDeclaredId(t: Trailer, cfg: AttributionConfig): Candidate | null {
  const colon = t.value.indexOf(":");
  const token = t.token === "assisted-by" && colon > 0 ? t.value.slice(0, colon) : t.value.split(/\s/)[0];
  const resolved = resolveAgentId(token ?? "", cfg);
  if (resolved === null) return null;
  return trailerCandidate(resolved.id, resolved.known ? "medium" : "low", `trailer:${t.token}`, t.raw);
}

function fromTrailer(t: Trailer, cfg: AttributionConfig): Candidate | null {
  switch (t.token) {
    case "co-authored-by":
      return fromIdentityTrailer(t, cfg);
    case "agent-id":
      return fromDeclaredId(t, cfg);
    case "assisted-by":
      return parseIdentity(t.value) !== null ? fromIdentityTrailer(t, cfg) : fromDeclaredId(t, cfg);
    default:
      for (const f of AGENT_FINGERPRINTS) {
        if (f.trailerMarkers.some((m) => m.token === t.token && m.value.test(t.value))) {
          return trailerCandidate(f.id, "medium", `trailer:${t.token}`, t.raw);
        }
      }
      return null;
  }
}

/** Candidates from the trailer block, in order of appearance. */
export function trailerCandidates(trailers: readonly Trailer[], cfg: AttributionConfig): Candidate[] {
  const out: Candidate[] = [];
  for (const t of trailers) {
    const c = fromTrailer(t, cfg);
    if (c) out.push(c);
  }
  return out;
}

/** Candidates from whole-line footers (body lines, never the subject) and subject prefixes. */
export function markerCandidates(message: string): Candidate[] {
  const lines = message.replace(/\r\n?/g, "\n").split("\n");
  const subjectIndex = lines.findIndex((l) => l.trim() !== "");
  const subject = subjectIndex >= 0 ? (lines[subjectIndex] ?? "") : "";
  const out: Candidate[] = [];
  const push = (agent: string, confidence: Confidence, kind: string, value: string): void => {
    out.push({ agent, source: "message-marker", confidence, evidence: { kind, value, agent } });
  };
  for (const f of AGENT_FINGERPRINTS) {
    for (const prefix of f.subjectPrefixes) {
      if (subject.startsWith(prefix) && subject.length > prefix.length)
        push(f.id, "low", "message-subject", subject);
    }
  }
  lines.forEach((line, i) => {
    if (i <= subjectIndex) return;
    for (const f of AGENT_FINGERPRINTS) {
      const marker = f.messageMarkers.find((m) => m.pattern.test(line));
      if (marker) push(f.id, marker.confidence, "message-marker", line.trim());
    }
  });
  return out;
}
