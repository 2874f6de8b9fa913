/**
 * Read a GitHub `pull_request` (or `pull_request_review`, `pull_request_target`)
 * event payload — what Actions writes to $GITHUB_EVENT_PATH and what the App
 * receives as a webhook — into the PR metadata the pipeline uses. Parsed
 * leniently (GitHub adds fields over time) but every field we use is checked.
 */
import { z } from "zod";
import { ProvenanceError } from "../../errors.js";
import type { Account, PullRequestMeta } from "../../model/snapshot.js";
import { describeIssues } from "../../policy/load-config.js";

const userSchema = z.looseObject({
  login: z.string().min(1),
  type: z.string().optional(),
});

const refSchema = z.looseObject({
  ref: z.string().min(1),
  sha: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, "expected a full commit SHA"),
});

const pullRequestSchema = z.looseObject({
  number: z.number().int().positive(),
  title: z.string(),
  body: z.string().nullable().optional(),
  html_url: z.string().optional(),
  draft: z.boolean().optional(),
  user: userSchema.nullable(),
  labels: z.array(z.looseObject({ name: z.string() })).default([]),
  head: refSchema,
  base: refSchema,
});

const eventSchema = z.looseObject({
  action: z.string().optional(),
  pull_request: pullRequestSchema,
  repository: z.looseObject({ full_name: z.string() }).optional(),
});

export interface PullRequestEvent {
  pr: PullRequestMeta;
  repository: string | null;
  baseSha: string;
  headSha: string;
}

function toAccount(user: z.infer<typeof userSchema> | null): Account | null {
  if (user === null) return null;
  const type =
    user.type === "Bot" || user.type === "Organization" || user.type === "User" ? user.type : "Unknown";
  return { login: user.login, type };
}

export function parsePullRequestEvent(payload: unknown, source: string): PullRequestEvent {
  if (typeof payload !== "object" || payload === null || !("pull_request" in payload)) {
    throw new ProvenanceError(
      "BAD_EVENT",
      `${source}: not a pull_request event payload (no "pull_request" object); pass the file GitHub Actions writes to $GITHUB_EVENT_PATH for pull_request events`,
    );
  }
  const result = eventSchema.safeParse(payload);
  if (!result.success) throw new ProvenanceError("BAD_EVENT", describeIssues(source, result.error.issues));
  const pr = result.data.pull_request;
  return {
    pr: {
      number: pr.number,
      title: pr.title,
      body: pr.body ?? "",
      headRef: pr.head.ref,
      baseRef: pr.base.ref,
      author: toAccount(pr.user),
      labels: pr.labels.map((l) => l.name),
      draft: pr.draft ?? false,
      url: pr.html_url ?? null,
    },
    repository: result.data.repository?.full_name ?? null,
    baseSha: pr.base.sha,
    headSha: pr.head.sha,
  };
}
