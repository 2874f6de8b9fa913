import { describe, expect, it } from "vitest";
import type { AttributionConfig } from "../../app/attribution/attribution-config.js";
import { CANONICAL_AGENT_IDS } from "../../app/attribution/fingerprints.js";
import { identifyPullRequest } from "../../app/attribution/pr-markers.js";
import type { PullRequestMeta } from "../../app/model/snapshot.js";
import { account, config, makePr } from "./helpers.js";

interface Case {
  name: string;
  pr: Partial<PullRequestMeta>;
  cfg?: Partial<AttributionConfig>;
  agent: string | null;
  /** Evidence kinds that must be present. */
  kinds?: string[];
}

const fingerprintCases: Case[] = [
  {
    name: "copilot: REST PR author login Copilot",
    pr: { author: account("Copilot", "Bot") },
    agent: "copilot",
    kinds: ["pr-author"],
  },
  {
    name: "copilot: the GitHub source's Bot login with [bot] appended",
    pr: { author: account("Copilot[bot]", "Bot") },
    agent: "copilot",
    kinds: ["pr-author"],
  },
  {
    name: "copilot: GraphQL bot login without [bot]",
    pr: { author: account("copilot-swe-agent", "Bot") },
    agent: "copilot",
  },
  { name: "copilot: branch prefix", pr: { headRef: "copilot/fix-42" }, agent: "copilot", kinds: ["branch"] },
  {
    name: "copilot: body suffix marker",
    pr: { body: "Fixes #42\n\n<!-- START COPILOT CODING AGENT SUFFIX -->\nsession" },
    agent: "copilot",
    kinds: ["body-marker"],
  },
  { name: "claude-code: branch prefix", pr: { headRef: "claude/issue-12-20250101" }, agent: "claude-code" },
  {
    name: "claude-code: footer line in the body",
    pr: { body: "## Summary\n- x\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)" },
    agent: "claude-code",
  },
  {
    name: "claude-code: claude[bot] author",
    pr: { author: account("claude[bot]", "Bot") },
    agent: "claude-code",
  },
  { name: "cursor: branch prefix", pr: { headRef: "cursor/add-tests-1a2b" }, agent: "cursor" },
  {
    name: "cursor: body marker",
    pr: { body: "<!-- CURSOR_AGENT_PR_BODY_BEGIN -->\nDoes x" },
    agent: "cursor",
  },
  { name: "devin: bot author", pr: { author: account("devin-ai-integration[bot]", "Bot") }, agent: "devin" },
  {
    name: "devin: run link in the body",
    pr: { body: "Link to Devin run: https://app.devin.ai/sessions/abc\nRequested by: Alice" },
    agent: "devin",
  },
  { name: "devin: branch prefix", pr: { headRef: "devin/1712345678-fix-login" }, agent: "devin" },
  {
    name: "codex: title prefix",
    pr: { title: "[codex] Fix flaky test" },
    agent: "codex",
    kinds: ["title-prefix"],
  },
  {
    name: "codex: task link",
    pr: { body: "Codex Task: https://chatgpt.com/codex/tasks/task_e_68a1b2" },
    agent: "codex",
  },
  {
    name: "codex: cloud task link",
    pr: { body: "https://chatgpt.com/codex/cloud/tasks/task_e_abc123" },
    agent: "codex",
  },
  { name: "codex: branch prefix", pr: { headRef: "codex/fix-parser" }, agent: "codex" },
  { name: "jules: bot author", pr: { author: account("google-labs-jules[bot]", "Bot") }, agent: "jules" },
  { name: "jules: task link", pr: { body: "See https://jules.google.com/task/1234567890" }, agent: "jules" },
  {
    name: "jules: closing sentence",
    pr: { body: "Done.\n\n---\n*PR created automatically by Jules for task [123](https://example.com)*" },
    agent: "jules",
  },
  { name: "jules: branch pattern", pr: { headRef: "jules-1234567890-ab12cd" }, agent: "jules" },
  {
    name: "amazon-q: label",
    pr: { labels: ["Amazon Q development agent"] },
    agent: "amazon-q",
    kinds: ["label"],
  },
  {
    name: "amazon-q: bot author",
    pr: { author: account("amazon-q-developer[bot]", "Bot") },
    agent: "amazon-q",
  },
  { name: "gemini: label agent:gemini-cli alias", pr: { labels: ["agent:gemini-cli"] }, agent: "gemini" },
  { name: "sweep: branch prefix", pr: { headRef: "sweep/fix-readme" }, agent: "sweep" },
  { name: "sweep: bot author", pr: { author: account("sweep-ai[bot]", "Bot") }, agent: "sweep" },
  { name: "windsurf: branch with slash", pr: { headRef: "windsurf/refactor" }, agent: "windsurf" },
  { name: "windsurf: branch with dash", pr: { headRef: "windsurf-refactor" }, agent: "windsurf" },
  { name: "windsurf: body marker", pr: { body: "<!-- WindSurf -->\nChanges" }, agent: "windsurf" },
  { name: "aider: declared by label", pr: { labels: ["agent:aider"] }, agent: "aider" },
  { name: "openhands: declared by label", pr: { labels: ["Agent:OpenHands"] }, agent: "openhands" },
];

