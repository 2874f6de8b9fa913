/**
 * fast-check generators for ChangedFile models in the canonical shape the
 * parser produces: consistent hunk counts and positions, valid "\ No newline"
 * placement, derived addedLines/deletedLines/skipped, origins [].
 */
import fc from "fast-check";
import type { ChangedFile, FileStatus, Hunk, HunkLine, HunkLineKind } from "../../../app/model/snapshot.js";

/** Any Unicode scalar value as a string (cheaper to set up than fast-check's "binary" unit). */
export const oneChar: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 0x10ffff })
  .filter((cp) => cp < 0xd800 || cp > 0xdfff)
  .map((cp) => String.fromCodePoint(cp));

const pathChar = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("a", "b", "x", ".", "_", "-", "1", " ") },
  { weight: 3, arbitrary: fc.constantFrom("\t", '"', "\\", "\n", "\r", "é", "日", "😀", "\x7f", "\x01") },
  { weight: 1, arbitrary: oneChar.filter((c) => c !== "/" && c !== "\0") },
);

const segment = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: pathChar, minLength: 1, maxLength: 6 }) },
  // Names that make "diff --git a/… b/…" ambiguous.
  { weight: 1, arbitrary: fc.constantFrom("x b", " b", "a b", "b", "dev", "null") },
);

export const pathArb: fc.Arbitrary<string> = fc
  .array(segment, { minLength: 1, maxLength: 3 })
  .map((s) => s.join("/"));

const textChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("a", "b", " ", "\r", "\t", "-", "+", "@", "\\", "é") },
  { weight: 1, arbitrary: oneChar.filter((c) => c !== "\n") },
);

/** A line's text: no "\n", anything else (including "\r"). */
export const textArb: fc.Arbitrary<string> = fc.string({ unit: textChar, maxLength: 10 });

const modeArb = fc.constantFrom("100644", "100755", "120000", "160000");

interface LineSpec {
  kind: HunkLineKind;
  text: string;
}

interface HunkSpec {
  gap: number;
  section: string;
  lines: LineSpec[];
}

const lineSpec = (kinds: readonly HunkLineKind[]): fc.Arbitrary<LineSpec> =>
  fc.record({ kind: fc.constantFrom(...kinds), text: textArb });

const hunkSpec = (kinds: readonly HunkLineKind[]): fc.Arbitrary<HunkSpec> =>
  fc.record({
    gap: fc.nat(4),
    section: textArb,
    lines: fc.array(lineSpec(kinds), { minLength: 1, maxLength: 6 }),
  });

/** Lays hunks out in file order and returns them with the head line numbers of their "+" lines. */
export function layOutHunks(
  specs: readonly HunkSpec[],
  markOld: boolean,
  markNew: boolean,
): { hunks: Hunk[]; added: number[]; deleted: number } {
  const hunks: Hunk[] = [];
  const added: number[] = [];
  let deleted = 0;
  let oldNext = 1;
  let newNext = 1;
  for (const spec of specs) {
    const oldFirst = oldNext + spec.gap;
    const newFirst = newNext + spec.gap;
    const lines: HunkLine[] = spec.lines.map((l) => ({ ...l, noNewline: false }));
    const oldLines = lines.filter((l) => l.kind !== "add").length;
    const newLines = lines.filter((l) => l.kind !== "del").length;
    let newLine = newFirst;
    for (const l of lines) {
      if (l.kind === "del") deleted++;
      else if (l.kind === "add") added.push(newLine++);
      else newLine++;
    }
    hunks.push({
      oldStart: oldLines === 0 ? oldFirst - 1 : oldFirst,
      oldLines,
      newStart: newLines === 0 ? newFirst - 1 : newFirst,
      newLines,
      section: spec.section,
      lines,
    });
    oldNext = oldFirst + oldLines;
    newNext = newFirst + newLines;
  }
  const last = hunks[hunks.length - 1]?.lines ?? [];
  const lastOld = last.findLastIndex((l) => l.kind !== "add");
  const lastNew = last.findLastIndex((l) => l.kind !== "del");
  for (const [wanted, index, own] of [
    [markOld, lastOld, "del"],
    [markNew, lastNew, "add"],
  ] as const) {
    const line = last[index];
    // A context line ends both sides, so it may carry the marker only when it is the last line of both.
    if (wanted && line !== undefined && (line.kind === own || lastOld === lastNew)) line.noNewline = true;
  }
  return { hunks, added, deleted };
}

const modesArb = fc.oneof(
  fc.constant<[string | null, string | null]>([null, null]),
  modeArb.map((m): [string, string] => [m, m]),
  fc.tuple(modeArb, modeArb).filter(([a, b]) => a !== b),
);

const statusArb = fc.constantFrom<FileStatus>("added", "modified", "deleted", "renamed", "copied");

/** An arbitrary ChangedFile as parseUnifiedDiff would return it. */
export const changedFileArb: fc.Arbitrary<ChangedFile> = statusArb.chain((status) => {
  const kinds: readonly HunkLineKind[] =
    status === "added" ? ["add"] : status === "deleted" ? ["del"] : ["context", "add", "del"];
  const single = status === "added" || status === "deleted";
  return fc
    .record({
      path: pathArb,
      oldPath: pathArb,
      binary: fc.oneof(
        { weight: 4, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
      mode: modeArb,
      modes: modesArb,
      similarity: fc.option(fc.integer({ min: 0, max: 100 })),
      specs: fc.array(single ? hunkSpec(kinds).map((h) => ({ ...h, gap: 0 })) : hunkSpec(kinds), {
        maxLength: single ? 1 : 3,
      }),
      markOld: fc.boolean(),
      markNew: fc.boolean(),
    })
    .map((r): ChangedFile => {
      const moved = status === "renamed" || status === "copied";
      const [oldMode, newMode]: [string | null, string | null] =
        status === "added" ? [null, r.mode] : status === "deleted" ? [r.mode, null] : r.modes;
      const { hunks, added, deleted } = layOutHunks(r.binary ? [] : r.specs, r.markOld, r.markNew);
      const modes = [oldMode, newMode];
      return {
        path: r.path,
        oldPath: moved ? r.oldPath : null,
        status,
        binary: r.binary,
        oldMode,
        newMode,
        similarity: moved ? r.similarity : null,
        hunks,
        addedLines: added,
        deletedLines: deleted,
        skipped: modes.includes("160000")
          ? "submodule"
          : modes.includes("120000")
            ? "symlink"
            : r.binary
              ? "binary"
              : null,
        origins: [],
      };
    });
});
