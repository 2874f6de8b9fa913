import { describe, expect, it } from "vitest";
import { CANONICAL_AGENT_IDS } from "../../app/attribution/fingerprints.js";
import { agent, run, type Case } from "./commit-cases.js";
import { person } from "./helpers.js";

/** Rows of the fingerprint table, as commit evidence. */
const fingerprintCases: Case[] = [
  {
    name: "copilot: coding-agent bot author with noreply id",
    commit: {
      author: person(
        "copilot-swe-agent[bot]",
        "198982749+Copilot@users.noreply.github.com",
        "copilot-swe-agent[bot]",
      ),
      committer: person("GitHub", "noreply@github.com"),
    },
    expected: agent("copilot", "author", "high", ["author-login", "author-email"]),
  },
  {
    name: "copilot: author known only by its noreply e-mail",
    commit: { author: person("Copilot", "198982749+Copilot@users.noreply.github.com") },
    expected: agent("copilot", "author", "high", ["author-email"]),
  },
  {
    name: "copilot: editor co-author is assist, low confidence",
    commit: { message: "Tweak\n\nCo-authored-by: Copilot <copilot@github.com>" },
    expected: agent("copilot", "trailer", "low", ["trailer:co-authored-by(assist)"]),
  },
  {
    name: "copilot: Copilot CLI co-author noreply id",
    commit: { message: "Tweak\n\nCo-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>" },
    expected: agent("copilot", "trailer", "medium", ["trailer:co-authored-by"]),
  },
  {
    name: "claude-code: claude[bot] author from the GitHub Action",
    commit: { author: person("claude[bot]", "209825114+claude[bot]@users.noreply.github.com") },
    expected: agent("claude-code", "author", "high"),
  },
  {
    name: "claude-code: co-author with a model name",
    commit: { message: "Add x\n\nCo-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>" },
    expected: agent("claude-code", "trailer", "medium", ["trailer:co-authored-by"]),
  },
  {
    name: "claude-code: footer with claude.com link",
    commit: { message: "Add x\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n" },
    expected: agent("claude-code", "message-marker", "medium", ["message-marker"]),
  },
  {
    name: "claude-code: older footer with claude.ai/code link",
    commit: { message: "Add x\n\nDetails.\n\n🤖 Generated with [Claude Code](https://claude.ai/code)" },
    expected: agent("claude-code", "message-marker", "medium"),
  },
  {
    name: "claude-code: Claude-Session trailer",
    commit: { message: "Add x\n\nClaude-Session: 0f2c9a1e-77" },
    expected: agent("claude-code", "trailer", "medium", ["trailer:claude-session"]),
  },
  {
    name: "cursor: co-author",
    commit: { message: "Add x\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>" },
    expected: agent("cursor", "trailer", "medium"),
  },
  {
    name: "cursor: Made-with trailer",
    commit: { message: "Add x\n\nMade-with: Cursor" },
    expected: agent("cursor", "trailer", "medium", ["trailer:made-with"]),
  },
  {
    name: "cursor: background agent as author",
    commit: { author: person("Cursor Agent", "cursoragent@cursor.com") },
    expected: agent("cursor", "author", "high"),
  },
  {
    name: "devin: bot author",
    commit: {
      author: person(
        "devin-ai-integration[bot]",
        "158243242+devin-ai-integration[bot]@users.noreply.github.com",
        "devin-ai-integration[bot]",
      ),
    },
    expected: agent("devin", "author", "high"),
  },
  {
    name: "devin: co-author noreply id",
    commit: {
      message: "x\n\nCo-Authored-By: Devin <158243242+devin-ai-integration[bot]@users.noreply.github.com>",
    },
    expected: agent("devin", "trailer", "medium"),
  },
  {
    name: "codex: declared with Agent-ID alias",
    commit: { message: "x\n\nAgent-ID: openai-codex" },
    expected: agent("codex", "trailer", "medium", ["trailer:agent-id"]),
  },
  {
    name: "aider: author name suffix",
    commit: { author: person("Alice Example (aider)", "alice@example.com") },
    expected: agent("aider", "author", "high", ["author-name"]),
  },
  {
    name: "aider: committer name suffix only",
    commit: { committer: person("Alice Example (aider)", "alice@example.com") },
    expected: agent("aider", "committer", "high", ["committer-name"]),
  },
  {
    name: "aider: co-author with model",
    commit: { message: "x\n\nCo-authored-by: aider (anthropic/claude-sonnet-4) <aider@aider.chat>" },
    expected: agent("aider", "trailer", "medium"),
  },
  {
    name: "aider: subject prefix is a low-confidence marker",
    commit: { message: "aider: Fix the parser\n" },
    expected: agent("aider", "message-marker", "low", ["message-subject"]),
  },
  {
    name: "jules: bot author",
    commit: {
      author: person("google-labs-jules[bot]", "161369871+google-labs-jules[bot]@users.noreply.github.com"),
    },
    expected: agent("jules", "author", "high"),
  },
  {
    name: "openhands: author e-mail",
    commit: { author: person("openhands", "openhands@all-hands.dev") },
    expected: agent("openhands", "author", "high"),
  },
  {
    name: "openhands: co-author",
    commit: { message: "x\n\nCo-authored-by: openhands <openhands@all-hands.dev>" },
    expected: agent("openhands", "trailer", "medium"),
  },
  {
    name: "amazon-q: bot login",
    commit: { author: person("Amazon Q", "q@example.invalid", "amazon-q-developer[bot]") },
    expected: agent("amazon-q", "author", "high", ["author-login"]),
  },
  {
    name: "gemini: accepted Gemini Code Assist suggestion",
    commit: {
      message:
        "Apply suggestion\n\nCo-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>",
    },
    expected: agent("gemini", "trailer", "medium"),
  },
  {
    name: "sweep: bot author",
    commit: { author: person("sweep-ai[bot]", "128439645+sweep-ai[bot]@users.noreply.github.com") },
    expected: agent("sweep", "author", "high"),
  },
  {
    name: "windsurf: footer linking codeium.com/windsurf",
    commit: { message: "x\n\nGenerated with [Windsurf](https://codeium.com/windsurf)" },
    expected: agent("windsurf", "message-marker", "low"),
  },
];

describe("identifyCommit: fingerprint table rows", () => {
  it.each(fingerprintCases)("$name", run);

  it("covers every canonical agent id", () => {
    const seen = new Set(fingerprintCases.map((c) => c.expected.agent));
    expect(CANONICAL_AGENT_IDS.filter((id) => !seen.has(id))).toEqual([]);
  });
});
