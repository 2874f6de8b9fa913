/**
 * Reads the hunks of one file entry. The body of a hunk is read by its header
 * counts (so a "-" line reading "-- x" is a deletion, not a file header), and
 * every disagreement between header and body is a BAD_DIFF error.
 */
import type { Hunk, HunkLine, HunkLineKind } from "../model/snapshot.js";
import type { DiffReader } from "./diff-reader.js";
import { parseHunkHeader } from "./hunk-header.js";

/** What the hunks read so far imply for the next one. */
interface Position {
  /** Last old line number covered by a previous hunk. */
  oldEnd: number;
  /** new line number − old line number outside hunks, after the previous hunks. */
  delta: number;
  /** A "\ No newline at end of file" ended this side: no more lines may follow on it. */
  oldEnded: boolean;
  newEnded: boolean;
}

/** Reads consecutive hunks (at least one) starting at the cursor. */
export function readHunks(reader: DiffReader): Hunk[] {
  const pos: Position = { oldEnd: 0, delta: 0, oldEnded: false, newEnded: false };
  const hunks: Hunk[] = [];
  do {
    hunks.push(readHunk(reader, pos));
  } while (reader.peek()?.startsWith("@@") === true);
  return hunks;
}

function readHunk(reader: DiffReader, pos: Position): Hunk {
  const headerLine = reader.lineNumber;
  const text = reader.next("a hunk header");
  const h = reader.at(headerLine, () => parseHunkHeader(text));
  const oldFirst = h.oldLines === 0 ? h.oldStart + 1 : h.oldStart;
  const newFirst = h.newLines === 0 ? h.newStart + 1 : h.newStart;
  if (oldFirst <= pos.oldEnd) {
    reader.fail(`hunk "${text}" overlaps or precedes the previous hunk`, headerLine);
  }
  if (newFirst - oldFirst !== pos.delta) {
    const expected = oldFirst + pos.delta - (h.newLines === 0 ? 1 : 0);
    reader.fail(`hunk "${text}" should start at new line ${expected} after the previous hunks`, headerLine);
  }
  pos.oldEnd = oldFirst + h.oldLines - 1;
  pos.delta += h.newLines - h.oldLines;

  const lines: HunkLine[] = [];
  let oldLeft = h.oldLines;
  let newLeft = h.newLines;
  const shortBody = (): string =>
    `hunk "${text}" (line ${headerLine}) is shorter than its header says: ` +
    `${oldLeft} old and ${newLeft} new line(s) missing`;

  while (oldLeft > 0 || newLeft > 0) {
    const line = reader.peek();
    if (line === undefined) reader.fail(shortBody());
    if (line.startsWith("\\")) {
      markNoNewline(reader, lines, pos);
      continue;
    }
    const kind = lineKind(line, oldLeft, newLeft);
    if (kind === null) reader.fail(shortBody());
    if (kind !== "add") {
      if (oldLeft === 0) {
        reader.fail(`hunk "${text}" (line ${headerLine}) has more old lines than its header says`);
      }
      if (pos.oldEnded) reader.fail(`old-side line after "\\ No newline at end of file"`);
      oldLeft--;
    }
    if (kind !== "del") {
      if (newLeft === 0) {
        reader.fail(`hunk "${text}" (line ${headerLine}) has more new lines than its header says`);
      }
      if (pos.newEnded) reader.fail(`new-side line after "\\ No newline at end of file"`);
      newLeft--;
    }
    lines.push({ kind, text: line.slice(1), noNewline: false });
    reader.next("a hunk line");
  }
  while (reader.peek()?.startsWith("\\") === true) markNoNewline(reader, lines, pos);
  return { ...h, lines };
}

/** The kind of a hunk body line, or null when the line cannot belong to a hunk. */
function lineKind(line: string, oldLeft: number, newLeft: number): HunkLineKind | null {
  switch (line[0]) {
    case " ":
      return "context";
    case "-":
      return "del";
    case "+":
      return "add";
    case undefined:
      // An empty line is an empty context line whose trailing space was stripped (git apply accepts it).
      return oldLeft > 0 && newLeft > 0 ? "context" : null;
    default:
      return null;
  }
}

/** Applies a "\ No newline at end of file" line to the previous line of the hunk. */
function markNoNewline(reader: DiffReader, lines: HunkLine[], pos: Position): void {
  const previous = lines[lines.length - 1];
  if (previous === undefined) reader.fail(`"\\ No newline at end of file" does not follow a hunk line`);
  if (previous.noNewline) reader.fail(`repeated "\\ No newline at end of file"`);
  previous.noNewline = true;
  if (previous.kind !== "add") pos.oldEnded = true;
  if (previous.kind !== "del") pos.newEnded = true;
  reader.next("a no-newline marker");
}
