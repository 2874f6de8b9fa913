// API budget benchmark for the GitHub source: a local fake GitHub (node:http,
// 50 ms per request, answers from fixtures/github) serving synthetic pull
// requests of 10, 300 and 3,000 files with 60 commits; an Octokit pointed at
// it (baseUrl) through createGitHubClient. For each, buildGitHubSnapshot and
// then reading the contents of every changed file at head, with the requests
// it took by kind and the wall time. Target: at most 12 requests for 300
// files / 60 commits. Half the files are new, half modified; every tenth
// pair was written by two commits (the last case: every file). Run with
// `npm run bench:api-budget` (it builds dist/ first). Prints figures; never
// fails on timing or counts.
import { createServer } from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { Octokit } from "@octokit/core";

const { FakeGitHub } = await import("../dist/fixtures/github/fake-github.js");
const { generatePullRequest } = await import("../dist/fixtures/github/generate-pull-request.js");
const { createGitHubClient } = await import("../dist/app/sources/github/create-github-client.js");
const { buildGitHubSnapshotWithStats } = await import("../dist/app/sources/github/github-source.js");
const { createGitHubBlobReader } = await import("../dist/app/sources/github/read-blobs.js");

const LATENCY_MS = 50;
const COMMITS = 60;
const TARGET = { files: 300, requests: 12 };
const out = (line) => process.stdout.write(`${line}\n`);

/** name, files, every n-th file written by two commits (and so blamed). */
const CASES = [
  ["10 files", 10, 10],
  ["300 files", 300, 10],
  ["3,000 files", 3000, 10],
  ["300 files, all by 2 commits", 300, 1],
];

const prs = CASES.map(([, files, multiWriterEvery], i) =>
  generatePullRequest({ repo: `bench-${i}`, files, commits: COMMITS, multiWriterEvery }),
);
const fake = new FakeGitHub(prs);

const server = createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  await delay(LATENCY_MS);
  const body = Buffer.concat(chunks).toString();
  const answer = fake.handle({ method: req.method ?? "GET", url: req.url ?? "/", body });
  res.writeHead(answer.status, answer.headers);
  res.end(JSON.stringify(answer.body));
});
await new Promise((done) => server.listen(0, "127.0.0.1", done));
const { port } = server.address();

function kind(entry) {
  if (entry.operation === "PullRequestSnapshot") return "pr";
  if (entry.operation === "TreeEntries") return "tree";
  if (entry.operation === "Blame") return "blame";
  if (entry.operation === "Objects") return "blobs";
  if (entry.path.endsWith("/files")) return "files";
  return "other";
}

async function snapshotAndRead(pr) {
  const octokit = new Octokit({ baseUrl: `http://127.0.0.1:${port}` });
  const client = createGitHubClient(octokit);
  const start = performance.now();
  const { snapshot, stats } = await buildGitHubSnapshotWithStats(client, {
    owner: pr.owner,
    repo: pr.repo,
    pullNumber: pr.number,
  });
  const snapshotMs = performance.now() - start;
  const read = createGitHubBlobReader(client, pr.owner, pr.repo, snapshot.head);
  const contents = await read(snapshot.files.filter((f) => f.status !== "deleted").map((f) => f.path));
  return { client, stats, contents, snapshotMs, totalMs: performance.now() - start };
}

const rows = [];
try {
  // One unmeasured run first, so connection set-up and JIT warm-up do not land on the first case.
  await snapshotAndRead(prs[0]);
  for (const [i, [name, files]] of CASES.entries()) {
    const logStart = fake.log.length;
    const { client, stats, contents, snapshotMs, totalMs } = await snapshotAndRead(prs[i]);
    const counts = { pr: 0, files: 0, tree: 0, blame: 0, blobs: 0, other: 0 };
    for (const entry of fake.log.slice(logStart)) counts[kind(entry)] += 1;
    rows.push({
      name,
      files,
      blamed: stats.blamedFiles,
      read: contents.contents.size,
      counts,
      snapshotRequests: stats.requests,
      total: client.requestCount,
      snapshotMs,
      totalMs,
    });
  }
} finally {
  server.close();
}

out(
  `api budget benchmark (GitHub source, fake GitHub with ${LATENCY_MS} ms per request, ${COMMITS} commits)`,
);
const header = [
  "case",
  "files",
  "blamed",
  "PR",
  "files",
  "tree",
  "blame",
  "blobs",
  "other",
  "snapshot",
  "+read",
  "total",
  "snapshot ms",
  "total ms",
];
const lines = rows.map((r) => [
  r.name,
  String(r.files),
  String(r.blamed),
  String(r.counts.pr),
  String(r.counts.files),
  String(r.counts.tree),
  String(r.counts.blame),
  String(r.counts.blobs),
  String(r.counts.other),
  String(r.snapshotRequests),
  String(r.total - r.snapshotRequests),
  String(r.total),
  r.snapshotMs.toFixed(0),
  r.totalMs.toFixed(0),
]);
const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
const fmt = (cells) =>
  `  ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ")}`;
out(fmt(header));
for (const l of lines) out(fmt(l));
out("");
out(
  "  blamed: files attributed by GraphQL blame; those the PR added are blamed inside the tree-entry queries.",
);
out("  requests = 1 PR query (+1 per 100 commits/reviews/threads/events) + ceil(files/100) file pages");
out(
  "           + ceil(files/100) tree-entry queries + ceil(older files two PR commits wrote / 25) blame queries",
);
out("           + ceil(files read / 100) blob queries");
const target = rows.find((r) => r.files === TARGET.files);
if (target !== undefined) {
  const verdict = target.total <= TARGET.requests ? "within" : "OVER";
  out(
    `  target: <= ${TARGET.requests} requests for ${TARGET.files} files / ${COMMITS} commits: ${target.total} (${verdict})`,
  );
}
