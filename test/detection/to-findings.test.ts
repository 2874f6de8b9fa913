import { describe, expect, it } from "vitest";
import type { DetectionInput, RuleInfo } from "../../app/detection/detection-input.js";
import type { FilterMode } from "../../app/detection/filter-findings.js";
import { toFindings } from "../../app/detection/to-findings.js";
import type { EngineError, EngineOutput, EngineResult } from "../../app/detection/types.js";
import type { AttributedRange, FileAttribution } from "../../app/model/attribution.js";
import type { Finding } from "../../app/model/report.js";
import type { ChangedFile, Hunk } from "../../app/model/snapshot.js";

const AGENT_COMMIT = "a".repeat(40);
const HUMAN_COMMIT = "b".repeat(40);
const BOT_COMMIT = "c".repeat(40);

function hunk(newStart: number, newLines: number): Hunk {
  return { oldStart: newStart, oldLines: 1, newStart, newLines, section: "", lines: [] };
}

function changed(path: string, over: Partial<ChangedFile>): ChangedFile {
  return {
    path,
    oldPath: null,
    status: "modified",
    binary: false,
    oldMode: null,
    newMode: null,
    similarity: null,
    hunks: [],
    addedLines: [],
    deletedLines: 0,
    skipped: null,
    origins: [],
    ...over,
  };
}

function range(
  startLine: number,
  endLine: number,
  who: "claude-code" | "human" | "bot" | "unknown",
): AttributedRange {
  const base = { startLine, endLine, evidence: [] };
  switch (who) {
    case "claude-code":
      return {
        ...base,
        agent: who,
        class: "agent",
        source: "trailer",
        confidence: "medium",
        commit: AGENT_COMMIT,
      };
    case "human":
      return {
        ...base,
        agent: null,
        class: "human",
        source: "author",
        confidence: "high",
        commit: HUMAN_COMMIT,
      };
    case "bot":
      return { ...base, agent: null, class: "bot", source: "author", confidence: "high", commit: BOT_COMMIT };
    case "unknown":
      return { ...base, agent: null, class: "unknown", source: "unknown", confidence: "none", commit: null };
  }
}

/**
 * src/app.ts: hunk over new lines 10-20; 12-13 added by claude-code, 15 by a
 * human, 17 by a bot, 19 of unknown origin. src/new.py: lines 1-3 added by a human.
 */
const FILES: ChangedFile[] = [
  changed("src/app.ts", { hunks: [hunk(10, 11)], addedLines: [12, 13, 15, 17, 19] }),
  changed("src/new.py", { status: "added", hunks: [hunk(1, 3)], addedLines: [1, 2, 3] }),
  changed("src/gone.py", { status: "deleted", hunks: [hunk(0, 0)] }),
];
const ATTRIBUTION: FileAttribution[] = [
  {
    path: "src/app.ts",
    ranges: [
      range(12, 13, "claude-code"),
      range(15, 15, "human"),
      range(17, 17, "bot"),
      range(19, 19, "unknown"),
    ],
  },
  { path: "src/new.py", ranges: [range(1, 3, "human")] },
];

function result(id: string, path: string, start: number, end = start, severity = "ERROR"): EngineResult {
  return {
    check_id: id,
    path,
    start: { line: start, col: 1, offset: 0 },
    end: { line: end, col: 5, offset: 4 },
    extra: { message: `${id} message`, severity, metadata: {}, lines: "" },
  };
}

const RULES: RuleInfo[] = [
  { id: "rule-error", level: "error", message: "e", metadata: {} },
  { id: "rule-warning", level: "warning", message: "w", metadata: {} },
  { id: "rule-note", level: "note", message: "n", metadata: {} },
];

function ran(
  results: EngineResult[],
  filter: FilterMode = "added",
  errors: EngineError[] = [],
): DetectionInput {
  const output: EngineOutput = { results, errors, paths: { scanned: [] }, version: "1.2.3" };
  return {
    status: "ran",
    engine: "embedded",
    engineVersion: "embedded-1.2.3",
    pack: { digest: "d1g35t", files: [{ path: "rules/x.yml", sha256: "0".repeat(64) }], rules: RULES },
    output,
    detectors: [{ id: "custom", version: "0.1.0", module: "/opt/custom.js" }],
    filter,
    skipped: [{ path: "assets/logo.png", reason: "binary" }],
  };
}

