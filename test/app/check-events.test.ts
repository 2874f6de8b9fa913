/**
 * check_suite and check_run events, fork pull requests (no `pull_requests` in
 * the payload: the App finds the pull request by head SHA), and a newer push
 * superseding an analysis in flight.
 */
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { checkRunEvent, checkSuiteEvent, pullRequestEvent } from "../../fixtures/webhooks/payloads.js";
import type { PullRequestSnapshot } from "../../app/model/snapshot.js";
import { createHarness } from "./helpers/app-harness.js";
import { GitHubNock, REPO_PATH, resetNock } from "./helpers/github-nock.js";
import { scenarioSource } from "./helpers/scenario-source.js";
import { makeSnapshot, SAFE_PYTHON, type FileSpec } from "./helpers/snapshot.js";

const HEAD = "c".repeat(40);
const NEWER = "d".repeat(40);
const FILES: FileSpec[] = [{ path: "src/calc.py", content: SAFE_PYTHON, by: "agent" }];
const CONTENTS = { "src/calc.py": SAFE_PYTHON };

interface Completion {
  conclusion?: string;
  output: { title: string; summary: string };
}

function source(head = HEAD) {
  return scenarioSource({
    snapshot: (n) => makeSnapshot({ number: n, head, files: FILES }),
    contents: CONTENTS,
  });
}

afterEach(() => resetNock());

describe("check_run and check_suite events", () => {
  it("check_run.rerequested: a new check run at the same head SHA, for the pull request the event names", async () => {
    const gh = new GitHubNock().createCheckRun(31).pullRequest(4).config(null).updateCheckRun(31);
    const h = await createHarness({ source: source() });
    await h.deliver("check_run", checkRunEvent({ action: "rerequested", headSha: HEAD, pullRequests: [4] }));
    const writes = gh.checkRunWrites();
    expect(writes.map((w) => w.method)).toEqual(["POST", "PATCH"]);
    expect(writes[0]?.body).toMatchObject({ head_sha: HEAD, external_id: "pr:4" });
    expect((writes[1]?.body as Completion).conclusion).toBe("success");
    await gh.assertValidRequests();
  });

  it("check_run.requested_action 'rerun' (the Re-run button) analyses again; other buttons and other apps' runs are ignored", async () => {
    const gh = new GitHubNock().createCheckRun(32).pullRequest(4).config(null).updateCheckRun(32);
    const h = await createHarness({ source: source() });
    await h.deliver(
      "check_run",
      checkRunEvent({ action: "requested_action", headSha: HEAD, pullRequests: [4], identifier: "other" }),
    );
    await h.deliver(
      "check_run",
      checkRunEvent({ action: "rerequested", headSha: HEAD, pullRequests: [4], name: "some other check" }),
    );
    expect(gh.calls).toEqual([]);
    await h.deliver(
      "check_run",
      checkRunEvent({ action: "requested_action", headSha: HEAD, pullRequests: [4], identifier: "rerun" }),
    );
    expect(gh.checkRunWrites().map((w) => w.method)).toEqual(["POST", "PATCH"]);
    await gh.assertValidRequests();
  });

  it("fork pull request: check_run.pull_requests is empty, so the run is keyed on the head SHA and the PR found by it", async () => {
    const gh = new GitHubNock().createCheckRun(33).pullRequest(21).config(null).updateCheckRun(33);
    // The fork's head commit is not in the base repository's history: GitHub answers 422 there,
    // and the open pull requests list names it.
    gh.scope
      .get(`${REPO_PATH}/commits/${HEAD}/pulls`)
      .query(true)
      .reply(422, { message: `No commit found for SHA: ${HEAD}` });
    gh.scope
      .get(`${REPO_PATH}/pulls`)
      .query({ state: "open", per_page: "100", page: "1" })
      .reply(200, [
        {
          number: 20,
          state: "open",
          head: { sha: "e".repeat(40) },
          base: { repo: { full_name: "Codertocat/Hello-World" } },
        },
        {
          number: 21,
          state: "open",
          head: { sha: HEAD },
          base: { repo: { full_name: "Codertocat/Hello-World" } },
        },
      ]);
    const h = await createHarness({ source: source() });
    await h.deliver("check_run", checkRunEvent({ action: "rerequested", headSha: HEAD, pullRequests: [] }));
    const writes = gh.checkRunWrites();
    expect(writes[0]?.body).toMatchObject({ head_sha: HEAD });
    expect((writes[0]?.body as Record<string, unknown>)["external_id"]).toBeUndefined();
    expect((writes[1]?.body as Completion).output.summary).toContain("Pull request #21");
    gh.assertDone();
    await gh.assertValidRequests();
  });

  it("fork pull request re-run: the run's external_id names the pull request, no lookup needed", async () => {
    const gh = new GitHubNock().createCheckRun(34).pullRequest(21).config(null).updateCheckRun(34);
    const h = await createHarness({ source: source() });
    await h.deliver(
      "check_run",
      checkRunEvent({ action: "requested_action", headSha: HEAD, pullRequests: [], externalId: "pr:21" }),
    );
    expect(gh.checkRunWrites()[0]?.body).toMatchObject({ head_sha: HEAD, external_id: "pr:21" });
    gh.assertDone();
  });

  it("a fork pull request's pull_request event carries its number: analysed like any other", async () => {
    const gh = new GitHubNock().createCheckRun(35).pullRequest(22).config(null).updateCheckRun(35);
    const h = await createHarness({ source: source() });
    await h.deliver(
      "pull_request",
      pullRequestEvent({ action: "opened", number: 22, headSha: HEAD, fork: true }),
    );
    expect(gh.checkRunWrites()[0]?.body).toMatchObject({ head_sha: HEAD, external_id: "pr:22" });
    expect((gh.checkRunWrites()[1]?.body as Completion).conclusion).toBe("success");
  });

  it("re-run of a commit no open pull request has as head: completed neutral with the reason", async () => {
    const gh = new GitHubNock().createCheckRun(36).updateCheckRun(36);
    gh.scope.get(`${REPO_PATH}/commits/${HEAD}/pulls`).query(true).reply(200, []);
    gh.scope.get(`${REPO_PATH}/pulls`).query(true).reply(200, []);
    const h = await createHarness({ source: source() });
    await h.deliver("check_run", checkRunEvent({ action: "rerequested", headSha: HEAD, pullRequests: [] }));
    const done = gh.checkRunWrites()[1]?.body as Completion;
    expect(done.conclusion).toBe("neutral");
    expect(done.output.summary).toContain(`has ${HEAD} as its head commit`);
    await gh.assertValidRequests();
  });

  it("check_suite.requested for a push without an open pull request stays silent", async () => {
    const gh = new GitHubNock();
    gh.scope.get(`${REPO_PATH}/commits/${HEAD}/pulls`).query(true).reply(200, []);
    gh.scope.get(`${REPO_PATH}/pulls`).query(true).reply(200, []);
    const h = await createHarness({ source: source() });
    await h.deliver("check_suite", checkSuiteEvent({ action: "requested", headSha: HEAD, pullRequests: [] }));
    expect(gh.checkRunWrites()).toEqual([]);
    gh.assertDone();
  });

  it("check_suite.requested and pull_request.synchronize for the same push make one check run", async () => {
    const gh = new GitHubNock().createCheckRun(37).pullRequest(4).config(null).updateCheckRun(37);
    const h = await createHarness({ source: source() });
    await h.deliver(
      "check_suite",
      checkSuiteEvent({ action: "requested", headSha: HEAD, pullRequests: [4] }),
    );
    await h.deliver("pull_request", pullRequestEvent({ action: "synchronize", number: 4, headSha: HEAD }));
    expect(gh.checkRunWrites().map((w) => w.method)).toEqual(["POST", "PATCH"]);
    gh.assertDone();
  });

  it("check_suite.rerequested always analyses again", async () => {
    const gh = new GitHubNock().createCheckRun(38).pullRequest(4).config(null).updateCheckRun(38);
    gh.createCheckRun(39).pullRequest(4).config(null).updateCheckRun(39);
    const h = await createHarness({ source: source() });
    await h.deliver("pull_request", pullRequestEvent({ action: "opened", number: 4, headSha: HEAD }));
    await h.deliver(
      "check_suite",
      checkSuiteEvent({ action: "rerequested", headSha: HEAD, pullRequests: [4] }),
    );
    expect(gh.checkRunWrites().map((w) => w.method)).toEqual(["POST", "PATCH", "POST", "PATCH"]);
    gh.assertDone();
  });
});

