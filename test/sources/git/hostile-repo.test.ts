import { lstat, readdir, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangedFile, PullRequestSnapshot } from "../../../app/model/snapshot.js";
import {
  buildGitSnapshotWithStats,
  type GitSnapshotStats,
} from "../../../app/sources/git/local-git-source.js";
import { createGitRunner } from "../../../app/sources/git/run-git.js";
import {
  buildHostileScenario,
  HUGE_LINES,
  HUGE_PATH,
  type HostileScenario,
  ODD_NAMES,
  SUBMODULE_PATH,
  SYMLINK_PATH,
} from "../../../fixtures/git/hostile-scenario.js";
import { createTracedGit, straceAvailable, type TraceCall, writeCalls } from "./trace-git.js";

/** Every entry under `dir` (not following symlinks) with its type, size and mtime. */
async function fingerprint(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      const st = await lstat(full);
      out.set(full, `${st.mode}:${st.size}:${st.mtimeMs}`);
      if (entry.isDirectory()) await walk(full);
    }
  };
  await walk(dir);
  return out;
}

function byPath(snapshot: PullRequestSnapshot): Map<string, ChangedFile> {
  return new Map(snapshot.files.map((f) => [f.path, f]));
}

/** System locations git itself legitimately reads (libraries, locale, time zone, the user's own git config). */
function allowedOutside(path: string, repo: string): boolean {
  const home = homedir();
  if (repo.startsWith(`${path}${sep}`) || path === repo) return true; // discovery walks up the repo's ancestors
  const prefixes = ["/usr/", "/lib", "/etc/ld.so", "/etc/localtime", "/dev/null", "/proc/self/", "/sys/"];
  if (prefixes.some((p) => path.startsWith(p))) return true;
  return [join(home, ".gitconfig"), join(home, ".config/git")].some((p) => path.startsWith(p));
}

function outsideRepo(calls: readonly TraceCall[], repo: string): string[] {
  const bad = new Set<string>();
  for (const call of calls) {
    if (call.path === null || call.path === "" || call.syscall === "execve") continue;
    const full = isAbsolute(call.path) ? call.path : resolve(repo, call.path);
    if (full === repo || full.startsWith(`${repo}${sep}`)) continue;
    if (!allowedOutside(full, repo)) bad.add(`${call.syscall} ${full}`);
  }
  return [...bad];
}

describe.each([
  { label: "work tree", bare: false },
  { label: "bare repository", bare: true },
])("hostile repository ($label)", ({ bare }) => {
  let scenario: HostileScenario;
  let snapshot: PullRequestSnapshot;
  let stats: GitSnapshotStats;
  let blamed: { snapshot: PullRequestSnapshot; stats: GitSnapshotStats };
  let before: Map<string, string>;
  let after: Map<string, string>;
  let calls: TraceCall[] = [];

  beforeAll(async () => {
    scenario = await buildHostileScenario({ bare });
    before = await fingerprint(scenario.repo);
    const traced = straceAvailable ? await createTracedGit() : null;
    const git = createGitRunner({
      cwd: scenario.repo,
      ...(traced === null ? {} : { gitBinary: traced.binary }),
    });
    const refs = { repo: scenario.repo, base: scenario.base, head: scenario.head, git };
    ({ snapshot, stats } = await buildGitSnapshotWithStats(refs));
    // The same again with one git blame per file, so odd names also travel as blame arguments.
    blamed = await buildGitSnapshotWithStats({ ...refs, lineOrigins: "blame" });
    after = await fingerprint(scenario.repo);
    if (traced !== null) {
      calls = await traced.calls();
      await traced.dispose();
    }
  }, 60_000);

  afterAll(async () => {
    await rm(scenario.repo, { recursive: true, force: true });
  });

  it("attributes files with odd names line by line, by replay and by git blame", () => {
    const files = byPath(snapshot);
    for (const name of ODD_NAMES) {
      const file = files.get(name);
      expect(file, name).toBeDefined();
      expect(file?.addedLines).toEqual([1, 2, 3]);
      expect(file?.origins).toEqual([
        { start: 1, end: 2, commit: scenario.first },
        { start: 3, end: 3, commit: scenario.second },
      ]);
    }
    expect(stats).toEqual({ gitProcesses: 5, replayedFiles: ODD_NAMES.length, blamedFiles: 0 });
    expect(blamed.snapshot.files).toEqual(snapshot.files);
    expect(blamed.stats).toEqual({
      gitProcesses: 4 + ODD_NAMES.length,
      replayedFiles: 0,
      blamedFiles: ODD_NAMES.length,
    });
  });

  it("skips the symlink, the submodule entry and the huge file, with notes", () => {
    const files = byPath(snapshot);
    expect(files.get(SYMLINK_PATH)?.skipped).toBe("symlink");
    expect(files.get(SUBMODULE_PATH)?.skipped).toBe("submodule");
    const huge = files.get(HUGE_PATH);
    expect(huge?.skipped).toBe("too large");
    expect(huge?.hunks).toEqual([]);
    expect(huge?.addedLines).toHaveLength(HUGE_LINES);
    // One commit wrote the whole file, so attribution needs no blame even though it is too large to scan.
    expect(huge?.origins).toEqual([{ start: 1, end: HUGE_LINES, commit: scenario.first }]);
    for (const file of snapshot.files.filter((f) => f.skipped === "symlink" || f.skipped === "submodule")) {
      expect(file.origins.every((o) => o.commit === null)).toBe(true);
    }
    const notes = snapshot.notes.join("\n");
    expect(notes).toContain(`"${SYMLINK_PATH}": skipped (symbolic link`);
    expect(notes).toContain(`"${SUBMODULE_PATH}": skipped (submodule`);
    expect(notes).toContain(`"${HUGE_PATH}": skipped (too large`);
  });

  it("never exposes the symlink target's contents", () => {
    expect(JSON.stringify(snapshot)).not.toMatch(/root:.*:0:0:/);
  });

  it("writes nothing in the repository", () => {
    expect(after).toEqual(before);
    // "--output=pwned.txt" is a checked-out file; taken as an option it would have written "pwned.txt".
    const created = [...after.keys()].filter((p) => p.endsWith(`${sep}pwned.txt`));
    expect(created).toEqual([]);
  });

  it.skipIf(!straceAvailable)("makes no file-system writes and reads nothing outside the repository", () => {
    expect(calls.length).toBeGreaterThan(0);
    expect(writeCalls(calls).map((c) => c.line)).toEqual([]);
    expect(calls.filter((c) => c.line.includes("/etc/passwd")).map((c) => c.line)).toEqual([]);
    expect(outsideRepo(calls, scenario.repo)).toEqual([]);
  });

  it("keeps paths repository-relative", () => {
    for (const file of snapshot.files) {
      expect(isAbsolute(file.path)).toBe(false);
      expect(file.path.split("/")).not.toContain("..");
      expect(dirname(file.path)).not.toMatch(/^\//);
    }
  });
});
