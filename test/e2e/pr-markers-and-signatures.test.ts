/**
 * The built CLI on small real repositories: PR-level agent markers from a real
 * `pull_request` event payload, and Ed25519 `Agent-Signature` trailers
 * (verified, forged, replayed on another tree, no key configured).
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../app/model/report.js";
import { createRepo, type FixtureRepo, type Identity } from "../../fixtures/git/fixture-repo.js";
import { commitSignedByAgent, commitWithTreeMessage } from "../../fixtures/git/signed-commit.js";
import { cliEnv, ensureBuilt, readReport, runCli, writeInput, type CliRun } from "./cli-process.js";
import { pullRequestOpened, type EventChanges } from "./pull-request-event.js";

const MAYA: Identity = { name: "Maya Chen", email: "maya@example.com" };
const PAT: Identity = { name: "Pat Doe", email: "pat@example.com" };
const DEPENDABOT: Identity = {
  name: "dependabot[bot]",
  email: "49699333+dependabot[bot]@users.noreply.github.com",
};
const GITHUB: Identity = { name: "GitHub", email: "noreply@github.com" };

const APP_BASE = "def handler(event):\n    return {'ok': True}\n";
const APP_FIX =
  "def handler(event):\n    if event is None:\n        return {'ok': False}\n    return {'ok': True}\n";
const PACKAGE_BASE = '{\n  "name": "svc",\n  "dependencies": {\n    "left-pad": "1.0.0"\n  }\n}\n';
const PACKAGE_BUMP = '{\n  "name": "svc",\n  "dependencies": {\n    "left-pad": "1.3.0"\n  }\n}\n';

let work: string;
const repos: FixtureRepo[] = [];

beforeAll(async () => {
  await ensureBuilt();
  work = await mkdtemp(join(tmpdir(), "ap-e2e-markers-"));
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await Promise.all(repos.map((r) => rm(r.dir, { recursive: true, force: true })));
});

async function newRepo(): Promise<{ repo: FixtureRepo; base: string }> {
  const repo = await createRepo();
  repos.push(repo);
  const base = await repo.commit({
    message: "Initial service",
    author: MAYA,
    files: { "src/app.py": APP_BASE, "package.json": PACKAGE_BASE },
  });
  return { repo, base };
}

let runs = 0;

async function analyze(
  repo: FixtureRepo,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ run: CliRun; report: Report | null }> {
  runs += 1;
  const json = join(work, `report-${runs}.json`);
  const run = await runCli(
    ["analyze", "--repo", repo.dir, "--engine", "embedded", ...args, "--json", json],
    cliEnv(env),
  );
  const report = run.code === 0 || run.code === 1 ? await readReport(json) : null;
  return { run, report };
}

async function analyzeEvent(
  repo: FixtureRepo,
  changes: EventChanges,
  extra: string[] = [],
): Promise<{ run: CliRun; report: Report; payload: Record<string, unknown> }> {
  const payload = pullRequestOpened(changes);
  const event = await writeInput(work, `event-${runs + 1}.json`, payload);
  const { run, report } = await analyze(repo, ["--event", event, ...extra]);
  if (report === null) throw new Error(`analyze exited ${run.code}: ${run.stderr}`);
  return { run, report, payload };
}

function rangesOf(report: Report, path: string) {
  return report.attribution.files.find((f) => f.path === path)?.ranges ?? [];
}

describe("PR-level markers from a pull_request event (built CLI)", () => {
  it("attributes a human-only PR on a codex/ branch to codex, from the pr-marker, with low confidence", async () => {
    const { repo, base } = await newRepo();
    await repo.branch("codex/fix-bug");
    const head = await repo.commit({
      message: "Handle a missing event",
      author: PAT,
      files: { "src/app.py": APP_FIX, "src/util.py": "def noop():\n    pass\n" },
    });
    const { run, report, payload } = await analyzeEvent(repo, {
      baseSha: base,
      headSha: head,
      headRef: "codex/fix-bug",
      baseRef: "main",
    });
    expect(run.code, run.stderr).toBe(0);
    expect(report).toMatchObject({ base, head });
    const pr = payload["pull_request"] as { number: number; title: string; html_url: string };
    expect(report.pullRequest).toEqual({ number: pr.number, title: pr.title, url: pr.html_url });
    expect(report.attribution.files.map((f) => f.path)).toEqual(["src/app.py", "src/util.py"]);
    for (const file of report.attribution.files) {
      for (const r of file.ranges) {
        expect(r).toMatchObject({
          agent: "codex",
          class: "agent",
          source: "pr-marker",
          confidence: "low",
          commit: head,
        });
        expect(r.evidence).toContainEqual({ kind: "branch", value: "codex/fix-bug", agent: "codex" });
      }
    }
    expect(rangesOf(report, "src/app.py").map((r) => [r.startLine, r.endLine])).toEqual([[2, 3]]);
    // The commit itself stays a human's; only the lines are claimed by the PR marker.
    expect(report.attribution.commits).toEqual([expect.objectContaining({ commit: head, class: "human" })]);
    expect(report.attribution.agents).toEqual([
      { id: "codex", lines: 4, files: 2, byConfidence: { low: 4 } },
    ]);
  });

  it("takes the agent from an agent:codex label, keeps Dependabot's commit a bot", async () => {
    const { repo, base } = await newRepo();
    await repo.branch("changes");
    const human = await repo.commit({
      message: "Handle a missing event",
      author: PAT,
      files: { "src/app.py": APP_FIX },
    });
    const bump = await repo.commit({
      message: "Bump left-pad from 1.0.0 to 1.3.0\n\nSigned-off-by: dependabot[bot] <support@github.com>",
      author: DEPENDABOT,
      committer: GITHUB,
      files: { "package.json": PACKAGE_BUMP },
    });
    const { run, report } = await analyzeEvent(repo, {
      baseSha: base,
      headSha: bump,
      headRef: "changes",
      labels: ["bug", "agent:codex"],
    });
    expect(run.code, run.stderr).toBe(0);
    expect(rangesOf(report, "src/app.py")).toEqual([
      expect.objectContaining({
        startLine: 2,
        endLine: 3,
        agent: "codex",
        class: "agent",
        source: "pr-marker",
        confidence: "low",
        commit: human,
      }),
    ]);
    expect(rangesOf(report, "src/app.py")[0]?.evidence).toContainEqual({
      kind: "label",
      value: "agent:codex",
      agent: "codex",
    });
    expect(rangesOf(report, "package.json")).toEqual([
      expect.objectContaining({ startLine: 4, endLine: 4, agent: null, class: "bot", commit: bump }),
    ]);
    expect(report.attribution).toMatchObject({ agentLines: 2, botLines: 1, humanLines: 0, unknownLines: 0 });
  });

  it("never lets a PR opened by Dependabot claim lines for an agent, whatever its labels say", async () => {
    const { repo, base } = await newRepo();
    await repo.branch("dependabot/pip/x");
    const head = await repo.commit({ message: "Fix", author: PAT, files: { "src/app.py": APP_FIX } });
    const { run, report } = await analyzeEvent(repo, {
      baseSha: base,
      headSha: head,
      headRef: "dependabot/pip/x",
      labels: ["agent:codex"],
      author: { login: "dependabot[bot]", type: "Bot" },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(rangesOf(report, "src/app.py")).toEqual([
      expect.objectContaining({ agent: null, class: "human", source: "author" }),
    ]);
  });

  it("ignores PR markers when the configuration turns them off", async () => {
    const { repo, base } = await newRepo();
    await repo.branch("codex/fix-bug");
    const head = await repo.commit({ message: "Fix", author: PAT, files: { "src/app.py": APP_FIX } });
    const config = await writeInput(work, "no-markers.yml", "attribution:\n  pr_markers: false\n");
    const { run, report } = await analyzeEvent(
      repo,
      { baseSha: base, headSha: head, headRef: "codex/fix-bug" },
      ["--config", config],
    );
    expect(run.code, run.stderr).toBe(0);
    expect(rangesOf(report, "src/app.py")).toEqual([
      expect.objectContaining({ agent: null, class: "human", source: "author", confidence: "high" }),
    ]);
  });
});

function ed25519(): { privatePem: string; publicRaw: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const spki = publicKey.export({ type: "spki", format: "der" });
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicRaw: spki.subarray(spki.length - 32).toString("base64"),
  };
}

describe("Agent-Signature trailers (built CLI)", () => {
  const acme = ed25519();
  const intruder = ed25519();
  const keysEnv = { PROVENANCE_AGENT_PUBLIC_KEYS: JSON.stringify({ "acme-bot": acme.publicRaw }) };
  const files = { "src/app.py": APP_FIX, "src/limits.py": "MAX = 10\n" };
  let repo: FixtureRepo;
  let base: string;
  let signed: string;
  let forged: string;
  let replayed: string;

  beforeAll(async () => {
    ({ repo, base } = await newRepo());
    await repo.branch("acme/signed", base);
    signed = (
      await commitSignedByAgent(
        repo,
        { message: "Add limits", author: PAT, files },
        "acme-bot",
        acme.privatePem,
      )
    ).commit;
    await repo.branch("acme/forged", base);
    forged = (
      await commitSignedByAgent(
        repo,
        { message: "Add limits", author: PAT, files },
        "acme-bot",
        intruder.privatePem,
      )
    ).commit;
    // A genuine acme-bot signature, but over another commit's tree.
    await repo.branch("acme/elsewhere", base);
    const { signature } = await commitSignedByAgent(
      repo,
      { message: "Other", author: PAT, files: { "other.txt": "x\n" } },
      "acme-bot",
      acme.privatePem,
    );
    await repo.branch("acme/replayed", base);
    replayed = (
      await commitWithTreeMessage(
        repo,
        { author: PAT, files },
        () => `Add limits\n\nAgent-Signature: acme-bot ${signature}\n`,
      )
    ).commit;
  }, 60_000);

  it("reports lines of a commit whose signature verifies as the signing agent's, confidence verified", async () => {
    const { run, report } = await analyze(repo, ["--base", base, "--head", signed], keysEnv);
    expect(run.code, run.stderr).toBe(0);
    expect(report?.attribution.files.map((f) => f.path)).toEqual(["src/app.py", "src/limits.py"]);
    for (const file of report?.attribution.files ?? []) {
      for (const r of file.ranges) {
        expect(r).toMatchObject({
          agent: "acme-bot",
          class: "agent",
          source: "signature",
          confidence: "verified",
          commit: signed,
        });
        expect(r.evidence).toContainEqual(expect.objectContaining({ kind: "signature", agent: "acme-bot" }));
      }
    }
    expect(report?.attribution.agents).toEqual([
      { id: "acme-bot", lines: 3, files: 2, byConfidence: { verified: 3 } },
    ]);
    expect(report?.decision.reasons.map((r) => r.code)).not.toContain("agent_signature_invalid");
  });

  it("accepts the key from the configuration file too", async () => {
    const config = await writeInput(
      work,
      "keys.yml",
      `attribution:\n  agent_public_keys:\n    acme-bot: "${acme.publicRaw}"\n`,
    );
    const { run, report } = await analyze(repo, ["--base", base, "--head", signed, "--config", config]);
    expect(run.code, run.stderr).toBe(0);
    expect(rangesOf(report as Report, "src/limits.py")).toEqual([
      expect.objectContaining({ agent: "acme-bot", source: "signature", confidence: "verified" }),
    ]);
  });

  it.each([
    ["signed with another key", () => forged],
    ["a real signature copied from a commit with another tree", () => replayed],
  ])("blocks a commit whose signature does not verify (%s) and grants nothing", async (_name, commitOf) => {
    const commit = commitOf();
    const { run, report } = await analyze(repo, ["--base", base, "--head", commit], keysEnv);
    expect(run.code, run.stderr).toBe(1);
    expect(report?.decision.verdict).toBe("block");
    const reason = report?.decision.reasons.find((r) => r.code === "agent_signature_invalid");
    expect(reason).toMatchObject({ level: "block", evidence: [expect.objectContaining({ commit })] });
    expect(reason?.message).toContain(`commit ${commit.slice(0, 12)}`);
    expect(reason?.message).toContain("acme-bot");
    expect(report?.decision.reasons[0]?.code).toBe("agent_signature_invalid");
    for (const file of report?.attribution.files ?? []) {
      for (const r of file.ranges) expect(r).toMatchObject({ agent: null, class: "human", source: "author" });
    }
    expect(report?.attribution.agents).toEqual([]);
    expect(report?.attribution.commits).toEqual([
      expect.objectContaining({
        commit,
        class: "human",
        invalidSignature: expect.objectContaining({ agent: "acme-bot" }),
      }),
    ]);
  });

  it("only warns about a forged signature when policy.invalid_signature is warn", async () => {
    const config = await writeInput(work, "warn-sig.yml", "policy:\n  invalid_signature: warn\n");
    const { run, report } = await analyze(
      repo,
      ["--base", base, "--head", forged, "--config", config],
      keysEnv,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(report?.decision.verdict).toBe("warn");
    expect(report?.decision.reasons.find((r) => r.code === "agent_signature_invalid")?.level).toBe("warn");
  });

  it("without a configured key: not verified, the trailer kept as unverified evidence, no block", async () => {
    for (const commit of [signed, forged]) {
      const { run, report } = await analyze(repo, ["--base", base, "--head", commit]);
      expect(run.code, run.stderr).toBe(0);
      expect(report?.decision.verdict).not.toBe("block");
      expect(report?.decision.reasons.map((r) => r.code)).not.toContain("agent_signature_invalid");
      for (const file of report?.attribution.files ?? []) {
        for (const r of file.ranges) {
          expect(r).toMatchObject({ agent: null, class: "human", source: "author", commit });
          expect(r.confidence).not.toBe("verified");
          expect(r.evidence).toContainEqual(
            expect.objectContaining({ kind: "signature-unverified", agent: "acme-bot" }),
          );
        }
      }
      expect(report?.attribution.commits[0]?.invalidSignature).toBeNull();
    }
  });
});
