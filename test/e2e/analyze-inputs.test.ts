/**
 * Bad input to the built CLI: exit 2, the message on stderr says what and
 * where, and no report (not even a temporary file) is left behind. A policy
 * block is exit 1 with the report written.
 */
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMixedScenario, type MixedScenario } from "../../fixtures/git/mixed-scenario.js";
import { cliEnv, ensureBuilt, exists, readReport, runCli, writeInput } from "./cli-process.js";
import { pullRequestOpened, pushEvent } from "./pull-request-event.js";

let scenario: MixedScenario;
let work: string;
let inputs: string;

beforeAll(async () => {
  const [, built] = await Promise.all([ensureBuilt(), buildMixedScenario()]);
  scenario = built;
  work = await mkdtemp(join(tmpdir(), "ap-e2e-inputs-"));
  inputs = join(work, "inputs");
  await mkdir(inputs);
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(scenario.repo, { recursive: true, force: true });
});

function refs(): string[] {
  return ["--repo", scenario.repo, "--base", scenario.base, "--head", scenario.head];
}

/** A fresh, empty output directory and the report path in it. */
async function outputTarget(): Promise<{ dir: string; json: string }> {
  const dir = await mkdtemp(join(work, "out-"));
  return { dir, json: join(dir, "report.json") };
}

interface BadCase {
  name: string;
  args: () => Promise<string[]>;
  /** Parts of the message (evaluated when the case runs). */
  stderr: () => Array<string | RegExp>;
  env?: Record<string, string>;
}

