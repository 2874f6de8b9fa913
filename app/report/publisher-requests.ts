/**
 * The request bodies the check-run publisher sends, built in one place so the
 * GitHub and dry-run publishers send (or log) exactly the same thing. Shapes
 * follow GitHub REST "Create a check run" / "Update a check run".
 */
import { MAX_ANNOTATIONS_PER_REQUEST } from "../limits.js";
import { CHECK_RUN_NAME, type CheckRunResult } from "./check-run.js";
import type { StartOptions } from "./publisher.js";

export const CREATE_ROUTE = "POST /repos/{owner}/{repo}/check-runs";
export const UPDATE_ROUTE = "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}";

export function createBody(headSha: string, options: StartOptions, now: Date): Record<string, unknown> {
  return {
    name: CHECK_RUN_NAME,
    head_sha: headSha,
    status: "in_progress",
    started_at: now.toISOString(),
    ...(options.externalId !== null ? { external_id: options.externalId } : {}),
    output: { title: options.title, summary: options.summary },
  };
}

/** The completing PATCH, then one PATCH per further batch of 50 annotations. */
export function updateBodies(result: CheckRunResult, now: Date): Array<Record<string, unknown>> {
  const output = (annotations: CheckRunResult["annotations"]) => ({
    title: result.title,
    summary: result.summary,
    ...(result.text !== null ? { text: result.text } : {}),
    ...(annotations.length > 0 ? { annotations } : {}),
  });
  const batches: Array<CheckRunResult["annotations"]> = [];
  for (let i = 0; i < result.annotations.length; i += MAX_ANNOTATIONS_PER_REQUEST) {
    batches.push(result.annotations.slice(i, i + MAX_ANNOTATIONS_PER_REQUEST));
  }
  const [first = [], ...rest] = batches;
  return [
    {
      status: "completed",
      conclusion: result.conclusion,
      completed_at: now.toISOString(),
      output: output(first),
      ...(result.actions.length > 0 ? { actions: result.actions } : {}),
    },
    ...rest.map((batch) => ({ output: output(batch) })),
  ];
}
