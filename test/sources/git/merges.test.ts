import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGitSnapshotWithStats } from "../../../app/sources/git/local-git-source.js";
import { createRepo, type FixtureRepo } from "../../../fixtures/git/fixture-repo.js";
import { lines } from "../../../fixtures/git/mixed-scenario-files.js";

const BOB = { name: "Bob", email: "bob@example.com" };
const AGENT = { name: "copilot-swe-agent[bot]", email: "198982749+Copilot@users.noreply.github.com" };

/**
 *   main:     base ── m1
 *               \       \
 *   feature:     f1 ── merge (also edits line 5) ── f2
 */
describe("a pull request that merged main in", () => {
  let repo: FixtureRepo;
  const sha: Record<string, string> = {};

  beforeAll(async () => {
    repo = await createRepo();
    sha.base = await repo.commit({
      message: "base",
      author: BOB,
      files: { "a.txt": lines("one", "two", "three", "four", "five", "six"), "b.txt": lines("b1", "b2") },
    });
    await repo.branch("feature");
    sha.f1 = await repo.commit({
      message: "f1",
      author: AGENT,
      files: {
        "a.txt": lines("one", "two (f1)", "three", "four", "five", "six"),
        "c.txt": lines("c1", "c2"),
      },
    });
    repo.switchTo("main");
    sha.m1 = await repo.commit({ message: "m1", author: BOB, files: { "b.txt": lines("b1", "b2 (m1)") } });
    repo.switchTo("feature");
    sha.merge = await repo.commit({
      message: "Merge branch 'main' into feature",
      author: BOB,
      mergeParents: [sha.m1],
      files: {
        "a.txt": lines("one", "two (f1)", "three", "four", "five (merge)", "six"),
        "b.txt": lines("b1", "b2 (m1)"),
      },
    });
    sha.f2 = await repo.commit({
      message: "f2",
      author: BOB,
      files: { "a.txt": lines("one", "two (f1)", "three", "four (f2)", "five (merge)", "six") },
    });
  });

  afterAll(async () => {
    await rm(repo.dir, { recursive: true, force: true });
  });

  it("blames every file, crediting the merge commit with its own edits", async () => {
    const { snapshot, stats } = await buildGitSnapshotWithStats({
      repo: repo.dir,
      base: "main",
      head: "feature",
    });
    expect(snapshot.mergeBase).toBe(sha.m1);
    expect(snapshot.commits.map((c) => c.sha)).toEqual([sha.f1, sha.merge, sha.f2]);
    expect(snapshot.commits[1]?.parents).toEqual([sha.f1, sha.m1]);
    const origins = Object.fromEntries(snapshot.files.map((f) => [f.path, f.origins]));
    expect(origins).toEqual({
      "a.txt": [
        { start: 2, end: 2, commit: sha.f1 },
        { start: 4, end: 4, commit: sha.f2 },
        { start: 5, end: 5, commit: sha.merge },
      ],
      "c.txt": [{ start: 1, end: 2, commit: sha.f1 }],
    });
    // No shortcut is safe with a merge in the range: both files are blamed.
    expect(stats).toEqual({ gitProcesses: 4 + 2, replayedFiles: 0, blamedFiles: 2 });
  });

  it("credits main's commit when the base is older than the merge", async () => {
    const { snapshot } = await buildGitSnapshotWithStats({
      repo: repo.dir,
      base: sha.base as string,
      head: "feature",
    });
    expect(snapshot.mergeBase).toBe(sha.base);
    expect(snapshot.files.find((f) => f.path === "b.txt")?.origins).toEqual([
      { start: 2, end: 2, commit: sha.m1 },
    ]);
  });
});
