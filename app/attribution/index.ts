/** Public API of commit- and PR-level agent attribution. */
export type { AttributionConfig } from "./attribution-config.js";
export { DEFAULT_ATTRIBUTION_CONFIG } from "./attribution-config.js";
export { parseTrailers, parseIdentity, type Trailer, type Identity } from "./trailers.js";
export {
  AGENT_FINGERPRINTS,
  CANONICAL_AGENT_IDS,
  NON_AGENT_BOTS,
  RECOGNISED_TRAILER_TOKENS,
  type AgentFingerprint,
  type LineMarker,
  type TrailerMarker,
} from "./fingerprints.js";
export { normalizeAgentId, resolveAgentId, configuredAgentIds, type ResolvedAgentId } from "./agent-ids.js";
export {
  matchLogin,
  matchEmail,
  matchName,
  matchGitIdentity,
  noreplyLogin,
  type IdentityMatch,
} from "./identity.js";
export {
  parseAuthorshipNote,
  noteAgents,
  type AuthorshipNote,
  type NoteAgent,
  type NoteFile,
  type NotePrompt,
  type NoteRange,
} from "./git-notes.js";
export {
  createSignatureVerifier,
  parseAgentPublicKey,
  parseAgentPublicKeys,
  signTree,
  type SignatureStatus,
  type SignatureVerifier,
} from "./signature.js";
export { trailerCandidates, markerCandidates, type Candidate } from "./commit-evidence.js";
export { identifyCommit } from "./identify-commit.js";
export { identifyPullRequest, type PullRequestAttribution } from "./pr-markers.js";
