/** The rule packs an analysis runs: the bundled pack (rules/) and any extra files or directories. */
import { join } from "node:path";
import { ProvenanceError } from "../errors.js";
import { packageRoot } from "../package-root.js";
import { loadRulePack, packDigest } from "./load-rules.js";
import type { RulePack } from "./types.js";

export function bundledRulesDir(): string {
  return join(packageRoot(), "rules");
}

/** Load and merge packs; the same rule id in two packs is an error naming both files. */
export async function loadRulePacks(paths: readonly string[], cwd: string): Promise<RulePack> {
  const packs = await Promise.all(paths.map((p) => loadRulePack(p, cwd)));
  const seen = new Map<string, string>();
  for (const rule of packs.flatMap((p) => p.rules)) {
    const other = seen.get(rule.id);
    if (other !== undefined && other !== rule.source.file) {
      throw new ProvenanceError(
        "BAD_RULES",
        `${rule.source.file}: rule ${rule.id}: the same id is already defined in ${other}`,
      );
    }
    seen.set(rule.id, rule.source.file);
  }
  const files = packs.flatMap((p) => p.files);
  return { files, rules: packs.flatMap((p) => p.rules), digest: packDigest(files) };
}
