/**
 * Every failure completes the check run with a clear reason — GitHub errors,
 * rate limits, a broken configuration, a source that throws, an engine that
 * fails or crashes, a timeout, a refused update — and nothing stays
 * in progress. The only exception: GitHub refusing to create the run (then it
 * is logged, and nothing crashes).
 */
import { chmod, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { pullRequestEvent } from "../../fixtures/webhooks/payloads.js";
import { appEnv, createHarness } from "./helpers/app-harness.js";
import { GitHubNock, REPO_PATH, resetNock } from "./helpers/github-nock.js";
import { scenarioSource } from "./helpers/scenario-source.js";
import { makeSnapshot, riskyPython, SAFE_PYTHON, type FileSpec } from "./helpers/snapshot.js";

const HEAD = "f".repeat(40);
const FILES: FileSpec[] = [{ path: "src/calc.py", content: SAFE_PYTHON, by: "agent" }];

interface Completion {
  status?: string;
  conclusion?: string;
  output: { title: string; summary: string };
  actions?: unknown[];
}

function source(files = FILES, delayMs = 0) {
  return scenarioSource({
    snapshot: async (n) => {
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      return makeSnapshot({ number: n, head: HEAD, files });
    },
    contents: Object.fromEntries(files.map((f) => [f.path, f.content])),
  });
}

function opened(number = 3) {
  return pullRequestEvent({ action: "opened", number, headSha: HEAD });
}

afterEach(() => resetNock());

describe("GitHub errors", () => {
  it("403 on creating the check run (missing checks: write): logged, no crash, nothing else sent", async () => {
    const gh = new GitHubNock().createCheckRun(0, 403, {
      message: "Resource not accessible by integration",
      documentation_url: "https://docs.github.com/rest/checks/runs#create-a-check-run",
    });
    const h = await createHarness({ source: source() });
    await h.deliver("pull_request", opened());
    const logged = h.log.find("error", "cannot create the check run: forbidden");
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toContain("checks: write");
    expect(gh.calls.map((c) => c.method)).toEqual(["POST"]);
    gh.assertDone();
  });

  it("502 then success on create: retried, then completed", async () => {
    const gh = new GitHubNock()
      .createCheckRun(0, 502, { message: "Bad Gateway" })
      .createCheckRun(51)
      .pullRequest(3)
      .config(null)
      .updateCheckRun(51);
    const h = await createHarness({ source: source() });
    await h.deliver("pull_request", opened());
    expect(gh.checkRunWrites().map((w) => w.method)).toEqual(["POST", "POST", "PATCH"]);
    expect((gh.sent("PATCH", "/check-runs/51")[0]?.body as Completion).conclusion).toBe("success");
    gh.assertDone();
    await gh.assertValidRequests();
  });

  it("secondary rate limit with retry-after on create: waited out and retried (Probot's throttling), then completed", async () => {
    const gh = new GitHubNock()
      .createCheckRun(
        0,
        403,
        {
          message:
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        },
        { "retry-after": "1" },
      )
      .createCheckRun(52)
      .pullRequest(3)
      .config(null)
      .updateCheckRun(52);
    const h = await createHarness({ source: source() });
    await h.deliver("pull_request", opened());
    expect((gh.sent("PATCH", "/check-runs/52")[0]?.body as Completion).conclusion).toBe("success");
    expect(
      h.log.find("warn", /secondary rate limit hit by POST .*check-runs; retry 1 of 3 in 1 s/),
    ).toHaveLength(1);
    gh.assertDone();
  });

  it("429 with retry-after on the completing PATCH: retried, then completed", async () => {
    const gh = new GitHubNock().createCheckRun(53).pullRequest(3).config(null);
    gh.scope
      .patch(`${REPO_PATH}/check-runs/53`)
      .reply(429, { message: "Too many requests" }, { "retry-after": "0" });
    gh.updateCheckRun(53);
    const h = await createHarness({ source: source() });
    await h.deliver("pull_request", opened());
    const patches = gh.sent("PATCH", "/check-runs/53");
    expect(patches).toHaveLength(2);
    expect((patches[1]?.body as Completion).conclusion).toBe("success");
    gh.assertDone();
  });

  it("the source throws (pull request not readable): failure naming the GitHub error", async () => {
    const gh = new GitHubNock().createCheckRun(54).pullRequest(3, 404).config(null).updateCheckRun(54);
    const h = await createHarness({ source: source() });
    await h.deliver("pull_request", opened());
    const done = gh.checkRunWrites()[1]?.body as Completion;
    expect(done.conclusion).toBe("failure");
    expect(done.output.title).toBe("GitHub API error (HTTP 404)");
    expect(done.output.summary).toContain("GET /repos/{owner}/{repo}/pulls/{pull\\_number} failed: HTTP 404");
    expect(done.actions).toEqual([expect.objectContaining({ identifier: "rerun" })]);
    expect(h.log.find("error", "analysis failed")).toHaveLength(1);
    await gh.assertValidRequests();
  });

  it("the completing PATCH is refused once (422): the run is completed with that reason instead", async () => {
    const gh = new GitHubNock().createCheckRun(55).pullRequest(3).config(null);
    gh.updateCheckRun(55, 1, 422, { message: "Validation Failed" }).updateCheckRun(55);
    const h = await createHarness({ source: source() });
    await h.deliver("pull_request", opened());
    const patches = gh.sent("PATCH", "/check-runs/55").map((c) => c.body as Completion);
    expect(patches).toHaveLength(2);
    expect(patches[1]?.conclusion).toBe("failure");
    expect(patches[1]?.output.title).toBe("Could not publish the report");
    expect(patches[1]?.output.summary).toContain("HTTP 422");
    gh.assertDone();
    await gh.assertValidRequests();
  });

  it("the completing PATCH fails once with 500: retried by the client, the report is published", async () => {
    const gh = new GitHubNock().createCheckRun(56).pullRequest(3).config(null);
    gh.updateCheckRun(56, 1, 500).updateCheckRun(56);
    const h = await createHarness({ source: source() });
    await h.deliver("pull_request", opened());
    const patches = gh.sent("PATCH", "/check-runs/56").map((c) => c.body as Completion);
    expect(patches.map((p) => p.conclusion)).toEqual(["success", "success"]);
    gh.assertDone();
  });

  it("GitHub refuses every update: the one case a run stays in progress, and the log says so", async () => {
    const gh = new GitHubNock().createCheckRun(57).pullRequest(3).config(null);
    gh.updateCheckRun(57, 2, 422, { message: "Validation Failed" });
    const h = await createHarness({ source: source() });
    await h.deliver("pull_request", opened());
    expect(h.log.find("error", "could not be completed and stays in progress")).toHaveLength(1);
    gh.assertDone();
  });
});

describe("configuration", () => {
  it("a broken configuration fails the check with the file, the key and the reason", async () => {
    const gh = new GitHubNock()
      .createCheckRun(61)
      .config("policy:\n  blok_on_unknown: true\n  warn:\n    unknown_share: 2\n")
      .updateCheckRun(61);
    const h = await createHarness({ source: source() });
    await h.deliver("pull_request", opened());
    const done = gh.checkRunWrites()[1]?.body as Completion;
    expect(done.conclusion).toBe("failure");
    expect(done.output.title).toMatch(
      /^Configuration error: \.github\/agent-provenance\.yml \(default branch of Codertocat\/Hello-World\): /,
    );
    const summary = done.output.summary;
    expect(summary).toContain(
      '.github/agent-provenance.yml (default branch of Codertocat/Hello-World): policy: Unrecognized key: "blok\\_on\\_unknown"',
    );
    expect(summary).toContain("policy.warn.unknown\\_share: Too big");
    expect(summary).toContain("Fix the file on the default branch");
    // The pull request itself was never read: configuration comes first.
    expect(gh.sent("GET", "/pulls/")).toEqual([]);
    await gh.assertValidRequests();
  });

  it("configuration that is not YAML fails the check too", async () => {
    const gh = new GitHubNock().createCheckRun(62).config("policy: [unclosed\n").updateCheckRun(62);
    const h = await createHarness({ source: source() });
    await h.deliver("pull_request", opened());
    const done = gh.checkRunWrites()[1]?.body as Completion;
    expect(done.conclusion).toBe("failure");
    expect(done.output.summary).toContain("invalid YAML");
  });

  it("no configuration anywhere (repository nor organisation .github): the defaults", async () => {
    const gh = new GitHubNock().createCheckRun(63).pullRequest(3).config(null).updateCheckRun(63);
    const h = await createHarness({
      source: source([{ path: "app/run.py", content: riskyPython(1), by: "agent" }]),
    });
    await h.deliver("pull_request", opened());
    // Defaults: an error-level finding blocks.
    expect((gh.checkRunWrites()[1]?.body as Completion).conclusion).toBe("failure");
    expect(gh.sent("GET", "/repos/Codertocat/.github/")).toHaveLength(1);
    gh.assertDone();
  });
});

describe("engine and time", () => {
  it("the engine fails (semgrep exits 2): detection failed blocks by default, with the engine's reason", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fake-semgrep-"));
    const bin = join(dir, "semgrep");
    await writeFile(bin, '#!/bin/sh\necho "semgrep: out of cheese" >&2\nexit 2\n');
    await chmod(bin, 0o755);
    const env = appEnv({ PATH: `${dir}:${process.env["PATH"] ?? ""}` });
    const gh = new GitHubNock().createCheckRun(71).pullRequest(3).config(null).updateCheckRun(71);
    const h = await createHarness({ source: source(), engine: "semgrep" }, env);
    await h.deliver("pull_request", opened());
    const done = gh.checkRunWrites()[1]?.body as Completion;
    expect(done.conclusion).toBe("failure");
    expect(done.output.summary).toContain("`detection_failed`");
    expect(done.output.summary).toContain("**Detection failed**");
    expect(done.output.summary).toContain("out of cheese");
    await gh.assertValidRequests();
  });

  it("the engine crashes (a custom detector module that cannot load): failure with the error", async () => {
    const env = appEnv({ PROVENANCE_DETECTOR_MODULE_PATHS: "/nonexistent/detector.mjs" });
    const gh = new GitHubNock().createCheckRun(72).pullRequest(3).config(null).updateCheckRun(72);
    const h = await createHarness({ source: source() }, env);
    await h.deliver("pull_request", opened());
    const done = gh.checkRunWrites()[1]?.body as Completion;
    expect(done.conclusion).toBe("failure");
    expect(done.output.title).toBe(
      "Analysis failed: BAD_DETECTOR: PROVENANCE_DETECTOR_MODULE_PATHS: /nonexistent/detector.mjs: no such file",
    );
    expect(done.output.summary).toContain("this is not a passing result");
  });

  it("an analysis over the time limit ends timed_out", async () => {
    const gh = new GitHubNock().createCheckRun(73).pullRequest(3).config(null).updateCheckRun(73);
    const h = await createHarness({ source: source(FILES, 1_500), timeoutMs: 200 });
    await h.deliver("pull_request", opened());
    const done = gh.checkRunWrites()[1]?.body as Completion;
    expect(done.conclusion).toBe("timed_out");
    expect(done.output.title).toBe("Timed out: the analysis did not finish within 200 ms");
    await gh.assertValidRequests();
  });
});
