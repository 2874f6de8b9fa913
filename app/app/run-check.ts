/**
 * One analysis, from webhook to completed check run:
 *   check run in progress at the head SHA → configuration from the default
 *   branch → snapshot → detection → pipeline → completed check run.
 * Every path completes the check run — a crash, a GitHub error, a broken
 * configuration, a timeout, a newer push — except when GitHub refuses to
 * create it (then there is nothing to complete, and the log says why).
 */
import { renderCheckRun, type CheckRunResult } from "../report/check-run.js";
import { renderFailure } from "../report/check-run-failure.js";
import { createCheckRunPublisher, type CheckRunHandle, type CheckRunPublisher } from "../report/publisher.js";
import type { GitHubClient } from "../sources/github/github-client.js";
import type { AnalysisRequest } from "./analysis-request.js";
import type { AppRuntime } from "./app-runtime.js";
import { classifyFailure, httpStatusOf } from "./classify-failure.js";
import { findPullRequest } from "./find-pull-request.js";
import type { AppOctokit } from "./github-source.js";
import { loadAppConfig, type ReadConfig } from "./load-app-config.js";
import { runGitHubAnalysis } from "./run-github-analysis.js";
import { supersededError } from "./supersede-tracker.js";
import { externalIdFor } from "./webhook-requests.js";
import { withDeadline } from "./with-deadline.js";

