import { describe, expect, it } from "vitest";
import { identifyCommit } from "../../app/attribution/identify-commit.js";
import { createSignatureVerifier } from "../../app/attribution/signature.js";
import { agent, bot, human, NOTE, run, type Case } from "./commit-cases.js";
import { ALICE, config, makeCommit, person } from "./helpers.js";

const declarationCases: Case[] = [
  {
    name: "Agent-ID alias claude → claude-code",
    commit: { message: "x\n\nAgent-ID: Claude" },
    expected: agent("claude-code", "trailer", "medium"),
  },
  {
    name: "Assisted-by AGENT:MODEL with tools (kernel style)",
    commit: { message: "x\n\nAssisted-by: Claude:claude-3-opus coccinelle sparse" },
    expected: agent("claude-code", "trailer", "medium", ["trailer:assisted-by"]),
  },
  {
    name: "Assisted-by with a spaced agent name",
    commit: { message: "x\n\nAssisted-by: GitHub Copilot:gpt-4.1" },
    expected: agent("copilot", "trailer", "medium"),
  },
  {
    name: "Assisted-by amazonq alias",
    commit: { message: "x\n\nAssisted-by: AmazonQ:claude-sonnet" },
    expected: agent("amazon-q", "trailer", "medium"),
  },
  {
    name: "unknown Agent-ID is kept with low confidence",
    commit: { message: "x\n\nAgent-ID: mystery-bot" },
    expected: agent("mystery-bot", "trailer", "low"),
  },
  {
    name: "Agent-ID listed in extraAgents is known",
    commit: { message: "x\n\nAgent-ID: internal-agent" },
    cfg: { extraAgents: ["internal-agent"] },
    expected: agent("internal-agent", "trailer", "medium"),
  },
  {
    name: "Assisted-by naming a human is not an agent",
    commit: { message: "x\n\nAssisted-by: Bob Builder <bob@example.com>" },
    expected: human,
  },
  {
    name: "lower-case trailer key",
    commit: { message: "x\n\nco-authored-by: claude <noreply@anthropic.com>" },
    expected: agent("claude-code", "trailer", "medium"),
  },
  {
    name: "several co-authors: the first agent wins, all kept",
    commit: {
      message:
        "x\n\nCo-authored-by: Bob <bob@example.com>\nCo-authored-by: Cursor <cursoragent@cursor.com>\nCo-authored-by: Claude <noreply@anthropic.com>",
    },
    expected: agent("cursor", "trailer", "medium"),
  },
  {
    name: "medium co-author beats the low Copilot assist co-author",
    commit: {
      message:
        "x\n\nCo-authored-by: Copilot <copilot@github.com>\nCo-authored-by: Claude <noreply@anthropic.com>",
    },
    expected: agent("claude-code", "trailer", "medium", [
      "trailer:co-authored-by(assist)",
      "trailer:co-authored-by",
    ]),
  },
  {
    name: "co-author e-mail folded onto a continuation line",
    commit: { message: "x\n\nCo-authored-by: Claude\n <noreply@anthropic.com>" },
    expected: agent("claude-code", "trailer", "medium"),
  },
  {
    name: "committer is a known agent, author human",
    commit: { committer: person("copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com") },
    expected: agent("copilot", "committer", "high", ["committer-email"]),
  },
  {
    name: "git notes (Git AI Standard) name the agent",
    commit: { notes: NOTE, message: "x\n\nCo-authored-by: Claude <noreply@anthropic.com>" },
    expected: agent("cursor", "git-notes", "high", ["git-notes", "trailer:co-authored-by"]),
  },
  {
    name: "git notes outrank a known agent author",
    commit: { notes: NOTE, author: person("sweep-ai[bot]", "1+sweep-ai[bot]@users.noreply.github.com") },
    expected: agent("cursor", "git-notes", "high", ["author-email"]),
  },
  {
    name: "git notes with an unknown tool are low confidence",
    commit: { notes: '{"prompts":{"h":{"agent_id":{"tool":"zed-agent"}}}}' },
    expected: agent("zed-agent", "git-notes", "low"),
  },
  {
    name: "an agent author outranks trailers (which stay as evidence)",
    commit: {
      author: person("copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com"),
      message: "x\n\nCo-authored-by: Claude <noreply@anthropic.com>",
    },
    expected: agent("copilot", "author", "high", ["author-email", "trailer:co-authored-by"]),
  },
];

const configCases: Case[] = [
  {
    name: "login map to a custom agent id",
    commit: { author: person("Build Bot", "builder@corp.example", "corp-builder") },
    cfg: { logins: { "corp-builder": "Internal-Bot" } },
    expected: agent("internal-bot", "login-map", "high"),
  },
  {
    name: "login map overrides a built-in agent login",
    commit: {
      author: person("claude[bot]", "209825114+claude[bot]@users.noreply.github.com", "claude[bot]"),
    },
    cfg: { logins: { "claude[bot]": "corp-claude" } },
    expected: agent("corp-claude", "login-map", "high"),
  },
  {
    name: "e-mail map to an agent",
    commit: { author: person("Agent", "agent@corp.example") },
    cfg: { emails: { "agent@corp.example": "corp-agent" } },
    expected: agent("corp-agent", "login-map", "high"),
  },
  {
    name: "e-mail map to null marks a non-agent bot",
    commit: { author: person("CI", "ci@corp.example"), message: "x\n\nAgent-ID: claude-code" },
    cfg: { emails: { "ci@corp.example": null } },
    expected: { class: "bot", agent: null, source: "login-map", confidence: "high" },
  },
  {
    name: "co-author e-mail in the e-mail map",
    commit: { message: "x\n\nCo-authored-by: Helper <helper@corp.example>" },
    cfg: { emails: { "helper@corp.example": "corp-helper" } },
    expected: agent("corp-helper", "trailer", "medium"),
  },
];

