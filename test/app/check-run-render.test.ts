/**
 * The check-run rendering and the publisher's request bodies, without
 * GitHub: GitHub's limits (65,535-byte summary, 50 annotations per request,
 * button sizes) and the request bodies checked against GitHub's OpenAPI.
 */
import { describe, expect, it } from "vitest";
import type { Finding, Report } from "../../app/model/report.js";
import { analyze } from "../../app/pipeline.js";
import { configSchema } from "../../app/policy/config-schema.js";
import { renderCheckRun, RERUN_ACTION, type CheckRunResult } from "../../app/report/check-run.js";
import { renderFailure } from "../../app/report/check-run-failure.js";
import { blobUrl, code, fitLines, md } from "../../app/report/check-run-markdown.js";
import { createCheckRunPublisher } from "../../app/report/publisher.js";
import { createBody, updateBodies } from "../../app/report/publisher-requests.js";
import {
  MAX_CHECK_ACTION_DESCRIPTION_CHARS,
  MAX_CHECK_ACTION_IDENTIFIER_CHARS,
  MAX_CHECK_ACTION_LABEL_CHARS,
  MAX_CHECK_ANNOTATIONS,
  MAX_CHECK_SUMMARY_BYTES,
} from "../../app/limits.js";
import type { GitHubClient } from "../../app/sources/github/github-client.js";
import { requestBodyErrors } from "../helpers/openapi-validator.js";
import { makeSnapshot, SAFE_PYTHON } from "./helpers/snapshot.js";

const HEAD = "a".repeat(40);
const CONFIG = configSchema.parse({});

function baseReport(): Report {
  const snapshot = makeSnapshot({
    number: 3,
    head: HEAD,
    files: [{ path: "src/a.py", content: SAFE_PYTHON.repeat(40), by: "agent" }],
  });
  return analyze(snapshot, {
    config: CONFIG,
    detection: { status: "disabled" },
    now: () => new Date("2026-11-23T00:00:00Z"),
    version: "0.0.0-test",
  });
}

function finding(i: number, message = "eval of dynamic input"): Finding {
  return {
    ruleId: `rule-${i % 7}`,
    path: `src/file-${i % 13}.py`,
    startLine: i + 1,
    endLine: i + 1,
    severity: i % 3 === 0 ? "error" : i % 3 === 1 ? "warning" : "note",
    message,
    agent: i % 2 === 0 ? "claude-code" : null,
    authorClass: i % 2 === 0 ? "agent" : "human",
    commit: HEAD,
  };
}

function withFindings(n: number, message?: string): Report {
  const r = baseReport();
  return { ...r, findings: Array.from({ length: n }, (_, i) => finding(i, message)) };
}

const render = (report: Report, agentSpans = false): CheckRunResult =>
  renderCheckRun(report, {
    htmlUrl: "https://github.com/o/r",
    draft: false,
    config: { ...CONFIG.check_run, agent_annotations: agentSpans },
  });

