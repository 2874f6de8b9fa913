/** Conversions between lists of line numbers and inclusive line ranges. */
import { ProvenanceError } from "../errors.js";

/** An inclusive range of 1-based line numbers. */
export interface LineRange {
  start: number;
  end: number;
}

/**
 * Compresses line numbers into ascending, non-overlapping, non-adjacent
 * inclusive ranges: [1, 2, 3, 7, 9, 10] → [{1,3}, {7,7}, {9,10}]. The input is
 * normally sorted and unique; unsorted input and duplicates are tolerated.
 */
export function toRanges(lines: readonly number[]): LineRange[] {
  for (const n of lines) {
    if (!Number.isSafeInteger(n)) throw new ProvenanceError("BAD_ARGUMENT", `not a line number: ${n}`);
  }
  const sorted = isStrictlyAscending(lines) ? lines : [...new Set(lines)].sort((a, b) => a - b);
  const ranges: LineRange[] = [];
  let current: LineRange | null = null;
  for (const n of sorted) {
    if (current !== null && n === current.end + 1) {
      current.end = n;
    } else {
      current = { start: n, end: n };
      ranges.push(current);
    }
  }
  return ranges;
}

/** Expands inclusive ranges back into line numbers, in the order given. */
export function fromRanges(ranges: readonly LineRange[]): number[] {
  const lines: number[] = [];
  for (const { start, end } of ranges) {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start > end) {
      throw new ProvenanceError("BAD_ARGUMENT", `bad line range ${start}-${end}`);
    }
    for (let n = start; n <= end; n++) lines.push(n);
  }
  return lines;
}

function isStrictlyAscending(lines: readonly number[]): boolean {
  for (let i = 1; i < lines.length; i++) {
    if ((lines[i] as number) <= (lines[i - 1] as number)) return false;
  }
  return true;
}
