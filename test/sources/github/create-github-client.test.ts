import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { isGitHubRequestError } from "../../../app/sources/github/github-error.js";
import { LIST_FILES_ROUTE } from "../../../app/sources/github/list-files.js";
import { PULL_REQUEST_QUERY } from "../../../app/sources/github/pull-request-query.js";
import { mixedPullRequest } from "../../../fixtures/github/mixed-pull-request.js";
import { mockGitHub, type GitHubMock, type InterceptedRequest } from "./helpers/mock-github.js";
import { TEST_TOKEN, testClient } from "./helpers/test-client.js";

const FILES = { owner: "octo-org", repo: "widgets", pull_number: 42, per_page: 100, page: 1 };
const PR_VARIABLES = {
  owner: "octo-org",
  name: "widgets",
  number: 42,
  notesRef: "refs/notes/ai",
  withLabels: true,
  withCommits: true,
  withReviews: true,
  withReviewThreads: true,
  withTimelineItems: true,
};
const isFiles = (r: InterceptedRequest): boolean => r.path.endsWith("/files");
const isGraphql = (r: InterceptedRequest): boolean => r.operation !== null;

let mock: GitHubMock;

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  const problems = mock.problems;
  mock.done();
  expect(problems).toEqual([]);
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected a failure");
}