const adversarialCases: Case[] = [
  {
    name: "display name Claude with a human e-mail is a human",
    commit: { author: person("Claude", "alice@example.com") },
    expected: human,
  },
  {
    name: "co-author named Claude with a human e-mail is not an agent trailer",
    commit: { message: "x\n\nCo-authored-by: Claude <alice@example.com>" },
    expected: human,
  },
  {
    name: "trailer text in the middle of the body does not count",
    commit: {
      message:
        "x\n\nCo-authored-by: Claude <noreply@anthropic.com>\nAgent-ID: cursor\n\nThen I rewrote it by hand.",
    },
    expected: human,
  },
  {
    name: "a one-paragraph message that looks like a trailer",
    commit: { message: "Co-authored-by: Claude <noreply@anthropic.com>" },
    expected: human,
  },
  {
    name: "dependabot bumping @anthropic-ai/claude-code is a bot",
    commit: {
      author: person(
        "dependabot[bot]",
        "49699333+dependabot[bot]@users.noreply.github.com",
        "dependabot[bot]",
      ),
      message:
        "Bump @anthropic-ai/claude-code from 1.0.0 to 2.0.0\n\nBumps [@anthropic-ai/claude-code](https://github.com/anthropics/claude-code) for cursor users.\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\nSigned-off-by: dependabot[bot] <support@github.com>",
    },
    expected: { ...bot, kinds: ["author-login", "trailer:co-authored-by"] },
  },
  {
    name: "GraphQL dependabot login without [bot]",
    commit: { author: person("dependabot", "support@example.com", "dependabot"), message: "Bump claude\n" },
    expected: bot,
  },
  {
    name: "GraphQL agent bot login without [bot]",
    commit: { author: person("Copilot", "unknown@example.com", "copilot-swe-agent") },
    expected: agent("copilot", "author", "high", ["author-login"]),
  },
  {
    name: "github-actions with a Claude footer is a bot",
    commit: {
      author: person("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com"),
      message: "Update\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)",
    },
    expected: bot,
  },
  {
    name: "unknown [bot] app is a bot",
    commit: {
      author: person("acme-ci[bot]", "123456+acme-ci[bot]@users.noreply.github.com", "acme-ci[bot]"),
    },
    expected: bot,
  },
  {
    name: "unknown [bot] app with an agent trailer is that agent",
    commit: {
      author: person("acme-ci[bot]", "123456+acme-ci[bot]@users.noreply.github.com"),
      message: "x\n\nCo-authored-by: Claude <noreply@anthropic.com>",
    },
    expected: agent("claude-code", "trailer", "medium"),
  },
  {
    name: "words containing agent names are not markers",
    commit: { message: "Refactor cursorial helpers\n\nThe codexes and claudeish copilots were renamed." },
    expected: human,
  },
  {
    name: "a human whose noreply login is a bot slug is human",
    commit: { author: person("Claude Shannon", "12345+claude@users.noreply.github.com") },
    expected: human,
  },
  {
    name: "quoting the footer inside a sentence is not a marker",
    commit: {
      message: "Remove footer\n\nDrop the '🤖 Generated with [Claude Code]' line from our template.",
    },
    expected: human,
  },
  {
    name: "subject mentioning aider without the prefix",
    commit: { message: "Document aider: setup steps\n" },
    expected: human,
  },
  {
    name: "Made-with naming another tool is not Cursor",
    commit: { message: "x\n\nMade-with: Vim" },
    expected: human,
  },
  {
    name: "Agent-ID: none declares no agent",
    commit: { message: "x\n\nAgent-ID: none" },
    expected: human,
  },
  { name: "plain human commit", commit: {}, expected: human },
];

describe("identifyCommit: declarations and precedence", () => {
  it.each(declarationCases)("$name", run);
});

describe("identifyCommit: configuration maps", () => {
  it.each(configCases)("$name", run);
});

describe("identifyCommit: adversarial", () => {
  it.each(adversarialCases)("$name", run);
});

describe("identifyCommit: evidence", () => {
  it("keeps raw trailer lines and the commit sha", () => {
    const got = identifyCommit(
      makeCommit({ author: ALICE, message: "x\n\nCo-Authored-By: Claude <noreply@anthropic.com>" }),
      config(),
      createSignatureVerifier({}),
    );
    expect(got.commit).toBe("a".repeat(40));
    expect(got.evidence).toContainEqual({
      kind: "trailer:co-authored-by",
      value: "Co-Authored-By: Claude <noreply@anthropic.com>",
      agent: "claude-code",
    });
  });
});