const BAD: BadCase[] = [
  {
    name: "an unknown flag",
    args: async () => [...refs(), "--bogus"],
    stderr: () => ["analyze: Unknown option '--bogus'"],
  },
  {
    name: "no --base (and no --event)",
    args: async () => ["--repo", scenario.repo, "--head", scenario.head],
    stderr: () => ["--base and --head are required (or --event)", "usage: agent-provenance analyze"],
  },
  {
    name: "a base ref that does not exist",
    args: async () => ["--repo", scenario.repo, "--base", "nope", "--head", scenario.head],
    stderr: () => [/bad revision 'nope/],
  },
  {
    name: "--repo that is not a git repository",
    args: async () => {
      const plain = await mkdtemp(join(work, "not-a-repo-"));
      return ["--repo", plain, "--base", scenario.base, "--head", scenario.head];
    },
    stderr: () => [/not-a-repo-\w+ is not inside a git repository/],
  },
  {
    name: "--repo that does not exist",
    args: async () => ["--repo", join(work, "missing"), "--base", scenario.base, "--head", scenario.head],
    stderr: () => [`repository ${join(work, "missing")} does not exist`],
  },
  {
    name: "a config file with an unknown key",
    args: async () => {
      const config = await writeInput(
        inputs,
        "typo.yml",
        "policy:\n  block_on_unknown: true\n  allowed_agent: [cursor]\n",
      );
      return [...refs(), "--config", config];
    },
    stderr: () => [`${join(inputs, "typo.yml")}: policy: Unrecognized key: "allowed_agent"`],
  },
  {
    name: "a config file that is not YAML",
    args: async () => [...refs(), "--config", await writeInput(inputs, "broken.yml", "policy: [unclosed\n")],
    stderr: () => [`${join(inputs, "broken.yml")}: not valid YAML`],
  },
  {
    name: "a config file that does not exist",
    args: async () => [...refs(), "--config", join(inputs, "absent.yml")],
    stderr: () => [`${join(inputs, "absent.yml")}: cannot read configuration file`],
  },
  {
    name: "an --event file that is not JSON",
    args: async () => ["--repo", scenario.repo, "--event", await writeInput(inputs, "event.txt", "{nope")],
    stderr: () => [`${join(inputs, "event.txt")}: not valid JSON`],
  },
  {
    name: "an --event file holding a push payload",
    args: async () => [
      "--repo",
      scenario.repo,
      "--event",
      await writeInput(inputs, "push.json", pushEvent()),
    ],
    stderr: () => [`${join(inputs, "push.json")}: not a pull_request event payload`],
  },
  {
    name: "an --event payload whose head SHA is not a SHA",
    args: async () => {
      const payload = pullRequestOpened({ baseSha: scenario.base, headSha: "feature/refunds" });
      return ["--repo", scenario.repo, "--event", await writeInput(inputs, "short-sha.json", payload)];
    },
    stderr: () => [`${join(inputs, "short-sha.json")}: pull_request.head.sha: expected a full commit SHA`],
  },
  {
    name: "--engine bogus",
    args: async () => [...refs(), "--engine", "bogus"],
    stderr: () => ['--engine must be one of auto, semgrep, embedded (got "bogus")'],
  },
  {
    name: "--rules pointing at a broken rule file",
    args: async () => {
      const rules = await writeInput(
        inputs,
        "broken-rules.yml",
        "rules:\n  - id: my-broken-rule\n    message: no pattern\n    severity: ERROR\n    languages: [python]\n",
      );
      return [...refs(), "--rules", rules];
    },
    stderr: () => [`${join(inputs, "broken-rules.yml")}: rule my-broken-rule:`, "pattern"],
  },
  {
    name: "PROVENANCE_AGENT_PUBLIC_KEYS that is not JSON",
    args: async () => refs(),
    env: { PROVENANCE_AGENT_PUBLIC_KEYS: "{not json" },
    stderr: () => ["PROVENANCE_AGENT_PUBLIC_KEYS is not valid JSON"],
  },
];

describe("analyze with bad input (built CLI)", () => {
  it.each(BAD.map((c) => [c.name, c] as const))("%s: exit 2, says why, writes nothing", async (_name, c) => {
    const out = await outputTarget();
    const run = await runCli(["analyze", ...(await c.args()), "--json", out.json], cliEnv(c.env));
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/^agent-provenance analyze: /);
    for (const part of c.stderr()) {
      if (typeof part === "string") expect(run.stderr).toContain(part);
      else expect(run.stderr).toMatch(part);
    }
    expect(run.stderr).not.toContain("internal error");
    expect(run.stdout).toBe("");
    expect(await exists(out.json)).toBe(false);
    expect(await readdir(out.dir)).toEqual([]);
  });

  it("exit 2 when the report cannot be written, naming the path", async () => {
    const target = join(work, "no-such-dir", "report.json");
    const run = await runCli(["analyze", ...refs(), "--engine", "embedded", "--json", target]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot write ${target}`);
    expect(await exists(join(work, "no-such-dir"))).toBe(false);
  });
});

describe("analyze blocked by policy (built CLI)", () => {
  it("exit 1 with agent_not_allowed when agents other than the allowed one wrote lines", async () => {
    const config = await writeInput(
      inputs,
      "only-claude.yml",
      "policy:\n  block_on_unknown: false\n  allowed_agents: [claude-code]\n",
    );
    const out = await outputTarget();
    const run = await runCli([
      "analyze",
      ...refs(),
      "--config",
      config,
      "--engine",
      "embedded",
      "--json",
      out.json,
    ]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Verdict: BLOCK");
    const report = await readReport(out.json);
    expect(report.decision.verdict).toBe("block");
    const reason = report.decision.reasons.find((r) => r.code === "agent_not_allowed");
    expect(reason?.level).toBe("block");
    for (const other of ["copilot", "cursor", "aider", "devin"]) expect(reason?.message).toContain(other);
    expect(reason?.message).not.toMatch(/claude-code \(\d+ lines\)/);
    const evidencePaths = new Set(reason?.evidence.map((e) => e.path));
    expect(evidencePaths).toEqual(
      new Set([
        "README.md",
        "src/payments.py",
        "src/ui/RefundButton.tsx",
        "src/utils/currency.py",
        "tests/test_payments.py",
      ]),
    );
    expect(report.decision.reasons[0]?.level).toBe("block");
  });
});