describe("createGitHubClient", () => {
  it("counts requests and logs the remaining budget, never the token", async () => {
    mock = mockGitHub([mixedPullRequest()]);
    const { client, logs } = testClient();
    const res = await client.request<unknown[]>(LIST_FILES_ROUTE, FILES);
    await client.graphql(PULL_REQUEST_QUERY, PR_VARIABLES);
    expect(res.status).toBe(200);
    expect(res.data).toHaveLength(7);
    expect(client.requestCount).toBe(2);
    expect(client.retryCount).toBe(0);
    expect(mock.requests.map((r) => r.authorization)).toEqual([`token ${TEST_TOKEN}`, `token ${TEST_TOKEN}`]);
    expect(logs).toContainEqual({
      level: "debug",
      message: `GitHub ${LIST_FILES_ROUTE}: 200, rate limit remaining 4999/5000`,
    });
    expect(logs.some((l) => l.message.includes("POST /graphql (PullRequestSnapshot): 200"))).toBe(true);
    expect(logs.some((l) => l.message.includes(TEST_TOKEN) || l.message.includes("ghs_"))).toBe(false);
  });

  it("retries a 502 after a backoff, and counts the retry", async () => {
    mock = mockGitHub([mixedPullRequest()]);
    mock.fail(isFiles, { status: 502, body: { message: "Server Error" } });
    const { client, sleeps, logs } = testClient();
    const res = await client.request<unknown[]>(LIST_FILES_ROUTE, FILES);
    expect(res.data).toHaveLength(7);
    expect(client.requestCount).toBe(2);
    expect(client.retryCount).toBe(1);
    expect(sleeps).toEqual([1000]);
    expect(logs.filter((l) => l.level === "warn").map((l) => l.message)).toEqual([
      `GitHub ${LIST_FILES_ROUTE}: HTTP 502: Server Error; retry 1 of 3 in 1 s`,
    ]);
  });

  it("waits out a secondary rate limit for as long as retry-after says", async () => {
    mock = mockGitHub([mixedPullRequest()]);
    mock.fail(isFiles, {
      status: 403,
      body: {
        message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
      },
      headers: { "retry-after": "7", "x-ratelimit-remaining": "4990", "x-ratelimit-limit": "5000" },
    });
    const { client, sleeps } = testClient();
    await client.request(LIST_FILES_ROUTE, FILES);
    expect(sleeps).toEqual([7000]);
    expect(client.requestCount).toBe(2);
  });

  it("waits a minute, then two, after a secondary limit that names no time (429)", async () => {
    mock = mockGitHub([mixedPullRequest()]);
    const secondary = { status: 429, body: { message: "You have exceeded a secondary rate limit." } };
    mock.fail(isFiles, secondary, secondary);
    const { client, sleeps } = testClient();
    await client.request(LIST_FILES_ROUTE, FILES);
    expect(sleeps).toEqual([60_000, 120_000]);
  });

  it("retries GraphQL RATE_LIMITED (an HTTP 200) until the reset, on GitHub Enterprise Server too", async () => {
    mock = mockGitHub([mixedPullRequest()], { enterprise: true });
    const reset = 1_750_000_030;
    mock.fail(isGraphql, {
      status: 200,
      body: {
        data: null,
        errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded for installation ID 123." }],
      },
      headers: {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(reset),
        "x-ratelimit-limit": "5000",
      },
    });
    const { client, sleeps } = testClient({ enterprise: true, now: () => (reset - 20) * 1000 });
    const data = await client.graphql<{ repository: { pullRequest: { number: number } } }>(
      PULL_REQUEST_QUERY,
      PR_VARIABLES,
    );
    expect(data.repository.pullRequest.number).toBe(42);
    expect(mock.requests.map((r) => r.path)).toEqual(["/api/graphql", "/api/graphql"]);
    expect(sleeps).toEqual([21_000]);
    expect(client.requestCount).toBe(2);
  });

  it("gives up after three retries with a typed error naming status and route", async () => {
    mock = mockGitHub([mixedPullRequest()]);
    const down = { status: 502, body: { message: "Server Error" } };
    mock.fail(isFiles, down, down, down, down);
    const { client, sleeps } = testClient();
    const err = await failure(client.request(LIST_FILES_ROUTE, FILES));
    expect(isGitHubRequestError(err)).toBe(true);
    expect(err).toMatchObject({
      code: "GITHUB_FAILED",
      status: 502,
      route: LIST_FILES_ROUTE,
      message: `GitHub ${LIST_FILES_ROUTE} failed: HTTP 502: Server Error (gave up after 4 attempts)`,
    });
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(client.requestCount).toBe(4);
  });

  it("fails at once with GITHUB_RATE_LIMITED when the primary limit resets too late", async () => {
    mock = mockGitHub([mixedPullRequest()]);
    const now = 1_750_000_000_000;
    mock.fail(isFiles, {
      status: 403,
      body: { message: "API rate limit exceeded for installation ID 123." },
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 + 1800) },
    });
    const { client, sleeps } = testClient({ now: () => now });
    const err = await failure(client.request(LIST_FILES_ROUTE, FILES));
    expect(err).toMatchObject({ code: "GITHUB_RATE_LIMITED", status: 403, route: LIST_FILES_ROUTE });
    expect((err as Error).message).toContain("lifts in 1801 s");
    expect(sleeps).toEqual([]);
    expect(client.requestCount).toBe(1);
  });

  it("does not retry a 404 or a GraphQL error other than RATE_LIMITED", async () => {
    mock = mockGitHub([mixedPullRequest()]);
    const { client } = testClient();
    const notFound = await failure(client.request(LIST_FILES_ROUTE, { ...FILES, pull_number: 9 }));
    expect(notFound).toMatchObject({ code: "GITHUB_FAILED", status: 404 });
    const missingRepo = await failure(client.graphql(PULL_REQUEST_QUERY, { ...PR_VARIABLES, name: "nope" }));
    expect(missingRepo).toMatchObject({
      code: "GITHUB_FAILED",
      status: 200,
      route: "POST /graphql (PullRequestSnapshot)",
      message: expect.stringContaining("NOT_FOUND: Could not resolve to a Repository"),
    });
    expect(client.requestCount).toBe(2);
  });

  it("logs a warning once when the budget runs low", async () => {
    mock = mockGitHub([mixedPullRequest()]);
    const low = { "x-ratelimit-remaining": "120", "x-ratelimit-limit": "5000" };
    mock.fail(isFiles, { status: 502, headers: low }, { status: 502, headers: low });
    const { client, logs } = testClient();
    await client.request(LIST_FILES_ROUTE, FILES);
    expect(logs.filter((l) => l.message.startsWith("GitHub rate limit low"))).toEqual([
      { level: "warn", message: "GitHub rate limit low: 120 of 5000 requests left" },
    ]);
  });
});
