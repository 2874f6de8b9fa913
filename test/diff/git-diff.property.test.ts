/**
 * Property: for random before/after contents, parsing real `git diff` output
 * and applying its hunks to "before" rebuilds "after" exactly, and the "+"
 * lines land on the parsed addedLines.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangedFile } from "../../app/model/snapshot.js";
import { parseUnifiedDiff } from "../../app/diff/parse-diff.js";
import { TempRepo } from "./helpers/temp-repo.js";

const PATHS = [
  "f.txt",
  "with space.txt",
  "café.txt",
  'q"uote.txt',
  "tab\tname.txt",
  "dir b/x b/y.txt",
  "日本/語.txt",
];
const OPTIONS: readonly string[][] = [
  [],
  ["-U0"],
  ["-U1"],
  ["--diff-algorithm=patience"],
  ["--diff-algorithm=histogram", "-U2"],
  ["--function-context"],
  ["--minimal", "-U0"],
];

const lineArb = fc.constantFrom("a", "b", "c", "d", "", "a\r", "\r", "é ü", "  x", "-- y", "+++ z");
const contentArb = fc
  .record({ lines: fc.array(lineArb, { maxLength: 14 }), finalNewline: fc.boolean() })
  .map(({ lines, finalNewline }) => {
    const text = lines.map((l) => `${l}\n`).join("");
    return finalNewline ? text : text.replace(/\n$/, "");
  });

const caseArb = fc
  .record({
    path: fc.constantFrom(...PATHS),
    before: fc.option(contentArb, { freq: 5 }),
    after: fc.option(contentArb, { freq: 5 }),
    options: fc.constantFrom(...OPTIONS),
    quotePath: fc.boolean(),
  })
  .filter(({ before, after }) => before !== null || after !== null);

function toLines(content: string): string[] {
  if (content === "") return [];
  const lines = content.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Applies the hunks to `before`; returns the rebuilt text and the head line numbers of "+" lines. */
function applyHunks(before: string, file: ChangedFile): { after: string; added: number[] } {
  const old = toLines(before);
  const out: string[] = [];
  const added: number[] = [];
  let oldIndex = 0;
  let oldMarker = false;
  let newMarker = false;
  for (const hunk of file.hunks) {
    const first = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
    out.push(...old.slice(oldIndex, first));
    oldIndex = first;
    for (const line of hunk.lines) {
      if (line.kind !== "add") expect(old[oldIndex++]).toBe(line.text);
      if (line.kind !== "del") out.push(line.text);
      if (line.kind === "add") added.push(out.length);
      if (line.noNewline && line.kind !== "del") newMarker = true;
      if (line.noNewline && line.kind !== "add") oldMarker = true;
    }
  }
  out.push(...old.slice(oldIndex));
  // The new side lacks a final newline when a marker says so; a marker only on the old side means it gained one.
  const finalNewline = newMarker ? false : oldMarker ? true : before === "" || before.endsWith("\n");
  return { after: out.length === 0 ? "" : out.join("\n") + (finalNewline ? "\n" : ""), added };
}

let repo: TempRepo;
let run = 0;

beforeAll(() => {
  repo = new TempRepo();
});
afterAll(() => repo.dispose());

describe("parseUnifiedDiff on real git diffs of random contents", () => {
  it("rebuilds the new content and numbers added lines correctly", () => {
    fc.assert(
      fc.property(caseArb, ({ path, before, after, options, quotePath }) => {
        const file = `run${run++}/${path}`;
        if (before !== null) repo.write(file, before);
        const base = repo.tree();
        if (after === null) repo.remove(file);
        else repo.write(file, after);
        const head = repo.tree();
        const text = repo.git(
          ...[
            "-c",
            `core.quotePath=${quotePath}`,
            "diff",
            "--no-color",
            "--no-ext-diff",
            "-M",
            "-C",
            "--full-index",
          ],
          ...[
            "--src-prefix=a/",
            "--dst-prefix=b/",
            ...options,
            base,
            head,
            "--",
            file.split("/")[0] as string,
          ],
        );
        const files = parseUnifiedDiff(text);
        if (before === after) {
          expect(files).toEqual([]);
          return;
        }
        expect(files).toHaveLength(1);
        const parsed = files[0] as ChangedFile;
        expect(parsed.path).toBe(file);
        expect(parsed.status).toBe(before === null ? "added" : after === null ? "deleted" : "modified");
        const rebuilt = applyHunks(before ?? "", parsed);
        expect(rebuilt.after).toBe(after ?? "");
        expect(parsed.addedLines).toEqual(rebuilt.added);
        const deleted = parsed.hunks.flatMap((h) => h.lines).filter((l) => l.kind === "del").length;
        expect(parsed.deletedLines).toBe(deleted);
      }),
      { numRuns: 30 },
    );
  });
});