type Owner = Pick<Finding, "agent" | "authorClass" | "commit">;
const CLAUDE: Owner = { agent: "claude-code", authorClass: "agent", commit: AGENT_COMMIT };
const HUMAN: Owner = { agent: null, authorClass: "human", commit: HUMAN_COMMIT };
const BOT: Owner = { agent: null, authorClass: "bot", commit: BOT_COMMIT };
const NOBODY: Owner = { agent: null, authorClass: "unknown", commit: null };

describe("toFindings: which findings are kept and whose line they are on", () => {
  const cases: Array<[string, EngineResult, FilterMode, Owner | "dropped"]> = [
    ["on a line claude-code added", result("rule-error", "src/app.ts", 12), "added", CLAUDE],
    ["on a line a human added", result("rule-error", "src/app.ts", 15), "added", HUMAN],
    ["on a line a bot added", result("rule-error", "src/app.ts", 17), "added", BOT],
    ["on a line of unknown origin", result("rule-error", "src/app.ts", 19), "added", NOBODY],
    ["in a new file a human wrote", result("rule-error", "src/new.py", 2), "added", HUMAN],
    [
      "starting on context, touching claude-code's line",
      result("rule-error", "src/app.ts", 10, 12),
      "added",
      CLAUDE,
    ],
    [
      "spanning two authors: the first added line it touches",
      result("rule-error", "src/app.ts", 14, 17),
      "added",
      HUMAN,
    ],
    ["on a context line, filter added", result("rule-error", "src/app.ts", 11), "added", "dropped"],
    ["on a context line, filter context", result("rule-error", "src/app.ts", 11), "context", NOBODY],
    ["outside the hunks, filter context", result("rule-error", "src/app.ts", 40), "context", "dropped"],
    ["outside the hunks, filter file", result("rule-error", "src/app.ts", 40), "file", NOBODY],
    ["in an unchanged file, filter file", result("rule-error", "src/other.ts", 1), "file", "dropped"],
    ["in an unchanged file, nofilter", result("rule-error", "src/other.ts", 1), "nofilter", NOBODY],
    ["in a deleted file, filter file", result("rule-error", "src/gone.py", 1), "file", "dropped"],
    [
      "end line before start line (treated as one line)",
      result("rule-error", "src/app.ts", 13, 2),
      "added",
      CLAUDE,
    ],
  ];

  it.each(cases)("%s", (_name, r, filter, expected) => {
    const { findings, summary } = toFindings(ran([r], filter), FILES, ATTRIBUTION);
    expect(summary.resultsBeforeFilter).toBe(1);
    expect(summary.filter).toBe(filter);
    if (expected === "dropped") {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings).toEqual([
      {
        ruleId: "rule-error",
        path: r.path,
        startLine: r.start.line,
        endLine: Math.max(r.start.line, r.end.line),
        severity: "error",
        message: "rule-error message",
        ...expected,
      },
    ]);
  });
});

describe("toFindings: severity", () => {
  const cases: Array<[string, string, string, Finding["severity"]]> = [
    ["the pack's level wins over the result's severity", "rule-note", "ERROR", "note"],
    ["a warning rule", "rule-warning", "INFO", "warning"],
    ["a rule outside the pack: ERROR", "detector-x", "ERROR", "error"],
    ["a rule outside the pack: lower-case warning", "detector-x", "warning", "warning"],
    ["a rule outside the pack: INFO is a note", "detector-x", "INFO", "note"],
    ["a rule outside the pack: new-style HIGH", "detector-x", "HIGH", "error"],
    ["a rule outside the pack: MEDIUM", "detector-x", "MEDIUM", "warning"],
    ["a rule outside the pack: LOW", "detector-x", "LOW", "note"],
    ["an unknown severity is a warning", "detector-x", "SEVERE", "warning"],
  ];
  it.each(cases)("%s", (_name, id, severity, level) => {
    const { findings } = toFindings(ran([result(id, "src/app.ts", 12, 12, severity)]), FILES, ATTRIBUTION);
    expect(findings.map((f) => f.severity)).toEqual([level]);
  });
});

