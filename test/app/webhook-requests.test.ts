import { describe, expect, it } from "vitest";
import {
  fromCheckRunEvent,
  fromCheckSuiteEvent,
  fromPullRequestEvent,
} from "../../app/app/webhook-requests.js";
import { isProvenanceError } from "../../app/errors.js";
import {
  checkRunEvent,
  checkSuiteEvent,
  pullRequestEvent,
  reviewEvent,
} from "../../fixtures/webhooks/payloads.js";

const SHA = "a".repeat(40);

describe("webhook payloads → analysis requests", () => {
  it("pull_request: pushes (opened/synchronize/reopened) may duplicate; other actions always re-run", () => {
    const push = fromPullRequestEvent(
      "pull_request",
      "d1",
      pullRequestEvent({ action: "synchronize", number: 7, headSha: SHA }),
    );
    expect(push).toEqual({
      owner: "Codertocat",
      repo: "Hello-World",
      htmlUrl: "https://github.com/Codertocat/Hello-World",
      headSha: SHA,
      pullNumber: 7,
      draft: false,
      trigger: "pull_request.synchronize",
      kind: "push",
      deliveryId: "d1",
      quietWithoutPullRequest: false,
    });
    for (const action of ["labeled", "unlabeled", "edited", "ready_for_review"]) {
      expect(
        fromPullRequestEvent("pull_request", "d", pullRequestEvent({ action, number: 7, headSha: SHA })).kind,
      ).toBe("refresh");
    }
    const review = fromPullRequestEvent(
      "pull_request_review",
      "d",
      reviewEvent({ action: "dismissed", number: 7, headSha: SHA }),
    );
    expect(review).toMatchObject({
      kind: "refresh",
      trigger: "pull_request_review.dismissed",
      pullNumber: 7,
    });
    expect(
      fromPullRequestEvent(
        "pull_request",
        "d",
        pullRequestEvent({ action: "opened", number: 7, headSha: SHA, draft: true }),
      ).draft,
    ).toBe(true);
  });

  it("check_suite: the repository's own pull request for the head SHA, or none (forks)", () => {
    expect(
      fromCheckSuiteEvent("d", checkSuiteEvent({ action: "requested", headSha: SHA, pullRequests: [3] })),
    ).toMatchObject({
      pullNumber: 3,
      kind: "push",
      quietWithoutPullRequest: true,
    });
    expect(
      fromCheckSuiteEvent("d", checkSuiteEvent({ action: "rerequested", headSha: SHA, pullRequests: [] })),
    ).toMatchObject({
      pullNumber: null,
      kind: "refresh",
      quietWithoutPullRequest: false,
    });
  });

  it("check_run: ours only (by name), 'rerun' only, pull request from the payload or our external_id", () => {
    expect(
      fromCheckRunEvent("d", checkRunEvent({ action: "rerequested", headSha: SHA, pullRequests: [2] }))
        ?.pullNumber,
    ).toBe(2);
    expect(
      fromCheckRunEvent(
        "d",
        checkRunEvent({ action: "rerequested", headSha: SHA, pullRequests: [], externalId: "pr:9" }),
      )?.pullNumber,
    ).toBe(9);
    expect(
      fromCheckRunEvent(
        "d",
        checkRunEvent({ action: "rerequested", headSha: SHA, pullRequests: [], externalId: "pr:x" }),
      )?.pullNumber,
    ).toBeNull();
    expect(
      fromCheckRunEvent(
        "d",
        checkRunEvent({ action: "rerequested", headSha: SHA, pullRequests: [2], name: "CI" }),
      ),
    ).toBeNull();
    expect(
      fromCheckRunEvent(
        "d",
        checkRunEvent({ action: "requested_action", headSha: SHA, pullRequests: [2], identifier: "x" }),
      ),
    ).toBeNull();
  });

  it("a payload without the fields the App needs is a BAD_EVENT naming the field", () => {
    const broken = pullRequestEvent({ action: "opened", number: 7, headSha: SHA });
    (broken["pull_request"] as Record<string, unknown>)["head"] = { sha: "not-a-sha" };
    try {
      fromPullRequestEvent("pull_request", "d", broken);
      expect.unreachable();
    } catch (err) {
      expect(isProvenanceError(err) && err.code).toBe("BAD_EVENT");
      expect((err as Error).message).toBe("pull_request payload: pull_request.head.sha: a commit SHA");
    }
  });
});
