/**
 * The App's runner, the mirror of cli/local-analysis.ts: GitHub snapshot,
 * detection over the changed files read at head, then the pure pipeline. The
 * configuration comes in already loaded (from the default branch).
 */
import type { DetectionInput } from "../detection/detection-input.js";
import { loadDetectors } from "../detection/load-detectors.js";
import { bundledRulesDir, loadRulePacks } from "../detection/rule-packs.js";
import { runDetection } from "../detection/run-detection.js";
import type { EngineChoice } from "../detection/select-engine.js";
import { ENGINE_TIMEOUT_MS } from "../limits.js";
import type { Report } from "../model/report.js";
import type { PullRequestSnapshot } from "../model/snapshot.js";
import { analyze } from "../pipeline.js";
import type { ProvenanceConfig } from "../policy/config-schema.js";
import type { GitHubClient } from "../sources/github/github-client.js";
import type { GitHubSource } from "./github-source.js";
import { checkpoint } from "./with-deadline.js";

export interface GitHubAnalysisOptions {
  client: GitHubClient;
  source: GitHubSource;
  owner: string;
  repo: string;
  pullNumber: number;
  config: ProvenanceConfig;
  agentPublicKeys: Record<string, string>;
  engine: EngineChoice;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now: () => Date;
  version: string;
  /** Aborted when a newer analysis supersedes this one or the deadline passes. */
  signal: AbortSignal;
}

export async function runGitHubAnalysis(
  opts: GitHubAnalysisOptions,
): Promise<{ report: Report; snapshot: PullRequestSnapshot }> {
  const { client, owner, repo } = opts;
  const snapshot = await opts.source.snapshot(client, { owner, repo, pullNumber: opts.pullNumber });
  checkpoint(opts.signal);
  const config = opts.config;
  let detection: DetectionInput = { status: "disabled" };
  if (config.detection.enabled) {
    const pack = await loadRulePacks(config.detection.bundled_rules ? [bundledRulesDir()] : [], opts.cwd);
    detection = await runDetection(snapshot.files, {
      pack,
      engine: opts.engine,
      filter: config.detection.filter,
      env: opts.env,
      timeoutMs: ENGINE_TIMEOUT_MS,
      detectors: await loadDetectors(opts.env),
      readFiles: opts.source.blobReader(client, owner, repo, snapshot.head),
    });
    checkpoint(opts.signal);
  }
  const report = analyze(snapshot, {
    config,
    agentPublicKeys: opts.agentPublicKeys,
    detection,
    now: opts.now,
    version: opts.version,
  });
  return { report, snapshot };
}
