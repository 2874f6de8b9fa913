/** What one webhook asks the App to do: analyse the pull request whose head is `headSha`. */
export interface AnalysisRequest {
  owner: string;
  repo: string;
  /** The repository's web address, for links in the check run; null when the payload lacks it. */
  htmlUrl: string | null;
  /** The commit the check run is created on (check runs are keyed on the head SHA, forks included). */
  headSha: string;
  /** Null when the event names no pull request (fork pull requests in check events): found by head SHA. */
  pullNumber: number | null;
  /** Known for pull-request events; null otherwise (the snapshot tells). */
  draft: boolean | null;
  /** "pull_request.synchronize", "check_run.requested_action", … */
  trigger: string;
  /**
   * "push": new code (opened, synchronize, reopened, check_suite.requested) — a
   * second push trigger for a head SHA already being analysed is a duplicate.
   * "refresh": the same code with new inputs or an explicit re-run — always analysed.
   */
  kind: "push" | "refresh";
  /** X-GitHub-Delivery; a redelivery keeps it. */
  deliveryId: string;
  /** Stay silent (no check run) when no open pull request has this head: a push to a branch without one. */
  quietWithoutPullRequest: boolean;
}
