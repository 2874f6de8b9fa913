/**
 * A repository whose own configuration tries to run programs (pager, external
 * diff, textconv, fsmonitor, hooks, gpg) and to read files outside it
 * (mailmap, blame ignore list, attributes, diff order). The source's command
 * line must override all of it and the attribution must not change.
 */
import { appendFile, chmod, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { PullRequestSnapshot } from "../../../app/model/snapshot.js";
import { buildGitSnapshotWithStats } from "../../../app/sources/git/local-git-source.js";
import type { OriginStrategy } from "../../../app/sources/git/line-origins.js";
import { createGitRunner } from "../../../app/sources/git/run-git.js";
import {
  buildMixedScenario,
  EXPECTED_HISTORY_FILES,
  type MixedScenario,
} from "../../../fixtures/git/mixed-scenario.js";
import { createTracedGit, straceAvailable, type TraceCall, writeCalls } from "./trace-git.js";

let scenario: MixedScenario;
let markers: string;
const runs = new Map<OriginStrategy, { snapshot: PullRequestSnapshot; processes: number }>();
let calls: TraceCall[] = [];

beforeAll(async () => {
  scenario = await buildMixedScenario();
  markers = await mkdtemp(join(tmpdir(), "hostile-config-markers-"));
  const evil = join(markers, "evil.sh");
  await writeFile(evil, `#!/bin/sh\ntouch "${markers}/ran-$$"\ncat\n`);
  await chmod(evil, 0o755);
  const hooks = join(markers, "hooks");
  await writeFile(hooks, "");
  const config = [
    "[core]",
    `\tpager = ${evil}`,
    `\tfsmonitor = ${evil}`,
    `\thooksPath = ${markers}`,
    "\tattributesFile = /etc/passwd",
    "\tquotePath = false",
    "[diff]",
    `\texternal = ${evil}`,
    "\torderFile = /etc/passwd",
    "\trelative = true",
    "\tnoprefix = true",
    "\tmnemonicPrefix = true",
    "\talgorithm = patience",
    "\tcontext = 0",
    '[diff "evil"]',
    `\ttextconv = ${evil}`,
    `\tcommand = ${evil}`,
    "[log]",
    "\tshowSignature = true",
    "\tmailmap = true",
    "[gpg]",
    `\tprogram = ${evil}`,
    "[mailmap]",
    "\tfile = /etc/passwd",
    "[blame]",
    "\tignoreRevsFile = /etc/passwd",
    "[color]",
    "\tui = always",
    "[pager]",
    `\tlog = ${evil}`,
    `\tdiff = ${evil}`,
    `\tblame = ${evil}`,
    "",
  ].join("\n");
  await appendFile(join(scenario.repo, ".git/config"), config);
  await writeFile(join(scenario.repo, ".git/info/attributes"), "* diff=evil\n");
  const traced = straceAvailable ? await createTracedGit() : null;
  const git = createGitRunner({
    cwd: scenario.repo,
    ...(traced === null ? {} : { gitBinary: traced.binary }),
  });
  for (const lineOrigins of ["replay", "blame"] as const) {
    const before = git.count;
    const { snapshot } = await buildGitSnapshotWithStats({
      repo: scenario.repo,
      base: scenario.base,
      head: scenario.head,
      git,
      lineOrigins,
    });
    runs.set(lineOrigins, { snapshot, processes: git.count - before });
  }
  if (traced !== null) {
    calls = await traced.calls();
    await traced.dispose();
  }
}, 60_000);

afterAll(async () => {
  await rm(scenario.repo, { recursive: true, force: true });
  await rm(markers, { recursive: true, force: true });
});

it("runs none of the programs the repository configures", async () => {
  expect((await readdir(markers)).filter((name) => name.startsWith("ran-"))).toEqual([]);
});

it.each(["replay", "blame"] as const)("attributes exactly as with a clean configuration (%s)", (strategy) => {
  const { snapshot, processes } = runs.get(strategy) as { snapshot: PullRequestSnapshot; processes: number };
  const labelOf = new Map(Object.entries(scenario.commits).map(([label, sha]) => [sha, label]));
  for (const file of snapshot.files) {
    const expected = scenario.expected[file.path];
    expect(expected, file.path).toBeDefined();
    expect(
      file.origins.map((o) => ({ ...o, commit: o.commit === null ? null : labelOf.get(o.commit) })),
    ).toEqual(expected?.origins);
  }
  expect(snapshot.files).toHaveLength(Object.keys(scenario.expected).length);
  expect(processes).toBe(strategy === "replay" ? 5 : 4 + EXPECTED_HISTORY_FILES.length);
});

it.skipIf(!straceAvailable)("never opens /etc/passwd and writes nothing", () => {
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.filter((c) => c.line.includes("/etc/passwd")).map((c) => c.line)).toEqual([]);
  expect(writeCalls(calls).map((c) => c.line)).toEqual([]);
});
