import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { fromRanges } from "../../../app/diff/line-ranges.js";
import type { ChangedFile, PullRequestSnapshot } from "../../../app/model/snapshot.js";
import {
  buildGitHubSnapshot,
  buildGitHubSnapshotWithStats,
  type GitHubSnapshotResult,
} from "../../../app/sources/github/github-source.js";
import {
  MERGE_BASE,
  MIXED_COMMITS as C,
  mixedPullRequest,
} from "../../../fixtures/github/mixed-pull-request.js";
import { mockGitHub, type GitHubMock } from "./helpers/mock-github.js";
import { testClient } from "./helpers/test-client.js";

const REF = { owner: "octo-org", repo: "widgets", pullNumber: 42 };

let mock: GitHubMock | null = null;

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  const problems = mock?.problems ?? [];
  mock?.done();
  mock = null;
  expect(problems).toEqual([]);
});

/** Paths blamed, in TreeEntries (new files) or Blame queries. */
function blamedPaths(m: GitHubMock): unknown[] {
  return m.requests.flatMap((r) =>
    [...(r.query ?? "").matchAll(/\bb\d+: blame\(path: \$(p\d+)\)/g)].map(
      (x) => r.variables?.[x[1] as string],
    ),
  );
}

function file(snapshot: PullRequestSnapshot, path: string): ChangedFile {
  const found = snapshot.files.find((f) => f.path === path);
  if (found === undefined) throw new Error(`no file ${path}`);
  return found;
}

