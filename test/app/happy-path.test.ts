/**
 * The App driven through Probot with real (adapted) webhook payloads; GitHub
 * answered by nock; every check-run body validated against GitHub's OpenAPI
 * description.
 */
import { afterEach, describe, expect, it } from "vitest";
import { pullRequestEvent, reviewEvent } from "../../fixtures/webhooks/payloads.js";
import { appEnv, createHarness } from "./helpers/app-harness.js";
import { GitHubNock, resetNock } from "./helpers/github-nock.js";
import { scenarioSource } from "./helpers/scenario-source.js";
import { makeSnapshot, riskyPython, SAFE_PYTHON, type FileSpec } from "./helpers/snapshot.js";

const HEAD = "a".repeat(40);

interface Completion {
  status?: string;
  conclusion?: string;
  output: {
    title: string;
    summary: string;
    text?: string;
    annotations?: Array<{
      path: string;
      start_line: number;
      end_line: number;
      annotation_level: string;
      message: string;
    }>;
  };
  actions?: Array<{ label: string; identifier: string; description: string }>;
}

function source(files: FileSpec[], over: { draft?: boolean } = {}) {
  return scenarioSource({
    snapshot: (n) => makeSnapshot({ number: n, head: HEAD, files, ...over }),
    contents: Object.fromEntries(files.map((f) => [f.path, f.content])),
  });
}

afterEach(() => resetNock());

