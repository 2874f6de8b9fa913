/**
 * The built CLI as a process on the mixed scenario: every added line's author
 * checked against the scenario's expectations, totals consistent with the
 * ranges, the finding attributed to the agent that wrote its line, and
 * `--json -` printing nothing but the report.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../app/model/report.js";
import {
  buildMixedScenario,
  SCENARIO_AUTHORS,
  type MixedScenario,
  type ScenarioLabel,
} from "../../fixtures/git/mixed-scenario.js";
import { ensureBuilt, readReport, runCli, type CliRun } from "./cli-process.js";

type PrLabel = keyof typeof SCENARIO_AUTHORS;

let scenario: MixedScenario;
let out: string;
let run: CliRun;
let report: Report;

beforeAll(async () => {
  const [, built] = await Promise.all([ensureBuilt(), buildMixedScenario()]);
  scenario = built;
  out = await mkdtemp(join(tmpdir(), "ap-e2e-analyze-"));
  run = await runCli([
    "analyze",
    "--repo",
    scenario.repo,
    "--base",
    scenario.base,
    "--head",
    scenario.head,
    "--engine",
    "embedded",
    "--json",
    join(out, "report.json"),
  ]);
  if (run.code !== 0) throw new Error(`analyze exited ${run.code}: ${run.stderr}`);
  report = await readReport(join(out, "report.json"));
}, 120_000);

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
  await rm(scenario.repo, { recursive: true, force: true });
});

function isPrLabel(label: ScenarioLabel): label is PrLabel {
  return label in SCENARIO_AUTHORS;
}

/** Every added line at head → the label of the commit that last wrote it. */
function expectedLines(): Map<string, Map<number, PrLabel>> {
  const out = new Map<string, Map<number, PrLabel>>();
  for (const [path, file] of Object.entries(scenario.expected)) {
    if (file.origins.length === 0) continue;
    const lines = new Map<number, PrLabel>();
    for (const o of file.origins) {
      if (!isPrLabel(o.commit)) throw new Error(`${path}: ${o.commit} is not a pull-request commit`);
      for (let l = o.start; l <= o.end; l += 1) lines.set(l, o.commit);
    }
    out.set(path, lines);
  }
  return out;
}

