/**
 * Test helper: a `git` wrapper that runs every git process under strace and
 * reports the file system calls they made, so a test can prove what git
 * touched. Only used when strace is installed (skip otherwise).
 */
import { spawnSync } from "node:child_process";
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const straceAvailable = spawnSync("strace", ["-V"], { stdio: "ignore" }).status === 0;

export interface TracedGit {
  /** Executable to pass as `gitBinary`. */
  binary: string;
  /** Every traced syscall line of every git process so far. */
  calls(): Promise<TraceCall[]>;
  /** Removes the wrapper and its traces. */
  dispose(): Promise<void>;
}

export interface TraceCall {
  syscall: string;
  /** First quoted argument (the path), if any. */
  path: string | null;
  line: string;
}

export async function createTracedGit(): Promise<TracedGit> {
  const dir = await mkdtemp(join(tmpdir(), "git-trace-"));
  const binary = join(dir, "git");
  // %file: every syscall that takes a file name (open, stat, unlink, rename, mkdir, ...).
  const script = `#!/bin/sh\nexec strace -f -qq -e trace=%file -o "${dir}/trace.$$" git "$@"\n`;
  await writeFile(binary, script);
  await chmod(binary, 0o755);
  return {
    binary,
    async calls() {
      const calls: TraceCall[] = [];
      for (const name of await readdir(dir)) {
        if (!name.startsWith("trace.")) continue;
        for (const line of (await readFile(join(dir, name), "utf8")).split("\n")) {
          const match = /^\d+\s+(\w+)\((.*)$/.exec(line);
          if (match === null) continue;
          const path = /"((?:[^"\\]|\\.)*)"/.exec(match[2] as string);
          calls.push({ syscall: match[1] as string, path: path === null ? null : (path[1] as string), line });
        }
      }
      return calls;
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

const WRITE_SYSCALLS =
  /^(creat|mkdir|mkdirat|unlink|unlinkat|rmdir|rename|renameat2?|link|linkat|symlink|symlinkat|truncate|chmod|fchmodat|chown|lchown|fchownat|utime|utimes|utimensat|mknod|mknodat)$/;

/** Syscalls that would change the file system: writes, creations, deletions (opening /dev/null read-write is fine). */
export function writeCalls(calls: readonly TraceCall[]): TraceCall[] {
  return calls.filter((c) => {
    if (WRITE_SYSCALLS.test(c.syscall)) return true;
    if (c.syscall !== "open" && c.syscall !== "openat") return false;
    if (c.path === "/dev/null") return false;
    return /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND/.test(c.line);
  });
}
