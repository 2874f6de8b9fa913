import { describe, expect, it } from "vitest";
import { noteAgents, parseAuthorshipNote } from "../../app/attribution/git-notes.js";

const STANDARD = [
  "hooks/post_clone_hook.rs",
  "  a1b2c3d4e5f6a7b8 6-8",
  "  c9d0e1f2a3b4c5d6 16,21,25",
  '"src/with space.ts"',
  "  c9d0e1f2a3b4c5d6 1-4",
  "---",
  JSON.stringify(
    {
      schema_version: "authorship/3.0.0",
      base_commit_sha: "f4a8b2c",
      prompts: {
        a1b2c3d4e5f6a7b8: { agent_id: { tool: "copilot", model: "codex-5.2" }, human_author: "Alice" },
        c9d0e1f2a3b4c5d6: { agent_id: { tool: "claude", model: "sonnet-4.5" }, human_author: "Jeff" },
      },
    },
    null,
    2,
  ),
].join("\n");

describe("parseAuthorshipNote", () => {
  it("parses the Git AI Standard v3 note", () => {
    const note = parseAuthorshipNote(STANDARD);
    expect(note?.schemaVersion).toBe("authorship/3.0.0");
    expect(note?.files.map((f) => f.path)).toEqual(["hooks/post_clone_hook.rs", "src/with space.ts"]);
    expect(note?.files[0]?.ranges).toEqual([
      { hash: "a1b2c3d4e5f6a7b8", start: 6, end: 8 },
      { hash: "c9d0e1f2a3b4c5d6", start: 16, end: 16 },
      { hash: "c9d0e1f2a3b4c5d6", start: 21, end: 21 },
      { hash: "c9d0e1f2a3b4c5d6", start: 25, end: 25 },
    ]);
    expect(note?.prompts).toEqual([
      { hash: "a1b2c3d4e5f6a7b8", tool: "copilot", model: "codex-5.2" },
      { hash: "c9d0e1f2a3b4c5d6", tool: "claude", model: "sonnet-4.5" },
    ]);
  });

  it.each([
    ["empty", ""],
    ["prose", "Reviewed in the meeting on Monday."],
    ["JSON without prompts", '{"schema_version":"authorship/3.0.0","prompts":{}}'],
    ["broken JSON after the divider", "a.ts\n  h 1-2\n---\n{not json"],
  ])("returns null for %s", (_name, text) => {
    expect(parseAuthorshipNote(text)).toBeNull();
  });
});

describe("noteAgents", () => {
  it("orders agents by attributed lines and normalises tool names", () => {
    expect(noteAgents(STANDARD)).toEqual([
      { agent: "claude-code", tool: "claude", model: "sonnet-4.5", lines: 7 },
      { agent: "copilot", tool: "copilot", model: "codex-5.2", lines: 3 },
    ]);
  });
  it("accepts prompts as an array", () => {
    expect(noteAgents('{"prompts":[{"hash":"h","agent_id":{"tool":"Claude_Code"}}]}')[0]?.agent).toBe(
      "claude-code",
    );
  });
  it("accepts a plain-text agent line", () => {
    expect(noteAgents("agent: cursor\n")[0]?.agent).toBe("cursor");
  });
});
