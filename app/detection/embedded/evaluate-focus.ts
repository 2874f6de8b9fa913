/**
 * focus-metavariable (Semgrep's Match_search_mode.apply_focus_on_ranges): each
 * range is replaced by the range of the focused metavariable's binding — or
 * kept as is when the binding encloses it, or dropped when the two ranges are
 * not nested or the metavariable is unbound. Several focused metavariables give
 * the intersection of their ranges (semgrep.dev "rule syntax": "set
 * intersection semantics"), which is empty unless one contains the others.
 */
import type { EvalRange } from "./evaluate-types.js";

function within(a: EvalRange, b: EvalRange): boolean {
  return a.start >= b.start && a.end <= b.end;
}

/** The smaller of two nested ranges, or null when neither contains the other. */
function narrower(a: EvalRange, b: EvalRange): EvalRange | null {
  if (within(a, b)) return a;
  if (within(b, a)) return b;
  return null;
}

function focusOne(range: EvalRange, metavariables: string[]): EvalRange | null {
  let current: EvalRange | null = null;
  for (const name of metavariables) {
    const b = range.bindings[name];
    if (!b) return null;
    const bound: EvalRange = { start: b.start, end: b.end, kind: "plain", bindings: range.bindings };
    const focused = narrower(bound, range);
    if (!focused) return null;
    current = current === null ? focused : narrower(current, focused);
    if (!current) return null;
  }
  return current;
}

export function applyFocus(metavariables: string[], ranges: EvalRange[]): EvalRange[] {
  if (metavariables.length === 0) return ranges;
  return ranges.flatMap((r) => {
    const focused = focusOne(r, metavariables);
    return focused ? [focused] : [];
  });
}
