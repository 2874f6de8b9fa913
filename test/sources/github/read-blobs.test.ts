import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { MAX_FILE_BYTES } from "../../../app/limits.js";
import { createGitHubBlobReader } from "../../../app/sources/github/read-blobs.js";
import { generatePullRequest } from "../../../fixtures/github/generate-pull-request.js";
import { blobOf, mixedPullRequest } from "../../../fixtures/github/mixed-pull-request.js";
import type { FakePullRequest } from "../../../fixtures/github/fake-pull-request.js";
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

const ODD = [
  "dir with space/a b.txt",
  "quote\"s and 'apostrophes'.py",
  "back\\slash.txt",
  "colon:in:name.txt",
  "new\nline.txt",
  "ünïcødé/日本語.ts",
];

function withExtraFiles(pr: FakePullRequest, files: Record<string, Buffer | string>): FakePullRequest {
  for (const [filename, content] of Object.entries(files)) {
    pr.files.push({ filename, status: "added", blob: blobOf(content), history: [], blame: [] });
  }
  return pr;
}

describe("createGitHubBlobReader", () => {
  it("reads files at a commit exactly and skips what cannot be scanned, like the local reader", async () => {
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]); // "café\n" in Latin-1: not UTF-8
    const pr = withExtraFiles(mixedPullRequest(), {
      ...Object.fromEntries(ODD.map((p) => [p, `content of ${p}\n`])),
      "latin1.txt": latin1,
      "big.txt": "x".repeat(MAX_FILE_BYTES + 1),
      "limit.txt": "y".repeat(MAX_FILE_BYTES),
      "empty.txt": "",
    });
    mock = mockGitHub([pr]);
    const { client } = testClient();
    const read = createGitHubBlobReader(client, "octo-org", "widgets", pr.headRefOid);
    const paths = [
      "src/util.ts",
      ...ODD,
      "latin1.txt",
      "limit.txt",
      "empty.txt",
      "bin/widgets",
      "assets/logo.png",
      "big.txt",
      "missing.txt",
      "src",
      "../etc/passwd",
    ];
    const result = await read(paths);
    const util = pr.files.find((f) => f.filename === "src/util.ts")?.blob?.content;
    expect(result.contents.get("src/util.ts")).toEqual(util);
    for (const p of ODD) expect(result.contents.get(p)?.toString("utf8")).toBe(`content of ${p}\n`);
    expect(result.contents.get("latin1.txt")).toEqual(latin1);
    expect(result.contents.get("limit.txt")?.length).toBe(MAX_FILE_BYTES);
    expect(result.contents.get("empty.txt")).toEqual(Buffer.alloc(0));
    expect(result.contents.get("bin/widgets")?.toString()).toBe("../dist/cli.js");
    expect([...result.contents.keys()]).toEqual(paths.slice(0, ODD.length + 5));
    expect(result.skipped).toEqual([
      { path: "../etc/passwd", reason: 'unsafe path (".." segment)' },
      { path: "assets/logo.png", reason: "binary file" },
      { path: "big.txt", reason: `larger than ${MAX_FILE_BYTES} bytes` },
      { path: "missing.txt", reason: "not found at head" },
      { path: "src", reason: "a tree, not a file" },
    ]);
    // One GraphQL query for all of them, plus the exact bytes of the non-UTF-8 file over REST.
    expect(mock.requests.map((r) => r.operation ?? r.path)).toEqual([
      "Objects",
      `/repos/octo-org/widgets/git/blobs/${blobOf(latin1).oid}`,
    ]);
  });

  it("asks at most 100 files per query", async () => {
    const pr = generatePullRequest({ repo: "many", files: 150, commits: 2, multiWriterEvery: 0 });
    mock = mockGitHub([pr]);
    const { client } = testClient();
    const read = createGitHubBlobReader(client, "octo-org", "many", pr.headRefOid);
    const result = await read(pr.files.map((f) => f.filename));
    expect(result.contents.size).toBe(150);
    expect(
      mock.requests.map((r) => Object.keys(r.variables ?? {}).filter((k) => /^e\d+$/.test(k)).length),
    ).toEqual([100, 50]);
  });

  it("reads nothing for no paths", async () => {
    mock = mockGitHub([mixedPullRequest()]);
    const { client } = testClient();
    const result = await createGitHubBlobReader(client, "octo-org", "widgets", "0".repeat(40))([]);
    expect(result).toEqual({ contents: new Map(), skipped: [] });
    expect(mock.requests).toEqual([]);
  });
});
