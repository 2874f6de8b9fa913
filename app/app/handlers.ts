/**
 * Webhook handlers: turn the event into an AnalysisRequest, start the
 * analysis and return at once — GitHub gives a webhook 10 s, an analysis may
 * take minutes. The analysis promise is kept in `runtime.pending`.
 */
import type { AnalysisRequest } from "./analysis-request.js";
import type { AppRuntime } from "./app-runtime.js";
import type { AppOctokit } from "./github-source.js";
import { runCheck, type AppLog } from "./run-check.js";
import { fromCheckRunEvent, fromCheckSuiteEvent, fromPullRequestEvent } from "./webhook-requests.js";

/** The part of Probot's Context a handler uses. */
export interface HandlerContext {
  id: string;
  name: string;
  payload: unknown;
  octokit: AppOctokit;
  log: AppLog;
  config<T>(fileName: string): Promise<T | null>;
}

export const PULL_REQUEST_EVENTS = [
  "pull_request.opened",
  "pull_request.synchronize",
  "pull_request.reopened",
  "pull_request.ready_for_review",
  "pull_request.labeled",
  "pull_request.unlabeled",
  "pull_request.edited",
] as const;

export const REVIEW_EVENTS = [
  "pull_request_review.submitted",
  "pull_request_review.dismissed",
  "pull_request_review.edited",
] as const;

export const CHECK_SUITE_EVENTS = ["check_suite.requested", "check_suite.rerequested"] as const;

export const CHECK_RUN_EVENTS = ["check_run.rerequested", "check_run.requested_action"] as const;

type ToRequest = (context: HandlerContext) => AnalysisRequest | null;

function handler(runtime: AppRuntime, toRequest: ToRequest) {
  return (context: HandlerContext): void => {
    if (!runtime.filter.firstDelivery(context.id)) {
      context.log.info({ delivery: context.id }, "webhook redelivery ignored (already handled)");
      return;
    }
    let request: AnalysisRequest | null;
    try {
      request = toRequest(context);
    } catch (err) {
      context.log.warn({ err, delivery: context.id }, `ignoring ${context.name}: unexpected payload`);
      return;
    }
    if (request === null) return;
    const work = runCheck(
      request,
      { octokit: context.octokit, readConfig: (name) => context.config<unknown>(name), log: context.log },
      runtime,
    ).then(
      () => undefined,
      (err: unknown) =>
        context.log.error({ err, delivery: context.id }, "analysis crashed outside its check run"),
    );
    runtime.pending.track(work);
  };
}

export function pullRequestHandler(runtime: AppRuntime) {
  return handler(runtime, (c) => fromPullRequestEvent(c.name, c.id, c.payload));
}

export function checkSuiteHandler(runtime: AppRuntime) {
  return handler(runtime, (c) => fromCheckSuiteEvent(c.id, c.payload));
}

export function checkRunHandler(runtime: AppRuntime) {
  return handler(runtime, (c) => fromCheckRunEvent(c.id, c.payload));
}