const declarationCases: Case[] = [
  { name: "label agent:claude-code", pr: { labels: ["bug", "agent:claude-code"] }, agent: "claude-code" },
  { name: "label alias agent:claude", pr: { labels: ["agent:claude"] }, agent: "claude-code" },
  { name: "unknown label id is kept", pr: { labels: ["agent:acme-helper"] }, agent: "acme-helper" },
  {
    name: "configured label prefix",
    pr: { labels: ["ai/cursor"] },
    cfg: { labelPrefix: "ai/" },
    agent: "cursor",
  },
  {
    name: "configured branch prefix",
    pr: { headRef: "ai/task-1" },
    cfg: { branchPrefixes: { "ai/": "internal-bot" } },
    agent: "internal-bot",
  },
  {
    name: "configured body marker",
    pr: { body: "x\n<!-- ACME-AGENT -->" },
    cfg: { bodyMarkers: { "<!-- ACME-AGENT -->": "acme" } },
    agent: "acme",
  },
  {
    name: "configured login",
    pr: { author: account("acme-agent[bot]", "Bot") },
    cfg: { logins: { "acme-agent": "acme" } },
    agent: "acme",
  },
  {
    name: "configured login mapped to null is a non-agent bot",
    pr: { author: account("corp-release[bot]", "Bot"), headRef: "claude/x" },
    cfg: { logins: { "corp-release[bot]": null } },
    agent: null,
    kinds: ["pr-author", "branch"],
  },
  {
    name: "label beats branch (both kept)",
    pr: { labels: ["agent:claude-code"], headRef: "copilot/fix" },
    agent: "claude-code",
    kinds: ["label", "branch"],
  },
  {
    name: "author beats body marker",
    pr: { author: account("devin-ai-integration[bot]", "Bot"), body: "<!-- CURSOR_AGENT_PR_BODY_BEGIN -->" },
    agent: "devin",
    kinds: ["pr-author", "body-marker"],
  },
  {
    name: "body marker beats branch",
    pr: { body: "<!-- WindSurf -->", headRef: "cursor/x" },
    agent: "windsurf",
  },
  { name: "branch beats title", pr: { headRef: "sweep/x", title: "[codex] y" }, agent: "sweep" },
  { name: "refs/heads/ prefix is stripped", pr: { headRef: "refs/heads/copilot/x" }, agent: "copilot" },
];

