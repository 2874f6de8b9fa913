/** The `@@ -a,b +c,d @@ section` line that opens a hunk. */
import { ProvenanceError } from "../errors.js";
import { showText } from "./show-text.js";

export interface HunkHeader {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  section: string;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/s;

/** Parses a hunk header; an omitted count means 1. Throws BAD_DIFF when malformed. */
export function parseHunkHeader(line: string): HunkHeader {
  const m = HUNK_HEADER.exec(line);
  if (m === null) throw new ProvenanceError("BAD_DIFF", `malformed hunk header ${showText(line)}`);
  const rest = m[5] as string;
  const header: HunkHeader = {
    oldStart: toNumber(m[1], line),
    oldLines: m[2] === undefined ? 1 : toNumber(m[2], line),
    newStart: toNumber(m[3], line),
    newLines: m[4] === undefined ? 1 : toNumber(m[4], line),
    section: rest.startsWith(" ") ? rest.slice(1) : rest,
  };
  if (header.oldLines > 0 && header.oldStart === 0) {
    throw new ProvenanceError("BAD_DIFF", `hunk header ${showText(line)} has old lines starting at 0`);
  }
  if (header.newLines > 0 && header.newStart === 0) {
    throw new ProvenanceError("BAD_DIFF", `hunk header ${showText(line)} has new lines starting at 0`);
  }
  if (header.oldLines === 0 && header.newLines === 0) {
    throw new ProvenanceError("BAD_DIFF", `hunk header ${showText(line)} describes an empty hunk`);
  }
  return header;
}

/** Formats a hunk header like git: counts of 1 are omitted, a section gets one leading space. */
export function formatHunkHeader(h: HunkHeader): string {
  const side = (start: number, count: number): string => (count === 1 ? `${start}` : `${start},${count}`);
  const section = h.section === "" ? "" : ` ${h.section}`;
  return `@@ -${side(h.oldStart, h.oldLines)} +${side(h.newStart, h.newLines)} @@${section}`;
}

function toNumber(digits: string | undefined, line: string): number {
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) {
    throw new ProvenanceError("BAD_DIFF", `number out of range in hunk header ${showText(line)}`);
  }
  return n;
}
