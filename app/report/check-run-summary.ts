/**
 * The check run's Markdown summary: verdict and reasons (with evidence links
 * to the files at head), who wrote the added lines, coverage, findings by
 * severity and agent, how detection ran, review-signal status. Kept within
 * GitHub's 65,535-byte limit; a truncated summary says so.
 */
import { MAX_CHECK_ANNOTATIONS, MAX_CHECK_SUMMARY_BYTES } from "../limits.js";
import type { Finding, Reason, ReasonEvidence, Report } from "../model/report.js";
import { blobUrl, code, commitUrl, fitLines, link, md, pct, plural } from "./check-run-markdown.js";

/** Findings listed one per line in the summary (all of them are annotated, up to the annotation cap). */
const MAX_FINDINGS_LISTED = 100;
/** Evidence links shown under one reason. */
const MAX_EVIDENCE_LINKS = 5;

export interface SummaryContext {
  htmlUrl: string | null;
  draft: boolean;
  annotations: { shown: number; total: number };
}

const MARK: Record<Reason["level"], string> = { block: "✖", warn: "⚠", allow: "✓", info: "·" };
const HEADLINE = {
  allow: "✓ Allowed",
  warn: "⚠ Warning",
  block: "✖ Blocked",
} as const;
const SEVERITIES: Finding["severity"][] = ["error", "warning", "note"];