describe("analyze (built CLI, mixed scenario)", () => {
  it("exits 0 with the verdict on stdout and nothing on stderr", () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Verdict: WARN");
    expect(report.decision.verdict).toBe("warn");
  });

  it("reports the refs it analysed", () => {
    expect(report).toMatchObject({
      schemaVersion: 1,
      repository: scenario.repo,
      base: scenario.base,
      head: scenario.head,
      mergeBase: scenario.mergeBase,
      pullRequest: null,
      tool: { name: "agent-provenance" },
    });
  });

  it("attributes every added line of every file to the author of the commit that last wrote it", () => {
    const expected = expectedLines();
    const actual = new Map<
      string,
      Map<number, { agent: string | null; class: string; commit: string | null }>
    >();
    for (const file of report.attribution.files) {
      const lines = new Map<number, { agent: string | null; class: string; commit: string | null }>();
      for (const r of file.ranges) {
        for (let l = r.startLine; l <= r.endLine; l += 1) {
          expect(lines.has(l), `${file.path}:${l} is in two ranges`).toBe(false);
          lines.set(l, { agent: r.agent, class: r.class, commit: r.commit });
        }
      }
      actual.set(file.path, lines);
    }
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, lines] of expected) {
      const got = actual.get(path);
      expect([...(got?.keys() ?? [])], `${path}: ranges cover exactly the added lines`).toEqual([
        ...lines.keys(),
      ]);
      for (const [line, label] of lines) {
        const author = SCENARIO_AUTHORS[label];
        expect(got?.get(line), `${path}:${line} (written by ${label})`).toEqual({
          agent: author.agent,
          class: author.class,
          commit: scenario.commits[label],
        });
      }
    }
  });

  it("keeps ranges ascending and non-overlapping, with source and confidence for each", () => {
    for (const file of report.attribution.files) {
      let previous = 0;
      for (const r of file.ranges) {
        expect(r.startLine).toBeGreaterThan(previous);
        expect(r.endLine).toBeGreaterThanOrEqual(r.startLine);
        previous = r.endLine;
        if (r.class === "agent") expect(["high", "medium", "low", "verified"]).toContain(r.confidence);
        expect(r.source).not.toBe("unknown");
      }
    }
  });

  it("reports the Dependabot line as a bot, never as an agent, although its message names Claude Code", () => {
    const pkg = report.attribution.files.find((f) => f.path === "package.json");
    expect(pkg?.ranges).toEqual([
      expect.objectContaining({
        startLine: 5,
        endLine: 5,
        agent: null,
        class: "bot",
        commit: scenario.commits.dependabot,
      }),
    ]);
    const commit = report.attribution.commits.find((c) => c.commit === scenario.commits.dependabot);
    expect(commit).toMatchObject({ class: "bot", agent: null });
  });

  it("leaves the binary and the deleted file out of the ranges, with a note for the binary", () => {
    const paths = report.attribution.files.map((f) => f.path);
    expect(paths).not.toContain("assets/refund-icon.png");
    expect(paths).not.toContain("docs/obsolete.md");
    expect(report.notes).toEqual([expect.stringContaining("assets/refund-icon.png")]);
    expect(report.notes[0]).toContain("binary");
  });

  it("keeps totals, per-agent figures and coverage consistent with the ranges", () => {
    const byAgent = new Map<
      string,
      { lines: number; files: Set<string>; byConfidence: Record<string, number> }
    >();
    const byClass: Record<string, number> = { agent: 0, human: 0, bot: 0, unknown: 0 };
    for (const file of report.attribution.files) {
      for (const r of file.ranges) {
        const n = r.endLine - r.startLine + 1;
        byClass[r.class] = (byClass[r.class] ?? 0) + n;
        if (r.agent === null) continue;
        const a = byAgent.get(r.agent) ?? { lines: 0, files: new Set<string>(), byConfidence: {} };
        a.lines += n;
        a.files.add(file.path);
        a.byConfidence[r.confidence] = (a.byConfidence[r.confidence] ?? 0) + n;
        byAgent.set(r.agent, a);
      }
    }
    const a = report.attribution;
    const expectedTotal = [...expectedLines().values()].reduce((n, lines) => n + lines.size, 0);
    expect(a.totalLines).toBe(expectedTotal);
    expect({
      agent: a.agentLines,
      human: a.humanLines,
      bot: a.botLines,
      unknown: a.unknownLines,
    }).toEqual(byClass);
    expect(a.agentLines + a.humanLines + a.botLines + a.unknownLines).toBe(a.totalLines);
    expect(a.unknownLines).toBe(0);
    expect(a.coverage).toBe(1);
    expect(
      Object.fromEntries(
        a.agents.map((g) => [g.id, { lines: g.lines, files: g.files, byConfidence: g.byConfidence }]),
      ),
    ).toEqual(
      Object.fromEntries(
        [...byAgent].map(([id, g]) => [
          id,
          { lines: g.lines, files: g.files.size, byConfidence: g.byConfidence },
        ]),
      ),
    );
    expect(a.agents.map((g) => g.id).sort()).toEqual(["aider", "claude-code", "copilot", "cursor", "devin"]);
    const agentReason = report.decision.reasons.find((r) => r.code === "agent_lines");
    expect(agentReason?.message).toContain(`agents wrote ${a.agentLines} of ${a.totalLines} added lines`);
  });

  it("attributes every pull-request commit as the scenario says", () => {
    const byCommit = new Map(report.attribution.commits.map((c) => [c.commit, c]));
    for (const [label, author] of Object.entries(SCENARIO_AUTHORS)) {
      expect(byCommit.get(scenario.commits[label as PrLabel]), label).toMatchObject({
        class: author.class,
        agent: author.agent,
        invalidSignature: null,
      });
    }
    expect(report.attribution.commits).toHaveLength(Object.keys(SCENARIO_AUTHORS).length);
  });

  it("finds the weak hash in tokens.ts on line 5 and attributes it to claude-code", () => {
    expect(report.detection).toMatchObject({ status: "ran", engine: "embedded", filter: "added" });
    const weak = report.findings.filter((f) => f.ruleId === "javascript-weak-hash");
    expect(weak).toEqual([
      expect.objectContaining({
        path: "src/auth/tokens.ts",
        startLine: 5,
        agent: "claude-code",
        authorClass: "agent",
        commit: scenario.commits.claude,
      }),
    ]);
    const reason = report.decision.reasons.find((r) => r.code === "risky_code");
    expect(reason).toMatchObject({ level: "warn" });
    expect(reason?.message).toContain("javascript-weak-hash");
    expect(reason?.evidence).toEqual([
      expect.objectContaining({ path: "src/auth/tokens.ts", startLine: 5, commit: scenario.commits.claude }),
    ]);
    expect(report.detection.skippedFiles).toEqual([{ path: "assets/refund-icon.png", reason: "binary" }]);
  });

  it("prints only the JSON report on stdout with --json -", async () => {
    const piped = await runCli([
      "analyze",
      "--repo",
      scenario.repo,
      "--base",
      scenario.base,
      "--head",
      scenario.head,
      "--engine",
      "embedded",
      "--json",
      "-",
    ]);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe("");
    expect(piped.stdout.startsWith("{")).toBe(true);
    expect(piped.stdout.endsWith("}\n")).toBe(true);
    const parsed = JSON.parse(piped.stdout) as Report;
    expect({ ...parsed, generatedAt: "" }).toEqual({ ...report, generatedAt: "" });
  });
});
