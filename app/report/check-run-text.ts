/**
 * The check run's details text: every changed file with its added line ranges
 * at head, who wrote each range and on what evidence, each range linked to
 * the file at the head commit. Kept within GitHub's 65,535-byte limit.
 */
import { MAX_CHECK_SUMMARY_BYTES } from "../limits.js";
import type { AttributedRange } from "../model/attribution.js";
import type { Report } from "../model/report.js";
import { blobUrl, code, fitLines, link, md } from "./check-run-markdown.js";

function who(r: AttributedRange): string {
  if (r.class === "agent") return `**${md(r.agent ?? "agent")}** (${r.source}, ${r.confidence})`;
  if (r.class === "bot") return "bot (not an agent)";
  return r.class === "human" ? `human (${r.source})` : "unknown";
}

/** Null when there is nothing to list (no added lines). */
export function renderFileText(report: Report, htmlUrl: string | null): string | null {
  const files = report.attribution.files;
  if (files.length === 0) return null;
  const lines = ["## Added lines by file (head line numbers)", ""];
  for (const f of files) {
    lines.push(`- ${link(md(f.path), blobUrl(htmlUrl, report.head, f.path))}`);
    for (const r of f.ranges) {
      const span = r.startLine === r.endLine ? `${r.startLine}` : `${r.startLine}–${r.endLine}`;
      const commit = r.commit !== null ? ` · ${code(r.commit.slice(0, 8))}` : "";
      lines.push(
        `  - ${link(`L${span}`, blobUrl(htmlUrl, report.head, f.path, r.startLine, r.endLine))} ${who(r)}${commit}`,
      );
    }
  }
  return fitLines(lines, MAX_CHECK_SUMMARY_BYTES, "check-run details");
}