describe("pull_request events → one check run, created in progress and completed with the verdict", () => {
  it("allow → success: summary with the agents table, coverage, review-signal status and the Re-run button", async () => {
    const files: FileSpec[] = [
      { path: "src/calc.py", content: SAFE_PYTHON, by: "agent" },
      { path: "src/util.py", content: "X = 1\n", by: "human" },
    ];
    const gh = new GitHubNock().createCheckRun(11).pullRequest(5).config(null).updateCheckRun(11);
    const h = await createHarness({ source: source(files) });
    await h.deliver("pull_request", pullRequestEvent({ action: "opened", number: 5, headSha: HEAD }));

    const writes = gh.checkRunWrites();
    expect(writes.map((w) => w.method)).toEqual(["POST", "PATCH"]);
    expect(writes[0]?.body).toMatchObject({
      name: "agent-provenance",
      head_sha: HEAD,
      status: "in_progress",
      external_id: "pr:5",
      output: { title: expect.stringContaining("Analysing") },
    });
    const done = writes[1]?.body as Completion;
    expect(done.status).toBe("completed");
    expect(done.conclusion).toBe("success");
    expect(done.output.title).toMatch(/^Allowed · claude-code wrote 67% of 3 added lines/);
    const summary = done.output.summary;
    expect(summary).toContain("## ✓ Allowed");
    expect(summary).toContain("| agent: claude-code | 2 | 1 | 66.7% | medium 2 |");
    expect(summary).toContain("| human | 1 | | 33.3% | |");
    expect(summary).toContain("**Coverage:** 100.0% of 3 added lines");
    expect(summary).toContain("### Review signals");
    expect(summary).toContain("Not computed");
    expect(done.output.text).toContain(
      `[L1–2](https://github.com/Codertocat/Hello-World/blob/${HEAD}/src/calc.py#L1-L2) **claude-code** (trailer, medium)`,
    );
    expect(done.actions).toEqual([
      { label: "Re-run", description: "Analyse this pull request again", identifier: "rerun" },
    ]);
    gh.assertDone();
    await gh.assertValidRequests();
    expect(h.log.find("info", "check run 11 completed: success")).toHaveLength(1);
  });

  it("block → failure: findings annotated on their exact added lines, listed by severity and agent with links at head", async () => {
    const files: FileSpec[] = [{ path: "app/run.py", content: riskyPython(2), by: "agent" }];
    const gh = new GitHubNock().createCheckRun(12).pullRequest(6).config(null).updateCheckRun(12);
    const h = await createHarness({ source: source(files) });
    await h.deliver("pull_request", pullRequestEvent({ action: "synchronize", number: 6, headSha: HEAD }));

    const done = gh.checkRunWrites()[1]?.body as Completion;
    expect(done.conclusion).toBe("failure");
    expect(done.output.title).toMatch(
      /^Blocked · 1 blocking reason · claude-code wrote 100% of 3 added lines · 2 findings/,
    );
    expect(done.output.annotations).toEqual([
      expect.objectContaining({
        path: "app/run.py",
        start_line: 2,
        end_line: 2,
        annotation_level: "failure",
      }),
      expect.objectContaining({
        path: "app/run.py",
        start_line: 3,
        end_line: 3,
        annotation_level: "failure",
      }),
    ]);
    expect(done.output.annotations?.[0]?.message).toContain("Written by agent claude-code");
    const summary = done.output.summary;
    expect(summary).toContain("## ✖ Blocked");
    expect(summary).toContain("✖ **block** `risky_code`");
    expect(summary).toContain("| severity | claude-code | total |");
    expect(summary).toContain("| error | 2 | 2 |");
    expect(summary).toContain(
      `[app/run.py:2](https://github.com/Codertocat/Hello-World/blob/${HEAD}/app/run.py#L2)`,
    );
    expect(summary).toContain("**Annotations:** 2 annotations on the changed lines.");
    await gh.assertValidRequests();
  });

  it("warn → neutral, from a policy in .github/agent-provenance.yml on the default branch", async () => {
    const files: FileSpec[] = [{ path: "src/calc.py", content: SAFE_PYTHON, by: "agent" }];
    const gh = new GitHubNock()
      .createCheckRun(13)
      .pullRequest(7)
      .config("policy:\n  warn:\n    agent_share: 0.5\n")
      .updateCheckRun(13);
    const h = await createHarness({ source: source(files) });
    await h.deliver("pull_request", pullRequestEvent({ action: "reopened", number: 7, headSha: HEAD }));
    const done = gh.checkRunWrites()[1]?.body as Completion;
    expect(done.conclusion).toBe("neutral");
    expect(done.output.summary).toContain("⚠ **warn** `agent_share_over_threshold`");
    // The file is read without a ref: GitHub serves the default branch, never the pull request's head.
    const configRead = gh.sent("GET", "agent-provenance.yml")[0];
    expect(configRead?.path).not.toMatch(/[?&]ref=/);
    await gh.assertValidRequests();
  });

  it("maps verdicts to conclusions as configured (check_run.conclusions) and annotates agent spans when asked", async () => {
    const files: FileSpec[] = [{ path: "src/calc.py", content: SAFE_PYTHON, by: "agent" }];
    const gh = new GitHubNock()
      .createCheckRun(14)
      .pullRequest(8)
      .config(
        "policy:\n  warn: { agent_share: 0.5 }\ncheck_run:\n  conclusions: { warn: failure }\n  agent_annotations: true\n",
      )
      .updateCheckRun(14);
    const h = await createHarness({ source: source(files) });
    await h.deliver(
      "pull_request",
      pullRequestEvent({ action: "ready_for_review", number: 8, headSha: HEAD }),
    );
    const done = gh.checkRunWrites()[1]?.body as Completion;
    expect(done.conclusion).toBe("failure");
    expect(done.output.annotations).toEqual([
      expect.objectContaining({
        path: "src/calc.py",
        start_line: 1,
        end_line: 2,
        annotation_level: "notice",
        title: "Written by claude-code",
      }),
    ]);
    await gh.assertValidRequests();
  });

  it("more than 50 findings: the first 50 annotations complete the run, further PATCHes append the rest", async () => {
    const files: FileSpec[] = [{ path: "app/run.py", content: riskyPython(130), by: "agent" }];
    const gh = new GitHubNock().createCheckRun(15).pullRequest(9).config(null).updateCheckRun(15, 3);
    const h = await createHarness({ source: source(files) });
    await h.deliver("pull_request", pullRequestEvent({ action: "opened", number: 9, headSha: HEAD }));

    const patches = gh.sent("PATCH", "/check-runs/15").map((c) => c.body as Completion);
    expect(patches.map((p) => p.output.annotations?.length)).toEqual([50, 50, 30]);
    expect(patches[0]?.conclusion).toBe("failure");
    expect(patches[1]?.conclusion).toBeUndefined();
    expect(patches[1]?.status).toBeUndefined();
    const lines = patches.flatMap((p) => p.output.annotations ?? []).map((a) => a.start_line);
    expect(lines).toEqual(Array.from({ length: 130 }, (_, i) => i + 2));
    expect(patches[0]?.output.summary).toContain("… showing 100 of 130 findings here");
    expect(patches[0]?.output.summary).toContain("**Annotations:** 130 annotations on the changed lines.");
    gh.assertDone();
    await gh.assertValidRequests();
  });

  it("binary files are not scanned and the summary says so", async () => {
    const files: FileSpec[] = [
      { path: "assets/logo.png", content: "", by: "agent", binary: true },
      { path: "src/calc.py", content: SAFE_PYTHON, by: "human" },
    ];
    const gh = new GitHubNock().createCheckRun(16).pullRequest(10).config(null).updateCheckRun(16);
    const h = await createHarness({ source: source(files) });
    await h.deliver("pull_request", pullRequestEvent({ action: "opened", number: 10, headSha: HEAD }));
    const done = gh.checkRunWrites()[1]?.body as Completion;
    expect(done.conclusion).toBe("success");
    expect(done.output.summary).toContain("Not scanned: assets/logo.png (binary).");
    expect(done.output.annotations).toBeUndefined();
    await gh.assertValidRequests();
  });

  it("a draft pull request is analysed and marked as a draft", async () => {
    const files: FileSpec[] = [{ path: "src/calc.py", content: SAFE_PYTHON, by: "agent" }];
    const gh = new GitHubNock().createCheckRun(17).pullRequest(11).config(null).updateCheckRun(17);
    const h = await createHarness({ source: source(files, { draft: true }) });
    await h.deliver(
      "pull_request",
      pullRequestEvent({ action: "opened", number: 11, headSha: HEAD, draft: true }),
    );
    const done = gh.checkRunWrites()[1]?.body as Completion;
    expect(done.output.title).toMatch(/^Allowed \(draft\)/);
    expect(done.output.summary).toContain("## ✓ Allowed (draft pull request)");
    await gh.assertValidRequests();
  });

  it("a review re-runs the analysis of the same head", async () => {
    const files: FileSpec[] = [{ path: "src/calc.py", content: SAFE_PYTHON, by: "agent" }];
    const gh = new GitHubNock().createCheckRun(18).pullRequest(12).config(null).updateCheckRun(18);
    const h = await createHarness({ source: source(files) });
    await h.deliver("pull_request_review", reviewEvent({ action: "submitted", number: 12, headSha: HEAD }));
    expect(gh.checkRunWrites().map((w) => w.method)).toEqual(["POST", "PATCH"]);
    await gh.assertValidRequests();
  });

  it("the webhook is acknowledged before the analysis ends", async () => {
    const files: FileSpec[] = [{ path: "src/calc.py", content: SAFE_PYTHON, by: "agent" }];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const gh = new GitHubNock().createCheckRun(19).pullRequest(13).config(null).updateCheckRun(19);
    const h = await createHarness({
      source: scenarioSource({
        snapshot: async (n) => {
          await gate;
          return makeSnapshot({ number: n, head: HEAD, files });
        },
        contents: { "src/calc.py": SAFE_PYTHON },
      }),
    });
    await h.receive("pull_request", pullRequestEvent({ action: "opened", number: 13, headSha: HEAD }));
    expect(h.provenance.runtime.pending.size).toBe(1);
    release();
    await h.provenance.runtime.pending.idle();
    expect(gh.checkRunWrites().map((w) => w.method)).toEqual(["POST", "PATCH"]);
  });

  it("a redelivered webhook (same delivery id) and a duplicate push trigger start nothing new", async () => {
    const files: FileSpec[] = [{ path: "src/calc.py", content: SAFE_PYTHON, by: "agent" }];
    const gh = new GitHubNock().createCheckRun(20).pullRequest(14).config(null).updateCheckRun(20);
    const h = await createHarness({ source: source(files) });
    const payload = pullRequestEvent({ action: "synchronize", number: 14, headSha: HEAD });
    await h.probot.receive({ id: "same-id", name: "pull_request", payload } as Parameters<
      typeof h.probot.receive
    >[0]);
    await h.probot.receive({ id: "same-id", name: "pull_request", payload } as Parameters<
      typeof h.probot.receive
    >[0]);
    await h.deliver("pull_request", pullRequestEvent({ action: "opened", number: 14, headSha: HEAD }));
    await h.provenance.runtime.pending.idle();
    expect(gh.checkRunWrites().map((w) => w.method)).toEqual(["POST", "PATCH"]);
    expect(h.log.find("info", "redelivery")).toHaveLength(1);
  });

  it("dry run: the publisher logs the check run it would write and sends nothing", async () => {
    const files: FileSpec[] = [{ path: "src/calc.py", content: SAFE_PYTHON, by: "agent" }];
    const gh = new GitHubNock().pullRequest(15).config(null);
    const h = await createHarness({ source: source(files), dryRun: true });
    await h.deliver("pull_request", pullRequestEvent({ action: "opened", number: 15, headSha: HEAD }));
    expect(gh.checkRunWrites()).toEqual([]);
    const logged = h.log.find("info", "dry run: would");
    expect(logged.map((e) => e.message)).toEqual([
      "dry run: would create the check run",
      "dry run: would update the check run",
    ]);
    expect(logged[1]?.fields["body"]).toMatchObject({ conclusion: "success" });
  });
});

