/**
 * Start an engine process: `spawn` with an argument array (no shell), its own
 * process group (so a timeout kills everything it started), a wall-clock
 * limit, a stdout cap, and the tail of stderr kept for messages.
 */
import { spawn } from "node:child_process";
import { MAX_ENGINE_STDERR_BYTES } from "../limits.js";

export interface RunProcessOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  maxStdoutBytes: number;
}

export type ProcessOutcome =
  | {
      kind: "exited";
      exitCode: number | null;
      signal: NodeJS.Signals | null;
      stdout: string;
      stderrTail: string;
    }
  | { kind: "failed"; reason: string; stderrTail: string };

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** Runs the process to completion; never rejects (a timeout, an output overflow or a spawn error is a "failed" outcome). */
export function runProcess(options: RunProcessOptions): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    const child = spawn(options.command, [...options.args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      shell: false,
      detached: true,
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrTail = "";
    let settled = false;
    const finish = (outcome: ProcessOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const fail = (reason: string): void => {
      killGroup(child.pid);
      finish({ kind: "failed", reason, stderrTail });
    };
    const timer = setTimeout(() => fail(`timed out after ${options.timeoutMs} ms`), options.timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > options.maxStdoutBytes) fail(`printed more than ${options.maxStdoutBytes} bytes`);
      else stdout.push(chunk);
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-MAX_ENGINE_STDERR_BYTES);
    });
    child.on("error", (err) => fail(`could not start ${options.command}: ${err.message}`));
    child.on("close", (exitCode, signal) => {
      finish({
        kind: "exited",
        exitCode,
        signal,
        stdout: Buffer.concat(stdout, stdoutBytes).toString("utf8"),
        stderrTail,
      });
    });
  });
}
