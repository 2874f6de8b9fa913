/**
 * The GitHub App's entry: registers its webhook handlers, nothing else.
 * Work starts when Probot loads the App, never at import time.
 */
import type { ApplicationFunction, Probot } from "probot";
import { createRuntime, settingsFromEnv, type AppRuntime, type AppSettings } from "./app/app-runtime.js";
import { defaultGitHubSource } from "./app/default-github-source.js";
import {
  CHECK_RUN_EVENTS,
  CHECK_SUITE_EVENTS,
  checkRunHandler,
  checkSuiteHandler,
  PULL_REQUEST_EVENTS,
  pullRequestHandler,
  REVIEW_EVENTS,
} from "./app/handlers.js";

export interface ProvenanceApp {
  app: ApplicationFunction;
  /** Shared state; `runtime.pending.idle()` waits for every analysis started so far. */
  runtime: AppRuntime;
}

/** The App with settings from `env` (PROVENANCE_*), some overridden (tests, `serve --dry-run`). */
export function createProvenanceApp(
  overrides: Partial<AppSettings> = {},
  env: NodeJS.ProcessEnv = process.env,
): ProvenanceApp {
  const runtime = createRuntime({ ...settingsFromEnv(env), source: defaultGitHubSource, ...overrides });
  const app = (probot: Probot): void => {
    probot.on([...PULL_REQUEST_EVENTS, ...REVIEW_EVENTS], pullRequestHandler(runtime));
    probot.on([...CHECK_SUITE_EVENTS], checkSuiteHandler(runtime));
    probot.on([...CHECK_RUN_EVENTS], checkRunHandler(runtime));
  };
  return { app, runtime };
}

/** For Probot's own runner (`probot run ./dist/app/index.js`). */
export default function provenanceApp(probot: Probot): void {
  createProvenanceApp().app(probot, { cwd: process.cwd(), addHandler: () => undefined });
}