describe("GitHub Enterprise Server", () => {
  it("GHE_HOST / GHE_PROTOCOL: every call goes to <protocol>://<host>/api/v3, links use the repository's own address", async () => {
    const files: FileSpec[] = [{ path: "src/calc.py", content: SAFE_PYTHON, by: "agent" }];
    const gh = new GitHubNock("http://ghe.example.test", "/api/v3")
      .createCheckRun(91)
      .pullRequest(16)
      .config(null)
      .updateCheckRun(91);
    const h = await createHarness(
      { source: source(files) },
      appEnv({ GHE_HOST: "ghe.example.test", GHE_PROTOCOL: "http" }),
    );
    const payload = pullRequestEvent({ action: "opened", number: 16, headSha: HEAD });
    (payload["repository"] as Record<string, unknown>)["html_url"] =
      "http://ghe.example.test/Codertocat/Hello-World";
    await h.deliver("pull_request", payload);
    expect(gh.calls.every((c) => c.path.startsWith("/api/v3/"))).toBe(true);
    const done = gh.checkRunWrites()[1]?.body as Completion;
    expect(done.conclusion).toBe("success");
    expect(done.output.text).toContain(
      `http://ghe.example.test/Codertocat/Hello-World/blob/${HEAD}/src/calc.py`,
    );
    gh.assertDone();
    await gh.assertValidRequests();
  });
});
