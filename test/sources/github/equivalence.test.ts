/**
 * The same pull request through both sources: the local git source on a real
 * repository, and the GitHub source on a fake GitHub computed from that
 * repository (fixtures/github/from-git-repo.ts). The snapshots must agree on
 * commits, files, added lines and per-line origins. Known differences:
 * GitHub reports no rename similarity and no mode at the merge base for
 * files that still exist, and its commit messages lack the final newline.
 */
import { rm } from "node:fs/promises";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ChangedFile, Commit, PullRequestSnapshot } from "../../../app/model/snapshot.js";
import { buildGitSnapshot } from "../../../app/sources/git/local-git-source.js";
import { buildGitHubSnapshot } from "../../../app/sources/github/github-source.js";
import { buildHostileScenario } from "../../../fixtures/git/hostile-scenario.js";
import { createRepo } from "../../../fixtures/git/fixture-repo.js";
import { buildMixedScenario } from "../../../fixtures/git/mixed-scenario.js";
import { fakePullRequestFromRepo } from "../../../fixtures/github/from-git-repo.js";
import { mockGitHub, type GitHubMock } from "./helpers/mock-github.js";
import { testClient } from "./helpers/test-client.js";

let mock: GitHubMock | null = null;
const dirs: string[] = [];

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  const problems = mock?.problems ?? [];
  mock?.done();
  mock = null;
  expect(problems).toEqual([]);
});

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function comparableCommit(c: Commit) {
  const who = (i: Commit["author"]) => ({ name: i.name, email: i.email, date: i.date });
  return {
    sha: c.sha,
    tree: c.tree,
    parents: c.parents,
    author: who(c.author),
    committer: who(c.committer),
    message: c.message.replace(/\n$/, ""),
  };
}

function comparableFile(f: ChangedFile) {
  const { similarity: _similarity, oldMode, newMode, ...rest } = f;
  return { ...rest, mode: f.status === "deleted" ? oldMode : newMode };
}

async function bothSnapshots(repo: string, base: string, head: string) {
  dirs.push(repo);
  const local = await buildGitSnapshot({ repo, base, head });
  const pr = await fakePullRequestFromRepo(repo, { base, head });
  mock = mockGitHub([pr]);
  const { client } = testClient();
  const github = await buildGitHubSnapshot(client, { owner: pr.owner, repo: pr.repo, pullNumber: pr.number });
  return { local, github };
}

function expectEquivalent(local: PullRequestSnapshot, github: PullRequestSnapshot): void {
  expect(github.head).toBe(local.head);
  expect(github.base).toBe(local.base);
  expect(github.mergeBase).toBe(local.mergeBase);
  expect(github.commits.map(comparableCommit)).toEqual(local.commits.map(comparableCommit));
  const sortByPath = (files: ChangedFile[]) => [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
  expect(sortByPath(github.files).map(comparableFile)).toEqual(sortByPath(local.files).map(comparableFile));
  expect([...github.notes].sort()).toEqual([...local.notes].sort());
}

describe("GitHub source ≡ local git source", () => {
  it("on the mixed human/agent scenario (renames, deletion, binary, CRLF, base moved on)", async () => {
    const s = await buildMixedScenario();
    const { local, github } = await bothSnapshots(s.repo, s.base, s.head);
    expect(local.files.length).toBeGreaterThan(10);
    expectEquivalent(local, github);
  });

  it("on the hostile scenario (odd names, symlink, submodule, 5 MB file)", async () => {
    const s = await buildHostileScenario();
    const { local, github } = await bothSnapshots(s.repo, s.base, s.head);
    expectEquivalent(local, github);
    // The submodule's "Subproject commit" patch keeps it out of the up-front blames.
    const blamed = (mock?.requests ?? []).flatMap((r) =>
      [...(r.query ?? "").matchAll(/\bb\d+: blame\(path: \$(p\d+)\)/g)].map(
        (m) => r.variables?.[m[1] as string],
      ),
    );
    expect(blamed).toContain("-rf");
    expect(blamed).not.toContain("vendor/lib");
  });

  it("on a file an agent added and a human then renamed (history alone would credit the rename)", async () => {
    const repo = await createRepo();
    const maya = { name: "Maya Chen", email: "maya@example.com" };
    const copilot = { name: "copilot-swe-agent[bot]", email: "198982749+Copilot@users.noreply.github.com" };
    const base = await repo.commit({ message: "init", author: maya, files: { "README.md": "hello\n" } });
    await repo.branch("feature");
    const added = await repo.commit({
      message: "Add helper",
      author: copilot,
      files: { "src/helper.ts": "export const a = 1;\nexport const b = 2;\n" },
    });
    await repo.commit({
      message: "Rename helper",
      author: maya,
      renames: { "src/helper.ts": "src/util.ts" },
    });
    const head = await repo.commit({
      message: "Docs",
      author: maya,
      files: { "README.md": "hello\nworld\n" },
    });
    const { local, github } = await bothSnapshots(repo.dir, base, head);
    expect(github.files.find((f) => f.path === "src/util.ts")?.origins).toEqual([
      { start: 1, end: 2, commit: added },
    ]);
    expectEquivalent(local, github);
  });
});