const adversarialCases: Case[] = [
  {
    name: "dependabot PR with agent label and body link is never an agent",
    pr: {
      author: account("dependabot[bot]", "Bot"),
      title: "Bump @anthropic-ai/claude-code from 1.0.0 to 2.0.0",
      labels: ["agent:claude-code", "dependencies"],
      body: "Bumps claude-code. https://chatgpt.com/codex/tasks/task_1",
      headRef: "dependabot/npm_and_yarn/anthropic-ai/claude-code-2.0.0",
    },
    agent: null,
    kinds: ["pr-author", "label"],
  },
  {
    name: "GraphQL dependabot login without [bot]",
    pr: { author: account("dependabot", "Bot"), labels: ["agent:cursor"] },
    agent: null,
    kinds: ["label"],
  },
  {
    name: "renovate PR",
    pr: { author: account("renovate[bot]", "Bot"), headRef: "cursor/x" },
    agent: null,
    kinds: ["branch"],
  },
  {
    name: "github-actions PR",
    pr: { author: account("github-actions[bot]", "Bot"), headRef: "claude/x" },
    agent: null,
    kinds: ["branch"],
  },
  {
    name: "docs PR titled Configure Cursor",
    pr: { title: "Configure Cursor", body: "How to set up Cursor and Claude Code." },
    agent: null,
  },
  { name: "branch feature/claude-x", pr: { headRef: "feature/claude-x" }, agent: null },
  { name: "branch copilot-docs", pr: { headRef: "copilot-docs" }, agent: null },
  { name: "branch feature/claude-improvements", pr: { headRef: "feature/claude-improvements" }, agent: null },
  { name: "bare branch prefix without a name", pr: { headRef: "copilot/" }, agent: null },
  { name: "branch cursorial/x", pr: { headRef: "cursorial/x" }, agent: null },
  { name: "branch codexes/update", pr: { headRef: "codexes/update" }, agent: null },
  {
    name: "body that says we tried copilot",
    pr: { body: "We tried copilot and devin, then wrote it by hand." },
    agent: null,
  },
  { name: "title containing [codex] later", pr: { title: "Docs for the [codex] prefix" }, agent: null },
  { name: "title [codex]es is not the prefix token", pr: { title: "[codex]es rule" }, agent: null },
  { name: "human user named like a bot slug", pr: { author: account("claude", "User") }, agent: null },
  {
    name: "unknown [bot] author gives no agent but branch still counts",
    pr: { author: account("acme-ci[bot]", "Bot"), headRef: "claude/x" },
    agent: "claude-code",
    kinds: ["pr-author", "branch"],
  },
  { name: "a label merely mentioning an agent", pr: { labels: ["cursor-support", "claude"] }, agent: null },
  { name: "label agent:human declares no agent", pr: { labels: ["agent:human"] }, agent: null },
  { name: "plain human PR", pr: {}, agent: null },
];

function run(c: Case): void {
  const got = identifyPullRequest(makePr(c.pr), config(c.cfg));
  expect(got.agent).toBe(c.agent);
  for (const kind of c.kinds ?? []) expect(got.evidence.map((e) => e.kind)).toContain(kind);
  // A mention is not a marker: cases without expected kinds must find no agent evidence at all.
  if (c.agent === null && c.kinds === undefined) {
    expect(got.evidence.filter((e) => e.agent !== null && e.kind !== "pr-author")).toEqual([]);
  }
}

describe("identifyPullRequest: fingerprint table rows", () => {
  it.each(fingerprintCases)("$name", run);
  it("covers every canonical agent id", () => {
    const seen = new Set(fingerprintCases.map((c) => c.agent));
    expect(CANONICAL_AGENT_IDS.filter((id) => !seen.has(id))).toEqual([]);
  });
});

describe("identifyPullRequest: declarations and precedence", () => {
  it.each(declarationCases)("$name", run);
});

describe("identifyPullRequest: adversarial", () => {
  it.each(adversarialCases)("$name", run);
});

describe("identifyPullRequest: evidence", () => {
  it("keeps raw values", () => {
    const got = identifyPullRequest(
      makePr({
        labels: ["agent:Claude"],
        headRef: "copilot/x",
        body: "https://chatgpt.com/codex/tasks/task_9 done",
      }),
      config(),
    );
    expect(got.evidence).toEqual([
      { kind: "label", value: "agent:Claude", agent: "claude-code" },
      { kind: "body-marker", value: "https://chatgpt.com/codex/tasks/task_9", agent: "codex" },
      { kind: "branch", value: "copilot/x", agent: "copilot" },
    ]);
    expect(got.agent).toBe("claude-code");
  });
});
