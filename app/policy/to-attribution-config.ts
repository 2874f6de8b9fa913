import type { AttributionConfig } from "../attribution/attribution-config.js";
import type { ProvenanceConfig } from "./config-schema.js";

function lowerKeys<T>(map: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));
}

/**
 * The validated file settings as the attribution core wants them. Public keys
 * from the environment (PROVENANCE_AGENT_PUBLIC_KEYS) win over the file's.
 */
export function toAttributionConfig(
  config: ProvenanceConfig,
  envKeys: Record<string, string> = {},
): AttributionConfig {
  const a = config.attribution;
  return {
    labelPrefix: a.label_prefix,
    logins: lowerKeys(a.logins),
    emails: lowerKeys(a.emails),
    branchPrefixes: a.branch_prefixes,
    bodyMarkers: a.body_markers,
    extraAgents: a.agents,
    agentPublicKeys: { ...a.agent_public_keys, ...envKeys },
    prMarkers: a.pr_markers,
  };
}
