/**
 * Where a taint rule's sources, sinks, sanitizers and propagators match in one
 * file, indexed by syntax node: the matches whose range contains a node (every
 * node inside a match is "in" it, as Semgrep's sub-range checks have it) and
 * the matches whose range is exactly a node's (for by-side-effect l-values and
 * propagator metavariables). Each match's maximal nodes are found once by a
 * descent from the root; a node's containing matches are its own plus its
 * parent's, memoised.
 */
import type { FormulaMatch } from "./evaluate-formula.js";
import type { TaintNode } from "./taint-node.js";

export interface SpecMatch {
  /** Index of the spec (the item of pattern-sources / pattern-sinks / ...). */
  spec: number;
  match: FormulaMatch;
  /** Unique within its index; source ids are what taint sets hold. */
  id: number;
}

const rangeKey = (start: number, end: number): string => `${start}:${end}`;

export class SpecIndex {
  readonly all: SpecMatch[] = [];
  private readonly own = new Map<TaintNode, SpecMatch[]>();
  private readonly memo = new Map<TaintNode, readonly SpecMatch[]>();
  private readonly exact = new Map<string, SpecMatch[]>();

  constructor(root: TaintNode, matchesBySpec: ReadonlyArray<readonly FormulaMatch[]>) {
    const flat: Array<{ spec: number; match: FormulaMatch }> = [];
    matchesBySpec.forEach((matches, spec) => matches.forEach((match) => flat.push({ spec, match })));
    flat.sort((a, b) => a.match.start - b.match.start || b.match.end - a.match.end || a.spec - b.spec);
    for (const { spec, match } of flat) {
      const m: SpecMatch = { spec, match, id: this.all.length };
      this.all.push(m);
      if (match.end <= match.start) continue;
      this.place(root, m);
      const key = rangeKey(match.start, match.end);
      const list = this.exact.get(key);
      if (list) list.push(m);
      else this.exact.set(key, [m]);
    }
  }

  get size(): number {
    return this.all.length;
  }

  private place(node: TaintNode, m: SpecMatch): void {
    const { start, end } = m.match;
    if (node.end <= start || node.start >= end) return;
    if (node.start >= start && node.end <= end) {
      const list = this.own.get(node);
      if (list) list.push(m);
      else this.own.set(node, [m]);
      return;
    }
    for (const child of node.children) this.place(child, m);
  }

  /** The matches whose range contains `node`. */
  containing(node: TaintNode): readonly SpecMatch[] {
    const memo = this.memo.get(node);
    if (memo) return memo;
    const fromParent = node.parent ? this.containing(node.parent) : [];
    const own = this.own.get(node);
    const out = own ? [...fromParent, ...own] : fromParent;
    this.memo.set(node, out);
    return out;
  }

  /** Whether some match of `spec` contains `node`. */
  covers(node: TaintNode, spec: number): boolean {
    return this.containing(node).some((m) => m.spec === spec);
  }

  /** The matches whose range is exactly `node`'s. */
  exactly(node: TaintNode): readonly SpecMatch[] {
    return this.exact.get(rangeKey(node.start, node.end)) ?? [];
  }

  /** The matches whose range is exactly [start, end). */
  at(start: number, end: number): readonly SpecMatch[] {
    return this.exact.get(rangeKey(start, end)) ?? [];
  }
}
