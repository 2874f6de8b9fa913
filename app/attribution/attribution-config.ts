/**
 * The attribution part of the configuration, as the pure core sees it (already
 * validated; the zod schema in policy/ produces it). Every map is keyed
 * case-insensitively by the caller's normalisation (lower-case logins/e-mails).
 */
export interface AttributionConfig {
  /** PR label prefix that declares an agent, e.g. "agent:" → label "agent:claude-code". */
  labelPrefix: string;
  /** Extra login → agent id map (GitHub logins, with or without "[bot]"). An id of null marks a login as a non-agent bot. */
  logins: Record<string, string | null>;
  /** Extra commit e-mail → agent id map. */
  emails: Record<string, string | null>;
  /** Extra branch prefix → agent id, e.g. { "ai/": "internal-bot" }. */
  branchPrefixes: Record<string, string>;
  /** Extra PR-body marker (exact substring, e.g. an HTML comment) → agent id. */
  bodyMarkers: Record<string, string>;
  /** Agent ids accepted in Agent-ID / Assisted-by / labels besides the built-in ones. */
  extraAgents: string[];
  /** Agent id → Ed25519 public key (raw 32 bytes base64, or SPKI PEM/DER base64) for Agent-Signature trailers. */
  agentPublicKeys: Record<string, string>;
  /** Whether PR-level markers attribute the PR's unmarked commits to the agent. */
  prMarkers: boolean;
}

export const DEFAULT_ATTRIBUTION_CONFIG: AttributionConfig = {
  labelPrefix: "agent:",
  logins: {},
  emails: {},
  branchPrefixes: {},
  bodyMarkers: {},
  extraAgents: [],
  agentPublicKeys: {},
  prMarkers: true,
};
