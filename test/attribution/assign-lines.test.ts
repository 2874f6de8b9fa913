import { describe, expect, it } from "vitest";
import { assignLines } from "../../app/attribution/assign-lines.js";
import { summarizeAttribution } from "../../app/attribution/summarize.js";
import type { CommitAttribution } from "../../app/model/attribution.js";
import type { ChangedFile, OriginRange } from "../../app/model/snapshot.js";

function commitAttr(
  commit: string,
  cls: CommitAttribution["class"],
  agent: string | null = null,
): CommitAttribution {
  return {
    commit,
    class: cls,
    agent,
    source: agent === null ? "author" : "trailer",
    confidence: agent === null ? "high" : "medium",
    evidence: [{ kind: "test", value: commit, agent }],
    invalidSignature: null,
  };
}

function file(path: string, origins: OriginRange[], skipped: string | null = null): ChangedFile {
  const addedLines = origins.flatMap((o) =>
    Array.from({ length: o.end - o.start + 1 }, (_, i) => o.start + i),
  );
  return {
    path,
    oldPath: null,
    status: "modified",
    binary: false,
    oldMode: null,
    newMode: null,
    similarity: null,
    hunks: [],
    addedLines,
    deletedLines: 0,
    skipped,
    origins,
  };
}

const commits = [
  commitAttr("h1", "human"),
  commitAttr("c1", "agent", "claude-code"),
  commitAttr("d1", "bot"),
  commitAttr("p1", "agent", "copilot"),
];
const prMarker = { agent: "cursor", evidence: [{ kind: "branch", value: "cursor/fix", agent: "cursor" }] };

describe("assignLines", () => {
  it("gives each range the attribution of its origin commit and merges neighbours", () => {
    const [f] = assignLines(
      [
        file("a.ts", [
          { start: 1, end: 3, commit: "c1" },
          { start: 4, end: 4, commit: "c1" },
          { start: 5, end: 6, commit: "h1" },
          { start: 9, end: 9, commit: "c1" },
        ]),
      ],
      commits,
      null,
    );
    expect(f?.ranges.map((r) => [r.startLine, r.endLine, r.class, r.agent, r.commit])).toEqual([
      [1, 4, "agent", "claude-code", "c1"],
      [5, 6, "human", null, "h1"],
      [9, 9, "agent", "claude-code", "c1"],
    ]);
  });

  it("lets a PR-level marker claim human commits only, with low confidence", () => {
    const [f] = assignLines(
      [
        file("a.ts", [
          { start: 1, end: 2, commit: "h1" },
          { start: 3, end: 3, commit: "d1" },
          { start: 4, end: 4, commit: "p1" },
        ]),
      ],
      commits,
      prMarker,
    );
    expect(f?.ranges.map((r) => [r.class, r.agent, r.source, r.confidence])).toEqual([
      ["agent", "cursor", "pr-marker", "low"],
      ["bot", null, "author", "high"],
      ["agent", "copilot", "trailer", "medium"],
    ]);
    expect(f?.ranges[0]?.evidence.map((e) => e.kind)).toEqual(["test", "branch"]);
  });

  it("marks unknown origins and commits outside the PR as unknown", () => {
    const [f] = assignLines(
      [
        file("a.ts", [
          { start: 1, end: 1, commit: null },
          { start: 2, end: 2, commit: "zz" },
        ]),
      ],
      commits,
      null,
    );
    expect(f?.ranges.map((r) => [r.class, r.confidence, r.commit])).toEqual([
      ["unknown", "none", null],
      ["unknown", "none", "zz"],
    ]);
  });

  it("leaves out binary, submodule and symlink entries and files without added lines", () => {
    const files = assignLines(
      [
        file("img.png", [], "binary"),
        file("link", [{ start: 1, end: 1, commit: "h1" }], "symlink"),
        file("b.ts", []),
      ],
      commits,
      null,
    );
    expect(files).toEqual([]);
  });
});

describe("summarizeAttribution", () => {
  it("counts classes, agents, files and coverage", () => {
    const files = assignLines(
      [
        file("a.ts", [
          { start: 1, end: 10, commit: "c1" },
          { start: 11, end: 15, commit: "h1" },
        ]),
        file("b.ts", [
          { start: 1, end: 4, commit: "c1" },
          { start: 5, end: 5, commit: null },
        ]),
        file("c.json", [{ start: 1, end: 2, commit: "d1" }]),
      ],
      commits,
      null,
    );
    const s = summarizeAttribution(files, commits);
    expect(s).toMatchObject({ totalLines: 22, agentLines: 14, humanLines: 5, botLines: 2, unknownLines: 1 });
    expect(s.coverage).toBeCloseTo(21 / 22);
    expect(s.agents).toEqual([{ id: "claude-code", lines: 14, files: 2, byConfidence: { medium: 14 } }]);
  });

  it("reports full coverage when nothing was added", () => {
    expect(summarizeAttribution([], []).coverage).toBe(1);
  });
});
