/**
 * Without --config the CLI reads `.github/agent-provenance.yml` at the base
 * commit, never at head: a pull request cannot loosen (or break) the policy
 * that judges it.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FILE_BYTES } from "../../app/limits.js";
import type { Report } from "../../app/model/report.js";
import { createRepo, type FixtureRepo, type Identity } from "../../fixtures/git/fixture-repo.js";
import { ensureBuilt, exists, readReport, runCli, writeInput, type CliRun } from "./cli-process.js";

const CONFIG = ".github/agent-provenance.yml";
const MAYA: Identity = { name: "Maya Chen", email: "maya@example.com" };
const CLAUDE_TRAILER = "\n\nCo-Authored-By: Claude <noreply@anthropic.com>";

const STRICT = "policy:\n  block_on_unknown: true\n  allowed_agents: [cursor]\n";
const ALLOW_ALL = "policy:\n  block_on_unknown: false\n  allowed_agents: []\n";
const SRC = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";

let work: string;
const repos: FixtureRepo[] = [];

beforeAll(async () => {
  await ensureBuilt();
  work = await mkdtemp(join(tmpdir(), "ap-e2e-config-"));
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await Promise.all(repos.map((r) => rm(r.dir, { recursive: true, force: true })));
});

/** main: `baseConfig` (if any) and README; feature: one Claude Code commit writing `headConfig` and a source file. */
async function scenario(
  baseConfig: string | null,
  headConfig: string | null,
): Promise<{ repo: FixtureRepo; base: string; head: string }> {
  const repo = await createRepo();
  repos.push(repo);
  const base = await repo.commit({
    message: "Initial",
    author: MAYA,
    files: { "README.md": "# svc\n", ...(baseConfig === null ? {} : { [CONFIG]: baseConfig }) },
  });
  await repo.branch("feature");
  const head = await repo.commit({
    message: `Add add() and relax the provenance policy${CLAUDE_TRAILER}`,
    author: MAYA,
    files: { "src/add.ts": SRC, ...(headConfig === null ? {} : { [CONFIG]: headConfig }) },
  });
  return { repo, base, head };
}

let runs = 0;

async function analyze(
  repo: FixtureRepo,
  extra: string[] = [],
): Promise<{ run: CliRun; report: Report | null; json: string }> {
  runs += 1;
  const dir = await mkdtemp(join(work, `out-${runs}-`));
  const json = join(dir, "report.json");
  const run = await runCli([
    "analyze",
    "--repo",
    repo.dir,
    "--base",
    "main",
    "--head",
    "feature",
    "--engine",
    "embedded",
    ...extra,
    "--json",
    json,
  ]);
  return { run, report: (await exists(json)) ? await readReport(json) : null, json };
}

describe("configuration from the base commit (built CLI)", () => {
  it("applies the base's strict policy although the PR head rewrites the file to allow everything", async () => {
    const { repo, head } = await scenario(STRICT, ALLOW_ALL);
    const { run, report } = await analyze(repo);
    expect(run.code, run.stderr).toBe(1);
    expect(report?.head).toBe(head);
    expect(report?.decision.verdict).toBe("block");
    const reason = report?.decision.reasons.find((r) => r.code === "agent_not_allowed");
    expect(reason?.level).toBe("block");
    expect(reason?.message).toContain("allowed_agents (cursor)");
    expect(reason?.message).toContain("claude-code");
    expect(reason?.evidence.map((e) => e.path).sort()).toEqual([CONFIG, "src/add.ts"]);
    // The rewritten config is itself a changed file, attributed like any other.
    expect(report?.attribution.files.find((f) => f.path === CONFIG)?.ranges[0]).toMatchObject({
      agent: "claude-code",
      commit: head,
    });
  });

  it("never parses the head's file: a broken config at head changes nothing", async () => {
    const { repo } = await scenario(STRICT, "policy:\n  allowed_agents: [\n  bogus_key: true\n");
    const { run, report } = await analyze(repo);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toBe("");
    expect(report?.decision.reasons.map((r) => r.code)).toContain("agent_not_allowed");
  });

  it("uses the defaults when only the head adds a config", async () => {
    const { repo } = await scenario(null, STRICT);
    const { run, report } = await analyze(repo);
    expect(run.code, run.stderr).toBe(0);
    expect(report?.decision.reasons.map((r) => r.code)).not.toContain("agent_not_allowed");
  });

  it("reads the config at the base ref's tip, not at the merge base", async () => {
    const { repo, base } = await scenario(ALLOW_ALL, null);
    repo.switchTo("main");
    await repo.commit({ message: "Tighten the policy", author: MAYA, files: { [CONFIG]: STRICT } });
    const { run, report } = await analyze(repo);
    expect(run.code, run.stderr).toBe(1);
    expect(report?.mergeBase).toBe(base);
    expect(report?.decision.reasons.map((r) => r.code)).toContain("agent_not_allowed");
  });

  it("lets --config replace the base's file", async () => {
    const { repo } = await scenario(STRICT, null);
    const config = await writeInput(work, "allow-all.yml", ALLOW_ALL);
    const { run, report } = await analyze(repo, ["--config", config]);
    expect(run.code, run.stderr).toBe(0);
    expect(report?.decision.verdict).not.toBe("block");
  });

  it("exit 2 naming the file and the base commit when the base's config is broken; nothing written", async () => {
    const { repo, base } = await scenario("policy:\n  allowed_agent: [cursor]\n", ALLOW_ALL);
    const { run, json } = await analyze(repo);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${CONFIG} at ${base.slice(0, 12)}: policy: Unrecognized key: "allowed_agent"`,
    );
    expect(run.stdout).toBe("");
    expect(await exists(json)).toBe(false);
    expect(await readdir(join(json, ".."))).toEqual([]);
  });

  it.each([
    ["a directory", { [`${CONFIG}/policy.yml`]: STRICT }, "a tree, not a file"],
    [
      "a file over the config size limit",
      { [CONFIG]: `# ${"x".repeat(300 * 1024)}\n${STRICT}` },
      "byte limit",
    ],
    [
      "a file too large to read",
      { [CONFIG]: `# ${"x".repeat(MAX_FILE_BYTES)}\n${STRICT}` },
      `larger than ${MAX_FILE_BYTES} bytes`,
    ],
  ])("exit 2, never the defaults, when the base's config path holds %s", async (_name, files, message) => {
    const repo = await createRepo();
    repos.push(repo);
    const base = await repo.commit({
      message: "Initial",
      author: MAYA,
      files: { "README.md": "# svc\n", ...files },
    });
    await repo.branch("feature");
    await repo.commit({ message: `Add add()${CLAUDE_TRAILER}`, author: MAYA, files: { "src/add.ts": SRC } });
    const { run, json } = await analyze(repo);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${CONFIG} at ${base.slice(0, 12)}: `);
    expect(run.stderr).toContain(message);
    expect(await exists(json)).toBe(false);
  });

  it("exit 2 when the base's config is not YAML", async () => {
    const { repo, base } = await scenario("policy: [unclosed\n", null);
    const { run } = await analyze(repo);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${CONFIG} at ${base.slice(0, 12)}: not valid YAML`);
  });
});
