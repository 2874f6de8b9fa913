import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProvenanceError } from "../../../app/errors.js";
import { parseLog, readLog } from "../../../app/sources/git/read-log.js";
import { createGitRunner } from "../../../app/sources/git/run-git.js";
import { createRepo, type FixtureRepo } from "../../../fixtures/git/fixture-repo.js";

const ZOE = { name: "Zoë Ångström", email: "zoe@example.com" };
const BOB = { name: "Bob", email: "bob@example.com" };

describe("readLog on a real repository", () => {
  let repo: FixtureRepo;
  const sha: Record<string, string> = {};

  beforeAll(async () => {
    repo = await createRepo();
    sha.base = await repo.commit({
      message: "base",
      author: BOB,
      files: { "a.txt": "a\nb\nc\n", "old.txt": "x\ny\nz\n" },
    });
    await repo.branch("feature");
    sha.unicode = await repo.commit({
      message: "Fix naïve café handling ☕\n\nÜnïcödé body — “quotes” and 日本語.\n",
      author: ZOE,
      date: "2025-03-04T10:00:00+02:00",
      files: { "a.txt": "a\nB\nc\n" },
    });
    sha.empty = await repo.commit({ message: "", author: BOB, files: { "b.txt": "1\n" } });
    sha.paragraphs = await repo.commit({
      message:
        "Subject line\n\nFirst paragraph\nstill first.\n\nSecond paragraph.\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\nAgent-ID: devin\n",
      author: BOB,
      renames: { "old.txt": "new.txt" },
    });
    sha.controls = await repo.commit({
      message: "Control \x1e\x1f characters and %H %x00 look-alikes\n",
      author: BOB,
      files: { "a.txt": null },
    });
    await repo.branch("side", sha.base);
    sha.side = await repo.commit({ message: "side work", author: BOB, files: { "side.txt": "s\n" } });
    repo.switchTo("feature");
    sha.merge = await repo.commit({
      message: "Merge branch 'side'",
      author: BOB,
      mergeParents: [sha.side],
      files: { "side.txt": "s\n" }, // fast-import starts a merge from the first parent's tree
    });
  });

  afterAll(async () => {
    await rm(repo.dir, { recursive: true, force: true });
  });

  it("reads commits oldest first with exact identities and messages", async () => {
    const git = createGitRunner({ cwd: repo.dir });
    const log = await readLog(git, sha.base as string, sha.merge as string);
    expect(git.count).toBe(1);
    const order = log.commits.map((c) => c.sha);
    expect(order.indexOf(sha.unicode as string)).toBeLessThan(order.indexOf(sha.empty as string));
    expect(order.indexOf(sha.side as string)).toBeLessThan(order.indexOf(sha.merge as string));
    expect(order.at(-1)).toBe(sha.merge);
    expect(new Set(order)).toEqual(
      new Set([sha.unicode, sha.empty, sha.paragraphs, sha.controls, sha.side, sha.merge]),
    );

    const byLabel = (label: string) => log.commits.find((c) => c.sha === sha[label]);
    expect(byLabel("unicode")).toMatchObject({
      author: { name: "Zoë Ångström", email: "zoe@example.com", date: "2025-03-04T10:00:00+02:00" },
      message: "Fix naïve café handling ☕\n\nÜnïcödé body — “quotes” and 日本語.\n",
      parents: [sha.base],
      notes: null,
    });
    expect(byLabel("empty")?.message).toBe("");
    expect(byLabel("paragraphs")?.message).toBe(
      "Subject line\n\nFirst paragraph\nstill first.\n\nSecond paragraph.\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\nAgent-ID: devin\n",
    );
    expect(byLabel("controls")?.message).toBe("Control \x1e\x1f characters and %H %x00 look-alikes\n");
    expect(byLabel("merge")?.parents).toEqual([sha.controls, sha.side]);
    expect(byLabel("unicode")?.tree).toMatch(/^[0-9a-f]{40}$/);
    expect(log.hasMerges).toBe(true);
  });

  it("records which commit touched which path, and how", async () => {
    const log = await readLog(createGitRunner({ cwd: repo.dir }), sha.base as string, sha.merge as string);
    expect(log.touches.get("a.txt")).toEqual([
      { commit: sha.unicode, status: "M", partner: null },
      { commit: sha.controls, status: "D", partner: null },
    ]);
    expect(log.touches.get("new.txt")).toEqual([{ commit: sha.paragraphs, status: "R", partner: "old.txt" }]);
    expect(log.touches.get("old.txt")).toEqual([{ commit: sha.paragraphs, status: "R", partner: "new.txt" }]);
    expect(log.touches.get("side.txt")).toEqual([{ commit: sha.side, status: "A", partner: null }]);
    // A merge lists no paths of its own.
    expect([...log.touches.values()].flat().some((t) => t.commit === sha.merge)).toBe(false);
  });

  it("reads refs/notes/ai in the same process, ignoring other notes refs", async () => {
    await repo.git([
      "notes",
      "--ref=ai",
      "add",
      "-m",
      "authorship/3.0.0\nsrc/a.ts\n  abc 1-3",
      sha.unicode as string,
    ]);
    await repo.git(["notes", "add", "-m", "a default note", sha.empty as string]);
    const git = createGitRunner({ cwd: repo.dir });
    const log = await readLog(git, sha.base as string, sha.merge as string);
    expect(git.count).toBe(1);
    expect(log.commits.find((c) => c.sha === sha.unicode)?.notes).toBe(
      "authorship/3.0.0\nsrc/a.ts\n  abc 1-3\n",
    );
    expect(log.commits.find((c) => c.sha === sha.empty)?.notes).toBeNull();
  });
});

