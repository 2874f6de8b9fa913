import { describe, expect, it } from "vitest";
import type { DetectionSummary, Finding } from "../../app/model/report.js";
import { configSchema, type PolicyConfig } from "../../app/policy/config-schema.js";
import { detectionReasons, findingLevel, findingReasons } from "../../app/policy/findings-reasons.js";

function policy(p: unknown = {}): PolicyConfig {
  return configSchema.parse({ policy: p }).policy;
}

function finding(
  severity: Finding["severity"],
  who: string | "human" | "bot" | "unknown",
  over: Partial<Finding> = {},
): Finding {
  const isAgent = who !== "human" && who !== "bot" && who !== "unknown";
  return {
    ruleId: "rule-x",
    path: "src/a.ts",
    startLine: 3,
    endLine: 3,
    severity,
    message: "bad thing",
    agent: isAgent ? who : null,
    authorClass: isAgent ? "agent" : (who as Finding["authorClass"]),
    commit: who === "unknown" ? null : "c0ffee".padEnd(40, "0"),
    ...over,
  };
}

const STRICT_FOR_CLAUDE = { findings: { agents: { "claude-code": { warn: "note", block: "warning" } } } };

describe("findingLevel", () => {
  const cases: Array<[string, Finding["severity"], string, unknown, string]> = [
    ["default: error blocks", "error", "human", {}, "block"],
    ["default: warning warns", "warning", "human", {}, "warn"],
    ["default: note is info", "note", "human", {}, "info"],
    ["default applies to agents too", "error", "copilot", {}, "block"],
    ["stricter for claude-code: warning blocks", "warning", "claude-code", STRICT_FOR_CLAUDE, "block"],
    ["stricter for claude-code: note warns", "note", "claude-code", STRICT_FOR_CLAUDE, "warn"],
    ["stricter for claude-code: error blocks", "error", "claude-code", STRICT_FOR_CLAUDE, "block"],
    [
      "claude-code's override leaves a human's warning a warning",
      "warning",
      "human",
      STRICT_FOR_CLAUDE,
      "warn",
    ],
    [
      "claude-code's override leaves copilot's warning a warning",
      "warning",
      "copilot",
      STRICT_FOR_CLAUDE,
      "warn",
    ],
    ["claude-code's override leaves a human's note info", "note", "human", STRICT_FOR_CLAUDE, "info"],
    ["bots follow the global thresholds", "warning", "bot", STRICT_FOR_CLAUDE, "warn"],
    ["block never: an error only warns", "error", "human", { findings: { block: "never" } }, "warn"],
    [
      "warn and block never: an error is info",
      "error",
      "human",
      { findings: { warn: "never", block: "never" } },
      "info",
    ],
    ["block at note: everything blocks", "note", "human", { findings: { block: "note" } }, "block"],
    ["warn at error: a warning is info", "warning", "human", { findings: { warn: "error" } }, "info"],
    [
      "looser for an agent: never block its lines",
      "error",
      "devin",
      { findings: { agents: { devin: { warn: "error", block: "never" } } } },
      "warn",
    ],
  ];

  it.each(cases)("%s", (_name, severity, who, p, level) => {
    expect(findingLevel(finding(severity, who), policy(p))).toBe(level);
  });

  it("refuses unknown levels and keys in the thresholds", () => {
    expect(configSchema.safeParse({ policy: { findings: { block: "critical" } } }).success).toBe(false);
    expect(
      configSchema.safeParse({ policy: { findings: { agents: { x: { blok: "error" } } } } }).success,
    ).toBe(false);
  });
});

describe("findingReasons", () => {
  it("no findings, no reasons", () => {
    expect(findingReasons([], policy())).toEqual([]);
  });

  it("one reason per rule at the most severe level any of its findings reaches", () => {
    const findings = [
      finding("warning", "human", { ruleId: "weak-hash", startLine: 1, endLine: 1 }),
      finding("warning", "claude-code", { ruleId: "weak-hash", startLine: 9, endLine: 10 }),
      finding("note", "human", { ruleId: "todo-comment" }),
    ];
    const reasons = findingReasons(findings, policy(STRICT_FOR_CLAUDE));
    expect(reasons.map((r) => [r.code, r.level])).toEqual([
      ["risky_code", "block"],
      ["risky_code", "info"],
    ]);
    const [weak, todo] = reasons;
    expect(weak?.message).toBe(
      "weak-hash (warning): 2 findings on changed lines, written by human 1, claude-code 1 — bad thing",
    );
    expect(weak?.evidence).toEqual([
      {
        path: "src/a.ts",
        startLine: 1,
        endLine: 1,
        commit: "c0ffee".padEnd(40, "0"),
        detail: "weak-hash: bad thing",
      },
      {
        path: "src/a.ts",
        startLine: 9,
        endLine: 10,
        commit: "c0ffee".padEnd(40, "0"),
        detail: "weak-hash: bad thing",
      },
    ]);
    expect(todo?.message).toBe(
      "todo-comment (note): 1 finding on changed lines, written by human 1 — bad thing",
    );
    // The same findings with default thresholds only warn.
    expect(findingReasons(findings, policy()).map((r) => r.level)).toEqual(["warn", "info"]);
  });

  it("names bots and unknown authors, and leaves the commit out when there is none", () => {
    const [reason] = findingReasons([finding("error", "bot"), finding("error", "unknown")], policy());
    expect(reason?.level).toBe("block");
    expect(reason?.message).toContain("written by bot 1, unknown 1");
    expect(reason?.evidence[1]).toEqual({
      path: "src/a.ts",
      startLine: 3,
      endLine: 3,
      detail: "rule-x: bad thing",
    });
  });

  it("keeps at most 20 evidence pointers, with the full count in the message", () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      finding("warning", "human", { startLine: i + 1, endLine: i + 1 }),
    );
    const [reason] = findingReasons(many, policy());
    expect(reason?.evidence).toHaveLength(20);
    expect(reason?.message).toContain("25 findings");
  });
});

