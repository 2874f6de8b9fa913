/** toRanges / fromRanges. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromRanges, toRanges } from "../../app/diff/line-ranges.js";

describe("toRanges", () => {
  it.each([
    [[], []],
    [[5], [{ start: 5, end: 5 }]],
    [
      [1, 2, 3, 7, 9, 10],
      [
        { start: 1, end: 3 },
        { start: 7, end: 7 },
        { start: 9, end: 10 },
      ],
    ],
    [[3, 1, 2, 2], [{ start: 1, end: 3 }]],
  ])("%j → %j", (lines, ranges) => {
    expect(toRanges(lines)).toEqual(ranges);
  });

  it("rejects non-integers", () => {
    expect(() => toRanges([1.5])).toThrow(expect.objectContaining({ code: "BAD_ARGUMENT" }));
  });

  it("is inverted by fromRanges and yields separated ranges", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 500 })), (raw) => {
        const lines = [...raw].sort((a, b) => a - b);
        const ranges = toRanges(lines);
        expect(fromRanges(ranges)).toEqual(lines);
        for (let i = 1; i < ranges.length; i++) {
          expect((ranges[i]?.start ?? 0) - (ranges[i - 1]?.end ?? 0)).toBeGreaterThan(1);
        }
      }),
    );
  });
});

describe("fromRanges", () => {
  it("expands inclusive ranges", () => {
    expect(
      fromRanges([
        { start: 2, end: 4 },
        { start: 9, end: 9 },
      ]),
    ).toEqual([2, 3, 4, 9]);
  });

  it("rejects inverted ranges", () => {
    expect(() => fromRanges([{ start: 4, end: 2 }])).toThrow(
      expect.objectContaining({ code: "BAD_ARGUMENT" }),
    );
  });
});
