import { readFile, stat } from "node:fs/promises";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { ProvenanceError } from "../errors.js";
import { MAX_CONFIG_BYTES } from "../limits.js";
import { configSchema, DEFAULT_CONFIG, type ProvenanceConfig } from "./config-schema.js";

/** Turn zod issues into "file: key.path: reason" lines a user can act on. */
export function describeIssues(source: string, issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const key = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
      return `${source}: ${key}: ${issue.message}`;
    })
    .join("\n");
}

/** Parse configuration text (YAML or JSON). An empty document means "all defaults". */
export function parseConfig(text: string, source: string): ProvenanceConfig {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    throw new ProvenanceError("BAD_CONFIG", `${source}: not valid YAML: ${first?.message ?? "parse error"}`);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) return DEFAULT_CONFIG;
  const result = configSchema.safeParse(value);
  if (!result.success) throw new ProvenanceError("BAD_CONFIG", describeIssues(source, result.error.issues));
  return result.data;
}

/** Read and validate a configuration file; a missing or unreadable file is a BAD_CONFIG error. */
export async function loadConfigFile(path: string): Promise<ProvenanceConfig> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ProvenanceError("BAD_CONFIG", `${path}: not a regular file`);
    size = info.size;
  } catch (err) {
    if (err instanceof ProvenanceError) throw err;
    throw new ProvenanceError("BAD_CONFIG", `${path}: cannot read configuration file`, { cause: err });
  }
  if (size > MAX_CONFIG_BYTES) {
    throw new ProvenanceError(
      "BAD_CONFIG",
      `${path}: ${size} bytes is over the ${MAX_CONFIG_BYTES}-byte limit`,
    );
  }
  return parseConfig(await readFile(path, "utf8"), path);
}
