/**
 * Check-run annotations on the exact lines: every finding (error → failure,
 * warning → warning, note → notice), then, when configured, each
 * agent-written span as a notice. Capped; the caller states "showing N of M".
 */
import type { Finding, Report } from "../model/report.js";

export type AnnotationLevel = "notice" | "warning" | "failure";

/** The shape of `output.annotations[]` in GitHub's check-run requests. */
export interface CheckRunAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: AnnotationLevel;
  message: string;
  title?: string;
  raw_details?: string;
}

/** GitHub accepts 64 KB per annotation message; a reviewer reads far less. */
const MAX_MESSAGE_CHARS = 4_000;
const MAX_TITLE_CHARS = 255;

const LEVEL: Record<Finding["severity"], AnnotationLevel> = {
  error: "failure",
  warning: "warning",
  note: "notice",
};
const RANK: Record<Finding["severity"], number> = { error: 0, warning: 1, note: 2 };

function clipChars(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}

function fromFinding(f: Finding): CheckRunAnnotation {
  const by =
    f.agent !== null ? `agent ${f.agent}` : f.authorClass === "bot" ? "a bot (not an agent)" : f.authorClass;
  return {
    path: f.path,
    start_line: f.startLine,
    end_line: Math.max(f.startLine, f.endLine),
    annotation_level: LEVEL[f.severity],
    title: clipChars(f.ruleId, MAX_TITLE_CHARS),
    message: clipChars(
      `${f.message}\n\nWritten by ${by}${f.commit !== null ? ` in ${f.commit.slice(0, 12)}` : ""}.`,
      MAX_MESSAGE_CHARS,
    ),
  };
}

export function buildAnnotations(
  report: Report,
  options: { agentSpans: boolean; max: number },
): { annotations: CheckRunAnnotation[]; total: number } {
  const findings = [...report.findings]
    .sort(
      (a, b) =>
        RANK[a.severity] - RANK[b.severity] || a.path.localeCompare(b.path) || a.startLine - b.startLine,
    )
    .map(fromFinding);
  const spans: CheckRunAnnotation[] = [];
  if (options.agentSpans) {
    for (const file of report.attribution.files) {
      for (const r of file.ranges) {
        if (r.class !== "agent") continue;
        spans.push({
          path: file.path,
          start_line: r.startLine,
          end_line: r.endLine,
          annotation_level: "notice",
          title: clipChars(`Written by ${r.agent ?? "an agent"}`, MAX_TITLE_CHARS),
          message: clipChars(
            `Lines ${r.startLine}–${r.endLine} were written by ${r.agent ?? "an agent"} ` +
              `(evidence: ${r.source}, confidence: ${r.confidence}${r.commit !== null ? `, commit ${r.commit.slice(0, 12)}` : ""}).`,
            MAX_MESSAGE_CHARS,
          ),
        });
      }
    }
  }
  const all = [...findings, ...spans];
  return { annotations: all.slice(0, options.max), total: all.length };
}
