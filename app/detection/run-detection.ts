/**
 * The detection adapter a front door calls before the pure pipeline: pick the
 * changed files worth scanning, read them at head, run the engine, and hand
 * back a DetectionInput. An engine failure becomes `status: "failed"` (the
 * policy decides what that does to the verdict); it is never "no findings".
 */
import { isProvenanceError } from "../errors.js";
import { BINARY_SNIFF_BYTES, MAX_FILE_BYTES } from "../limits.js";
import type { ChangedFile } from "../model/snapshot.js";
import type { DetectionInput } from "./detection-input.js";
import type { LoadedDetector } from "./detector.js";
import { runDetectors } from "./run-detectors.js";
import type { FilterMode } from "./filter-findings.js";
import { languageOf } from "./language-of.js";
import { selectEngine, type EngineChoice } from "./select-engine.js";
import type { RulePack, ScanTarget } from "./types.js";

export interface DetectionOptions {
  pack: RulePack;
  engine: EngineChoice;
  filter: FilterMode;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Custom detectors (PROVENANCE_DETECTOR_MODULE_PATHS), run next to the engine. */
  detectors: readonly LoadedDetector[];
  /** Reads files at head: their bytes, and the paths it could not read with why. */
  readFiles: (
    paths: string[],
  ) => Promise<{ contents: Map<string, Buffer>; skipped: Array<{ path: string; reason: string }> }>;
}

function scannable(file: ChangedFile, filter: FilterMode): string | null {
  if (file.status === "deleted") return "deleted";
  if (file.skipped !== null) return file.skipped;
  if (filter === "added" && file.addedLines.length === 0) return "no added lines";
  return null;
}

export async function runDetection(
  files: readonly ChangedFile[],
  opts: DetectionOptions,
): Promise<DetectionInput> {
  const skipped: Array<{ path: string; reason: string }> = [];
  const wanted: string[] = [];
  for (const f of files) {
    const why = scannable(f, opts.filter);
    if (why === "deleted" || why === "no added lines") continue;
    if (why !== null) skipped.push({ path: f.path, reason: why });
    else if (
      languageOf(f.path) !== null ||
      opts.pack.rules.some((r) => r.languages.includes("regex") || r.languages.includes("generic"))
    )
      wanted.push(f.path);
  }
  const read = await opts.readFiles(wanted);
  skipped.push(...read.skipped);
  const targets: ScanTarget[] = [];
  for (const path of wanted) {
    const bytes = read.contents.get(path);
    if (bytes === undefined) continue;
    if (bytes.length > MAX_FILE_BYTES) skipped.push({ path, reason: `larger than ${MAX_FILE_BYTES} bytes` });
    else if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) skipped.push({ path, reason: "binary" });
    else targets.push({ path, content: bytes.toString("utf8") });
  }
  const engine = await selectEngine(opts.engine, opts.env);
  try {
    const ruleOutput = await engine.run(opts.pack, targets, { timeoutMs: opts.timeoutMs });
    const output = await runDetectors(opts.detectors, targets, ruleOutput, opts.timeoutMs);
    return {
      status: "ran",
      engine: engine.name,
      engineVersion: output.version,
      pack: {
        digest: opts.pack.digest,
        files: opts.pack.files,
        rules: opts.pack.rules.map((r) => ({
          id: r.id,
          level: r.level,
          message: r.message,
          metadata: r.metadata,
        })),
      },
      output,
      detectors: opts.detectors.map((d) => ({
        id: d.detector.id,
        version: d.detector.version,
        module: d.module,
      })),
      filter: opts.filter,
      skipped,
    };
  } catch (err) {
    if (isProvenanceError(err) && err.code === "ENGINE_FAILED") {
      return { status: "failed", engine: engine.name, error: err.message };
    }
    throw err;
  }
}
