/**
 * Set operations on ranges with bindings, as in Semgrep's Range_with_metavars.ml:
 * - x is included in y when x's range lies within y's and every metavariable
 *   bound in both is bound to equal code (compared by `key`);
 * - `intersectRanges(xs, ys)`: each x included in some y (x extended with y's
 *   other bindings) followed by each y included in some x, where a range from a
 *   pattern-inside survives only inside another pattern-inside range;
 * - `differenceRanges(pos, neg)`: drop x when some negative y excludes it:
 *   pattern-not-inside when x is inside y, pattern-not-regex when either
 *   contains the other, pattern-not when the ranges are equal.
 */
import { ContainmentIndex } from "./evaluate-containment.js";
import type { Bindings, EvalBinding, EvalRange } from "./evaluate-types.js";

export function compatibleBindings(a: Bindings, b: Bindings): boolean {
  for (const [name, value] of Object.entries(a)) {
    const other = b[name];
    if (other === undefined || other === value || sameCode(other, value)) continue;
    if (other.key !== value.key) return false;
  }
  return true;
}

/** The same code (range and text) bound the same way: equal keys, without computing them. */
function sameCode(a: EvalBinding, b: EvalBinding): boolean {
  return a.start === b.start && a.end === b.end && a.text === b.text && !a.textual === !b.textual;
}

/** `x` with the bindings of `y` it does not have (Semgrep's left_merge). */
export function leftMerge(x: EvalRange, y: EvalRange): EvalRange {
  return { ...x, bindings: { ...y.bindings, ...x.bindings } };
}

function leftIncludedMerge(us: EvalRange[], vs: EvalRange[]): EvalRange[] {
  const index = new ContainmentIndex(vs);
  const out: EvalRange[] = [];
  for (const u of us) {
    for (const v of index.containing(u.start, u.end)) {
      const insideCompatible = u.kind !== "inside" || v.kind === "inside";
      if (insideCompatible && compatibleBindings(u.bindings, v.bindings)) out.push(leftMerge(u, v));
    }
  }
  return out;
}

export function intersectRanges(xs: EvalRange[], ys: EvalRange[]): EvalRange[] {
  return uniqueRanges([...leftIncludedMerge(xs, ys), ...leftIncludedMerge(ys, xs)]);
}

export function differenceRanges(pos: EvalRange[], neg: EvalRange[]): EvalRange[] {
  if (pos.length === 0 || neg.length === 0) return pos;
  const index = new ContainmentIndex(neg);
  const regexps = new ContainmentIndex(neg.filter((y) => y.kind === "regexp"));
  return pos.filter((x) => {
    // y contains x: removes x for pattern-not-inside and pattern-not-regex, and for pattern-not when equal.
    for (const y of index.containing(x.start, x.end)) {
      const equal = y.start === x.start && y.end === x.end;
      if ((y.kind !== "plain" || equal) && compatibleBindings(x.bindings, y.bindings)) return false;
    }
    // pattern-not-regex also removes x when x contains y.
    return !regexps.within(x.start, x.end).some((y) => compatibleBindings(y.bindings, x.bindings));
  });
}

function identity(r: EvalRange): string {
  const names = Object.keys(r.bindings).sort();
  const parts = names.map((n) => {
    const b = r.bindings[n];
    return b ? `${n}=${b.start}:${b.end}:${b.text}` : n;
  });
  return `${r.start}:${r.end}:${r.kind}|${parts.join("|")}`;
}

/**
 * Drops exact duplicates (same range, kind, and bindings to the same code),
 * keeping order. Semgrep
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
