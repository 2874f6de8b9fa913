import { describe, expect, it } from "vitest";
import { summarizeAttribution } from "../../app/attribution/summarize.js";
import type { AttributedRange, CommitAttribution, FileAttribution } from "../../app/model/attribution.js";
import { configSchema, type PolicyConfig } from "../../app/policy/config-schema.js";
import { decide } from "../../app/policy/decide.js";

function range(
  start: number,
  end: number,
  cls: AttributedRange["class"],
  agent: string | null = null,
): AttributedRange {
  return {
    startLine: start,
    endLine: end,
    class: cls,
    agent,
    source: "author",
    confidence: "high",
    commit: "c0ffee",
    evidence: [],
  };
}

function policy(p: unknown = {}): PolicyConfig {
  return configSchema.parse({ policy: p }).policy;
}

const mixed: FileAttribution[] = [
  { path: "a.py", ranges: [range(1, 6, "agent", "claude-code"), range(7, 9, "human")] },
  { path: "b.py", ranges: [range(1, 1, "unknown")] },
];
const clean: FileAttribution[] = [
  { path: "a.py", ranges: [range(1, 4, "human"), range(5, 8, "agent", "codex")] },
];

function forged(commit: string): CommitAttribution {
  return {
    commit,
    class: "human",
    agent: null,
    source: "author",
    confidence: "high",
    evidence: [],
    invalidSignature: { agent: "claude-code", reason: "signature does not verify" },
  };
}

describe("decide", () => {
  const cases: Array<[string, FileAttribution[], CommitAttribution[], unknown, string, string[]]> = [
    ["human and agent lines, defaults", clean, [], {}, "allow", ["agent_lines"]],
    ["nothing added", [], [], {}, "allow", []],
    ["unknown lines warn by default", mixed, [], {}, "warn", ["unknown_attribution", "agent_lines"]],
    [
      "unknown lines block when block_on_unknown",
      mixed,
      [],
      { block_on_unknown: true },
      "block",
      ["unknown_attribution", "agent_lines"],
    ],
    [
      "unknown share under the threshold is info",
      mixed,
      [],
      { warn: { unknown_share: 0.5 } },
      "allow",
      ["unknown_attribution", "agent_lines"],
    ],
    [
      "agent share over threshold warns",
      clean,
      [],
      { warn: { agent_share: 0.25 } },
      "warn",
      ["agent_share_over_threshold"],
    ],
    ["agent share at threshold is fine", clean, [], { warn: { agent_share: 0.5 } }, "allow", ["agent_lines"]],
    [
      "agent outside allowed_agents blocks",
      clean,
      [],
      { allowed_agents: ["claude-code"] },
      "block",
      ["agent_not_allowed", "agent_lines"],
    ],
    ["allowed agent passes", clean, [], { allowed_agents: ["codex"] }, "allow", ["agent_lines"]],
    [
      "forged signature blocks by default",
      clean,
      [forged("abc")],
      {},
      "block",
      ["agent_signature_invalid", "agent_lines"],
    ],
    [
      "forged signature can be set to warn",
      clean,
      [forged("abc")],
      { invalid_signature: "warn" },
      "warn",
      ["agent_signature_invalid", "agent_lines"],
    ],
  ];

  it.each(cases)("%s", (_name, files, commits, p, verdict, codes) => {
    const d = decide(summarizeAttribution(files, commits), policy(p));
    expect(d.verdict).toBe(verdict);
    expect(d.reasons.map((r) => r.code)).toEqual(codes);
  });

  it("points unknown lines at file, range and commit", () => {
    const d = decide(summarizeAttribution(mixed, []), policy());
    expect(d.reasons[0]?.evidence).toEqual([{ path: "b.py", startLine: 1, endLine: 1, commit: "c0ffee" }]);
    expect(d.reasons[0]?.message).toBe("1 of 10 added lines (10.0%) have no known author");
  });

  it("folds in other stages' reasons: info keeps the verdict, block raises it", () => {
    const info = decide(summarizeAttribution(clean, []), policy(), [
      { code: "review_signals_not_run", level: "info", message: "not run", evidence: [] },
    ]);
    expect(info.verdict).toBe("allow");
    const block = decide(summarizeAttribution(clean, []), policy(), [
      { code: "risky_code", level: "block", message: "sql", evidence: [] },
    ]);
    expect(block.verdict).toBe("block");
    expect(block.reasons[0]?.code).toBe("risky_code");
  });
});
