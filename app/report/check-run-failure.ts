/**
 * What the check run says when no report could be made: a broken
 * configuration, a GitHub error, an engine crash, a timeout, a newer push.
 * Every one of them completes the check run with the reason; none leaves it
 * in progress, and none passes for a clean result.
 */
import { MAX_CHECK_SUMMARY_BYTES, MAX_CHECK_TITLE_CHARS } from "../limits.js";
import { clip, RERUN_ACTION, type CheckConclusion, type CheckRunResult } from "./check-run.js";
import { code, fitLines, md } from "./check-run-markdown.js";

export type FailureKind = "config" | "github" | "timeout" | "superseded" | "no-pull-request" | "error";

export interface AnalysisFailure {
  kind: FailureKind;
  /** One line for the title. */
  headline: string;
  /** The full reason; may hold several lines (one per configuration problem). */
  detail: string;
}

const CONCLUSION: Record<FailureKind, CheckConclusion> = {
  config: "failure",
  github: "failure",
  error: "failure",
  timeout: "timed_out",
  superseded: "cancelled",
  "no-pull-request": "neutral",
};

const HEADING: Record<FailureKind, string> = {
  config: "✖ Configuration error",
  github: "✖ GitHub API error",
  error: "✖ Analysis failed",
  timeout: "⏱ Analysis timed out",
  superseded: "↷ Superseded",
  "no-pull-request": "· Nothing to analyse",
};

const ADVICE: Record<FailureKind, string> = {
  config:
    "Fix the file on the default branch (the App never reads configuration from a pull request's head), then press **Re-run**.",
  github:
    "The App could not read the pull request or write its check run. If this says 403, check that the App's installation grants the permissions in `app.yml`; otherwise press **Re-run**.",
  error:
    "Nothing was decided: this is not a passing result. Press **Re-run**; if it fails again, report it with the text above.",
  timeout: "Nothing was decided: this is not a passing result. Press **Re-run**, or split the pull request.",
  superseded: "A newer analysis of this pull request replaces this one.",
  "no-pull-request": "No open pull request has this commit as its head.",
};

export function renderFailure(failure: AnalysisFailure): CheckRunResult {
  const detailLines = failure.detail.split("\n").filter((l) => l.trim() !== "");
  const body =
    failure.kind === "config"
      ? detailLines.map((l) => `- ${md(l)}`)
      : detailLines.length > 1
        ? ["```text", ...detailLines.map((l) => l.replace(/```/g, "ʼʼʼ")), "```"]
        : detailLines.map(md);
  const lines = [`## ${HEADING[failure.kind]}`, "", ...body, "", ADVICE[failure.kind]];
  if (failure.kind === "config") {
    lines.push("", `Expected shape: see ${code("docs/configuration.md")} in agent-provenance.`);
  }
  return {
    conclusion: CONCLUSION[failure.kind],
    title: clip(failure.headline, MAX_CHECK_TITLE_CHARS),
    summary: fitLines(lines, MAX_CHECK_SUMMARY_BYTES, "check-run summary"),
    text: null,
    annotations: [],
    actions: failure.kind === "superseded" ? [] : [RERUN_ACTION],
  };
}