describe("parseLog", () => {
  const nonce = "n0nce";
  const record = (fields: string[], tail: string): string =>
    `\x1e${nonce}\x1f${fields.join("\0")}\x1f${nonce}\x1e${tail}`;
  const sha = (c: string): string => c.repeat(40);
  const fixed = (s: string, parents: string): string[] => [
    sha(s),
    sha("e"),
    parents,
    "A",
    "a@x",
    "2025-01-01T00:00:00+00:00",
    "C",
    "c@x",
    "2025-01-01T00:00:00+00:00",
  ];

  it("keeps a note holding NUL bytes and the name-status that follows it", () => {
    const out = record([...fixed("a", ""), "msg\n", "note\0with\0nuls\n"], "\0\nM\0x.txt\0R090\0y\0z\0");
    const log = parseLog(out, nonce);
    expect(log.commits[0]?.notes).toBe("note\0with\0nuls\n");
    expect(log.touches.get("x.txt")).toEqual([{ commit: sha("a"), status: "M", partner: null }]);
    expect(log.touches.get("z")?.[0]?.partner).toBe("y");
  });

  it("reads an empty range", () => {
    expect(parseLog("", nonce)).toEqual({ commits: [], touches: new Map(), hasMerges: false });
  });

  it("rejects paths that escape the repository", () => {
    const out = record([...fixed("a", ""), "m", ""], "\0\nA\0../../etc/passwd\0");
    expect(() => parseLog(out, nonce)).toThrowError(expect.objectContaining({ code: "UNSAFE_PATH" }));
    const abs = record([...fixed("a", ""), "m", ""], "\0\nA\0/etc/passwd\0");
    expect(() => parseLog(abs, nonce)).toThrowError(ProvenanceError);
  });

  it("rejects unknown statuses and truncated records", () => {
    expect(() => parseLog(record([...fixed("a", ""), "m", ""], "\0\nQ\0x\0"), nonce)).toThrowError(
      /unknown status/,
    );
    expect(() => parseLog(`\x1e${nonce}\x1f${fixed("a", "").join("\0")}`, nonce)).toThrowError(
      /unterminated/,
    );
  });
});
