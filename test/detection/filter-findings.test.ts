import { describe, expect, it } from "vitest";
import { filterFindings, type FilterMode } from "../../app/detection/filter-findings.js";
import type { EngineError, EngineOutput, EngineResult } from "../../app/detection/types.js";
import type { ChangedFile, Hunk } from "../../app/model/snapshot.js";

function hunk(newStart: number, newLines: number): Hunk {
  return { oldStart: newStart, oldLines: 1, newStart, newLines, section: "", lines: [] };
}

function changed(path: string, over: Partial<ChangedFile> = {}): ChangedFile {
  return {
    path,
    oldPath: null,
    status: "modified",
    binary: false,
    oldMode: null,
    newMode: null,
    similarity: null,
    hunks: [],
    addedLines: [],
    deletedLines: 0,
    skipped: null,
    origins: [],
    ...over,
  };
}

/** src/a.py: a hunk over new lines 10-15 with 12 and 13 added, and a pure deletion at 30. */
const FILES: ChangedFile[] = [
  changed("src/a.py", { hunks: [hunk(10, 6), hunk(30, 0)], addedLines: [12, 13] }),
  changed("src/new.py", { status: "added", hunks: [hunk(1, 3)], addedLines: [1, 2, 3] }),
  changed("old.py", { status: "deleted", hunks: [hunk(0, 0)] }),
];

function result(id: string, path: string, start: number, end = start): EngineResult {
  return {
    check_id: id,
    path,
    start: { line: start, col: 1, offset: 0 },
    end: { line: end, col: 2, offset: 1 },
    extra: { message: "m", severity: "ERROR", metadata: {}, lines: "" },
  };
}

const RESULTS: EngineResult[] = [
  result("on-added-line", "src/a.py", 12),
  result("on-context-line", "src/a.py", 10, 11),
  result("spans-added-lines", "src/a.py", 11, 14),
  result("ends-on-added-line", "src/a.py", 5, 12),
  result("overlaps-hunk-end", "src/a.py", 15, 18),
  result("outside-hunks", "src/a.py", 20),
  result("at-deletion-point", "src/a.py", 30),
  result("new-file", "src/new.py", 2),
  result("unchanged-file", "src/b.py", 1),
  result("deleted-file", "old.py", 1),
];

const OUTPUT: EngineOutput = { results: RESULTS, errors: [], paths: { scanned: [] }, version: "1" };

describe("filterFindings", () => {
  it.each<[FilterMode, string[]]>([
    ["added", ["on-added-line", "spans-added-lines", "ends-on-added-line", "new-file"]],
    [
      "context",
      [
        "on-added-line",
        "on-context-line",
        "spans-added-lines",
        "ends-on-added-line",
        "overlaps-hunk-end",
        "new-file",
      ],
    ],
    [
      "file",
      [
        "on-added-line",
        "on-context-line",
        "spans-added-lines",
        "ends-on-added-line",
        "overlaps-hunk-end",
        "outside-hunks",
        "at-deletion-point",
        "new-file",
      ],
    ],
    ["nofilter", RESULTS.map((r) => r.check_id)],
  ])("mode %s keeps %j", (mode, kept) => {
    expect(filterFindings(OUTPUT, FILES, mode).results.map((r) => r.check_id)).toEqual(kept);
  });

  it("defaults to added", () => {
    expect(filterFindings(OUTPUT, FILES)).toEqual(filterFindings(OUTPUT, FILES, "added"));
  });

  it("keeps errors without a path or about a changed file", () => {
    const error = (path?: string): EngineError => ({
      code: 3,
      level: "warn",
      type: "Syntax error",
      message: "x",
      ...(path === undefined ? {} : { path }),
    });
    const output = { ...OUTPUT, errors: [error(), error("src/a.py"), error("src/b.py"), error("old.py")] };
    expect(filterFindings(output, FILES).errors.map((e) => e.path ?? null)).toEqual([null, "src/a.py"]);
    expect(filterFindings(output, FILES, "nofilter").errors).toHaveLength(4);
  });

  it("handles a long result range against few added lines", () => {
    const long = result("long", "src/a.py", 1, 100_000);
    expect(filterFindings({ ...OUTPUT, results: [long] }, FILES).results).toHaveLength(1);
    const miss = result("miss", "src/a.py", 14, 100_000);
    expect(filterFindings({ ...OUTPUT, results: [miss] }, FILES).results).toHaveLength(0);
  });

  it("keeps paths.scanned and the version", () => {
    const output = { ...OUTPUT, paths: { scanned: ["src/a.py", "src/b.py"] } };
    const filtered = filterFindings(output, FILES);
    expect(filtered.paths).toEqual(output.paths);
    expect(filtered.version).toBe("1");
  });
});
