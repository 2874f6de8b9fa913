/**
 * What this installation can detect: engines (and whether Semgrep is on PATH),
 * the rule pack with its digest and files, every rule the embedded engine
 * cannot run and why, and the custom detectors loaded. Backs `capabilities`
 * and the API's /v1/detectors/capabilities.
 */
import { toolVersion } from "../version.js";
import { describeUnsupported } from "./embedded/embedded-engine.js";
import { loadDetectors } from "./load-detectors.js";
import { bundledRulesDir, loadRulePacks } from "./rule-packs.js";
import { findSemgrep } from "./semgrep-engine.js";

export interface Capabilities {
  version: string;
  engines: Array<{ name: "embedded" | "semgrep"; available: boolean; detail: string }>;
  rulePack: { digest: string; rules: number; files: Array<{ path: string; sha256: string }> };
  rules: Array<{ id: string; languages: string[]; severity: string; mode: string }>;
  unsupported: Array<{ ruleId: string; engine: "embedded"; reason: string }>;
  detectors: Array<{ id: string; version: string; module: string }>;
}

export async function describeCapabilities(opts: {
  rules: readonly string[];
  bundled: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}): Promise<Capabilities> {
  const pack = await loadRulePacks([...(opts.bundled ? [bundledRulesDir()] : []), ...opts.rules], opts.cwd);
  const { createStructuralMatcher } = await import("./embedded/structural-matcher.js");
  const semgrep = await findSemgrep(opts.env);
  const detectors = await loadDetectors(opts.env);
  return {
    version: toolVersion(),
    engines: [
      {
        name: "embedded",
        available: true,
        detail: "Semgrep-semantics matcher over tree-sitter trees (always available)",
      },
      {
        name: "semgrep",
        available: semgrep !== null,
        detail: semgrep ?? "semgrep is not on PATH (the embedded engine is used)",
      },
    ],
    rulePack: { digest: pack.digest, rules: pack.rules.length, files: pack.files },
    rules: pack.rules.map((r) => ({ id: r.id, languages: r.languages, severity: r.severity, mode: r.mode })),
    unsupported: describeUnsupported(pack, createStructuralMatcher()).map((u) => ({
      ...u,
      engine: "embedded",
    })),
    detectors: detectors.map((d) => ({ id: d.detector.id, version: d.detector.version, module: d.module })),
  };
}
