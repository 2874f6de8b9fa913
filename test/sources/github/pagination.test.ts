import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { fromRanges } from "../../../app/diff/line-ranges.js";
import type { OriginRange, PullRequestSnapshot } from "../../../app/model/snapshot.js";
import { buildGitHubSnapshotWithStats } from "../../../app/sources/github/github-source.js";
import type { FakePullRequest } from "../../../fixtures/github/fake-pull-request.js";
import { generatePullRequest } from "../../../fixtures/github/generate-pull-request.js";
import { mockGitHub, type GitHubMock } from "./helpers/mock-github.js";
import { testClient } from "./helpers/test-client.js";

let mock: GitHubMock;

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  const problems = mock.problems;
  mock.done();
  expect(problems).toEqual([]);
});

/** What blame at head says about each added line, kept to the PR's commits. */
function expectedOrigins(pr: FakePullRequest, snapshot: PullRequestSnapshot, path: string): OriginRange[] {
  const fake = pr.files.find((f) => f.filename === path);
  const added = snapshot.files.find((f) => f.path === path)?.addedLines ?? [];
  const inPr = new Set(pr.commits.map((c) => c.oid));
  const out: OriginRange[] = [];
  for (const line of added) {
    const sha = fake?.blame.find((r) => r.start <= line && line <= r.end)?.commit;
    const commit = sha !== undefined && inPr.has(sha) ? sha : null;
    const last = out[out.length - 1];
    if (last !== undefined && last.end + 1 === line && last.commit === commit) last.end = line;
    else out.push({ start: line, end: line, commit });
  }
  return out;
}

describe("pagination", () => {
  it("reads 3 pages of files and 2 pages of commits", async () => {
    const pr = generatePullRequest({ repo: "paged", files: 250, commits: 150, multiWriterEvery: 10 });
    mock = mockGitHub([pr]);
    const { client } = testClient();
    const { snapshot, stats } = await buildGitHubSnapshotWithStats(client, {
      owner: "octo-org",
      repo: "paged",
      pullNumber: 7,
    });
    expect(snapshot.commits.map((c) => c.sha)).toEqual(pr.commits.map((c) => c.oid));
    expect(snapshot.files).toHaveLength(250);
    for (const f of snapshot.files) {
      expect(f.origins).toEqual(expectedOrigins(pr, snapshot, f.path));
      expect(fromRanges(f.origins)).toEqual(f.addedLines);
    }
    // A file two commits wrote is split where blame splits it.
    expect(snapshot.files[0]?.origins.map((o) => [o.start, o.end])).toEqual([
      [1, 15],
      [16, 20],
    ]);
    expect(snapshot.notes).toEqual([]);

    const pages = mock.requests.filter((r) => r.operation === "PullRequestSnapshot");
    expect(pages).toHaveLength(2);
    expect(pages[1]?.variables).toMatchObject({
      withCommits: true,
      commitsAfter: expect.any(String),
      withLabels: false,
      withReviews: false,
      withReviewThreads: false,
      withTimelineItems: false,
    });
    const filePages = mock.requests.filter((r) => r.path.endsWith("/files"));
    expect(filePages.map((r) => [r.search.get("per_page"), r.search.get("page")])).toEqual([
      ["100", "1"],
      ["100", "2"],
      ["100", "3"],
    ]);
    expect(mock.requests.filter((r) => r.operation === "TreeEntries")).toHaveLength(3);
    expect(mock.requests.filter((r) => r.operation === "Blame")).toHaveLength(1);
    // New files are blamed with the tree entries; the 13 modified files two commits wrote, in one batch.
    expect(stats).toMatchObject({
      requests: 9,
      pullRequestPages: 2,
      blamedFiles: 125 + 13,
      singleWriterFiles: 112,
    });
  });

  it("asks no page past the ones changedFiles calls for (300 files: 3 full pages, no empty 4th)", async () => {
    const pr = generatePullRequest({ repo: "exact", files: 300, commits: 2, multiWriterEvery: 0 });
    mock = mockGitHub([pr]);
    const { client } = testClient();
    await buildGitHubSnapshotWithStats(client, { owner: "octo-org", repo: "exact", pullNumber: 7 });
    expect(mock.requests.filter((r) => r.path.endsWith("/files")).map((r) => r.search.get("page"))).toEqual([
      "1",
      "2",
      "3",
    ]);
  });

  it("says so when the PR changes more than the 3,000 files GitHub lists", async () => {
    const pr = generatePullRequest({ repo: "huge", files: 3050, commits: 3, multiWriterEvery: 0 });
    mock = mockGitHub([pr]);
    const { client } = testClient();
    const { snapshot, stats } = await buildGitHubSnapshotWithStats(client, {
      owner: "octo-org",
      repo: "huge",
      pullNumber: 7,
    });
    expect(snapshot.files).toHaveLength(3000);
    expect(snapshot.notes).toEqual([
      "GitHub lists at most 3000 files of a pull request; this one changes 3050, only the 3000 listed are analysed",
    ]);
    expect(mock.requests.filter((r) => r.path.endsWith("/files"))).toHaveLength(30);
    expect(stats.requests).toBe(1 + 30 + 30);
  });

  it("treats commits past GitHub's 250 as unknown and asks compare for the merge base", async () => {
    const pr = generatePullRequest({ repo: "long", files: 4, commits: 250, multiWriterEvery: 2 });
    pr.commitsTotal = 260;
    mock = mockGitHub([pr]);
    const { client } = testClient();
    const { snapshot } = await buildGitHubSnapshotWithStats(client, {
      owner: "octo-org",
      repo: "long",
      pullNumber: 7,
    });
    expect(snapshot.commits).toHaveLength(250);
    expect(snapshot.mergeBase).toBe(pr.mergeBase);
    expect(snapshot.notes[0]).toBe(
      "GitHub lists at most 250 commits of a pull request; this one has 260, lines written by the others are of unknown origin",
    );
    expect(mock.requests.some((r) => r.path.includes("/compare/"))).toBe(true);
    // Without the full list, history cannot prove a single writer: all four files are blamed.
    expect(mock.requests.find((r) => r.operation === "TreeEntries")?.query).not.toContain("history");
    expect(mock.requests.filter((r) => r.operation === "Blame")).toHaveLength(1);
    for (const f of snapshot.files) {
      expect(f.origins).toEqual(expectedOrigins(pr, snapshot, f.path));
      expect(fromRanges(f.origins)).toEqual(f.addedLines);
    }
  });
});
