import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import { ProvenanceError } from "../errors.js";

/**
 * Write a file atomically (temp file + rename in the same directory), so an
 * interrupted run never leaves a half-written report. "-" means stdout.
 */
export async function writeOutput(
  target: string,
  content: string,
  stdout: (t: string) => void,
  mode = 0o644,
): Promise<void> {
  if (target === "-") {
    stdout(content);
    return;
  }
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, content, { mode, flag: "wx" });
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new ProvenanceError("IO_FAILED", `cannot write ${target}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
