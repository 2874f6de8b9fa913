/**
 * Load custom detector modules from PROVENANCE_DETECTOR_MODULE_PATHS (absolute
 * paths separated by the platform's path delimiter). Only the operator's
 * environment names modules: a repository's configuration never can, because
 * loading a module runs its code.
 */
import { stat } from "node:fs/promises";
import { delimiter, isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import { ProvenanceError } from "../errors.js";
import type { Detector, LoadedDetector } from "./detector.js";

export const DETECTOR_PATHS_ENV = "PROVENANCE_DETECTOR_MODULE_PATHS";

function isDetector(value: unknown): value is Detector {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v["id"] === "string" &&
    /^[a-z0-9][a-z0-9._-]{0,63}$/.test(v["id"]) &&
    typeof v["version"] === "string" &&
    typeof v["detect"] === "function"
  );
}

export function detectorPaths(env: NodeJS.ProcessEnv): string[] {
  const raw = env[DETECTOR_PATHS_ENV];
  if (raw === undefined || raw.trim() === "") return [];
  return raw
    .split(delimiter)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

export async function loadDetectors(env: NodeJS.ProcessEnv): Promise<LoadedDetector[]> {
  const loaded: LoadedDetector[] = [];
  for (const path of detectorPaths(env)) {
    if (!isAbsolute(path)) {
      throw new ProvenanceError("BAD_DETECTOR", `${DETECTOR_PATHS_ENV}: ${path}: must be an absolute path`);
    }
    const info = await stat(path).catch(() => null);
    if (info === null || !info.isFile()) {
      throw new ProvenanceError("BAD_DETECTOR", `${DETECTOR_PATHS_ENV}: ${path}: no such file`);
    }
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    } catch (err) {
      throw new ProvenanceError("BAD_DETECTOR", `${path}: cannot load module: ${(err as Error).message}`, {
        cause: err,
      });
    }
    const candidate = mod["default"] ?? mod["detector"];
    if (!isDetector(candidate)) {
      throw new ProvenanceError(
        "BAD_DETECTOR",
        `${path}: the default export must be { id: "lower-case-id", version: string, detect(targets, options) }`,
      );
    }
    if (loaded.some((d) => d.detector.id === candidate.id)) {
      throw new ProvenanceError("BAD_DETECTOR", `${path}: detector id "${candidate.id}" is already loaded`);
    }
    loaded.push({ detector: candidate, module: path });
  }
  return loaded;
}
