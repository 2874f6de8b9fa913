// Attribution benchmark for the local git source: builds a large synthetic pull
// request (fixtures/git/bench-scenario.ts), then times buildGitSnapshot on it,
// first with the default strategy (files shaped by several commits replayed from
// one `git log -p`), then with one `git blame` per such file for comparison.
// Run with `npm run bench:attribution` (it builds dist/ first). Prints figures;
// never fails on timing.
import { isDeepStrictEqual } from "node:util";
import { rm } from "node:fs/promises";
import { performance } from "node:perf_hooks";

const { buildBenchScenario } = await import("../dist/fixtures/git/bench-scenario.js");
const { buildGitSnapshotWithStats } = await import("../dist/app/sources/git/local-git-source.js");
const { createGitRunner } = await import("../dist/app/sources/git/run-git.js");

const TARGET_MS = 3000;
const out = (line) => process.stdout.write(`${line}\n`);
const rssMb = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`;

const t0 = performance.now();
const scenario = await buildBenchScenario();
const generationMs = performance.now() - t0;

async function measure(lineOrigins) {
  const git = createGitRunner({ cwd: scenario.repo });
  const start = performance.now();
  const result = await buildGitSnapshotWithStats({
    repo: scenario.repo,
    base: scenario.base,
    head: scenario.head,
    git,
    lineOrigins,
  });
  return { ...result, wallMs: performance.now() - start, rss: rssMb() };
}

function table(rows) {
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) out(`  ${k.padEnd(width)}  ${v}`);
}

try {
  const replay = await measure("replay");
  const blame = await measure("blame");
  const { snapshot } = replay;
  const addedLines = snapshot.files.reduce((sum, f) => sum + f.addedLines.length, 0);
  const known = snapshot.files.reduce(
    (sum, f) => sum + f.origins.filter((o) => o.commit !== null).reduce((s, o) => s + o.end - o.start + 1, 0),
    0,
  );
  const budget = 10 + snapshot.files.length;
  out("attribution benchmark (local git source)");
  table([
    ["fixture generation", `${generationMs.toFixed(0)} ms (not part of the measurement)`],
    ["commits in range", String(snapshot.commits.length)],
    ["changed files", String(snapshot.files.length)],
    ["added lines", String(addedLines)],
    ["lines with a known commit", `${known} (${((100 * known) / Math.max(1, addedLines)).toFixed(1)}%)`],
    ["files shaped by 2+ commits", String(scenario.multiWriterFiles)],
  ]);
  for (const [name, run] of [
    ["default (replay per-commit diffs)", replay],
    ["comparison (git blame per file)", blame],
  ]) {
    out(`${name}:`);
    table([
      ["buildGitSnapshot wall time", `${run.wallMs.toFixed(0)} ms (target < ${TARGET_MS} ms)`],
      ["git processes", `${run.stats.gitProcesses} (budget ${budget})`],
      ["replayed files", String(run.stats.replayedFiles)],
      ["blamed files", String(run.stats.blamedFiles)],
      ["peak RSS so far", run.rss],
    ]);
  }
  if (!isDeepStrictEqual(replay.snapshot.files, blame.snapshot.files))
    out("  note: the two strategies disagree!");
  if (replay.wallMs > TARGET_MS) out(`  note: slower than the ${TARGET_MS} ms target on this machine`);
} finally {
  await rm(scenario.repo, { recursive: true, force: true });
}
