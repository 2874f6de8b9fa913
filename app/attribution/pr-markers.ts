/**
 * Which agent, if any, a pull request itself declares. Each signal is matched
 * as a whole token in its own field, never as a bare substring anywhere:
 * - label: `<cfg.labelPrefix><id>` (id normalised; unknown ids are kept) or a
 *   whole fingerprint label ("Amazon Q development agent");
 * - author: a known agent login (REST "Copilot", "devin-ai-integration[bot]",
 *   GraphQL's bare "devin-ai-integration" unless typed "User") or cfg.logins;
 * - body: exact marker strings (cfg.bodyMarkers, case-sensitive as
 *   configured, then built-in ones, case-insensitive) and per-line patterns
 *   (a Devin run line, a Codex/Jules task URL, Claude Code's footer line);
 * - branch: a prefix including its separator ("copilot/", not "copilot-docs";
 *   cfg.branchPrefixes first) or a whole-branch pattern (Jules);
 * - title: a prefix token such as "[codex]".
 * Several agents → label > author > body > branch > title; all evidence is kept.
 * A PR by a known non-agent bot (Dependabot, Renovate, github-actions, or a
 * login cfg.logins maps to null) is never an agent's, whatever it says.
 * `cfg.prMarkers` is the caller's switch for using the result; it is not read here.
 */
import type { Evidence } from "../model/attribution.js";
import type { PullRequestMeta } from "../model/snapshot.js";
import type { AttributionConfig } from "./attribution-config.js";
import { normalizeAgentId, resolveAgentId } from "./agent-ids.js";
import { AGENT_FINGERPRINTS } from "./fingerprints.js";
import { matchLogin } from "./identity.js";

export interface PullRequestAttribution {
  agent: string | null;
  evidence: Evidence[];
}

function labelEvidence(labels: readonly string[], cfg: AttributionConfig): Evidence[] {
  const out: Evidence[] = [];
  const prefix = cfg.labelPrefix.toLowerCase();
  for (const label of labels) {
    const lower = label.trim().toLowerCase();
    if (prefix !== "" && lower.startsWith(prefix)) {
      const resolved = resolveAgentId(label.trim().slice(prefix.length), cfg);
      if (resolved) out.push({ kind: "label", value: label, agent: resolved.id });
      continue;
    }
    const f = AGENT_FINGERPRINTS.find((fp) => fp.prLabels.some((l) => l.toLowerCase() === lower));
    if (f) out.push({ kind: "label", value: label, agent: f.id });
  }
  return out;
}

interface AuthorResult {
  evidence: Evidence[];
  nonAgentBot: boolean;
}

function authorEvidence(pr: PullRequestMeta, cfg: AttributionConfig): AuthorResult {
  if (pr.author === null) return { evidence: [], nonAgentBot: false };
  const m = matchLogin(pr.author.login, cfg, pr.author.type);
  if (m === null) return { evidence: [], nonAgentBot: false };
  const agent = m.type === "agent" ? m.agent : null;
  return {
    evidence: [{ kind: "pr-author", value: pr.author.login, agent }],
    nonAgentBot: m.type === "non-agent-bot",
  };
}

function bodyEvidence(body: string, cfg: AttributionConfig): Evidence[] {
  const out: Evidence[] = [];
  for (const [marker, agent] of Object.entries(cfg.bodyMarkers)) {
    if (marker !== "" && body.includes(marker)) {
      out.push({ kind: "body-marker", value: marker, agent: normalizeAgentId(agent) });
    }
  }
  const lowerBody = body.toLowerCase();
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  for (const f of AGENT_FINGERPRINTS) {
    for (const marker of f.prBodyMarkers) {
      if (lowerBody.includes(marker.toLowerCase()))
        out.push({ kind: "body-marker", value: marker, agent: f.id });
    }
    for (const pattern of f.prBodyPatterns) {
      for (const line of lines) {
        const m = pattern.exec(line);
        if (m) {
          out.push({ kind: "body-marker", value: /^https?:/i.test(m[0]) ? m[0] : line.trim(), agent: f.id });
          break;
        }
      }
    }
  }
  return out;
}

function startsWithPrefix(value: string, prefix: string): boolean {
  return (
    prefix !== "" && value.length > prefix.length && value.toLowerCase().startsWith(prefix.toLowerCase())
  );
}

function branchEvidence(headRef: string, cfg: AttributionConfig): Evidence[] {
  const branch = headRef.trim().replace(/^refs\/heads\//, "");
  const out: Evidence[] = [];
  for (const [prefix, agent] of Object.entries(cfg.branchPrefixes)) {
    if (startsWithPrefix(branch, prefix))
      out.push({ kind: "branch", value: branch, agent: normalizeAgentId(agent) });
  }
  for (const f of AGENT_FINGERPRINTS) {
    const hit =
      f.branchPrefixes.some((p) => startsWithPrefix(branch, p)) ||
      f.branchPatterns.some((re) => re.test(branch));
    if (hit) out.push({ kind: "branch", value: branch, agent: f.id });
  }
  return out;
}

function titleEvidence(title: string): Evidence[] {
  const t = title.trim();
  const out: Evidence[] = [];
  for (const f of AGENT_FINGERPRINTS) {
    for (const prefix of f.prTitlePrefixes) {
      const rest = t.slice(prefix.length);
      if (t.toLowerCase().startsWith(prefix.toLowerCase()) && (rest === "" || /^\s/.test(rest))) {
        out.push({ kind: "title-prefix", value: title, agent: f.id });
      }
    }
  }
  return out;
}

/** The agent a pull request declares (or null) and every piece of evidence found. */
export function identifyPullRequest(pr: PullRequestMeta, cfg: AttributionConfig): PullRequestAttribution {
  const author = authorEvidence(pr, cfg);
  const byPrecedence = [
    labelEvidence(pr.labels, cfg),
    author.evidence,
    bodyEvidence(pr.body, cfg),
    branchEvidence(pr.headRef, cfg),
    titleEvidence(pr.title),
  ];
  const evidence = byPrecedence.flat();
  if (author.nonAgentBot) return { agent: null, evidence };
  const first = evidence.find((e) => e.agent !== null);
  return { agent: first?.agent ?? null, evidence };
}
