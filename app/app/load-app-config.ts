/**
 * The App's configuration: `.github/agent-provenance.yml` read through
 * Probot's `context.config()` — from the repository's DEFAULT branch (never the
 * pull request's head, which its author controls), with `_extends` and the
 * organisation's `.github` repository as fallback — then validated with the
 * same schema as `--config`. A broken file is a BAD_CONFIG error naming the
 * file, the key and the reason.
 */
import { ProvenanceError } from "../errors.js";
import { configSchema, DEFAULT_CONFIG, type ProvenanceConfig } from "../policy/config-schema.js";
import { describeIssues } from "../policy/load-config.js";

/** The file name `context.config()` takes (it prefixes `.github/`). */
export const CONFIG_FILE_NAME = "agent-provenance.yml";
/** The same file the CLI reads at the base commit (`CONFIG_PATH` in cli/local-analysis.ts). */
export const APP_CONFIG_PATH = `.github/${CONFIG_FILE_NAME}`;

/** `context.config(name)` as Probot provides it: the parsed file(s), or null when there is none. */
export type ReadConfig = (fileName: string) => Promise<unknown>;

function httpStatus(err: unknown): number | null {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : null;
}

export async function loadAppConfig(read: ReadConfig, repository: string): Promise<ProvenanceConfig> {
  const source = `${APP_CONFIG_PATH} (default branch of ${repository})`;
  let value: unknown;
  try {
    value = await read(CONFIG_FILE_NAME);
  } catch (err) {
    if (httpStatus(err) !== null) {
      throw new ProvenanceError("GITHUB_FAILED", `cannot read ${source}: ${(err as Error).message}`, {
        cause: err,
      });
    }
    // @probot/octokit-plugin-config: invalid YAML, not an object, a directory, an _extends loop.
    const cause =
      err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message.split("\n")[0]}` : "";
    const message = (err instanceof Error ? err.message : String(err)).replace(
      /^\[@probot\/octokit-plugin-config\]\s*/,
      "",
    );
    throw new ProvenanceError("BAD_CONFIG", `${source}: ${message}${cause}`, { cause: err });
  }
  if (value === null || value === undefined) return DEFAULT_CONFIG;
  const result = configSchema.safeParse(value);
  if (!result.success)
    throw new ProvenanceError("BAD_CONFIG", describeIssues(source, result.error.issues), {
      cause: result.error,
    });
  return result.data;
}