describe("toFindings: summary", () => {
  it("separates unsupported rules from other errors and keeps errors about changed files only", () => {
    const errors: EngineError[] = [
      { code: 2, level: "warn", type: "UnsupportedRule", message: "go is not supported", rule_id: "go-sql" },
      {
        code: 2,
        level: "warn",
        type: ["UnsupportedRule", { x: 1 }],
        message: "no taint mode",
        rule_id: "taint-x",
      },
      {
        code: 3,
        level: "warn",
        type: "Syntax error",
        message: "bad parse",
        path: "src/app.ts",
        rule_id: "rule-error",
      },
      { code: 3, level: "warn", type: ["Timeout", 1], message: "slow", path: "src/new.py" },
      { code: 3, level: "warn", type: "Syntax error", message: "elsewhere", path: "src/unchanged.ts" },
      { code: 2, level: "error", type: "UnsupportedRule", message: "no rule id" },
    ];
    const { findings, summary } = toFindings(ran([], "added", errors), FILES, ATTRIBUTION);
    expect(findings).toEqual([]);
    expect(summary.unsupportedRules).toEqual([
      { ruleId: "go-sql", reason: "go is not supported" },
      { ruleId: "taint-x", reason: "no taint mode" },
      { ruleId: "?", reason: "no rule id" },
    ]);
    expect(summary.errors).toEqual([
      { type: "Syntax error", message: "bad parse", path: "src/app.ts", ruleId: "rule-error" },
      { type: "Timeout", message: "slow", path: "src/new.py" },
    ]);
  });

  it("describes the run: engine, version, pack, detectors, filter, counts and skipped files", () => {
    const results = [result("rule-error", "src/app.ts", 12), result("rule-error", "src/app.ts", 40)];
    const { findings, summary } = toFindings(ran(results), FILES, ATTRIBUTION);
    expect(findings).toHaveLength(1);
    expect(summary).toEqual({
      status: "ran",
      engine: "embedded",
      engineVersion: "embedded-1.2.3",
      rulePack: { digest: "d1g35t", rules: 3 },
      detectors: [{ id: "custom", version: "0.1.0" }],
      filter: "added",
      resultsBeforeFilter: 2,
      unsupportedRules: [],
      errors: [],
      skippedFiles: [{ path: "assets/logo.png", reason: "binary" }],
      failure: null,
    });
  });

  it("keeps results in engine order, several per file", () => {
    const results = [
      result("rule-warning", "src/new.py", 3),
      result("rule-error", "src/app.ts", 15),
      result("rule-note", "src/app.ts", 12),
    ];
    const { findings } = toFindings(ran(results), FILES, ATTRIBUTION);
    expect(findings.map((f) => [f.ruleId, f.path, f.startLine, f.severity, f.authorClass])).toEqual([
      ["rule-warning", "src/new.py", 3, "warning", "human"],
      ["rule-error", "src/app.ts", 15, "error", "human"],
      ["rule-note", "src/app.ts", 12, "note", "agent"],
    ]);
  });

  it("a failed engine: no findings, the failure and engine named, never mistaken for a clean run", () => {
    const { findings, summary } = toFindings(
      { status: "failed", engine: "semgrep", error: "semgrep exited 2: out of memory" },
      FILES,
      ATTRIBUTION,
    );
    expect(findings).toEqual([]);
    expect(summary).toMatchObject({
      status: "failed",
      engine: "semgrep",
      failure: "semgrep exited 2: out of memory",
      rulePack: null,
      filter: null,
      resultsBeforeFilter: 0,
    });
  });

  it("disabled detection: no findings, no engine", () => {
    const { findings, summary } = toFindings({ status: "disabled" }, FILES, ATTRIBUTION);
    expect(findings).toEqual([]);
    expect(summary).toMatchObject({ status: "disabled", engine: null, failure: null, rulePack: null });
  });
});
