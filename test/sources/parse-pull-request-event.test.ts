import examples from "@octokit/webhooks-examples";
import { describe, expect, it } from "vitest";
import { parsePullRequestEvent } from "../../app/sources/event/parse-pull-request-event.js";

type Example = { name: string; examples: Array<Record<string, unknown>> };
const all = examples as unknown as Example[];
const pullRequestExamples = all.find((e) => e.name === "pull_request")?.examples ?? [];
const reviewExamples = all.find((e) => e.name === "pull_request_review")?.examples ?? [];

describe("parsePullRequestEvent on real payloads from @octokit/webhooks-examples", () => {
  it("has examples to read", () => {
    expect(pullRequestExamples.length).toBeGreaterThan(10);
    expect(reviewExamples.length).toBeGreaterThan(0);
  });

  it.each(pullRequestExamples.map((p, i) => [i, p.action, p] as const))(
    "pull_request example %i (%s)",
    (_i, _action, payload) => {
      const parsed = parsePullRequestEvent(payload, "event.json");
      const raw = payload["pull_request"] as {
        number: number;
        title: string;
        head: { ref: string; sha: string };
        base: { sha: string };
        user: { login: string };
        labels: Array<{ name: string }>;
      };
      expect(parsed.pr.number).toBe(raw.number);
      expect(parsed.pr.title).toBe(raw.title);
      expect(parsed.pr.headRef).toBe(raw.head.ref);
      expect(parsed.headSha).toBe(raw.head.sha);
      expect(parsed.baseSha).toBe(raw.base.sha);
      expect(parsed.pr.author?.login).toBe(raw.user.login);
      expect(parsed.pr.labels).toEqual(raw.labels.map((l) => l.name));
    },
  );

  it("reads pull_request_review payloads too", () => {
    const parsed = parsePullRequestEvent(reviewExamples[0], "review.json");
    expect(parsed.pr.number).toBeGreaterThan(0);
  });

  it("maps a null body to an empty string and keeps bot authors as Bot", () => {
    const payload = structuredClone(pullRequestExamples[0]) as { pull_request: Record<string, unknown> };
    payload.pull_request["body"] = null;
    payload.pull_request["user"] = { login: "Copilot", type: "Bot" };
    const parsed = parsePullRequestEvent(payload, "e.json");
    expect(parsed.pr.body).toBe("");
    expect(parsed.pr.author).toEqual({ login: "Copilot", type: "Bot" });
  });

  it("refuses a payload that is not a pull request event", () => {
    expect(() => parsePullRequestEvent({ ref: "refs/heads/main", commits: [] }, "push.json")).toThrow(
      /push.json: not a pull_request event payload/,
    );
    expect(() => parsePullRequestEvent("text", "x.json")).toThrow(/not a pull_request event/);
  });

  it("names the broken field", () => {
    const payload = structuredClone(pullRequestExamples[0]) as {
      pull_request: { head: Record<string, unknown> };
    };
    payload.pull_request.head["sha"] = "not-a-sha";
    expect(() => parsePullRequestEvent(payload, "e.json")).toThrow(
      /e.json: pull_request.head.sha: expected a full commit SHA/,
    );
  });
});
