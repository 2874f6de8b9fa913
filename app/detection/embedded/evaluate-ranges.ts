/**
 * Set operations on ranges with bindings, as in Semgrep's Range_with_metavars.ml:
 * - `includedIn(x, y)`: x's range lies within y's, and every metavariable bound
 *   in both is bound to equal code (compared by `key`);
 * - `intersectRanges(xs, ys)`: each x included in some y (x extended with y's
 *   other bindings) followed by each y included in some x, where a range from a
 *   pattern-inside survives only inside another pattern-inside range;
 * - `differenceRanges(pos, neg)`: drop x when some negative y excludes it:
 *   pattern-not-inside when x is inside y, pattern-not-regex when either
 *   contains the other, pattern-not when the ranges are equal.
 */
import type { Bindings, EvalRange } from "./evaluate-types.js";

function within(x: EvalRange, y: EvalRange): boolean {
  return x.start >= y.start && x.end <= y.end;
}

export function compatibleBindings(a: Bindings, b: Bindings): boolean {
  for (const [name, value] of Object.entries(a)) {
    const other = b[name];
    if (other !== undefined && other.key !== value.key) return false;
  }
  return true;
}

export function includedIn(x: EvalRange, y: EvalRange): boolean {
  return within(x, y) && compatibleBindings(x.bindings, y.bindings);
}

/** `x` with the bindings of `y` it does not have (Semgrep's left_merge). */
export function leftMerge(x: EvalRange, y: EvalRange): EvalRange {
  return { ...x, bindings: { ...y.bindings, ...x.bindings } };
}

function leftIncludedMerge(us: EvalRange[], vs: EvalRange[]): EvalRange[] {
  const out: EvalRange[] = [];
  for (const u of us) {
    for (const v of vs) {
      const insideCompatible = u.kind !== "inside" || v.kind === "inside";
      if (insideCompatible && includedIn(u, v)) out.push(leftMerge(u, v));
    }
  }
  return out;
}

export function intersectRanges(xs: EvalRange[], ys: EvalRange[]): EvalRange[] {
  return uniqueRanges([...leftIncludedMerge(xs, ys), ...leftIncludedMerge(ys, xs)]);
}

export function differenceRanges(pos: EvalRange[], neg: EvalRange[]): EvalRange[] {
  return pos.filter(
    (x) =>
      !neg.some((y) => {
        switch (y.kind) {
          case "inside":
            return includedIn(x, y);
          case "regexp":
            return includedIn(x, y) || includedIn(y, x);
          case "plain":
            return includedIn(x, y) && includedIn(y, x);
        }
      }),
  );
}

function identity(r: EvalRange): string {
  const names = Object.keys(r.bindings).sort();
  const parts = names.map((n) => {
    const b = r.bindings[n];
    return b ? `${n}=${b.start}:${b.end}:${b.key}` : n;
  });
  return `${r.start}:${r.end}:${r.kind}|${parts.join("|")}`;
}

/**
 * Drops exact duplicates (same range, kind and bindings), keeping order. Semgrep
 * keeps them until its final dedup; removing them early changes no result and
 * keeps repeated intersections from growing.
 */
export function uniqueRanges(ranges: EvalRange[]): EvalRange[] {
  const seen = new Set<string>();
  return ranges.filter((r) => {
    const id = identity(r);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Final dedup: one result per (start, end), the first one's bindings kept; ordered by position. */
export function dedupByRange(ranges: EvalRange[]): EvalRange[] {
  const seen = new Map<string, EvalRange>();
  for (const r of ranges) {
    const id = `${r.start}:${r.end}`;
    if (!seen.has(id)) seen.set(id, r);
  }
  return [...seen.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}
