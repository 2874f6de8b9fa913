import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGitSnapshot } from "../../../app/sources/git/local-git-source.js";
import { parseRevParse, resolveRefs } from "../../../app/sources/git/resolve-refs.js";
import { createGitRunner, gitEnvironment, gitFailureOf } from "../../../app/sources/git/run-git.js";
import { createRepo, type FixtureRepo } from "../../../fixtures/git/fixture-repo.js";

const BOB = { name: "Bob", email: "bob@example.com" };
const code = (c: string) => expect.objectContaining({ code: c });

let repo: FixtureRepo;
let scratch: string;
const sha: Record<string, string> = {};

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "run-git-test-"));
  repo = await createRepo();
  sha.base = await repo.commit({ message: "base", author: BOB, files: { "src/a.txt": "a\n" } });
  await repo.branch("feature");
  sha.head = await repo.commit({ message: "head", author: BOB, files: { "src/a.txt": "a\nb\n" } });
  await repo.checkout("feature");
});

afterAll(async () => {
  await rm(repo.dir, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

/** A stand-in for git: a shell script the runner starts instead. */
async function fakeGit(name: string, body: string): Promise<string> {
  const path = join(scratch, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

describe("createGitRunner", () => {
  it("counts processes and returns stdout", async () => {
    const git = createGitRunner({ cwd: repo.dir });
    expect(git.count).toBe(0);
    const out = await git.run(["rev-parse", "HEAD"]);
    expect(out.toString().trim()).toBe(sha.head);
    await git.run(["rev-parse", "HEAD"]);
    expect(git.count).toBe(2);
  });

  it("turns a failing command into GIT_FAILED with git's stderr in the message", async () => {
    const git = createGitRunner({ cwd: repo.dir });
    const err = await git.run(["no-such-command"]).catch((e: unknown) => e);
    expect(err).toEqual(code("GIT_FAILED"));
    expect((err as Error).message).toMatch(/'no-such-command' is not a git command/);
    expect(gitFailureOf(err)?.exitCode).toBe(1);
  });

  it("reports an unknown revision as GIT_BAD_REF", async () => {
    const git = createGitRunner({ cwd: repo.dir });
    await expect(git.run(["log", "--end-of-options", "no-such-branch", "--"])).rejects.toEqual(
      code("GIT_BAD_REF"),
    );
  });

  it("stops a process that runs too long", async () => {
    const git = createGitRunner({
      cwd: repo.dir,
      gitBinary: await fakeGit("slow", "sleep 10"),
      timeoutMs: 200,
    });
    const started = Date.now();
    await expect(git.run(["log"])).rejects.toThrowError(/timed out after 200 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("stops a process that prints too much", async () => {
    const git = createGitRunner({
      cwd: repo.dir,
      gitBinary: await fakeGit("chatty", "head -c 1000000 /dev/zero"),
      maxOutputBytes: 10_000,
    });
    await expect(git.run(["log"])).rejects.toThrowError(/printed more than 10000 bytes/);
  });

  it("reports a git binary that cannot start", async () => {
    const git = createGitRunner({ cwd: repo.dir, gitBinary: join(scratch, "missing-git") });
    await expect(git.run(["log"])).rejects.toEqual(code("GIT_FAILED"));
  });

  it("builds its environment from a short allow-list", () => {
    const env = gitEnvironment({
      PATH: "/bin",
      HOME: "/h",
      GIT_DIR: "/evil",
      GIT_INDEX_FILE: "/evil",
      EDITOR: "vim",
    });
    expect(env).toMatchObject({
      PATH: "/bin",
      HOME: "/h",
      LC_ALL: "C",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_TERMINAL_PROMPT: "0",
      GIT_OPTIONAL_LOCKS: "0",
      GIT_PAGER: "cat",
    });
    expect(env.GIT_DIR).toBeUndefined();
    expect(env.GIT_INDEX_FILE).toBeUndefined();
    expect(env.EDITOR).toBeUndefined();
  });
});

describe("resolveRefs", () => {
  it("resolves both refs in one rev-parse and the merge base in one merge-base", async () => {
    const git = createGitRunner({ cwd: repo.dir });
    const refs = await resolveRefs(git, "main", "feature");
    expect(refs).toEqual({ base: sha.base, head: sha.head, mergeBase: sha.base, bare: false, cdup: "" });
    expect(git.count).toBe(2);
  });

  it.each(["-rf", "--output=/tmp/pwned", "-"])("refuses ref %j before starting git", async (ref) => {
    const git = createGitRunner({ cwd: repo.dir });
    await expect(resolveRefs(git, ref, "feature")).rejects.toEqual(code("BAD_ARGUMENT"));
    await expect(resolveRefs(git, "main", ref)).rejects.toEqual(code("BAD_ARGUMENT"));
    expect(git.count).toBe(0);
  });

  it.each(["", "main\nfeature", "a\0b", "main..feature", "main...feature"])(
    "refuses malformed ref %j",
    async (ref) => {
      await expect(resolveRefs(createGitRunner({ cwd: repo.dir }), ref, "feature")).rejects.toEqual(
        code("BAD_ARGUMENT"),
      );
    },
  );

  it.each(["no-such-branch", "main~5", "src/a.txt", `${"0".repeat(40)}`])(
    "reports %j as GIT_BAD_REF",
    async (ref) => {
      await expect(resolveRefs(createGitRunner({ cwd: repo.dir }), ref, "feature")).rejects.toEqual(
        code("GIT_BAD_REF"),
      );
    },
  );

  it("refuses a tree or blob where a commit is needed", async () => {
    await expect(resolveRefs(createGitRunner({ cwd: repo.dir }), "main^{tree}", "feature")).rejects.toEqual(
      code("GIT_BAD_REF"),
    );
  });

  it("reports unrelated histories as GIT_BAD_REF", async () => {
    const other = await repo.commit({
      message: "root",
      author: BOB,
      branch: "unrelated",
      files: { x: "x\n" },
    });
    const err = await resolveRefs(createGitRunner({ cwd: repo.dir }), other, "feature").catch(
      (e: unknown) => e,
    );
    expect(err).toEqual(code("GIT_BAD_REF"));
    expect((err as Error).message).toMatch(/no common ancestor/);
  });

  it("knows the way up from a subdirectory", async () => {
    const refs = await resolveRefs(createGitRunner({ cwd: join(repo.dir, "src") }), "main", "feature");
    expect(refs.cdup).toBe("../");
  });

  it("parses rev-parse output with or without the echoed markers", () => {
    const a = "a".repeat(40);
    const b = "b".repeat(40);
    expect(parseRevParse(`.git\nfalse\n\n--end-of-options\n${a}\n${b}\n--\n`)).toEqual({
      base: a,
      head: b,
      bare: false,
      cdup: "",
    });
    expect(parseRevParse(`/r\nwith newline\ntrue\n${a}\n${b}\n`)).toEqual({
      base: a,
      head: b,
      bare: true,
      cdup: "",
    });
    expect(() => parseRevParse(`.git\nfalse\n\nnot-a-sha\n${b}\n`)).toThrowError(
      /did not resolve to one commit each/,
    );
  });
});

describe("buildGitSnapshot input checks", () => {
  it("refuses a directory that does not exist, a file, and a directory outside any repository", async () => {
    const file = join(scratch, "file.txt");
    const plain = join(scratch, "plain");
    await writeFile(file, "x");
    await mkdir(plain);
    for (const dir of [join(scratch, "missing"), file, plain]) {
      await expect(buildGitSnapshot({ repo: dir, base: "main", head: "feature" })).rejects.toEqual(
        code("BAD_ARGUMENT"),
      );
    }
  });

  it("refuses a runner bound to another directory", async () => {
    const git = createGitRunner({ cwd: scratch });
    await expect(buildGitSnapshot({ repo: repo.dir, base: "main", head: "feature", git })).rejects.toEqual(
      code("BAD_ARGUMENT"),
    );
  });
});
