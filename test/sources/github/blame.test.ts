import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { blameFiles, writerAt } from "../../../app/sources/github/blame.js";
import { buildGitHubSnapshot } from "../../../app/sources/github/github-source.js";
import { generatePullRequest } from "../../../fixtures/github/generate-pull-request.js";
import { MIXED_COMMITS as C, mixedPullRequest } from "../../../fixtures/github/mixed-pull-request.js";
import { mockGitHub, type GitHubMock, type InterceptedRequest } from "./helpers/mock-github.js";
import { testClient } from "./helpers/test-client.js";

const REF = { owner: "octo-org", repo: "widgets", pullNumber: 42 };
const isBlame = (r: InterceptedRequest): boolean => r.operation === "Blame";
const blamedPaths = (r: InterceptedRequest): unknown[] =>
  Object.entries(r.variables ?? {})
    .filter(([k]) => /^p\d+$/.test(k))
    .map(([, v]) => v);

/** Blamed paths of a TreeEntries query. */
const blamedInQuery = (r: InterceptedRequest): unknown[] =>
  [...(r.query ?? "").matchAll(/\bb\d+: blame\(path: \$(p\d+)\)/g)].map((m) => r.variables?.[m[1] as string]);

const TIMEOUT = {
  status: 200,
  body: {
    data: null,
    errors: [
      { message: "Something went wrong while executing your query. This may be the result of a timeout." },
    ],
  },
};

let mock: GitHubMock;

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  const problems = mock.problems;
  mock.done();
  expect(problems).toEqual([]);
});

describe("GraphQL blame", () => {
  it("asks at most 25 files per query", async () => {
    const pr = generatePullRequest({ repo: "blamed", files: 30, commits: 3, multiWriterEvery: 1 });
    mock = mockGitHub([pr]);
    const { client } = testClient();
    const paths = pr.files.map((f) => f.filename);
    const result = await blameFiles(
      client,
      { owner: "octo-org", repo: "blamed", pullNumber: 7 },
      pr.headRefOid,
      paths,
    );
    expect(mock.requests.filter(isBlame).map((r) => blamedPaths(r).length)).toEqual([25, 5]);
    expect([...result.ranges.keys()]).toEqual(paths);
    expect(result.failed.size).toBe(0);
  });

  it("falls back to smaller batches, down to one file, when a batch keeps failing", async () => {
    mock = mockGitHub([mixedPullRequest()]);
    const down = { status: 502, body: { message: "Server Error" } };
    mock.fail((r) => isBlame(r) && blamedPaths(r).length > 1, down, down, down, down);
    const { client, sleeps } = testClient();
    const snapshot = await buildGitHubSnapshot(client, REF);
    const pair = ["src/config.ts", "src/util.ts"];
    expect(mock.requests.filter(isBlame).map(blamedPaths)).toEqual([
      pair,
      pair,
      pair,
      pair,
      ["src/config.ts"],
      ["src/util.ts"],
    ]);
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(snapshot.files.find((f) => f.path === "src/util.ts")?.origins).toEqual([
      { start: 4, end: 6, commit: C.c1 },
      { start: 7, end: 7, commit: C.c2 },
      { start: 8, end: 15, commit: C.c1 },
    ]);
    expect(snapshot.notes.filter((n) => n.includes("blame"))).toEqual([]);
  });

  it("leaves one unblamable file's lines unknown, with a note, and keeps the others", async () => {
    mock = mockGitHub([mixedPullRequest()]);
    // A timeout answer (HTTP 200 with an error) for the batch, then for util.ts alone.
    mock.fail((r) => isBlame(r) && blamedPaths(r).includes("src/util.ts"), TIMEOUT, TIMEOUT);
    const { client, sleeps } = testClient();
    const snapshot = await buildGitHubSnapshot(client, REF);
    expect(mock.requests.filter(isBlame).map(blamedPaths)).toEqual([
      ["src/config.ts", "src/util.ts"],
      ["src/config.ts"],
      ["src/util.ts"],
    ]);
    expect(sleeps).toEqual([]);
    expect(snapshot.files.find((f) => f.path === "src/util.ts")?.origins).toEqual([
      { start: 4, end: 15, commit: null },
    ]);
    expect(snapshot.files.find((f) => f.path === "src/config.ts")?.origins).toEqual([
      { start: 2, end: 2, commit: C.c1 },
    ]);
    expect(snapshot.notes).toContain(
      '"src/util.ts": GitHub blame failed, origin of its lines unknown (GitHub POST /graphql (Blame) failed: ' +
        "HTTP 200: Something went wrong while executing your query. This may be the result of a timeout.)",
    );
  });

  it("splits a failing tree-entry batch and looks a file whose blame fails up without it", async () => {
    mock = mockGitHub([mixedPullRequest()]);
    const blamesFlags = (r: InterceptedRequest): boolean =>
      r.operation === "TreeEntries" && blamedInQuery(r).includes("src/flags.ts");
    mock.fail(blamesFlags, ...Array.from({ length: 10 }, () => TIMEOUT));
    const { client } = testClient();
    const snapshot = await buildGitHubSnapshot(client, REF);
    const trees = mock.requests.filter((r) => r.operation === "TreeEntries");
    // 7 files → 4 (fine) + 3 → [config, flags] + [util] → [config] + [flags] → flags without blame.
    expect(
      trees.map((r) => Object.keys(r.variables ?? {}).filter((k) => /^[pq]\d+$/.test(k)).length),
    ).toEqual([7, 4, 3, 2, 1, 1, 1, 1]);
    expect(snapshot.files.find((f) => f.path === "src/flags.ts")).toMatchObject({
      newMode: "100644",
      origins: [{ start: 1, end: 8, commit: null }],
    });
    expect(snapshot.files.find((f) => f.path === "docs/flags.md")?.origins).toEqual([
      { start: 1, end: 3, commit: C.c3 },
    ]);
    expect(snapshot.notes.filter((n) => n.startsWith('"src/flags.ts": GitHub blame failed'))).toHaveLength(1);
  });

  it("does not fall back on a rate limit: that fails the snapshot", async () => {
    mock = mockGitHub([mixedPullRequest()]);
    mock.fail(isBlame, {
      status: 403,
      body: { message: "API rate limit exceeded" },
      headers: {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3000),
      },
    });
    const { client } = testClient();
    await expect(buildGitHubSnapshot(client, REF)).rejects.toMatchObject({ code: "GITHUB_RATE_LIMITED" });
    expect(mock.requests.filter(isBlame)).toHaveLength(1);
  });
});

describe("writerAt", () => {
  const ranges = [
    { start: 1, end: 3, commit: "a" },
    { start: 4, end: 4, commit: "b" },
    { start: 9, end: 12, commit: "c" },
  ];
  it.each([
    [1, "a"],
    [3, "a"],
    [4, "b"],
    [5, undefined],
    [12, "c"],
    [13, undefined],
  ])("line %i → %s", (line, commit) => {
    expect(writerAt(ranges, line)).toBe(commit);
  });
});
