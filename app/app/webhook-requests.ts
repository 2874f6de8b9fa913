/**
 * Webhook payloads → AnalysisRequest. Probot has verified the signature; the
 * payload is still untrusted input, so the few fields the App uses are parsed
 * with zod (leniently: payloads carry far more than this, and old ones less).
 */
import { z } from "zod";
import { ProvenanceError } from "../errors.js";
import { CHECK_RUN_NAME, RERUN_ACTION } from "../report/check-run.js";
import type { AnalysisRequest } from "./analysis-request.js";

const sha = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, "a commit SHA");
const repository = z.looseObject({
  id: z.number().optional(),
  name: z.string().min(1),
  owner: z.looseObject({ login: z.string().min(1) }),
  html_url: z.string().url().optional(),
});
const pullRequest = z.looseObject({
  number: z.number().int().positive(),
  draft: z.boolean().optional(),
  head: z.looseObject({ sha }),
});
const pullRequestPayload = z.looseObject({ action: z.string(), repository, pull_request: pullRequest });
/** Pull requests as check events list them: possibly into other repositories. */
const checkPullRequest = z.looseObject({
  number: z.number().int().positive(),
  head: z.looseObject({ sha }),
  base: z.looseObject({ repo: z.looseObject({ id: z.number() }) }),
});
const checkSuitePayload = z.looseObject({
  action: z.string(),
  repository,
  check_suite: z.looseObject({ head_sha: sha, pull_requests: z.array(checkPullRequest).default([]) }),
});
const checkRunPayload = z.looseObject({
  action: z.string(),
  repository,
  check_run: z.looseObject({
    name: z.string(),
    head_sha: sha,
    external_id: z.string().nullable().optional(),
    pull_requests: z.array(checkPullRequest).default([]),
  }),
  requested_action: z.looseObject({ identifier: z.string() }).nullable().optional(),
});

function parse<T>(schema: z.ZodType<T>, event: string, payload: unknown): T {
  const result = schema.safeParse(payload);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ProvenanceError(
      "BAD_EVENT",
      `${event} payload: ${issue?.path.join(".") || "(top level)"}: ${issue?.message ?? "invalid"}`,
      { cause: result.error },
    );
  }
  return result.data;
}

type Repo = z.infer<typeof repository>;

function base(repo: Repo, deliveryId: string, trigger: string) {
  return { owner: repo.owner.login, repo: repo.name, htmlUrl: repo.html_url ?? null, deliveryId, trigger };
}

/** The pull request of this repository among those a check event lists, for this head SHA. */
function ownPullRequest(
  repo: Repo,
  headSha: string,
  prs: Array<z.infer<typeof checkPullRequest>>,
): number | null {
  const own = prs.filter(
    (p) => (repo.id === undefined || p.base.repo.id === repo.id) && p.head.sha === headSha,
  );
  return own[0]?.number ?? null;
}

/** "pr:12" on our check runs (external_id) names the pull request, also for forks. */
export function externalIdFor(pullNumber: number): string {
  return `pr:${pullNumber}`;
}

function fromExternalId(value: string | null | undefined): number | null {
  const m = /^pr:(\d{1,10})$/.exec(value ?? "");
  return m?.[1] !== undefined ? Number(m[1]) : null;
}

const PUSH_ACTIONS = new Set(["opened", "synchronize", "reopened"]);

export function fromPullRequestEvent(name: string, deliveryId: string, payload: unknown): AnalysisRequest {
  const p = parse(pullRequestPayload, name, payload);
  return {
    ...base(p.repository, deliveryId, `${name}.${p.action}`),
    headSha: p.pull_request.head.sha,
    pullNumber: p.pull_request.number,
    draft: p.pull_request.draft ?? null,
    kind: name === "pull_request" && PUSH_ACTIONS.has(p.action) ? "push" : "refresh",
    quietWithoutPullRequest: false,
  };
}

export function fromCheckSuiteEvent(deliveryId: string, payload: unknown): AnalysisRequest {
  const p = parse(checkSuitePayload, "check_suite", payload);
  const headSha = p.check_suite.head_sha;
  return {
    ...base(p.repository, deliveryId, `check_suite.${p.action}`),
    headSha,
    pullNumber: ownPullRequest(p.repository, headSha, p.check_suite.pull_requests),
    draft: null,
    kind: p.action === "requested" ? "push" : "refresh",
    quietWithoutPullRequest: p.action === "requested",
  };
}

/** Null when the check run is not ours or the button is not one we offer. */
export function fromCheckRunEvent(deliveryId: string, payload: unknown): AnalysisRequest | null {
  const p = parse(checkRunPayload, "check_run", payload);
  if (p.check_run.name !== CHECK_RUN_NAME) return null;
  if (p.action === "requested_action" && p.requested_action?.identifier !== RERUN_ACTION.identifier)
    return null;
  const headSha = p.check_run.head_sha;
  return {
    ...base(p.repository, deliveryId, `check_run.${p.action}`),
    headSha,
    pullNumber:
      ownPullRequest(p.repository, headSha, p.check_run.pull_requests) ??
      fromExternalId(p.check_run.external_id),
    draft: null,
    kind: "refresh",
    quietWithoutPullRequest: false,
  };
}
