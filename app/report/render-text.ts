/** A readable terminal rendering of a Report: authors table, per-file ranges, verdict and reasons. */
import type { AttributedRange } from "../model/attribution.js";
import type { Report } from "../model/report.js";

const MAX_FILES_SHOWN = 40;
const MAX_RANGES_PER_FILE = 8;

function pct(n: number, total: number): string {
  return total === 0 ? "-" : `${((n / total) * 100).toFixed(1)}%`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? "")].length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, i) => {
        const w = widths[i] ?? 0;
        return i === 0 ? cell.padEnd(w) : cell.padStart(w);
      })
      .join("  ")
      .trimEnd(),
  );
}

function who(r: AttributedRange): string {
  if (r.class === "agent") return `${r.agent ?? "?"} (${r.source}, ${r.confidence})`;
  return r.class === "bot" ? "bot (not an agent)" : r.class;
}

export function renderText(report: Report): string {
  const a = report.attribution;
  const out: string[] = [];
  const pr = report.pullRequest;
  out.push(
    `agent-provenance ${report.tool.version} — ${report.repository}` +
      (pr !== null ? ` — PR${pr.number === null ? "" : ` #${pr.number}`} "${pr.title}"` : ""),
    `range ${report.mergeBase.slice(0, 12)}..${report.head.slice(0, 12)}: ${a.commits.length} commits, ${a.files.length} files with added lines, ${a.totalLines} added lines`,
    "",
  );
  const rows: string[][] = [["author", "lines", "files", "share", "confidence"]];
  for (const ag of a.agents) {
    const conf = Object.entries(ag.byConfidence)
      .map(([c, n]) => `${c} ${n}`)
      .join(", ");
    rows.push([`agent: ${ag.id}`, String(ag.lines), String(ag.files), pct(ag.lines, a.totalLines), conf]);
  }
  rows.push(["human", String(a.humanLines), "", pct(a.humanLines, a.totalLines), ""]);
  if (a.botLines > 0)
    rows.push(["bot (not an agent)", String(a.botLines), "", pct(a.botLines, a.totalLines), ""]);
  rows.push(["unknown", String(a.unknownLines), "", pct(a.unknownLines, a.totalLines), ""]);
  out.push(...table(rows).map((l) => `  ${l}`));
  out.push(
    "",
    `  coverage (lines with a known author class): ${pct(a.totalLines - a.unknownLines, a.totalLines)}`,
    "",
  );

  out.push("Lines by file (head line numbers):");
  for (const f of a.files.slice(0, MAX_FILES_SHOWN)) {
    out.push(`  ${f.path}`);
    for (const r of f.ranges.slice(0, MAX_RANGES_PER_FILE)) {
      const span = r.startLine === r.endLine ? `${r.startLine}` : `${r.startLine}-${r.endLine}`;
      out.push(`    ${span.padEnd(9)} ${who(r)}${r.commit !== null ? `  ${r.commit.slice(0, 8)}` : ""}`);
    }
    if (f.ranges.length > MAX_RANGES_PER_FILE)
      out.push(`    … ${f.ranges.length - MAX_RANGES_PER_FILE} more ranges`);
  }
  if (a.files.length > MAX_FILES_SHOWN)
    out.push(`  … ${a.files.length - MAX_FILES_SHOWN} more files (see --json)`);

  const d = report.detection;
  out.push(
    "",
    d.status === "ran"
      ? `Findings on changed lines (${d.engine} engine, ${d.rulePack?.rules ?? 0} rules, filter "${d.filter}"): ${report.findings.length}`
      : `Findings: detection ${d.status}${d.failure !== null ? ` — ${d.failure}` : ""}`,
  );
  for (const f of report.findings.slice(0, MAX_FILES_SHOWN)) {
    const by = f.agent ?? f.authorClass;
    out.push(`  ${f.severity.padEnd(7)} ${f.path}:${f.startLine}  ${f.ruleId}  (written by ${by})`);
  }
  if (report.findings.length > MAX_FILES_SHOWN)
    out.push(`  … ${report.findings.length - MAX_FILES_SHOWN} more (see --json)`);

  out.push("", `Verdict: ${report.decision.verdict.toUpperCase()}`);
  const mark = { block: "✖", warn: "!", allow: "✓", info: "·" } as const;
  for (const r of report.decision.reasons) out.push(`  ${mark[r.level]} [${r.code}] ${r.message}`);
  for (const n of report.notes) out.push(`  note: ${n}`);
  return out.join("\n") + "\n";
}
