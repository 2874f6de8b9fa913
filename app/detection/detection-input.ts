/**
 * What the front door hands the pure pipeline about detection: the engine's
 * raw output over the changed files at head (or why it failed), and the pack
 * that produced it. Running the engine is I/O and happens before the pipeline.
 */
import type { FilterMode } from "./filter-findings.js";
import type { EngineOutput, FindingLevel } from "./types.js";

export interface RuleInfo {
  id: string;
  level: FindingLevel;
  message: string;
  metadata: Record<string, unknown>;
}

export type DetectionInput =
  | {
      status: "ran";
      engine: "semgrep" | "embedded";
      engineVersion: string;
      pack: { digest: string; files: Array<{ path: string; sha256: string }>; rules: RuleInfo[] };
      output: EngineOutput;
      detectors: Array<{ id: string; version: string; module: string }>;
      filter: FilterMode;
      /** Changed files not given to the engine (binary, too large, deleted), with why. */
      skipped: Array<{ path: string; reason: string }>;
    }
  | { status: "failed"; engine: string; error: string }
  | { status: "disabled" };