function evidenceLink(report: Report, htmlUrl: string | null, ev: ReasonEvidence): string | null {
  if (ev.path !== undefined) {
    const span =
      ev.startLine === undefined
        ? ""
        : ev.endLine !== undefined && ev.endLine !== ev.startLine
          ? `:${ev.startLine}-${ev.endLine}`
          : `:${ev.startLine}`;
    return link(md(`${ev.path}${span}`), blobUrl(htmlUrl, report.head, ev.path, ev.startLine, ev.endLine));
  }
  if (ev.commit !== undefined) return link(code(ev.commit.slice(0, 12)), commitUrl(htmlUrl, ev.commit));
  if (ev.url !== undefined && /^https:\/\//.test(ev.url)) return link("link", ev.url);
  return null;
}

function reasonLines(report: Report, htmlUrl: string | null): string[] {
  const order = { block: 0, warn: 1, allow: 2, info: 3 };
  const reasons = [...report.decision.reasons].sort((a, b) => order[a.level] - order[b.level]);
  const out = ["### Why", ""];
  if (reasons.length === 0) out.push("No policy step raised anything.");
  for (const r of reasons) {
    out.push(`- ${MARK[r.level]} **${r.level}** ${code(r.code)} — ${md(r.message)}`);
    const links = r.evidence
      .map((ev) => evidenceLink(report, htmlUrl, ev))
      .filter((l): l is string => l !== null);
    if (links.length > 0) {
      const more =
        r.evidence.length > MAX_EVIDENCE_LINKS ? ` … ${r.evidence.length - MAX_EVIDENCE_LINKS} more` : "";
      out.push(`  - evidence: ${links.slice(0, MAX_EVIDENCE_LINKS).join(", ")}${more}`);
    }
  }
  return out;
}

function authorLines(report: Report): string[] {
  const a = report.attribution;
  const out = [
    "### Who wrote the added lines",
    "",
    "| author | lines | files | share | confidence |",
    "|---|---:|---:|---:|---|",
  ];
  for (const ag of a.agents) {
    const conf = Object.entries(ag.byConfidence)
      .map(([c, n]) => `${c} ${n}`)
      .join(", ");
    out.push(
      `| agent: ${md(ag.id)} | ${ag.lines} | ${ag.files} | ${pct(ag.lines, a.totalLines)} | ${conf} |`,
    );
  }
  out.push(`| human | ${a.humanLines} | | ${pct(a.humanLines, a.totalLines)} | |`);
  if (a.botLines > 0)
    out.push(`| bot (not an agent) | ${a.botLines} | | ${pct(a.botLines, a.totalLines)} | |`);
  out.push(`| unknown | ${a.unknownLines} | | ${pct(a.unknownLines, a.totalLines)} | |`);
  out.push(
    "",
    `**Coverage:** ${pct(a.totalLines - a.unknownLines, a.totalLines)} of ${plural(a.totalLines, "added line")} ` +
      "have a known author class (agent, human or bot).",
  );
  return out;
}

function who(f: Finding): string {
  return f.agent ?? f.authorClass;
}

function findingLines(report: Report, ctx: SummaryContext): string[] {
  const d = report.detection;
  const out = [`### Findings on changed lines (${report.findings.length})`, ""];
  if (d.status === "disabled") out.push("Detection is disabled by configuration.");
  else if (d.status === "failed")
    out.push(
      `**Detection failed**, so the changed code was not checked: ${md(d.failure ?? "unknown error")}`,
    );
  else {
    out.push(
      `${md(d.engine ?? "engine")} engine${d.engineVersion !== null ? ` ${md(d.engineVersion)}` : ""}, ` +
        `${plural(d.rulePack?.rules ?? 0, "rule")}` +
        (d.rulePack !== null ? ` (pack ${code(d.rulePack.digest.slice(0, 12))})` : "") +
        (d.detectors.length > 0
          ? `, detectors ${d.detectors.map((x) => md(`${x.id}@${x.version}`)).join(", ")}`
          : "") +
        `, filter ${code(d.filter ?? "added")}.`,
    );
  }
  if (report.findings.length > 0) {
    const authors = [...new Set(report.findings.map(who))].sort();
    out.push(
      "",
      `| severity | ${authors.map(md).join(" | ")} | total |`,
      `|---|${authors.map(() => "---:|").join("")}---:|`,
    );
    for (const sev of SEVERITIES) {
      const list = report.findings.filter((f) => f.severity === sev);
      if (list.length === 0) continue;
      const cells = authors.map((a) => String(list.filter((f) => who(f) === a).length));
      out.push(`| ${sev} | ${cells.join(" | ")} | ${list.length} |`);
    }
    out.push("");
    const ranked = [...report.findings].sort(
      (x, y) => SEVERITIES.indexOf(x.severity) - SEVERITIES.indexOf(y.severity),
    );
    for (const f of ranked.slice(0, MAX_FINDINGS_LISTED)) {
      const where = link(
        md(`${f.path}:${f.startLine}`),
        blobUrl(ctx.htmlUrl, report.head, f.path, f.startLine, f.endLine),
      );
      out.push(
        `- **${f.severity}** ${where} ${code(f.ruleId)} — ${md(f.message)} (written by ${md(who(f))})`,
      );
    }
    if (report.findings.length > MAX_FINDINGS_LISTED) {
      out.push(`- … showing ${MAX_FINDINGS_LISTED} of ${report.findings.length} findings here`);
    }
  }
  const { shown, total } = ctx.annotations;
  if (total > 0) {
    out.push(
      "",
      shown < total
        ? `**Annotations:** showing ${shown} of ${total} (at most ${MAX_CHECK_ANNOTATIONS} per check run).`
        : `**Annotations:** ${plural(total, "annotation")} on the changed lines.`,
    );
  }
  if (d.skippedFiles.length > 0) {
    const listed = d.skippedFiles.slice(0, 10).map((s) => `${md(s.path)} (${md(s.reason)})`);
    const more = d.skippedFiles.length > 10 ? `, … ${d.skippedFiles.length - 10} more` : "";
    out.push("", `Not scanned: ${listed.join(", ")}${more}.`);
  }
  if (d.unsupportedRules.length > 0) {
    out.push(
      "",
      `Rules the engine could not run: ${d.unsupportedRules.length} (${d.unsupportedRules
        .slice(0, 5)
        .map((u) => code(u.ruleId))
        .join(", ")}${d.unsupportedRules.length > 5 ? ", …" : ""}).`,
    );
  }
  if (d.errors.length > 0) {
    out.push(
      "",
      `Engine errors: ${d.errors.length} (${md(d.errors[0]?.message ?? "")}${d.errors.length > 1 ? " …" : ""}).`,
    );
  }
  return out;
}

function signalLines(report: Report): string[] {
  const pending = report.decision.reasons.find((r) => r.code === "review_signals_not_run");
  const text =
    report.signals.status === "computed"
      ? "Computed; see the reasons above."
      : `Not computed${pending !== undefined ? ` — ${md(pending.message)}` : ""}. A passing check does not mean they passed.`;
  return ["### Review signals", "", text];
}

export function renderSummary(report: Report, ctx: SummaryContext): string {
  const a = report.attribution;
  const pr = report.pullRequest;
  const headline = [
    `## ${HEADLINE[report.decision.verdict]}${ctx.draft ? " (draft pull request)" : ""}`,
    "",
    `${pr !== null && pr.number !== null ? `Pull request #${pr.number}` : "Pull request"} at ` +
      `${link(code(report.head.slice(0, 12)), commitUrl(ctx.htmlUrl, report.head))}: ` +
      `${plural(a.commits.length, "commit")}, ${plural(a.files.length, "file")} with added lines, ` +
      `${plural(a.totalLines, "added line")}.`,
    "",
  ];
  const notes =
    report.notes.length > 0 ? ["", "### Notes", "", ...report.notes.map((n) => `- ${md(n)}`)] : [];
  const footer = [
    "",
    "",
    `<sub>${report.tool.name} ${md(report.tool.version)} · base ${code(report.base.slice(0, 12))} · ` +
      `merge base ${code(report.mergeBase.slice(0, 12))} · head ${code(report.head.slice(0, 12))} · ${report.generatedAt}</sub>`,
  ];
  const lines = [
    ...headline,
    ...reasonLines(report, ctx.htmlUrl),
    "",
    ...authorLines(report),
    "",
    ...findingLines(report, ctx),
    "",
    ...signalLines(report),
    ...notes,
  ];
  // The footer is small and always kept; everything above it is cut from the end when too long.
  const footerText = footer.join("\n");
  const room = MAX_CHECK_SUMMARY_BYTES - Buffer.byteLength(footerText);
  return fitLines(lines, room, "check-run summary", MAX_CHECK_SUMMARY_BYTES) + footerText;
}
