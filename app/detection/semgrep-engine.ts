/**
 * The real Semgrep, as a process. The targets are written into a fresh
 * temporary directory, the rules into a YAML file next to it (each rule
 * exactly as written), and `semgrep scan --json` runs over that directory.
 * Exit 0 (and 1, "findings" when --error is set) are successful runs; any
 * other exit, a timeout, or output that is not Semgrep's JSON is an
 * ENGINE_FAILED error with the tail of stderr. The directory is always removed.
 */
import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { ProvenanceError } from "../errors.js";
import { MAX_ENGINE_OUTPUT_BYTES, SEMGREP_MAX_MEMORY_MIB } from "../limits.js";
import { findExecutable } from "./find-executable.js";
import { runProcess, type ProcessOutcome } from "./run-process.js";
import { parseSemgrepOutput, toEngineOutput } from "./semgrep-output.js";
import type { Engine, EngineError, EngineOutput, EngineRunOptions, RulePack, ScanTarget } from "./types.js";
import { writeTargetTree } from "./write-target-tree.js";

/** Semgrep's exit codes for a completed scan: 0 ok, 1 findings (with --error). 2 fatal, 4 bad pattern, 5 bad YAML, 7 missing config, 8 bad language, ... are failures. */
const COMPLETED_EXIT_CODES: ReadonlySet<number> = new Set([0, 1]);

/** A root-level `.semgrepignore` target would change what Semgrep scans; it is not code, so it is not written. */
const RESERVED_TARGETS: ReadonlySet<string> = new Set([".semgrepignore"]);

export interface SemgrepEngineOptions {
  /** Environment for the PATH lookup and the process (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Semgrep executable; looked up on PATH when absent. */
  binary?: string;
  /** `--max-memory` in MiB. */
  maxMemoryMib?: number;
  /** Where the temporary directory is created (default: the OS temp dir). */
  tempParent?: string;
}

export function findSemgrep(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  return findExecutable("semgrep", env);
}

function failure(detail: string, stderrTail: string): ProvenanceError {
  const tail = stderrTail.trim();
  return new ProvenanceError(
    "ENGINE_FAILED",
    `semgrep failed: ${detail}${tail === "" ? "" : `\nstderr (tail):\n${tail}`}`,
  );
}

function describeExit(outcome: Extract<ProcessOutcome, { kind: "exited" }>): string {
  if (outcome.exitCode === null) return `killed by ${outcome.signal ?? "a signal"}`;
  const parsed = parseSemgrepOutput(outcome.stdout);
  const reported =
    parsed?.errors.map((error) => error.message.trim()).filter((message) => message !== "") ?? [];
  return `exit ${outcome.exitCode}${reported.length > 0 ? `: ${reported.slice(0, 5).join("; ")}` : ""}`;
}

function emptyOutput(): EngineOutput {
  return { results: [], errors: [], paths: { scanned: [] }, version: "unknown" };
}

export function createSemgrepEngine(options: SemgrepEngineOptions = {}): Engine {
  const env = options.env ?? process.env;
  return {
    name: "semgrep",
    async run(pack: RulePack, targets: ScanTarget[], runOptions: EngineRunOptions): Promise<EngineOutput> {
      const binary = options.binary ?? (await findSemgrep(env));
      if (binary === null)
        throw new ProvenanceError("ENGINE_FAILED", "semgrep failed: semgrep is not on PATH");
      if (pack.rules.length === 0 || targets.length === 0) return emptyOutput();
      const base = await realpath(
        await mkdtemp(join(options.tempParent ?? tmpdir(), "agent-provenance-semgrep-")),
      );
      try {
        return await scanIn(
          base,
          binary,
          env,
          pack,
          targets,
          runOptions,
          options.maxMemoryMib ?? SEMGREP_MAX_MEMORY_MIB,
        );
      } finally {
        await rm(base, { recursive: true, force: true });
      }
    },
  };
}

async function scanIn(
  base: string,
  binary: string,
  env: NodeJS.ProcessEnv,
  pack: RulePack,
  targets: readonly ScanTarget[],
  runOptions: EngineRunOptions,
  maxMemoryMib: number,
): Promise<EngineOutput> {
  const root = join(base, "target");
  await mkdir(root, { mode: 0o700 });
  const written = targets.filter((target) => !RESERVED_TARGETS.has(target.path));
  const skipped: EngineError[] = targets
    .filter((target) => RESERVED_TARGETS.has(target.path))
    .map((target) => ({
      code: 0,
      level: "warn",
      type: "Skipped",
      message: `${target.path}: not scanned by semgrep (reserved name)`,
      path: target.path,
    }));
  // Empty ignore files: Semgrep's default .semgrepignore would skip tests/ and similar paths of the pull request.
  await writeFile(join(base, ".semgrepignore"), "", { flag: "wx" });
  await writeFile(join(root, ".semgrepignore"), "", { flag: "wx" });
  await writeFile(join(base, "rules.yml"), stringify({ rules: pack.rules.map((rule) => rule.raw) }), {
    flag: "wx",
    mode: 0o600,
  });
  await writeTargetTree(root, written);
  const outcome = await runProcess({
    command: binary,
    args: [
      "scan",
      "--json",
      "--metrics=off",
      "--disable-version-check",
      "--config",
      "rules.yml",
      "--max-memory",
      String(maxMemoryMib),
      root,
    ],
    cwd: base,
    env: { ...env, SEMGREP_SEND_METRICS: "off", SEMGREP_ENABLE_VERSION_CHECK: "0" },
    timeoutMs: runOptions.timeoutMs,
    maxStdoutBytes: MAX_ENGINE_OUTPUT_BYTES,
  });
  if (outcome.kind === "failed") throw failure(outcome.reason, outcome.stderrTail);
  if (outcome.exitCode === null || !COMPLETED_EXIT_CODES.has(outcome.exitCode)) {
    throw failure(describeExit(outcome), outcome.stderrTail);
  }
  const parsed = parseSemgrepOutput(outcome.stdout);
  if (parsed === null) {
    const head = outcome.stdout.trim().slice(0, 200);
    throw failure(
      `unparsable output (exit ${outcome.exitCode}): ${head === "" ? "(empty)" : JSON.stringify(head)}`,
      outcome.stderrTail,
    );
  }
  const output = toEngineOutput(parsed, {
    root,
    cwd: base,
    contents: new Map(written.map((target) => [target.path, target.content])),
    ruleIds: new Set(pack.rules.map((rule) => rule.id)),
  });
  return { ...output, errors: [...skipped, ...output.errors] };
}
