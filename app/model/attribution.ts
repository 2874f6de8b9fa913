/** Attribution results: who wrote a commit, and who wrote each added line. */

/** Where the strongest piece of evidence came from, strongest first. */
export type AttributionSource =
  | "signature"
  | "git-notes"
  | "author"
  | "committer"
  | "login-map"
  | "trailer"
  | "message-marker"
  | "pr-marker"
  | "unknown";

export type Confidence = "verified" | "high" | "medium" | "low" | "none";

/** The class of author behind a line. "bot" is known automation that is not a coding agent. */
export type AuthorClass = "agent" | "human" | "bot" | "unknown";

/** One raw piece of evidence, kept verbatim so a reviewer can check it. */
export interface Evidence {
  /** e.g. "author-email", "trailer:co-authored-by", "label", "branch", "signature". */
  kind: string;
  /** The raw value as found (trailer line, e-mail, label, branch name). */
  value: string;
  /** The agent this evidence points to, or null when it points to a non-agent. */
  agent: string | null;
}

export interface CommitAttribution {
  commit: string;
  class: AuthorClass;
  /** Canonical agent id, or null for humans, bots and unknowns. */
  agent: string | null;
  source: AttributionSource;
  confidence: Confidence;
  evidence: Evidence[];
  /** An Agent-Signature trailer that failed verification: evidence of spoofing. */
  invalidSignature: { agent: string; reason: string } | null;
}

export interface AttributedRange {
  startLine: number;
  endLine: number;
  agent: string | null;
  class: AuthorClass;
  source: AttributionSource;
  confidence: Confidence;
  commit: string | null;
  evidence: Evidence[];
}

export interface FileAttribution {
  path: string;
  ranges: AttributedRange[];
}

export interface AgentTotal {
  id: string;
  lines: number;
  files: number;
  /** Lines by confidence, so a reviewer sees how much is verified. */
  byConfidence: Partial<Record<Confidence, number>>;
}

export interface AttributionSummary {
  /** Share of added lines whose author class is known (agent, human or bot); 1 when nothing was added. */
  coverage: number;
  totalLines: number;
  agentLines: number;
  humanLines: number;
  botLines: number;
  unknownLines: number;
  agents: AgentTotal[];
  files: FileAttribution[];
  commits: CommitAttribution[];
}