describe("buildGitHubSnapshot on a PR with human and agent commits", () => {
  let result: GitHubSnapshotResult;

  beforeAll(async () => {
    mock = mockGitHub([mixedPullRequest()]);
    const { client } = testClient();
    result = await buildGitHubSnapshotWithStats(client, REF);
    // The checks of this suite's requests run here, once.
    const problems = mock.problems;
    mock.done();
    mock = null;
    expect(problems).toEqual([]);
  });

  it("describes the pull request and its range", () => {
    const s = result.snapshot;
    expect(s.source).toBe("github");
    expect(s.repository).toBe("octo-org/widgets");
    expect(s.head).toBe(C.c4);
    expect(s.mergeBase).toBe(MERGE_BASE);
    expect(s.base).not.toBe(MERGE_BASE);
    expect(s.pr).toEqual({
      number: 42,
      title: "Feature flags for widgets",
      body: "Adds `parseFlags` and a retry helper.\n\nCloses #40.",
      headRef: "feature/flags",
      baseRef: "main",
      author: { login: "mayachen", type: "User" },
      labels: ["enhancement", "agent:claude-code"],
      draft: false,
      url: "https://github.com/octo-org/widgets/pull/42",
    });
  });

  it("lists the commits oldest first with identities, logins and full messages", () => {
    const [c1, c2, c3, c4] = result.snapshot.commits;
    expect(result.snapshot.commits.map((c) => c.sha)).toEqual([C.c1, C.c2, C.c3, C.c4]);
    expect(c1?.parents).toEqual([MERGE_BASE]);
    expect(c2?.parents).toEqual([C.c1]);
    expect(c1?.author).toEqual({
      name: "Maya Chen",
      email: "maya@example.com",
      login: "mayachen",
      date: "2025-03-03T09:12:44+01:00",
    });
    expect(c2?.author).toMatchObject({
      name: "copilot-swe-agent[bot]",
      email: "198982749+Copilot@users.noreply.github.com",
      login: null,
    });
    expect(c3?.message).toContain("Co-Authored-By: Claude <noreply@anthropic.com>");
    expect(c3?.message).toContain("🤖 Generated with [Claude Code](https://claude.com/claude-code)");
    expect(c4?.author.login).toBe("samortiz");
    expect(result.snapshot.commits.every((c) => /^[0-9a-f]{40}$/.test(c.tree) && c.notes === null)).toBe(
      true,
    );
  });

  it("maps the REST file list: status, renames, binary, symlink, deletion", () => {
    const s = result.snapshot;
    expect(s.files.map((f) => [f.path, f.status, f.oldPath, f.skipped])).toEqual([
      ["assets/logo.png", "added", null, "binary"],
      ["bin/widgets", "added", null, "symlink"],
      ["docs/flags.md", "added", null, null],
      ["lib/legacy-notes.txt", "deleted", null, null],
      ["src/config.ts", "renamed", "src/settings.ts", null],
      ["src/flags.ts", "added", null, null],
      ["src/util.ts", "modified", null, null],
    ]);
    expect(file(s, "assets/logo.png")).toMatchObject({
      binary: true,
      hunks: [],
      addedLines: [],
      newMode: "100644",
    });
    expect(file(s, "bin/widgets")).toMatchObject({ newMode: "120000", addedLines: [1] });
    expect(file(s, "bin/widgets").hunks[0]?.lines[0]).toEqual({
      kind: "add",
      text: "../dist/cli.js",
      noNewline: true,
    });
    expect(file(s, "lib/legacy-notes.txt")).toMatchObject({
      oldMode: "100644",
      newMode: null,
      deletedLines: 2,
    });
    expect(file(s, "src/config.ts")).toMatchObject({ addedLines: [2], deletedLines: 1 });
    expect(file(s, "src/util.ts").addedLines).toEqual(fromRanges([{ start: 4, end: 15 }]));
    expect(file(s, "src/util.ts").hunks[0]).toMatchObject({
      oldStart: 1,
      oldLines: 3,
      newStart: 1,
      newLines: 15,
    });
    expect(file(s, "src/flags.ts").addedLines).toEqual(fromRanges([{ start: 1, end: 8 }]));
  });

  it("attributes each added line to the PR commit that last wrote it", () => {
    const s = result.snapshot;
    expect(file(s, "src/util.ts").origins).toEqual([
      { start: 4, end: 6, commit: C.c1 },
      { start: 7, end: 7, commit: C.c2 },
      { start: 8, end: 15, commit: C.c1 },
    ]);
    expect(file(s, "src/flags.ts").origins).toEqual([
      { start: 1, end: 5, commit: C.c2 },
      { start: 6, end: 8, commit: C.c3 },
    ]);
    expect(file(s, "docs/flags.md").origins).toEqual([{ start: 1, end: 3, commit: C.c3 }]);
    expect(file(s, "src/config.ts").origins).toEqual([{ start: 2, end: 2, commit: C.c1 }]);
    // Skipped files: lines of unknown origin, none for the binary.
    expect(file(s, "bin/widgets").origins).toEqual([{ start: 1, end: 1, commit: null }]);
    expect(file(s, "assets/logo.png").origins).toEqual([]);
    expect(file(s, "lib/legacy-notes.txt").origins).toEqual([]);
  });

  it("says what it skipped, in the local source's words", () => {
    expect(result.snapshot.notes).toEqual([
      '"assets/logo.png": skipped (binary file, lines not analysed)',
      '"bin/widgets": skipped (symbolic link, target not followed or analysed)',
    ]);
  });

  it("keeps reviews, review threads and timeline events, bot logins with [bot]", () => {
    const s = result.snapshot;
    expect(s.reviews).toEqual([
      {
        id: "2671234501",
        author: { login: "copilot-pull-request-reviewer[bot]", type: "Bot" },
        state: "COMMENTED",
        submittedAt: "2025-03-03T10:05:00Z",
        commitId: C.c2,
        body: "## Pull request overview\n\nLooks reasonable.",
      },
      {
        id: "2671234502",
        author: { login: "samortiz", type: "User" },
        state: "DISMISSED",
        submittedAt: "2025-03-03T12:00:00Z",
        commitId: C.c3,
        body: "LGTM",
      },
    ]);
    expect(s.timeline).toEqual([
      {
        type: "force_pushed",
        at: "2025-03-04T13:00:00Z",
        actor: { login: "samortiz", type: "User" },
        beforeSha: expect.stringMatching(/^[0-9a-f]{40}$/),
        afterSha: C.c4,
      },
      {
        type: "review_dismissed",
        at: "2025-03-04T13:01:00Z",
        actor: { login: "github-actions[bot]", type: "Bot" },
        reviewId: "2671234502",
        message: "New commits pushed after approval",
      },
    ]);
    expect(result.reviewThreads).toEqual([
      { isResolved: true, comments: 2 },
      { isResolved: false, comments: 1 },
    ]);
  });

  it("costs four requests: PR query, one files page, tree entries (with the new files' blame), one blame batch", () => {
    expect(result.stats).toEqual({
      requests: 4,
      pullRequestPages: 1,
      files: 7,
      singleWriterFiles: 0,
      blamedFiles: 4,
    });
  });
});

