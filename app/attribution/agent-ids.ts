/**
 * Agent-id normalisation for declared ids (Agent-ID / Assisted-by trailers,
 * `agent:` labels, Agent-Signature ids, git-notes tool names, config maps).
 *
 * An id is lower-cased, trimmed, blanks/underscores become "-", and a known
 * alias becomes its canonical id ("claude" → "claude-code", "github-copilot" →
 * "copilot", "amazonq"/"q" → "amazon-q", "openai-codex" → "codex", …). An id is
 * "known" when it is canonical, listed in `cfg.extraAgents`, or used as a
 * value of one of the config maps. Unknown ids are kept (callers give them low
 * confidence) so an organisation sees agents it has not configured yet.
 */
import type { AttributionConfig } from "./attribution-config.js";
import { AGENT_FINGERPRINTS } from "./fingerprints.js";

const ALIASES: ReadonlyMap<string, string> = new Map(
  AGENT_FINGERPRINTS.flatMap((f) => [[f.id, f.id] as const, ...f.aliases.map((a) => [a, f.id] as const)]),
);

/** Normalise a declared agent id; "" when nothing usable remains. */
export function normalizeAgentId(raw: string): string {
  const id = raw
    .trim()
    .toLowerCase()
    .replace(/\[bot\]$/, "")
    .replace(/[\s_]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return ALIASES.get(id) ?? id;
}

/** Ids the configuration makes known, normalised. */
export function configuredAgentIds(cfg: AttributionConfig): Set<string> {
  const ids = new Set<string>();
  const add = (v: string | null): void => {
    if (v !== null && v.trim() !== "") ids.add(normalizeAgentId(v));
  };
  cfg.extraAgents.forEach(add);
  Object.values(cfg.logins).forEach(add);
  Object.values(cfg.emails).forEach(add);
  Object.values(cfg.branchPrefixes).forEach(add);
  Object.values(cfg.bodyMarkers).forEach(add);
  Object.keys(cfg.agentPublicKeys).forEach(add);
  return ids;
}

/** Values that declare the absence of an agent ("Agent-ID: none", label "agent:human"). */
const NOT_AN_AGENT: ReadonlySet<string> = new Set(["none", "human", "null", "n-a"]);

export interface ResolvedAgentId {
  id: string;
  known: boolean;
}

/** Normalise `raw` and say whether it is a known agent; null when `raw` is not a plausible agent id. */
export function resolveAgentId(raw: string, cfg: AttributionConfig): ResolvedAgentId | null {
  const id = normalizeAgentId(raw);
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(id) || NOT_AN_AGENT.has(id)) return null;
  return { id, known: ALIASES.has(id) || configuredAgentIds(cfg).has(id) };
}
