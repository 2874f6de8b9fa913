/** Totals and the coverage KPI over per-line attribution. Pure. */
import type {
  AgentTotal,
  AttributionSummary,
  CommitAttribution,
  FileAttribution,
} from "../model/attribution.js";

export function summarizeAttribution(
  files: FileAttribution[],
  commits: CommitAttribution[],
): AttributionSummary {
  const counts = { agent: 0, human: 0, bot: 0, unknown: 0 };
  const agents = new Map<string, AgentTotal & { fileSet: Set<string> }>();
  for (const file of files) {
    for (const r of file.ranges) {
      const n = r.endLine - r.startLine + 1;
      counts[r.class] += n;
      if (r.class !== "agent" || r.agent === null) continue;
      let total = agents.get(r.agent);
      if (total === undefined) {
        total = { id: r.agent, lines: 0, files: 0, byConfidence: {}, fileSet: new Set() };
        agents.set(r.agent, total);
      }
      total.lines += n;
      total.fileSet.add(file.path);
      total.byConfidence[r.confidence] = (total.byConfidence[r.confidence] ?? 0) + n;
    }
  }
  const totalLines = counts.agent + counts.human + counts.bot + counts.unknown;
  return {
    coverage: totalLines === 0 ? 1 : (totalLines - counts.unknown) / totalLines,
    totalLines,
    agentLines: counts.agent,
    humanLines: counts.human,
    botLines: counts.bot,
    unknownLines: counts.unknown,
    agents: [...agents.values()]
      .map(({ fileSet, ...t }) => ({ ...t, files: fileSet.size }))
      .sort((a, b) => b.lines - a.lines || a.id.localeCompare(b.id)),
    files,
    commits,
  };
}
