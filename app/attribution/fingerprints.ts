/**
 * The fingerprint table: how each known coding agent marks its work. One row
 * per canonical agent id (see ARCHITECTURE.md "Canonical agent IDs"); the
 * facts come from /work/shared/design/REFERENCE.md plus public commits
 * (noreply ids checked against real repositories). Update facts here only;
 * the matchers in identity.ts, commit-evidence.ts and pr-markers.ts read this
 * table and hold no agent names of their own.
 *
 * Matching rules the table relies on:
 * - Logins and e-mails are compared lower-case. Display names are never
 *   matched, except `authorNameSuffixes` (Aider rewrites the author name to
 *   "Name (aider)" and keeps the human's e-mail, so the name is all there is).
 * - `botLogins` are GitHub App slugs: they match "slug[bot]" (REST) and the
 *   bare "slug" (GraphQL `Bot.login` drops the suffix), but the bare form is
 *   not matched for an account typed "User" nor in a noreply e-mail.
 * - A GitHub noreply e-mail `<id>+<login>@users.noreply.github.com` (or the
 *   old `<login>@users.noreply.github.com`) is matched by its login part, so a
 *   changed numeric id does not break detection.
 */
import type { Confidence } from "../model/attribution.js";

export interface LineMarker {
  /** Tested against one line of the message body (never the subject) or of the PR body. */
  pattern: RegExp;
  confidence: Confidence;
}

export interface TrailerMarker {
  /** Lower-case trailer key. */
  token: string;
  /** Tested against the (unfolded) trailer value. */
  value: RegExp;
}

export interface AgentFingerprint {
  id: string;
  /** Other spellings accepted in Agent-ID / Assisted-by / labels / git notes (normalised form). */
  aliases: readonly string[];
  /** GitHub App slugs, without "[bot]". */
  botLogins: readonly string[];
  /** Account logins matched as written (e.g. REST's PR author "Copilot"). */
  userLogins: readonly string[];
  /** Exact commit author/committer e-mails (lower-case). */
  authorEmails: readonly string[];
  /** Exact Co-authored-by e-mails (lower-case); author e-mails and bot noreply e-mails also count. */
  coAuthorEmails: readonly string[];
  /** Co-author e-mails of an editor assistant (completions), not of the agent: low confidence. */
  assistCoAuthorEmails: readonly string[];
  /** Author/committer display-name suffixes written by the tool itself. */
  authorNameSuffixes: readonly string[];
  /** Trailers (in the trailer block only) that only this tool writes. */
  trailerMarkers: readonly TrailerMarker[];
  /** Whole-line footers the tool appends to commit messages. */
  messageMarkers: readonly LineMarker[];
  /** Commit subject prefixes (case-sensitive, as the tool writes them). */
  subjectPrefixes: readonly string[];
  /** Head branch prefixes (compared case-insensitively). */
  branchPrefixes: readonly string[];
  /** Whole head-branch patterns. */
  branchPatterns: readonly RegExp[];
  /** Exact substrings of a PR body (HTML comments and fixed sentences). */
  prBodyMarkers: readonly string[];
  /** Line or URL patterns in a PR body. */
  prBodyPatterns: readonly RegExp[];
  /** PR title prefixes, compared case-insensitively and followed by whitespace or the end. */
  prTitlePrefixes: readonly string[];
  /** Whole PR labels (compared case-insensitively). */
  prLabels: readonly string[];
}

type FingerprintInput = Pick<AgentFingerprint, "id"> & Partial<Omit<AgentFingerprint, "id">>;

function row(input: FingerprintInput): AgentFingerprint {
  return {
    aliases: [],
    botLogins: [],
    userLogins: [],
    authorEmails: [],
    coAuthorEmails: [],
    assistCoAuthorEmails: [],
    authorNameSuffixes: [],
    trailerMarkers: [],
    messageMarkers: [],
    subjectPrefixes: [],
    branchPrefixes: [],
    branchPatterns: [],
    prBodyMarkers: [],
    prBodyPatterns: [],
    prTitlePrefixes: [],
    prLabels: [],
    ...input,
  };
}

/** Claude Code's footer, with the current (claude.com/claude-code) or older (claude.ai/code) link. */
const CLAUDE_FOOTER =
  /^\s*(?:🤖\s*)?Generated with \[Claude Code\](?:\(https?:\/\/(?:www\.)?(?:claude\.com\/claude-code|claude\.ai\/code)[^)\s]*\))?\s*$/iu;

/** A footer line crediting Windsurf with a link to codeium.com/windsurf (exact wording unverified, hence low). */
const WINDSURF_FOOTER =
  /^[^\p{L}\p{N}]*(?:generated|created|made|written|authored|co-authored)\s+(?:with|by|using|in)\b.*https?:\/\/(?:www\.)?codeium\.com\/windsurf\b/iu;

