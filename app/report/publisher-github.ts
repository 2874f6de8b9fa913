/** The check-run publisher that writes to GitHub through the injected GitHubClient. */
import { ProvenanceError } from "../errors.js";
import type { GitHubClient } from "../sources/github/github-client.js";
import type { CheckRunResult } from "./check-run.js";
import type {
  CheckRunHandle,
  CheckRunPublisher,
  PublishOutcome,
  PublisherOptions,
  StartOptions,
} from "./publisher.js";
import { CREATE_ROUTE, createBody, UPDATE_ROUTE, updateBodies } from "./publisher-requests.js";

function describe(err: unknown): string {
  if (err instanceof Error) {
    const status = (err as { status?: unknown }).status;
    return typeof status === "number" ? `HTTP ${status}: ${err.message}` : err.message;
  }
  return String(err);
}

export function createGitHubPublisher(client: GitHubClient, options: PublisherOptions): CheckRunPublisher {
  const { owner, repo } = options;
  return {
    dryRun: false,
    async start(headSha: string, start: StartOptions): Promise<CheckRunHandle> {
      try {
        const res = await client.request<{ id: number }>(CREATE_ROUTE, {
          owner,
          repo,
          ...createBody(headSha, start, options.now()),
        });
        return { id: res.data.id, headSha };
      } catch (err) {
        throw new ProvenanceError(
          "GITHUB_FAILED",
          `cannot create the check run at ${headSha.slice(0, 12)} in ${owner}/${repo}: ${describe(err)}`,
          { cause: err },
        );
      }
    },
    async complete(run: CheckRunHandle, result: CheckRunResult): Promise<PublishOutcome> {
      const [completing, ...more] = updateBodies(result, options.now());
      const outcome: PublishOutcome = { requests: 0, annotationsSent: 0, annotationError: null };
      for (const [i, body] of [completing, ...more].entries()) {
        const sent = ((body?.["output"] as { annotations?: unknown[] } | undefined)?.annotations ?? [])
          .length;
        try {
          await client.request(UPDATE_ROUTE, { owner, repo, check_run_id: run.id, ...body });
        } catch (err) {
          if (i === 0) {
            throw new ProvenanceError(
              "GITHUB_FAILED",
              `cannot complete check run ${run.id} in ${owner}/${repo}: ${describe(err)}`,
              { cause: err },
            );
          }
          // The run is already completed with its conclusion; only annotations are missing.
          outcome.annotationError = `annotation batch ${i + 1} of ${more.length + 1} failed: ${describe(err)}`;
          options.log.warn({ checkRunId: run.id, err }, outcome.annotationError);
          break;
        }
        outcome.requests += 1;
        outcome.annotationsSent += sent;
      }
      return outcome;
    },
  };
}
