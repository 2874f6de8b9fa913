import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FILE_BYTES } from "../../../app/limits.js";
import { readBlobs } from "../../../app/sources/git/read-blobs.js";
import { createGitRunner } from "../../../app/sources/git/run-git.js";
import { createRepo, type FixtureRepo } from "../../../fixtures/git/fixture-repo.js";

const WHO = { name: "Maya Chen", email: "maya@example.com" };
const BINARY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0a, 0x00, 0xff, 0x0a, 0x0d, 0x00]);

/** Paths whose names git and our parser could trip over, with their contents. */
const ODD_FILES: Record<string, string> = {
  "dir with space/a b.txt": "spaces\n",
  "new\nline.txt": "newline in the name\n",
  "tab\there.txt": "tab\n",
  "ünïcødé/日本語.ts": "export const x = '日本';\n",
  "quote\"s and 'apostrophes'.py": "q = 1\n",
  "back\\slash.txt": "backslash\n",
  "colon:in:name.txt": "colons\n",
  "-leading-dash.txt": "dash\n",
  "ends with missing": "a name ending like git's answer\n",
  "empty.txt": "",
  "no-newline.txt": "last line",
};

let repo: FixtureRepo;
let head: string;
let older: string;

beforeAll(async () => {
  repo = await createRepo();
  older = await repo.commit({ message: "old", author: WHO, files: { "src/a.ts": "old\n" } });
  head = await repo.commit({
    message: "files",
    author: WHO,
    files: {
      ...ODD_FILES,
      "src/a.ts": "const a = 1;\n",
      "src/nested/b.py": "b = 2\n",
      "bin/image.png": BINARY,
      "big.txt": "x".repeat(MAX_FILE_BYTES + 1),
      "limit.txt": "y".repeat(MAX_FILE_BYTES),
      link: { symlink: "src/a.ts" },
      "vendor/lib": { submodule: "0123456789abcdef0123456789abcdef01234567" },
      "vendor/self": { submodule: older },
    },
  });
  await repo.checkout();
});

afterAll(async () => {
  await rm(repo.dir, { recursive: true, force: true });
});

describe("readBlobs", () => {
  it("reads awkward names exactly, in two git processes", async () => {
    const git = createGitRunner({ cwd: repo.dir });
    const paths = Object.keys(ODD_FILES);
    const read = await readBlobs(git, head, paths);
    expect(git.count).toBe(2);
    expect(read.skipped).toEqual([]);
    expect(Object.fromEntries([...read.contents].map(([p, b]) => [p, b.toString("utf8")]))).toEqual(
      ODD_FILES,
    );
  });

  it("returns binary content as exact bytes", async () => {
    const read = await readBlobs(createGitRunner({ cwd: repo.dir }), head, ["bin/image.png"]);
    expect(read.contents.get("bin/image.png")?.equals(BINARY)).toBe(true);
  });

  it("skips missing paths, trees, submodules and oversized files with why, and reads the rest", async () => {
    const git = createGitRunner({ cwd: repo.dir });
    const read = await readBlobs(git, head, [
      "src/a.ts",
      "nope.txt",
      "src",
      "src/nested",
      "vendor/lib",
      "vendor/self",
      "big.txt",
      "limit.txt",
      "src/nested/b.py",
      "src/a.ts/under-a-file",
    ]);
    expect(git.count).toBe(2);
    expect(read.skipped).toEqual([
      { path: "nope.txt", reason: "not found at head" },
      { path: "src", reason: "a tree, not a file" },
      { path: "src/nested", reason: "a tree, not a file" },
      // A gitlink names a commit of another repository: usually absent here, so "not found".
      { path: "vendor/lib", reason: "not found at head" },
      { path: "vendor/self", reason: "a commit, not a file" },
      { path: "big.txt", reason: `larger than ${MAX_FILE_BYTES} bytes` },
      { path: "src/a.ts/under-a-file", reason: "not found at head" },
    ]);
    expect([...read.contents.keys()]).toEqual(["src/a.ts", "limit.txt", "src/nested/b.py"]);
    expect(read.contents.get("src/a.ts")?.toString()).toBe("const a = 1;\n");
    expect(read.contents.get("limit.txt")?.length).toBe(MAX_FILE_BYTES);
    expect(read.contents.get("src/nested/b.py")?.toString()).toBe("b = 2\n");
  });

  it("reads a symlink as its target text (the caller skips symlinks by the diff's mode)", async () => {
    const read = await readBlobs(createGitRunner({ cwd: repo.dir }), head, ["link"]);
    expect(read.contents.get("link")?.toString()).toBe("src/a.ts");
  });

  it("reads the given commit, not the work tree or another commit", async () => {
    const git = createGitRunner({ cwd: repo.dir });
    const atOlder = await readBlobs(git, older, ["src/a.ts", "empty.txt"]);
    expect(atOlder.contents.get("src/a.ts")?.toString()).toBe("old\n");
    expect(atOlder.skipped).toEqual([{ path: "empty.txt", reason: "not found at head" }]);
  });

  it("takes paths from the repository root when run in a subdirectory", async () => {
    const git = createGitRunner({ cwd: join(repo.dir, "src") });
    const read = await readBlobs(git, head, ["src/a.ts", "dir with space/a b.txt"]);
    expect(read.skipped).toEqual([]);
    expect(read.contents.get("src/a.ts")?.toString()).toBe("const a = 1;\n");
  });

  it("starts no process for no paths and one when nothing is worth reading", async () => {
    const git = createGitRunner({ cwd: repo.dir });
    expect(await readBlobs(git, head, [])).toEqual({ contents: new Map(), skipped: [] });
    expect(git.count).toBe(0);
    const none = await readBlobs(git, head, ["nope", "src", "big.txt"]);
    expect(none.contents.size).toBe(0);
    expect(none.skipped.map((s) => s.path)).toEqual(["nope", "src", "big.txt"]);
    expect(git.count).toBe(1);
  });

  it("keeps to two processes for many paths", async () => {
    const many = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`many/f${i}.txt`, `${i}\n`]));
    const commit = await repo.commit({ message: "many", author: WHO, files: many });
    const git = createGitRunner({ cwd: repo.dir });
    const read = await readBlobs(git, commit, Object.keys(many));
    expect(git.count).toBe(2);
    expect(read.contents.size).toBe(400);
    expect(read.contents.get("many/f399.txt")?.toString()).toBe("399\n");
  });

  it("answers a repeated path twice without losing its place", async () => {
    const git = createGitRunner({ cwd: repo.dir });
    const read = await readBlobs(git, head, ["src/a.ts", "src/a.ts", "empty.txt"]);
    expect(read.skipped).toEqual([]);
    expect(read.contents.get("src/a.ts")?.toString()).toBe("const a = 1;\n");
    expect(read.contents.get("empty.txt")?.length).toBe(0);
  });
});
