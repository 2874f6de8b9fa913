/** The dry-run publisher: logs every request the GitHub publisher would send, sends nothing. */
import type { CheckRunResult } from "./check-run.js";
import type {
  CheckRunHandle,
  CheckRunPublisher,
  PublishOutcome,
  PublisherOptions,
  StartOptions,
} from "./publisher.js";
import { CREATE_ROUTE, createBody, UPDATE_ROUTE, updateBodies } from "./publisher-requests.js";

export function createDryRunPublisher(options: PublisherOptions): CheckRunPublisher {
  const { owner, repo, log } = options;
  let nextId = 1;
  return {
    dryRun: true,
    async start(headSha: string, start: StartOptions): Promise<CheckRunHandle> {
      const body = createBody(headSha, start, options.now());
      log.info(
        { dryRun: true, route: CREATE_ROUTE, owner, repo, body },
        "dry run: would create the check run",
      );
      return { id: nextId++, headSha };
    },
    async complete(run: CheckRunHandle, result: CheckRunResult): Promise<PublishOutcome> {
      const bodies = updateBodies(result, options.now());
      for (const body of bodies) {
        log.info(
          { dryRun: true, route: UPDATE_ROUTE, owner, repo, check_run_id: run.id, body },
          "dry run: would update the check run",
        );
      }
      return { requests: 0, annotationsSent: 0, annotationError: null };
    },
  };
}