function summary(over: Partial<DetectionSummary>): DetectionSummary {
  return {
    status: "ran",
    engine: "embedded",
    engineVersion: "embedded-0.1.0",
    rulePack: { digest: "d", rules: 3 },
    detectors: [],
    filter: "added",
    resultsBeforeFilter: 0,
    unsupportedRules: [],
    errors: [],
    skippedFiles: [],
    failure: null,
    ...over,
  };
}

describe("detectionReasons", () => {
  it("a clean run gives no reasons", () => {
    expect(detectionReasons(summary({}), policy())).toEqual([]);
  });

  it("disabled detection is said plainly, as info", () => {
    expect(detectionReasons(summary({ status: "disabled", engine: null }), policy())).toEqual([
      {
        code: "detection_disabled",
        level: "info",
        message: "detection is disabled by configuration",
        evidence: [],
      },
    ]);
  });

  const failed = summary({
    status: "failed",
    engine: "semgrep",
    failure: "semgrep timed out after 300000 ms",
  });
  it.each([
    [{}, "block"],
    [{ detection_failure: "warn" }, "warn"],
    [{ detection_failure: "info" }, "info"],
  ])("a failed engine takes its level from policy.detection_failure (%o → %s)", (p, level) => {
    const reasons = detectionReasons(failed, policy(p));
    expect(reasons).toEqual([
      {
        code: "detection_failed",
        level,
        message:
          "the semgrep engine failed, so the changed code was not checked: semgrep timed out after 300000 ms",
        evidence: [],
      },
    ]);
  });

  const unsupported = summary({
    unsupportedRules: [
      { ruleId: "go-sql", reason: "language go is not supported" },
      { ruleId: "taint-x", reason: "taint mode" },
    ],
  });
  it.each([
    [{}, "info"],
    [{ unsupported_rules: "warn" }, "warn"],
    [{ unsupported_rules: "block" }, "block"],
  ])("unsupported rules take their level from policy.unsupported_rules (%o → %s)", (p, level) => {
    expect(detectionReasons(unsupported, policy(p))).toEqual([
      {
        code: "rules_unsupported",
        level,
        message: "2 rule(s) could not run on the embedded engine: go-sql, taint-x",
        evidence: [{ detail: "go-sql: language go is not supported" }, { detail: "taint-x: taint mode" }],
      },
    ]);
  });

  it("engine errors and skipped files are info, with evidence", () => {
    const skipped = Array.from({ length: 7 }, (_, i) => ({ path: `img${i}.png`, reason: "binary" }));
    const reasons = detectionReasons(
      summary({
        errors: [
          { type: "Syntax error", message: "bad parse", path: "src/a.ts" },
          { type: "Fatal", message: "no path" },
        ],
        skippedFiles: skipped,
      }),
      policy({ unsupported_rules: "block", detection_failure: "block" }),
    );
    expect(reasons.map((r) => [r.code, r.level])).toEqual([
      ["detection_errors", "info"],
      ["detection_skipped_files", "info"],
    ]);
    expect(reasons[0]?.evidence).toEqual([
      { path: "src/a.ts", detail: "Syntax error: bad parse" },
      { detail: "Fatal: no path" },
    ]);
    expect(reasons[1]?.message).toBe(
      "7 changed file(s) were not scanned: img0.png (binary), img1.png (binary), img2.png (binary), img3.png (binary), img4.png (binary), …",
    );
    expect(reasons[1]?.evidence).toHaveLength(7);
  });
});

describe("per-agent thresholds inherit what they leave out", () => {
  const p = policy({ findings: { warn: "note", agents: { "claude-code": { block: "warning" } } } });
  it.each([
    ["claude-code", "note", "warn"],
    ["claude-code", "warning", "block"],
    ["human", "note", "warn"],
    ["human", "warning", "warn"],
    ["human", "error", "block"],
  ] as const)("%s, %s finding → %s", (who, severity, level) => {
    expect(findingLevel(finding(severity, who), p)).toBe(level);
  });
});
