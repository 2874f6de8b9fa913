import type { CliIo } from "../../app/cli/io.js";

/** A CliIo that records what a command printed, for in-process CLI tests. */
export function captureIo(
  env: NodeJS.ProcessEnv = {},
  cwd = process.cwd(),
): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    env,
    cwd,
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
  };
  return io;
}
