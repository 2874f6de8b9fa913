/** A throw-away git repository for tests, isolated from the user's git configuration. */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export class TempRepo {
  readonly dir: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), "agent-provenance-diff-"));
    this.env = {
      PATH: process.env.PATH,
      HOME: this.dir,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_AUTHOR_NAME: "Test",
      GIT_AUTHOR_EMAIL: "test@example.com",
      GIT_COMMITTER_NAME: "Test",
      GIT_COMMITTER_EMAIL: "test@example.com",
      GIT_AUTHOR_DATE: "2024-01-01T00:00:00Z",
      GIT_COMMITTER_DATE: "2024-01-01T00:00:00Z",
    };
    this.git("init", "-q");
    this.git("config", "core.autocrlf", "false");
    this.git("config", "commit.gpgsign", "false");
  }

  /** Runs git in the repository and returns its stdout. */
  git(...args: string[]): string {
    return execFileSync("git", args, {
      cwd: this.dir,
      env: this.env,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    });
  }

  write(path: string, content: string | Uint8Array, executable = false): void {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    chmodSync(full, executable ? 0o755 : 0o644);
  }

  symlink(path: string, target: string): void {
    const full = join(this.dir, path);
    rmSync(full, { force: true });
    symlinkSync(target, full);
  }

  remove(path: string): void {
    rmSync(join(this.dir, path), { force: true, recursive: true });
  }

  /** Stages everything and commits; returns the new commit id. */
  commit(message: string): string {
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
    return this.git("rev-parse", "HEAD").trim();
  }

  /** Stages everything and returns the tree id (cheaper than a commit; `git diff` accepts trees). */
  tree(): string {
    this.git("add", "-A");
    return this.git("write-tree").trim();
  }

  /** The diff command the git source runs, plus extra options. */
  diff(base: string, head: string, ...extra: string[]): string {
    return this.git(
      "diff",
      "--no-color",
      "--no-ext-diff",
      "-M",
      "-C",
      "--full-index",
      "--src-prefix=a/",
      "--dst-prefix=b/",
      ...extra,
      base,
      head,
    );
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
