/**
 * The range algebra against a direct transcription of Semgrep's
 * Range_with_metavars.ml (nested loops over all pairs), on random ranges.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ContainmentIndex } from "../../../app/detection/embedded/evaluate-containment.js";
import {
  dedupByRange,
  differenceRanges,
  intersectRanges,
} from "../../../app/detection/embedded/evaluate-ranges.js";
import type { Bindings, EvalRange, RangeKind } from "../../../app/detection/embedded/evaluate-types.js";

function includedIn(x: EvalRange, y: EvalRange): boolean {
  if (x.start < y.start || x.end > y.end) return false;
  return Object.entries(x.bindings).every(
    ([n, b]) => y.bindings[n] === undefined || y.bindings[n]?.key === b.key,
  );
}

function referenceIntersect(xs: EvalRange[], ys: EvalRange[]): EvalRange[] {
  const merge = (us: EvalRange[], vs: EvalRange[]): EvalRange[] =>
    us.flatMap((u) =>
      vs
        .filter((v) => includedIn(u, v) && (u.kind !== "inside" || v.kind === "inside"))
        .map((v) => ({ ...u, bindings: { ...v.bindings, ...u.bindings } })),
    );
  return [...merge(xs, ys), ...merge(ys, xs)];
}

/** Exact duplicates removed, first kept. */
function unique(ranges: EvalRange[]): EvalRange[] {
  const seen = new Set<string>();
  return ranges.filter((r) => {
    const id = JSON.stringify([r.start, r.end, r.kind, Object.entries(r.bindings).sort()]);
    return seen.has(id) ? false : (seen.add(id), true);
  });
}

function referenceDifference(pos: EvalRange[], neg: EvalRange[]): EvalRange[] {
  return pos.filter(
    (x) =>
      !neg.some((y) =>
        y.kind === "inside"
          ? includedIn(x, y)
          : y.kind === "regexp"
            ? includedIn(x, y) || includedIn(y, x)
            : includedIn(x, y) && includedIn(y, x),
      ),
  );
}

const arbRange = fc
  .record({
    start: fc.integer({ min: 0, max: 30 }),
    length: fc.integer({ min: 0, max: 12 }),
    kind: fc.constantFrom<RangeKind>("plain", "inside", "regexp"),
    x: fc.option(fc.constantFrom("a", "b"), { nil: undefined }),
    y: fc.option(fc.constantFrom("a", "b"), { nil: undefined }),
  })
  .map(({ start, length, kind, x, y }): EvalRange => {
    const bindings: Bindings = {};
    if (x !== undefined) bindings["$X"] = { text: x, key: x, start, end: start + 1 };
    if (y !== undefined) bindings["$Y"] = { text: y, key: y, start: start + 1, end: start + 2 };
    return { start, end: start + length, kind, bindings };
  });
const arbRanges = fc.array(arbRange, { maxLength: 25 });

describe("range algebra", () => {
  it("intersectRanges is Semgrep's intersect_ranges (up to exact duplicates)", () => {
    fc.assert(
      fc.property(arbRanges, arbRanges, (xs, ys) => {
        expect(intersectRanges(xs, ys)).toEqual(unique(referenceIntersect(xs, ys)));
      }),
    );
  });

  it("differenceRanges is Semgrep's difference_ranges", () => {
    fc.assert(
      fc.property(arbRanges, arbRanges, (pos, neg) => {
        expect(differenceRanges(pos, neg)).toEqual(referenceDifference(pos, neg));
      }),
    );
  });

  it("ContainmentIndex answers like a scan, in input order", () => {
    fc.assert(
      fc.property(arbRanges, arbRange, (items, q) => {
        const index = new ContainmentIndex(items);
        expect(index.containing(q.start, q.end)).toEqual(
          items.filter((r) => r.start <= q.start && r.end >= q.end),
        );
        expect(index.within(q.start, q.end)).toEqual(
          items.filter((r) => r.start >= q.start && r.end <= q.end),
        );
      }),
    );
  });

  it("dedupByRange keeps the first bindings per range, ordered by position", () => {
    const b = (key: string): Bindings => ({ $X: { text: key, key, start: 0, end: 1 } });
    const r = (start: number, end: number, key: string): EvalRange => ({
      start,
      end,
      kind: "plain",
      bindings: b(key),
    });
    expect(dedupByRange([r(5, 6, "first"), r(1, 2, "a"), r(5, 6, "second"), r(1, 3, "b")])).toEqual([
      r(1, 2, "a"),
      r(1, 3, "b"),
      r(5, 6, "first"),
    ]);
  });
});
