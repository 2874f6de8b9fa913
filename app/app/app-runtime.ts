/**
 * Everything the App's handlers share: its settings (from the environment,
 * overridable in tests), the supersede tracker, the duplicate filter, the
 * analyses in flight and the concurrency limit. Created when the App loads,
 * never at import time.
 */
import { parseAgentPublicKeys } from "../attribution/index.js";
import { parseEngineChoice, type EngineChoice } from "../detection/select-engine.js";
import { ProvenanceError } from "../errors.js";
import { ANALYSIS_TIMEOUT_MS, MAX_CONCURRENT_ANALYSES } from "../limits.js";
import { toolVersion } from "../version.js";
import type { GitHubSource } from "./github-source.js";
import { PendingAnalyses } from "./pending-analyses.js";
import { Semaphore } from "./semaphore.js";
import { SupersedeTracker } from "./supersede-tracker.js";
import { TriggerFilter } from "./trigger-filter.js";

export interface AppSettings {
  /** Where the GitHub data comes from. */
  source: GitHubSource;
  /** Detection engine (PROVENANCE_ENGINE: auto | semgrep | embedded). */
  engine: EngineChoice;
  /** Log check-run writes instead of sending them (PROVENANCE_DRY_RUN=1 or `serve --dry-run`); read only by the publisher. */
  dryRun: boolean;
  /** Overall cap for one analysis; past it the check run ends `timed_out`. */
  timeoutMs: number;
  maxConcurrent: number;
  /** Environment handed to detection (PATH for semgrep, PROVENANCE_DETECTOR_MODULE_PATHS). */
  env: NodeJS.ProcessEnv;
  /** PROVENANCE_AGENT_PUBLIC_KEYS, parsed. */
  agentPublicKeys: Record<string, string>;
  cwd: string;
  now: () => Date;
  version: string;
}

export interface AppRuntime {
  settings: AppSettings;
  supersede: SupersedeTracker;
  filter: TriggerFilter;
  pending: PendingAnalyses;
  slots: Semaphore;
}

function flag(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

/** Settings from the environment; `source` has no default here (see default-github-source.ts). */
function engineFromEnv(value: string | undefined): EngineChoice {
  try {
    return parseEngineChoice(value === "" ? undefined : value);
  } catch (err) {
    throw new ProvenanceError(
      "BAD_ARGUMENT",
      `PROVENANCE_ENGINE must be auto, semgrep or embedded (got ${JSON.stringify(value)})`,
      {
        cause: err,
      },
    );
  }
}

export function settingsFromEnv(env: NodeJS.ProcessEnv): Omit<AppSettings, "source"> {
  const keys = env["PROVENANCE_AGENT_PUBLIC_KEYS"];
  return {
    engine: engineFromEnv(env["PROVENANCE_ENGINE"]),
    dryRun: flag(env["PROVENANCE_DRY_RUN"]),
    timeoutMs: ANALYSIS_TIMEOUT_MS,
    maxConcurrent: MAX_CONCURRENT_ANALYSES,
    env,
    agentPublicKeys: keys === undefined || keys.trim() === "" ? {} : parseAgentPublicKeys(keys),
    cwd: process.cwd(),
    now: () => new Date(),
    version: toolVersion(),
  };
}

export function createRuntime(settings: AppSettings): AppRuntime {
  return {
    settings,
    supersede: new SupersedeTracker(),
    filter: new TriggerFilter(() => settings.now().getTime()),
    pending: new PendingAnalyses(),
    slots: new Semaphore(settings.maxConcurrent),
  };
}