export const AGENT_FINGERPRINTS: readonly AgentFingerprint[] = [
  row({
    id: "copilot",
    aliases: ["github-copilot", "copilot-swe-agent", "copilot-agent", "copilot-coding-agent", "copilot-cli"],
    botLogins: ["copilot-swe-agent", "copilot"], // GraphQL types the PR author "Copilot" as a Bot; the source then writes "Copilot[bot]"
    userLogins: ["copilot"],
    authorEmails: ["198982749+copilot@users.noreply.github.com"],
    // Copilot CLI co-authors as 223556219+Copilot@users.noreply.github.com (matched via the "copilot" login).
    assistCoAuthorEmails: ["copilot@github.com"],
    branchPrefixes: ["copilot/"],
    prBodyMarkers: ["<!-- START COPILOT CODING AGENT SUFFIX -->"],
  }),
  row({
    id: "claude-code",
    aliases: ["claude", "claudecode", "claude-code-action", "anthropic-claude-code"],
    botLogins: ["claude"],
    authorEmails: ["209825114+claude[bot]@users.noreply.github.com"],
    coAuthorEmails: ["noreply@anthropic.com"],
    trailerMarkers: [{ token: "claude-session", value: /\S/ }],
    messageMarkers: [{ pattern: CLAUDE_FOOTER, confidence: "medium" }],
    branchPrefixes: ["claude/"],
    prBodyPatterns: [CLAUDE_FOOTER],
  }),
  row({
    id: "cursor",
    aliases: ["cursor-agent", "cursoragent", "cursor-background-agent"],
    authorEmails: ["cursoragent@cursor.com"],
    coAuthorEmails: ["cursoragent@cursor.com"],
    trailerMarkers: [{ token: "made-with", value: /^cursor$/i }],
    branchPrefixes: ["cursor/"],
    prBodyMarkers: ["<!-- CURSOR_AGENT_PR_BODY_BEGIN -->"],
  }),
  row({
    id: "devin",
    aliases: ["devin-ai", "devin-ai-integration"],
    botLogins: ["devin-ai-integration"],
    authorEmails: ["158243242+devin-ai-integration[bot]@users.noreply.github.com"],
    branchPrefixes: ["devin/"],
    prBodyPatterns: [/^[\s>*_#-]*Link to Devin run[*_]*\s*:/imu],
  }),
  row({
    id: "codex",
    aliases: ["openai-codex", "codex-cli", "codex-cloud", "chatgpt-codex"],
    branchPrefixes: ["codex/"],
    prBodyPatterns: [/https?:\/\/(?:www\.)?chatgpt\.com\/codex\/(?:cloud\/)?tasks\/[\w-]+/iu],
    prTitlePrefixes: ["[codex]"],
  }),
  row({
    id: "aider",
    aliases: ["aider-chat"],
    authorEmails: ["aider@aider.chat"],
    coAuthorEmails: ["aider@aider.chat"],
    authorNameSuffixes: [" (aider)"],
    subjectPrefixes: ["aider: "],
  }),
  row({
    id: "jules",
    aliases: ["google-jules", "google-labs-jules"],
    botLogins: ["google-labs-jules"],
    authorEmails: ["161369871+google-labs-jules[bot]@users.noreply.github.com"],
    branchPatterns: [/^jules-\d+-[0-9a-f]+(?:[-/].*)?$/i],
    prBodyMarkers: ["PR created automatically by Jules for task"],
    prBodyPatterns: [/https?:\/\/jules\.google\.com\/task\/[\w-]+/iu],
  }),
  row({
    id: "openhands",
    aliases: ["all-hands", "openhands-agent", "opendevin"],
    authorEmails: ["openhands@all-hands.dev"],
    coAuthorEmails: ["openhands@all-hands.dev"],
  }),
  row({
    id: "amazon-q",
    aliases: ["amazonq", "q", "amazon-q-developer", "q-developer"],
    botLogins: ["amazon-q-developer"],
    prLabels: ["Amazon Q development agent"],
  }),
  row({
    // Gemini Code Assist reviews PRs; its accepted suggestions are committed with
    // "Co-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>"
    // (seen in public repositories), matched through the bot login.
    id: "gemini",
    aliases: ["gemini-cli", "gemini-code-assist", "google-gemini"],
    botLogins: ["gemini-code-assist"],
  }),
  row({
    id: "sweep",
    aliases: ["sweep-ai", "sweepai"],
    botLogins: ["sweep-ai"],
    branchPrefixes: ["sweep/"],
  }),
  row({
    id: "windsurf",
    aliases: ["codeium", "windsurf-cascade"],
    messageMarkers: [{ pattern: WINDSURF_FOOTER, confidence: "low" }],
    branchPrefixes: ["windsurf/", "windsurf-"],
    prBodyMarkers: ["<!-- WindSurf -->"],
  }),
];

/** The canonical agent ids, in table order. */
export const CANONICAL_AGENT_IDS: readonly string[] = AGENT_FINGERPRINTS.map((f) => f.id);

/**
 * Known automation that is NOT a coding agent. A commit or PR by one of these
 * is never attributed to an agent, whatever its text mentions.
 */
export const NON_AGENT_BOTS = {
  /** App slugs, matched like `botLogins`. */
  botLogins: ["dependabot", "dependabot-preview", "renovate", "github-actions"] as readonly string[],
  /** Plain user accounts used by such automation. */
  userLogins: ["renovate-bot"] as readonly string[],
  emails: [
    "49699333+dependabot[bot]@users.noreply.github.com",
    "29139614+renovate[bot]@users.noreply.github.com",
    "41898282+github-actions[bot]@users.noreply.github.com",
    "support@dependabot.com",
    "bot@renovateapp.com",
    "action@github.com",
    "github-actions@github.com",
  ] as readonly string[],
};

/**
 * Trailer keys (lower-case) that make a mixed last paragraph a trailer block
 * once at least 25% of its lines are trailers, like git's configured trailers.
 */
export const RECOGNISED_TRAILER_TOKENS: ReadonlySet<string> = new Set([
  "signed-off-by",
  "co-authored-by",
  "agent-id",
  "assisted-by",
  "agent-signature",
  ...AGENT_FINGERPRINTS.flatMap((f) => f.trailerMarkers.map((m) => m.token)),
]);