describe("a newer push supersedes the analysis in flight", () => {
  it("the older check run ends cancelled, 'superseded by <sha>'; the newer one completes", async () => {
    let releaseFirst: () => void = () => undefined;
    const firstGate = new Promise<void>((r) => (releaseFirst = r));
    let snapshotAsked: () => void = () => undefined;
    const firstAsked = new Promise<void>((r) => (snapshotAsked = r));
    let calls = 0;
    const gh = new GitHubNock()
      .createCheckRun(41)
      .createCheckRun(42)
      .pullRequest(4, 200, 2)
      .config(null)
      .config(null);
    gh.updateCheckRun(41).updateCheckRun(42);
    const h = await createHarness({
      source: scenarioSource({
        snapshot: async (n): Promise<PullRequestSnapshot> => {
          calls += 1;
          if (calls === 1) {
            snapshotAsked();
            await firstGate;
            return makeSnapshot({ number: n, head: HEAD, files: FILES });
          }
          return makeSnapshot({ number: n, head: NEWER, files: FILES });
        },
        contents: CONTENTS,
      }),
    });
    await h.receive("pull_request", pullRequestEvent({ action: "opened", number: 4, headSha: HEAD }));
    await firstAsked;
    await h.receive("pull_request", pullRequestEvent({ action: "synchronize", number: 4, headSha: NEWER }));
    await h.provenance.runtime.pending.idle();
    releaseFirst();

    const first = gh.sent("PATCH", "/check-runs/41")[0]?.body as Completion;
    expect(first.conclusion).toBe("cancelled");
    expect(first.output.title).toBe(`Cancelled: superseded by ${NEWER}`);
    expect(first.output.summary).toContain(`superseded by ${NEWER}`);
    const second = gh.sent("PATCH", "/check-runs/42")[0]?.body as Completion;
    expect(second.conclusion).toBe("success");
    expect(gh.sent("POST", "/check-runs").map((c) => (c.body as { head_sha: string }).head_sha)).toEqual([
      HEAD,
      NEWER,
    ]);
    gh.assertDone();
    await gh.assertValidRequests();
  });

  it("a push that lands before the snapshot is read: the run for the older SHA ends cancelled, naming the newer", async () => {
    const gh = new GitHubNock().createCheckRun(43).pullRequest(4).config(null).updateCheckRun(43);
    const h = await createHarness({ source: source(NEWER) });
    await h.deliver("pull_request", pullRequestEvent({ action: "synchronize", number: 4, headSha: HEAD }));
    const done = gh.checkRunWrites()[1]?.body as Completion;
    expect(done.conclusion).toBe("cancelled");
    expect(done.output.summary).toContain(`superseded by ${NEWER}`);
  });
});

describe("nothing left behind", () => {
  it("nock saw no unexpected request", () => {
    expect(nock.pendingMocks()).toEqual([]);
  });
});
