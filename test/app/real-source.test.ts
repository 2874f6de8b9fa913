/**
 * The App end to end with the real GitHub source (app/sources/github): its
 * GraphQL queries are executed against GitHub's published schema over a
 * model repository, its REST calls answered from the same model; the check
 * runs it writes are validated against GitHub's OpenAPI description.
 */
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDefaultGitHubSource } from "../../app/app/default-github-source.js";
import { pullRequestEvent } from "../../fixtures/webhooks/payloads.js";
import { graphqlErrors } from "../helpers/graphql-validator.js";
import { createHarness } from "./helpers/app-harness.js";
import { FakeGitHubRepo, githubSchema } from "./helpers/fake-github-repo.js";
import { API, GitHubNock, resetNock } from "./helpers/github-nock.js";

const BASE = "0".repeat(39) + "b";
const HUMAN = "1".repeat(39) + "a";
const AGENT = "2".repeat(39) + "c";
const alice = { name: "Alice Example", email: "alice@example.com", login: "alice" };

function repo(): FakeGitHubRepo {
  const readme = "# Hello\n";
  const util = "def add(a, b):\n    return a + b\n";
  const run = "def run(a):\n    eval(a)\n    return a\n";
  return new FakeGitHubRepo("Codertocat", "Hello-World")
    .addCommit({
      sha: BASE,
      parents: [],
      message: "Initial\n",
      author: alice,
      date: "2026-11-01T10:00:00Z",
      files: { "README.md": readme },
    })
    .addCommit({
      sha: HUMAN,
      parents: [BASE],
      message: "Add util\n",
      author: alice,
      date: "2026-11-02T10:00:00Z",
      files: { "README.md": readme, "src/util.py": util },
    })
    .addCommit({
      sha: AGENT,
      parents: [HUMAN],
      message: "Add runner\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
      author: alice,
      date: "2026-11-03T10:00:00Z",
      files: { "README.md": readme, "src/util.py": util, "app/run.py": run, "img/logo.png": "PNG\0\0binary" },
    })
    .addPull({
      number: 30,
      title: "Add a runner",
      body: "",
      draft: false,
      author: "alice",
      headRef: "feature/runner",
      labels: [],
      base: BASE,
      commits: [HUMAN, AGENT],
    });
}

beforeAll(async () => {
  await githubSchema();
}, 60_000);

afterEach(() => resetNock());

describe("the App with the real GitHub source", () => {
  it("attributes each added line, scans the agent's file at head, and completes the check run", async () => {
    const fake = repo();
    fake.serve(nock(API).persist());
    const gh = new GitHubNock().createCheckRun(81).config(null).updateCheckRun(81);
    const h = await createHarness({
      source: createDefaultGitHubSource({ backoffMs: 5, secondaryWaitMs: 5 }),
    });
    await h.deliver("pull_request", pullRequestEvent({ action: "opened", number: 30, headSha: AGENT }));

    const done = gh.sent("PATCH", "/check-runs/81")[0]?.body as {
      conclusion: string;
      output: {
        title: string;
        summary: string;
        text: string;
        annotations: Array<{ path: string; start_line: number }>;
      };
    };
    expect(done.conclusion).toBe("failure");
    expect(done.output.summary).toContain("| agent: claude-code | 3 | 1 |");
    expect(done.output.summary).toContain("| human | 2 | |");
    expect(done.output.annotations).toEqual([
      expect.objectContaining({ path: "app/run.py", start_line: 2, annotation_level: "failure" }),
    ]);
    expect(done.output.text).toContain("**claude-code** (trailer,");
    gh.assertDone();
    await gh.assertValidRequests();
    if (process.env["TEST_PRINT"] === "1") {
      console.log(
        done.output.summary,
        fake.graphqlQueries.map((q) => q.split("(")[0]),
      );
    }
    expect(fake.graphqlQueries.length).toBeGreaterThan(0);
    for (const q of fake.graphqlQueries) expect(await graphqlErrors(q)).toEqual([]);
  });

  it("a pull request GitHub does not know: the check run fails with the source's reason", async () => {
    const fake = repo();
    fake.serve(nock(API).persist());
    const gh = new GitHubNock().createCheckRun(82).config(null).updateCheckRun(82);
    const h = await createHarness({
      source: createDefaultGitHubSource({ backoffMs: 5, secondaryWaitMs: 5 }),
    });
    await h.deliver("pull_request", pullRequestEvent({ action: "opened", number: 99, headSha: AGENT }));
    const done = gh.sent("PATCH", "/check-runs/82")[0]?.body as {
      conclusion: string;
      output: { summary: string };
    };
    expect(done.conclusion).toBe("failure");
    expect(done.output.summary).toContain("not found");
  });
});
