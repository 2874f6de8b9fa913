/**
 * Per-line attribution: every added line takes the attribution of the commit
 * that last wrote it inside the pull request (the source already resolved
 * last-writer origins). A PR-level agent marker claims the PR's unmarked
 * (human-class) commits with low confidence; known non-agent bots are never
 * re-assigned. Pure.
 */
import type { AttributedRange, CommitAttribution, Evidence, FileAttribution } from "../model/attribution.js";
import type { ChangedFile } from "../model/snapshot.js";

export interface PullRequestAttribution {
  agent: string | null;
  evidence: Evidence[];
}

/** Files whose "lines" are not source text we can attribute. */
const UNATTRIBUTABLE_SKIPS: ReadonlySet<string> = new Set(["binary", "submodule", "symlink"]);

type LineOwner = Omit<AttributedRange, "startLine" | "endLine">;

function unknownOwner(commit: string | null, why: string): LineOwner {
  return {
    agent: null,
    class: "unknown",
    source: "unknown",
    confidence: "none",
    commit,
    evidence: [{ kind: "origin", value: why, agent: null }],
  };
}

function ownerFor(
  commit: string | null,
  byCommit: ReadonlyMap<string, CommitAttribution>,
  pr: PullRequestAttribution | null,
): LineOwner {
  if (commit === null) return unknownOwner(null, "the source could not tell which commit wrote this line");
  const ca = byCommit.get(commit);
  if (ca === undefined) return unknownOwner(commit, "the line's commit is not part of the pull request");
  if (ca.class === "human" && pr !== null && pr.agent !== null) {
    return {
      agent: pr.agent,
      class: "agent",
      source: "pr-marker",
      confidence: "low",
      commit,
      evidence: [...ca.evidence, ...pr.evidence],
    };
  }
  return {
    agent: ca.agent,
    class: ca.class,
    source: ca.source,
    confidence: ca.confidence,
    commit,
    evidence: ca.evidence,
  };
}

function sameOwner(a: LineOwner, b: LineOwner): boolean {
  return a.commit === b.commit && a.agent === b.agent && a.class === b.class && a.source === b.source;
}

/** Attribute one file's added lines; ranges are ascending and merged where the owner is the same. */
export function attributeFile(
  file: ChangedFile,
  byCommit: ReadonlyMap<string, CommitAttribution>,
  pr: PullRequestAttribution | null,
): FileAttribution {
  const ranges: AttributedRange[] = [];
  for (const origin of file.origins) {
    const owner = ownerFor(origin.commit, byCommit, pr);
    const last = ranges.at(-1);
    if (last !== undefined && last.endLine + 1 === origin.start && sameOwner(last, owner)) {
      last.endLine = origin.end;
    } else {
      ranges.push({ startLine: origin.start, endLine: origin.end, ...owner });
    }
  }
  return { path: file.path, ranges };
}

export function assignLines(
  files: readonly ChangedFile[],
  commits: readonly CommitAttribution[],
  pr: PullRequestAttribution | null,
): FileAttribution[] {
  const byCommit = new Map(commits.map((c) => [c.commit, c]));
  return files
    .filter((f) => f.addedLines.length > 0 && (f.skipped === null || !UNATTRIBUTABLE_SKIPS.has(f.skipped)))
    .map((f) => attributeFile(f, byCommit, pr));
}