describe("buildGitHubSnapshot, other shapes", () => {
  it("needs no history or blame for a single-commit PR", async () => {
    const pr = mixedPullRequest();
    pr.commits = pr.commits.slice(0, 1);
    pr.headRefOid = C.c1;
    pr.files = pr.files.filter((f) => f.filename === "src/config.ts" || f.filename === "src/util.ts");
    mock = mockGitHub([pr]);
    const { client } = testClient();
    const snapshot = await buildGitHubSnapshot(client, REF);
    expect(snapshot.files.map((f) => f.origins)).toEqual([
      [{ start: 2, end: 2, commit: C.c1 }],
      [{ start: 4, end: 15, commit: C.c1 }],
    ]);
    expect(mock.requests.map((r) => r.operation ?? r.path)).toEqual([
      "PullRequestSnapshot",
      "/repos/octo-org/widgets/pulls/42/files",
      "TreeEntries",
    ]);
    expect(mock.requests[2]?.query).not.toContain("history");
  });

  it("reads git notes from refs/notes/ai, flat or fanned out", async () => {
    const pr = mixedPullRequest();
    const notesCommit = "9".repeat(40);
    pr.notes = {
      commit: notesCommit,
      byCommit: {
        [C.c3]: "src/flags.ts\n  abc123 6-8\n---\n{}\n",
        [`${C.c2.slice(0, 2)}/${C.c2.slice(2)}`]: "n2\n",
      },
    };
    mock = mockGitHub([pr]);
    const { client } = testClient();
    const snapshot = await buildGitHubSnapshot(client, REF);
    expect(snapshot.commits.map((c) => c.notes)).toEqual([
      null,
      "n2\n",
      "src/flags.ts\n  abc123 6-8\n---\n{}\n",
      null,
    ]);
    expect(mock.requests.filter((r) => r.operation === "Objects")).toHaveLength(1);
  });

  it("asks REST compare for the merge base when the PR holds a merge commit", async () => {
    const pr = mixedPullRequest();
    const last = pr.commits[3];
    if (last !== undefined) last.parents = [C.c3, pr.baseRefOid];
    mock = mockGitHub([pr]);
    const { client } = testClient();
    const snapshot = await buildGitHubSnapshot(client, REF);
    expect(snapshot.mergeBase).toBe(MERGE_BASE);
    const compare = mock.requests.find((r) => r.path.includes("/compare/"));
    expect(compare?.path).toBe(`/repos/octo-org/widgets/compare/${pr.baseRefOid}...${C.c4}`);
    // With a merge in the range, history proves nothing: every file with added lines is blamed.
    expect(mock.requests.find((r) => r.operation === "TreeEntries")?.query).not.toContain("history");
    expect(blamedPaths(mock)).toEqual(
      expect.arrayContaining(["docs/flags.md", "src/config.ts", "src/flags.ts", "src/util.ts"]),
    );
  });

  it("fails with GITHUB_FAILED when the pull request does not exist", async () => {
    mock = mockGitHub([mixedPullRequest()]);
    const { client } = testClient();
    await expect(buildGitHubSnapshot(client, { ...REF, pullNumber: 9 })).rejects.toMatchObject({
      code: "GITHUB_FAILED",
      message: expect.stringContaining("octo-org/widgets#9 not found"),
    });
  });
});