/** Probot's pino logger fits. */
export interface AppLog {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** What one run needs from Probot's webhook context. */
export interface EventContext {
  octokit: AppOctokit;
  readConfig: ReadConfig;
  log: AppLog;
}

/** How a run ended, for logs and tests. */
export type CheckOutcome =
  | { status: "skipped"; reason: string }
  | { status: "not-created"; reason: string; httpStatus: number | null }
  | { status: "completed"; checkRunId: number; conclusion: string; title: string }
  | { status: "left-in-progress"; checkRunId: number; reason: string };

const STARTED = {
  title: "Analysing who wrote the added lines…",
  summary:
    "agent-provenance is attributing every added line of this pull request and checking the changed code. " +
    "This check run completes with the verdict.",
};

async function resolvePullNumber(client: GitHubClient, request: AnalysisRequest): Promise<number | null> {
  return request.pullNumber ?? (await findPullRequest(client, request.owner, request.repo, request.headSha));
}

async function analyse(
  request: AnalysisRequest,
  pullNumber: number,
  client: GitHubClient,
  ctx: EventContext,
  rt: AppRuntime,
  signal: AbortSignal,
): Promise<CheckRunResult> {
  const s = rt.settings;
  const config = await loadAppConfig(ctx.readConfig, `${request.owner}/${request.repo}`);
  const { report, snapshot } = await runGitHubAnalysis({
    client,
    source: s.source,
    owner: request.owner,
    repo: request.repo,
    pullNumber,
    config,
    agentPublicKeys: s.agentPublicKeys,
    engine: s.engine,
    env: s.env,
    cwd: s.cwd,
    now: s.now,
    version: s.version,
    signal,
  });
  // A push landed between the event and the snapshot: the newer push's own run reports on it.
  if (snapshot.head !== request.headSha) throw supersededError(snapshot.head, false);
  return renderCheckRun(report, {
    htmlUrl: request.htmlUrl,
    draft: snapshot.pr?.draft ?? request.draft ?? false,
    config: config.check_run,
  });
}

/** Complete the check run; if GitHub refuses the report, complete it with that reason instead. */
async function finish(
  publisher: CheckRunPublisher,
  run: CheckRunHandle,
  result: CheckRunResult,
  log: AppLog,
): Promise<CheckOutcome> {
  try {
    const outcome = await publisher.complete(run, result);
    log.info(
      { checkRunId: run.id, conclusion: result.conclusion, annotations: outcome.annotationsSent },
      `check run ${run.id} completed: ${result.conclusion}`,
    );
    return { status: "completed", checkRunId: run.id, conclusion: result.conclusion, title: result.title };
  } catch (err) {
    log.error(
      { err, checkRunId: run.id },
      "cannot publish the report; completing the check run with the error",
    );
    const fallback = renderFailure({
      kind: "github",
      headline: "Could not publish the report",
      detail: `GitHub refused the completed check run: ${err instanceof Error ? err.message : String(err)}`,
    });
    try {
      await publisher.complete(run, fallback);
      return {
        status: "completed",
        checkRunId: run.id,
        conclusion: fallback.conclusion,
        title: fallback.title,
      };
    } catch (again) {
      log.error(
        { err: again, checkRunId: run.id },
        `check run ${run.id} could not be completed and stays in progress`,
      );
      return { status: "left-in-progress", checkRunId: run.id, reason: String(again) };
    }
  }
}

export async function runCheck(
  request: AnalysisRequest,
  ctx: EventContext,
  rt: AppRuntime,
): Promise<CheckOutcome> {
  const s = rt.settings;
  const log = ctx.log;
  const where = {
    repository: `${request.owner}/${request.repo}`,
    headSha: request.headSha,
    trigger: request.trigger,
  };
  const client = s.source.client(ctx.octokit, log);
  const publisher = createCheckRunPublisher(client, {
    owner: request.owner,
    repo: request.repo,
    dryRun: s.dryRun,
    log,
    now: s.now,
  });
  const repoSha = `${request.owner}/${request.repo}@${request.headSha}`;

  let pullNumber = request.pullNumber;
  if (request.quietWithoutPullRequest) {
    // check_suite.requested: a push; stay silent unless an open pull request has this head.
    if (request.kind === "push" && rt.filter.seenRecently(repoSha)) {
      log.debug(where, "duplicate push trigger; already analysed");
      return { status: "skipped", reason: "duplicate" };
    }
    try {
      pullNumber = await resolvePullNumber(client, request);
    } catch (err) {
      log.warn({ ...where, err }, "cannot look up the pull request for this push");
      return { status: "skipped", reason: "pull request lookup failed" };
    }
    if (pullNumber === null) {
      log.debug(where, "no open pull request has this head; nothing to check");
      return { status: "skipped", reason: "no pull request" };
    }
  }
  if (!rt.filter.admit(repoSha, request.kind)) {
    log.debug(where, "duplicate push trigger; already analysed");
    return { status: "skipped", reason: "duplicate" };
  }

  let run: CheckRunHandle;
  try {
    run = await publisher.start(request.headSha, {
      externalId: pullNumber !== null ? externalIdFor(pullNumber) : null,
      ...STARTED,
    });
  } catch (err) {
    const status = httpStatusOf(err);
    log.error(
      { ...where, err, httpStatus: status },
      status === 403
        ? "cannot create the check run: forbidden — the installation lacks `checks: write` (see app.yml)"
        : "cannot create the check run",
    );
    return {
      status: "not-created",
      reason: err instanceof Error ? err.message : String(err),
      httpStatus: status,
    };
  }
  log.info({ ...where, checkRunId: run.id }, `check run ${run.id} in progress`);

  let result: CheckRunResult;
  let slot: ReturnType<AppRuntime["supersede"]["claim"]> | null = null;
  try {
    pullNumber ??= await resolvePullNumber(client, request);
    if (pullNumber === null) {
      result = renderFailure({
        kind: "no-pull-request",
        headline: "No open pull request has this commit as its head",
        detail: `No open pull request in ${request.owner}/${request.repo} has ${request.headSha} as its head commit.`,
      });
    } else {
      const pr = pullNumber;
      const claimed = rt.supersede.claim(`${request.owner}/${request.repo}#${pr}`, request.headSha);
      slot = claimed;
      const release = await rt.slots.acquire(claimed.signal);
      try {
        result = await withDeadline((signal) => analyse(request, pr, client, ctx, rt, signal), {
          timeoutMs: s.timeoutMs,
          signal: claimed.signal,
        });
      } finally {
        release();
      }
    }
  } catch (err) {
    const failure = classifyFailure(err);
    if (failure.kind === "superseded") log.info({ ...where, checkRunId: run.id }, failure.detail);
    else log.error({ ...where, err, checkRunId: run.id }, `analysis failed: ${failure.headline}`);
    result = renderFailure(failure);
  } finally {
    slot?.release();
  }
  return finish(publisher, run, result, log);
}
