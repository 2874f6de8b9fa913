import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildMixedScenario,
  EXPECTED_HISTORY_FILES,
  type MixedScenario,
} from "../../../fixtures/git/mixed-scenario.js";
import { fromRanges } from "../../../app/diff/line-ranges.js";
import type { PullRequestSnapshot } from "../../../app/model/snapshot.js";
import { fixtureGit } from "../../../fixtures/git/git-cli.js";
import {
  buildGitSnapshot,
  buildGitSnapshotWithStats,
  type GitSnapshotStats,
} from "../../../app/sources/git/local-git-source.js";
import { createGitRunner } from "../../../app/sources/git/run-git.js";

let scenario: MixedScenario;
let snapshot: PullRequestSnapshot;
let stats: GitSnapshotStats;

beforeAll(async () => {
  scenario = await buildMixedScenario();
  const git = createGitRunner({ cwd: scenario.repo });
  ({ snapshot, stats } = await buildGitSnapshotWithStats({
    repo: scenario.repo,
    base: scenario.base,
    head: scenario.head,
    git,
  }));
});

afterAll(async () => {
  await rm(scenario.repo, { recursive: true, force: true });
});

describe("mixed scenario", () => {
  it("attributes every added line to the commit that last wrote it", () => {
    const labelOf = new Map(Object.entries(scenario.commits).map(([label, sha]) => [sha, label]));
    const actual = Object.fromEntries(
      snapshot.files.map((f) => [
        f.path,
        {
          status: f.status,
          oldPath: f.oldPath,
          skipped: f.skipped,
          origins: f.origins.map((o) => ({
            start: o.start,
            end: o.end,
            commit: o.commit === null ? null : labelOf.get(o.commit),
          })),
        },
      ]),
    );
    expect(actual).toEqual(scenario.expected);
  });

  it("origins cover exactly the added lines", () => {
    for (const file of snapshot.files) expect(fromRanges(file.origins)).toEqual(file.addedLines);
  });

  it("reads the commits of the pull request only, oldest first", () => {
    const labelOf = new Map(Object.entries(scenario.commits).map(([label, sha]) => [sha, label]));
    expect(snapshot.commits.map((c) => labelOf.get(c.sha))).toEqual([
      "human",
      "claude",
      "copilot",
      "cursor",
      "aider",
      "dependabot",
      "devin",
      "humanRewrite",
      "rename",
      "deletion",
      "binary",
      "crlf",
    ]);
    expect(snapshot).toMatchObject({
      source: "git",
      repository: scenario.repo,
      base: scenario.base,
      head: scenario.head,
      mergeBase: scenario.mergeBase,
      pr: null,
      reviews: [],
      timeline: [],
    });
    expect(snapshot.notes).toEqual(['"assets/refund-icon.png": skipped (binary file, lines not analysed)']);
  });

  it("keeps carriage returns in CRLF lines", () => {
    const cmd = snapshot.files.find((f) => f.path === "scripts/refund.cmd");
    expect(cmd?.hunks[0]?.lines[0]?.text).toBe("@echo off\r");
  });

  it("stays within the process budget", () => {
    // rev-parse, merge-base, log, diff, and one log -p shared by the files that need history.
    expect(stats).toEqual({ gitProcesses: 5, replayedFiles: EXPECTED_HISTORY_FILES.length, blamedFiles: 0 });
  });

  it("gives the same origins with one git blame per file", async () => {
    const git = createGitRunner({ cwd: scenario.repo });
    const blamed = await buildGitSnapshotWithStats({ ...refs(), git, lineOrigins: "blame" });
    expect(blamed.snapshot.files).toEqual(snapshot.files);
    expect(blamed.stats).toEqual({
      gitProcesses: 4 + EXPECTED_HISTORY_FILES.length,
      replayedFiles: 0,
      blamedFiles: EXPECTED_HISTORY_FILES.length,
    });
  });

  it("gives the same answer from a subdirectory and from a bare clone", async () => {
    const bare = await mkdtemp(join(tmpdir(), "mixed-bare-"));
    try {
      await fixtureGit(tmpdir(), ["clone", "--quiet", "--bare", "--no-local", scenario.repo, bare]);
      for (const repo of [join(scenario.repo, "src", "auth"), bare]) {
        const other = await buildGitSnapshot({ repo, base: scenario.base, head: scenario.head });
        expect(other.files).toEqual(snapshot.files);
        expect(other.commits).toEqual(snapshot.commits);
        expect(other.repository).toBe(repo);
      }
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });

  it("reads git notes under refs/notes/ai without extra processes", async () => {
    const sha = scenario.commits.claude;
    await fixtureGit(scenario.repo, ["notes", "--ref=ai", "add", "-m", "authorship/3.0.0", sha]);
    try {
      const git = createGitRunner({ cwd: scenario.repo });
      const { snapshot: noted } = await buildGitSnapshotWithStats({ ...refs(), git });
      expect(noted.commits.find((c) => c.sha === sha)?.notes).toBe("authorship/3.0.0\n");
      expect(noted.commits.filter((c) => c.notes !== null)).toHaveLength(1);
      expect(git.count).toBe(5);
    } finally {
      await fixtureGit(scenario.repo, ["update-ref", "-d", "refs/notes/ai"]);
    }
  });
});

function refs(): { repo: string; base: string; head: string } {
  return { repo: scenario.repo, base: scenario.base, head: scenario.head };
}
