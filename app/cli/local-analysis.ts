/**
 * The local front door's runner, shared by `analyze` and `demo`: git snapshot,
 * configuration from the base commit (never from head), detection over the
 * changed files at head, then the pure pipeline.
 */
import type { DetectionInput } from "../detection/detection-input.js";
import { loadDetectors } from "../detection/load-detectors.js";
import { bundledRulesDir, loadRulePacks } from "../detection/rule-packs.js";
import { runDetection } from "../detection/run-detection.js";
import type { EngineChoice } from "../detection/select-engine.js";
import { ProvenanceError } from "../errors.js";
import { ENGINE_TIMEOUT_MS, MAX_CONFIG_BYTES } from "../limits.js";
import type { Report } from "../model/report.js";
import type { PullRequestMeta } from "../model/snapshot.js";
import { analyze } from "../pipeline.js";
import { DEFAULT_CONFIG, type ProvenanceConfig } from "../policy/config-schema.js";
import { parseConfig } from "../policy/load-config.js";
import { buildGitSnapshot } from "../sources/git/local-git-source.js";
import { readBlobs } from "../sources/git/read-blobs.js";
import { createGitRunner, type GitRunner } from "../sources/git/run-git.js";
import { toolVersion } from "../version.js";

/** Where the App reads its configuration; the CLI reads the same file from the base commit. */
export const CONFIG_PATH = ".github/agent-provenance.yml";

export interface LocalAnalysisOptions {
  repo: string;
  base: string;
  head: string;
  pr: PullRequestMeta | null;
  /** From --config; null → CONFIG_PATH at the base commit, or defaults. */
  config: ProvenanceConfig | null;
  agentPublicKeys: Record<string, string>;
  engine: EngineChoice;
  /** Extra rule files or directories (--rules). */
  rules: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/**
 * Only an absent file means "defaults": a path that holds something unreadable
 * (a directory, a submodule, an oversized file) is an error, never a silent
 * fallback to the defaults; the size limit is the one `--config` applies.
 */
async function configAtBase(git: GitRunner, base: string): Promise<ProvenanceConfig> {
  const source = `${CONFIG_PATH} at ${base.slice(0, 12)}`;
  const read = await readBlobs(git, base, [CONFIG_PATH]);
  const bytes = read.contents.get(CONFIG_PATH);
  if (bytes === undefined) {
    const unreadable = read.skipped.find((s) => !s.reason.startsWith("not found"));
    if (unreadable !== undefined) throw new ProvenanceError("BAD_CONFIG", `${source}: ${unreadable.reason}`);
    return DEFAULT_CONFIG;
  }
  if (bytes.length > MAX_CONFIG_BYTES) {
    throw new ProvenanceError(
      "BAD_CONFIG",
      `${source}: ${bytes.length} bytes is over the ${MAX_CONFIG_BYTES}-byte limit`,
    );
  }
  return parseConfig(bytes.toString("utf8"), source);
}

export async function runLocalAnalysis(opts: LocalAnalysisOptions): Promise<Report> {
  const git = createGitRunner({ cwd: opts.repo });
  const snapshot = await buildGitSnapshot({
    repo: opts.repo,
    base: opts.base,
    head: opts.head,
    pr: opts.pr,
    git,
  });
  const config = opts.config ?? (await configAtBase(git, snapshot.base));
  let detection: DetectionInput = { status: "disabled" };
  if (config.detection.enabled) {
    const packs = [...(config.detection.bundled_rules ? [bundledRulesDir()] : []), ...opts.rules];
    const pack = await loadRulePacks(packs, opts.cwd);
    detection = await runDetection(snapshot.files, {
      pack,
      engine: opts.engine,
      filter: config.detection.filter,
      env: opts.env,
      timeoutMs: ENGINE_TIMEOUT_MS,
      detectors: await loadDetectors(opts.env),
      readFiles: (paths) => readBlobs(git, snapshot.head, paths),
    });
  }
  return analyze(snapshot, {
    config,
    agentPublicKeys: opts.agentPublicKeys,
    detection,
    now: () => new Date(),
    version: toolVersion(),
  });
}
