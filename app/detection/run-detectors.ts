/**
 * Run custom detectors and merge their output into the engine's. A detector
 * that throws, times out or answers garbage becomes an `errors[]` entry named
 * after it — never a silent "no findings".
 */
import { z } from "zod";
import type { LoadedDetector } from "./detector.js";
import type { EngineError, EngineOutput, EngineResult, ScanTarget } from "./types.js";

const position = z.object({
  line: z.number().int().positive(),
  col: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
});
const resultSchema = z.looseObject({
  check_id: z.string().min(1),
  path: z.string().min(1),
  start: position,
  end: position,
  extra: z.looseObject({
    message: z.string(),
    severity: z.string(),
    metadata: z.record(z.string(), z.unknown()).default({}),
    lines: z.string().default(""),
  }),
});
const outputSchema = z.object({ results: z.array(resultSchema), errors: z.array(z.unknown()).optional() });

function detectorError(id: string, message: string): EngineError {
  return {
    code: 2,
    level: "error",
    type: "DetectorError",
    message: `detector ${id}: ${message}`,
    rule_id: id,
  };
}

async function runOne(
  loaded: LoadedDetector,
  targets: readonly ScanTarget[],
  timeoutMs: number,
): Promise<{ results: EngineResult[]; errors: EngineError[] }> {
  const { detector } = loaded;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const raw = await Promise.race([detector.detect(targets, { timeoutMs }), timeout]);
    const parsed = outputSchema.safeParse(raw);
    if (!parsed.success)
      return {
        results: [],
        errors: [detectorError(detector.id, `bad output: ${parsed.error.issues[0]?.message ?? "invalid"}`)],
      };
    const known = new Set(targets.map((t) => t.path));
    const results = parsed.data.results.filter((r) => known.has(r.path)) as EngineResult[];
    const dropped = parsed.data.results.length - results.length;
    const errors =
      dropped > 0
        ? [detectorError(detector.id, `${dropped} result(s) for files it was not given were dropped`)]
        : [];
    return { results, errors };
  } catch (err) {
    return {
      results: [],
      errors: [detectorError(detector.id, err instanceof Error ? err.message : String(err))],
    };
  } finally {
    clearTimeout(timer);
  }
}

export async function runDetectors(
  detectors: readonly LoadedDetector[],
  targets: readonly ScanTarget[],
  base: EngineOutput,
  timeoutMs: number,
): Promise<EngineOutput> {
  if (detectors.length === 0) return base;
  const outputs = await Promise.all(detectors.map((d) => runOne(d, targets, timeoutMs)));
  return {
    ...base,
    results: [...base.results, ...outputs.flatMap((o) => o.results)],
    errors: [...base.errors, ...outputs.flatMap((o) => o.errors)],
  };
}
