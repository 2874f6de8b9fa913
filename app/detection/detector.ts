/**
 * Custom detectors: operator-supplied modules that look at the changed files
 * alongside the rules (a secret scanner with its own entropy logic, an
 * in-house linter). A module's default export (or `detector` export) must have
 * this shape. Results use Semgrep's result shape so they flow through the same
 * filter, attribution and policy as rule findings.
 */
import type { EngineError, EngineResult, ScanTarget } from "./types.js";

export interface DetectorOutput {
  results: EngineResult[];
  errors?: EngineError[];
}

export interface Detector {
  /** Stable id, used as the prefix of its findings' check ids in messages. */
  readonly id: string;
  readonly version: string;
  detect(targets: readonly ScanTarget[], options: { timeoutMs: number }): Promise<DetectorOutput>;
}

/** A detector as loaded, with where it came from (for capabilities and errors). */
export interface LoadedDetector {
  detector: Detector;
  module: string;
}
