import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildMixedScenario,
  EXPECTED_BLAMED_FILES,
  type MixedScenario,
} from "../../../fixtures/git/mixed-scenario.js";
import { fromRanges } from "../../../app/diff/line-ranges.js";
import type { PullRequestSnapshot } from "../../../app/model/snapshot.js";
import {
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

  it("stays within the process budget", () => {
    expect(stats.blamedFiles).toBe(EXPECTED_BLAMED_FILES.length);
    expect(stats.gitProcesses).toBe(4 + EXPECTED_BLAMED_FILES.length);
  });
});
