/**
 * The Probot instance the App runs in, built with `createProbot()` so
 * Probot's standard environment is honoured: APP_ID, PRIVATE_KEY or
 * PRIVATE_KEY_PATH, WEBHOOK_SECRET, WEBHOOK_PATH, GHE_HOST/GHE_PROTOCOL (REST
 * at `${protocol}://${host}/api/v3`), LOG_LEVEL, LOG_FORMAT.
 */
import { createProbot, type Options, type Probot } from "probot";
import { ProvenanceError } from "../errors.js";
import { createAppOctokit, type AppOctokitOptions } from "./app-octokit.js";

export interface AppProbotOptions extends AppOctokitOptions {
  env: NodeJS.ProcessEnv;
  /** Extra Probot options (tests pass a logger or a fetch). */
  overrides?: Options;
}

export function createAppProbot(options: AppProbotOptions): Probot {
  const env = options.env;
  const hasKey = [env["PRIVATE_KEY"], env["PRIVATE_KEY_PATH"]].some((v) => v !== undefined && v !== "");
  if (env["APP_ID"] === undefined || env["APP_ID"] === "" || !hasKey) {
    throw new ProvenanceError(
      "BAD_ARGUMENT",
      'APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) must be set: they come from the GitHub App\'s settings page (see README, "GitHub App")',
    );
  }
  if (env["WEBHOOK_SECRET"] === undefined || env["WEBHOOK_SECRET"] === "") {
    throw new ProvenanceError(
      "BAD_ARGUMENT",
      "WEBHOOK_SECRET must be set (the secret entered when the App was created); without it anyone could post webhooks",
    );
  }
  try {
    return createProbot({
      env,
      overrides: {
        Octokit: createAppOctokit(options),
        ...options.overrides,
      },
    });
  } catch (err) {
    throw new ProvenanceError("BAD_ARGUMENT", `cannot start the GitHub App: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
