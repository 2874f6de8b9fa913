/**
 * A Report rendered as a GitHub check run: conclusion, title, Markdown summary,
 * per-file text, annotations and the "Re-run" button. Pure; the publisher
 * (publisher.ts) is the only thing that sends it.
 */
import { MAX_CHECK_ANNOTATIONS, MAX_CHECK_TITLE_CHARS } from "../limits.js";
import type { Report, Verdict } from "../model/report.js";
import type { CheckRunConfig } from "../policy/config-schema.js";
import { buildAnnotations, type CheckRunAnnotation } from "./check-run-annotations.js";
import { renderFileText } from "./check-run-text.js";
import { renderSummary } from "./check-run-summary.js";

/** The name the check run carries on every pull request (and how the App recognises its own runs). */
export const CHECK_RUN_NAME = "agent-provenance";

/** Conclusions GitHub accepts from an App ("stale" is GitHub's own). */
export type CheckConclusion =
  "success" | "neutral" | "failure" | "cancelled" | "timed_out" | "skipped" | "action_required";

export interface CheckRunAction {
  label: string;
  description: string;
  identifier: string;
}

/** The one button: a click arrives as `check_run.requested_action` with this identifier. */
export const RERUN_ACTION: CheckRunAction = {
  label: "Re-run",
  description: "Analyse this pull request again",
  identifier: "rerun",
};

export interface CheckRunResult {
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  text: string | null;
  annotations: CheckRunAnnotation[];
  actions: CheckRunAction[];
}

export interface CheckRunContext {
  /** The repository's web address (payload `repository.html_url`), for links to files at head; null: no links. */
  htmlUrl: string | null;
  draft: boolean;
  config: CheckRunConfig;
}

const VERDICT_WORD: Record<Verdict, string> = { allow: "Allowed", warn: "Warning", block: "Blocked" };

export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}

function titleOf(report: Report, draft: boolean): string {
  const a = report.attribution;
  const counted = report.decision.reasons.filter((r) => r.level === report.decision.verdict).length;
  const parts = [VERDICT_WORD[report.decision.verdict] + (draft ? " (draft)" : "")];
  if (report.decision.verdict !== "allow" && counted > 0) {
    parts.push(
      `${counted} ${report.decision.verdict === "block" ? "blocking" : "warning"} reason${counted === 1 ? "" : "s"}`,
    );
  }
  if (a.totalLines === 0) parts.push("no added lines");
  else if (a.agentLines === 0) parts.push(`no agent-written lines among ${a.totalLines} added`);
  else {
    const top = a.agents[0];
    const share = Math.round((a.agentLines / a.totalLines) * 100);
    parts.push(
      a.agents.length === 1 && top !== undefined
        ? `${top.id} wrote ${share}% of ${a.totalLines} added lines`
        : `${a.agents.length} agents wrote ${share}% of ${a.totalLines} added lines`,
    );
  }
  if (report.findings.length > 0) {
    parts.push(`${report.findings.length} finding${report.findings.length === 1 ? "" : "s"}`);
  }
  return clip(parts.join(" · "), MAX_CHECK_TITLE_CHARS);
}

export function renderCheckRun(report: Report, ctx: CheckRunContext): CheckRunResult {
  const { annotations, total } = buildAnnotations(report, {
    agentSpans: ctx.config.agent_annotations,
    max: MAX_CHECK_ANNOTATIONS,
  });
  return {
    conclusion: ctx.config.conclusions[report.decision.verdict],
    title: titleOf(report, ctx.draft),
    summary: renderSummary(report, {
      htmlUrl: ctx.htmlUrl,
      draft: ctx.draft,
      annotations: { shown: annotations.length, total },
    }),
    text: renderFileText(report, ctx.htmlUrl),
    annotations,
    actions: [RERUN_ACTION],
  };
}