describe("check-run rendering", () => {
  it("maps verdicts to conclusions: defaults success / neutral / failure, or as configured", () => {
    const r = baseReport();
    const as = (verdict: Report["decision"]["verdict"], conclusions = CONFIG.check_run.conclusions) =>
      renderCheckRun(
        { ...r, decision: { ...r.decision, verdict } },
        { htmlUrl: null, draft: false, config: { ...CONFIG.check_run, conclusions } },
      ).conclusion;
    expect([as("allow"), as("warn"), as("block")]).toEqual(["success", "neutral", "failure"]);
    const strict = configSchema.parse({ check_run: { conclusions: { warn: "failure", allow: "neutral" } } });
    expect([as("allow", strict.check_run.conclusions), as("warn", strict.check_run.conclusions)]).toEqual([
      "neutral",
      "failure",
    ]);
    expect(configSchema.safeParse({ check_run: { conclusions: { block: "action_required" } } }).success).toBe(
      false,
    );
  });

  it("keeps the summary within 65,535 bytes and says when it cut it", () => {
    const huge = render(withFindings(3_000, "ünïcödé ".repeat(120)));
    expect(Buffer.byteLength(huge.summary)).toBeLessThanOrEqual(MAX_CHECK_SUMMARY_BYTES);
    expect(huge.summary).not.toContain("\uFFFD");
    expect(huge.summary.includes("**Truncated:** GitHub limits the check-run summary to 65,535 bytes")).toBe(
      true,
    );
    expect(huge.summary).toMatch(/<sub>agent-provenance 0\.0\.0-test .*<\/sub>$/);
    const small = render(withFindings(3));
    expect(small.summary).not.toContain("Truncated");
  });

  it("caps annotations and says 'showing N of M'", () => {
    const out = render(withFindings(MAX_CHECK_ANNOTATIONS + 100));
    expect(out.annotations).toHaveLength(MAX_CHECK_ANNOTATIONS);
    expect(out.summary).toContain(
      `**Annotations:** showing ${MAX_CHECK_ANNOTATIONS} of ${MAX_CHECK_ANNOTATIONS + 100}`,
    );
    expect(out.summary).toContain(`… showing 100 of ${MAX_CHECK_ANNOTATIONS + 100} findings here`);
    // Errors first.
    expect(out.annotations[0]?.annotation_level).toBe("failure");
    expect(out.annotations.at(-1)?.annotation_level).toBe("notice");
  });

  it("agent-written spans become notices only when configured", () => {
    expect(render(baseReport()).annotations).toEqual([]);
    expect(render(baseReport(), true).annotations).toEqual([
      expect.objectContaining({ path: "src/a.py", start_line: 1, end_line: 80, annotation_level: "notice" }),
    ]);
  });

  it("the Re-run button fits GitHub's limits", () => {
    expect(RERUN_ACTION.label.length).toBeLessThanOrEqual(MAX_CHECK_ACTION_LABEL_CHARS);
    expect(RERUN_ACTION.description.length).toBeLessThanOrEqual(MAX_CHECK_ACTION_DESCRIPTION_CHARS);
    expect(RERUN_ACTION.identifier.length).toBeLessThanOrEqual(MAX_CHECK_ACTION_IDENTIFIER_CHARS);
  });

  it("text from the pull request stays text: Markdown and HTML escaped, code spans safe, paths encoded in links", () => {
    expect(md("a|b <script>*x*</script>\n[link](http://x)")).toBe(
      "a\\|b \\<script\\>\\*x\\*\\</script\\> \\[link\\](http://x)",
    );
    expect(code("a`b")).toBe("``a`b``");
    expect(code("`x`")).toBe("`` `x` ``");
    expect(blobUrl("https://github.com/o/r/", HEAD, "dir/a b#c.py", 3, 5)).toBe(
      `https://github.com/o/r/blob/${HEAD}/dir/a%20b%23c.py#L3-L5`,
    );
    expect(blobUrl(null, HEAD, "a.py")).toBeNull();
  });

  it("fitLines never splits a multi-byte character and always ends with the note when cutting", () => {
    const out = fitLines(["é".repeat(500)], 401, "x");
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(401);
    expect(out).toContain("Truncated");
    expect(out).not.toContain("\uFFFD");
  });

  it("failures: each kind has its conclusion, a reason, and (except superseded) the Re-run button", () => {
    const kinds = [
      ["config", "failure"],
      ["github", "failure"],
      ["error", "failure"],
      ["timeout", "timed_out"],
      ["superseded", "cancelled"],
      ["no-pull-request", "neutral"],
    ] as const;
    for (const [kind, conclusion] of kinds) {
      const out = renderFailure({ kind, headline: `h-${kind}`, detail: "line one\nline two" });
      expect(out.conclusion).toBe(conclusion);
      expect(out.title).toBe(`h-${kind}`);
      expect(out.summary).toContain("line one");
      expect(out.actions.length).toBe(kind === "superseded" ? 0 : 1);
    }
  });
});

describe("publisher request bodies", () => {
  it("the create body is in_progress at the head SHA and valid for GitHub", () => {
    const body = createBody(HEAD, { externalId: "pr:3", title: "t", summary: "s" }, new Date(0));
    expect(body).toMatchObject({
      name: "agent-provenance",
      head_sha: HEAD,
      status: "in_progress",
      external_id: "pr:3",
    });
    expect(requestBodyErrors("POST", "/repos/o/r/check-runs", body)).toEqual([]);
  });

  it("120 annotations → the completing PATCH with 50, then 50 and 20; every body valid", () => {
    const result = render(withFindings(120));
    const bodies = updateBodies(result, new Date(0));
    expect(bodies.map((b) => (b["output"] as { annotations?: unknown[] }).annotations?.length)).toEqual([
      50, 50, 20,
    ]);
    expect(bodies[0]).toMatchObject({
      status: "completed",
      conclusion: result.conclusion,
      actions: [RERUN_ACTION],
    });
    expect(Object.keys(bodies[1] ?? {})).toEqual(["output"]);
    for (const body of bodies)
      expect(requestBodyErrors("PATCH", "/repos/o/r/check-runs/1", body)).toEqual([]);
  });

  it("no annotations → one PATCH without an annotations key", () => {
    const bodies = updateBodies(render(baseReport()), new Date(0));
    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.["output"]).not.toHaveProperty("annotations");
  });

  it("a failing later annotation batch leaves the run completed and is reported, not thrown", async () => {
    let n = 0;
    const client: GitHubClient = {
      requestCount: 0,
      graphql: async () => {
        throw new Error("unused");
      },
      request: async <T>() => {
        n += 1;
        if (n === 3) throw Object.assign(new Error("Server Error"), { status: 500 });
        return { status: 200, headers: {}, data: { id: 1 } as T };
      },
    };
    const warnings: string[] = [];
    const publisher = createCheckRunPublisher(client, {
      owner: "o",
      repo: "r",
      dryRun: false,
      log: { info: () => undefined, warn: (_f, m) => warnings.push(m) },
      now: () => new Date(0),
    });
    const outcome = await publisher.complete({ id: 1, headSha: HEAD }, render(withFindings(120)));
    expect(outcome).toEqual({
      requests: 2,
      annotationsSent: 100,
      annotationError: "annotation batch 3 of 3 failed: HTTP 500: Server Error",
    });
    expect(warnings).toHaveLength(1);
  });
});
