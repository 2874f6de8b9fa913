/**
 * The only way this project starts git: `spawn` with an argument array (never
 * a shell), a hardened environment and configuration, a time limit and an
 * output cap. A `GitRunner` counts the processes it starts so tests and the
 * benchmark can hold the source to a process budget.
 */
import { spawn } from "node:child_process";
import { ProvenanceError } from "../../errors.js";
import { GIT_TIMEOUT_MS, MAX_GIT_OUTPUT_BYTES, MAX_GIT_STDERR_BYTES } from "../../limits.js";

export interface GitRunner {
  /** Directory every process runs in (the repository as the caller gave it). */
  readonly cwd: string;
  /** How many git processes this runner has started. */
  readonly count: number;
  /** Runs `git <hardening options> <args>` and resolves with its stdout. */
  run(args: readonly string[], options?: RunOptions): Promise<Buffer>;
}

export interface RunOptions {
  /** A lower output cap for this one process (never above the runner's own). */
  maxOutputBytes?: number;
  /** Bytes written to the process's stdin (e.g. object names for `cat-file --batch`). */
  input?: Buffer;
}

export interface GitRunnerOptions {
  cwd: string;
  /** Executable to start; "git" from PATH by default. */
  gitBinary?: string;
  timeoutMs?: number;
  maxOutputBytes?: number;
}

/** Why a git process failed; kept as the `cause` of the ProvenanceError. */
export class GitProcessFailure extends Error {
  readonly args: readonly string[];
  readonly exitCode: number | null;
  readonly stderr: string;
  constructor(args: readonly string[], exitCode: number | null, stderr: string, reason: string) {
    super(reason);
    this.name = "GitProcessFailure";
    this.args = args;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

/**
 * Global options placed before every subcommand. Command-line `-c` wins over
 * the repository's own `.git/config`, which a hostile repository controls.
 */
export const HARDENING_ARGS: readonly string[] = [
  "--no-pager",
  "--literal-pathspecs",
  "--no-replace-objects",
  ...[
    "core.quotePath=true",
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.attributesFile=",
    "diff.external=",
    "diff.relative=false",
    "color.ui=false",
    "log.showSignature=false",
    "log.mailmap=false",
    "mailmap.file=",
    "mailmap.blob=",
    "protocol.allow=never",
    "protocol.file.allow=never",
  ].flatMap((setting) => ["-c", setting]),
];

/** Variables passed through from our own environment; everything else (GIT_DIR, GIT_INDEX_FILE, ...) is dropped. */
const INHERITED_ENV = ["PATH", "HOME", "XDG_CONFIG_HOME", "GIT_CONFIG_GLOBAL", "TMPDIR"] as const;

export function gitEnvironment(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of INHERITED_ENV) {
    const value = source[name];
    if (value !== undefined) env[name] = value;
  }
  return {
    ...env,
    LC_ALL: "C",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_ATTR_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    GIT_OPTIONAL_LOCKS: "0",
    GIT_NO_REPLACE_OBJECTS: "1",
    GIT_PAGER: "cat",
    PAGER: "cat",
  };
}

const BAD_REF_PATTERNS: readonly RegExp[] = [
  /unknown revision/i,
  /bad revision/i,
  /not a valid object name/i,
  /invalid object name/i,
  /needed a single revision/i,
  /bad object/i,
  /ambiguous argument/i,
];

export function createGitRunner(options: GitRunnerOptions): GitRunner {
  let count = 0;
  const settings = {
    cwd: options.cwd,
    gitBinary: options.gitBinary ?? "git",
    timeoutMs: options.timeoutMs ?? GIT_TIMEOUT_MS,
    maxOutputBytes: options.maxOutputBytes ?? MAX_GIT_OUTPUT_BYTES,
  };
  return {
    cwd: options.cwd,
    get count() {
      return count;
    },
    run(args, runOptions) {
      count += 1;
      const cap = Math.min(settings.maxOutputBytes, runOptions?.maxOutputBytes ?? Infinity);
      return runOnce({ ...settings, maxOutputBytes: cap }, args, runOptions?.input);
    },
  };
}

type Settings = Required<GitRunnerOptions>;

function runOnce(settings: Settings, args: readonly string[], input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(settings.gitBinary, [...HARDENING_ARGS, ...args], {
      cwd: settings.cwd,
      env: gitEnvironment(),
      stdio: ["pipe", "pipe", "pipe"],
      shell: false,
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = "";
    let settled = false;
    const fail = (exitCode: number | null, reason: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(toError(args, exitCode, stderr, reason));
    };
    const timer = setTimeout(
      () => fail(null, `timed out after ${settings.timeoutMs} ms`),
      settings.timeoutMs,
    );
    child.stdout.on("data", (chunk: Buffer) => {
      if (settled) return;
      stdoutBytes += chunk.length;
      if (stdoutBytes > settings.maxOutputBytes) {
        fail(null, `printed more than ${settings.maxOutputBytes} bytes`);
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (stderr.length < MAX_GIT_STDERR_BYTES)
        stderr += chunk.slice(0, MAX_GIT_STDERR_BYTES - stderr.length);
    });
    child.on("error", (err) => fail(null, `could not start ${settings.gitBinary}: ${err.message}`));
    // EPIPE when git exits early is reported through the exit status instead.
    child.stdin.on("error", () => undefined);
    child.stdin.end(input);
    child.on("close", (code, signal) => {
      if (settled) return;
      if (code === 0) {
        settled = true;
        clearTimeout(timer);
        resolve(Buffer.concat(stdout, stdoutBytes));
        return;
      }
      fail(code, code === null ? `killed by ${signal ?? "a signal"}` : `exit ${code}`);
    });
  });
}

function toError(
  args: readonly string[],
  exitCode: number | null,
  stderr: string,
  reason: string,
): ProvenanceError {
  const trimmed = stderr.trim();
  const failure = new GitProcessFailure(args, exitCode, trimmed, reason);
  const command = describe(args);
  const detail = trimmed === "" ? "" : `: ${trimmed}`;
  const badRef = exitCode !== null && BAD_REF_PATTERNS.some((pattern) => pattern.test(trimmed));
  return new ProvenanceError(
    badRef ? "GIT_BAD_REF" : "GIT_FAILED",
    `${command} failed (${reason})${detail}`,
    {
      cause: failure,
    },
  );
}

/** "git log" plus a shortened, JSON-quoted argument list for messages (paths may hold control characters). */
function describe(args: readonly string[]): string {
  const shown = args.slice(0, 8).map((arg) => (/^[\w.,:/=^{}@+-]+$/.test(arg) ? arg : JSON.stringify(arg)));
  return `git ${shown.join(" ")}${args.length > 8 ? " ..." : ""}`;
}

/** The process failure behind a ProvenanceError raised by a runner, if any. */
export function gitFailureOf(err: unknown): GitProcessFailure | null {
  if (err instanceof ProvenanceError && err.cause instanceof GitProcessFailure) return err.cause;
  return null;
}
