/**
 * The built CLI as a real process, for the end-to-end suites: `node
 * bin/agent-provenance.js ...` with the repository root as cwd, after making
 * sure `dist/` is built from the current sources.
 *
 * Several test files run in parallel forks, so the build is guarded by a lock
 * directory and only runs when `dist/app/cli/main.js` is missing or older than
 * a source file (tsc rewrites every output, so main.js dates the last build).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Report } from "../../app/model/report.js";

export const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "bin/agent-provenance.js");
const BUILT_ENTRY = join(ROOT, "dist/app/cli/main.js");
const LOCK = join(
  tmpdir(),
  `agent-provenance-e2e-build-${createHash("sha256").update(ROOT).digest("hex").slice(0, 12)}`,
);
const STALE_LOCK_MS = 5 * 60_000;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, (await stat(path)).mtimeMs);
  }
  return newest;
}

async function buildIsStale(): Promise<boolean> {
  let built: number;
  try {
    built = (await stat(BUILT_ENTRY)).mtimeMs;
  } catch {
    return true;
  }
  const configs = await Promise.all(
    ["tsconfig.json", "tsconfig.build.json"].map(async (f) => (await stat(join(ROOT, f))).mtimeMs),
  );
  const sources = await Promise.all(["app", "fixtures"].map((d) => newestSource(join(ROOT, d))));
  return Math.max(...configs, ...sources) > built;
}

function exec(file: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd = ROOT): Promise<CliRun> {
  return new Promise((done) => {
    execFile(file, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === "number" ? err.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

async function acquireLock(): Promise<void> {
  for (;;) {
    try {
      await mkdir(LOCK);
      return;
    } catch {
      const since = await stat(LOCK).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (since > STALE_LOCK_MS) await rm(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Build dist/ with tsconfig.build.json unless it is already newer than every source. */
export async function ensureBuilt(): Promise<void> {
  await acquireLock();
  try {
    if (!(await buildIsStale())) return;
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    const run = await exec(process.execPath, [tsc, "-p", "tsconfig.build.json"], process.env);
    if (run.code !== 0) throw new Error(`build failed (exit ${run.code}):\n${run.stdout}${run.stderr}`);
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

/** The environment every CLI process gets: ours, without agent keys unless the test sets them. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env["PROVENANCE_AGENT_PUBLIC_KEYS"];
  return { ...env, ...extra };
}

/** `node bin/agent-provenance.js <args>` from the repository root. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = cliEnv()): Promise<CliRun> {
  return exec(process.execPath, [CLI, ...args], env);
}

export async function readReport(path: string): Promise<Report> {
  return JSON.parse(await readFile(path, "utf8")) as Report;
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Writes `content` (JSON-encoded unless a string) to `dir/name` and returns the path. */
export async function writeInput(dir: string, name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return path;
}
