/**
 * Where a taint rule's sources, sinks or sanitizers match in one file, indexed
 * by syntax node: which matches contain a node (every node inside a match is
 * "in" it, as Semgrep's sub-range checks have it). Matches are pushed down the
 * tree lazily: a node holds the matches that overlap it without containing it
 * until its children are asked for, then hands each to the children it
 * overlaps (found by binary search), so only the parts of the tree the
 * analysis visits are ever placed. A node's containing matches are a chain:
 * its own (those containing it but not its parent), then its parent's.
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

interface Chain {
  items: readonly SpecMatch[];
  next: Chain | null;
}

const contains = (m: FormulaMatch, node: TaintNode): boolean => m.start <= node.start && m.end >= node.end;

export class SpecIndex {
  readonly all: SpecMatch[] = [];
  private readonly own = new Map<TaintNode, SpecMatch[]>();
  private readonly pending = new Map<TaintNode, SpecMatch[]>();
  private readonly chains = new Map<TaintNode, Chain | null>();

  constructor(
    private readonly root: TaintNode,
    matchesBySpec: ReadonlyArray<readonly FormulaMatch[]>,
  ) {
    const flat: Array<{ spec: number; match: FormulaMatch }> = [];
    matchesBySpec.forEach((matches, spec) => matches.forEach((match) => flat.push({ spec, match })));
    flat.sort((a, b) => a.match.start - b.match.start || b.match.end - a.match.end || a.spec - b.spec);
    const own: SpecMatch[] = [];
    const pending: SpecMatch[] = [];
    for (const { spec, match } of flat) {
      const m: SpecMatch = { spec, match, id: this.all.length };
      this.all.push(m);
      if (match.end <= match.start || match.end <= root.start || match.start >= root.end) continue;
      (contains(match, root) ? own : pending).push(m);
    }
    if (own.length > 0) this.own.set(root, own);
    if (pending.length > 0) this.pending.set(root, pending);
  }

  get size(): number {
    return this.all.length;
  }

  /** Hands `node`'s pending matches to its children. */
  private distribute(node: TaintNode): void {
    const list = this.pending.get(node);
    if (!list) return;
    this.pending.delete(node);
    const children = node.children;
    for (const m of list) {
      const { start, end } = m.match;
      let lo = 0;
      let hi = children.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((children[mid] as TaintNode).end <= start) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < children.length; i++) {
        const child = children[i] as TaintNode;
        if (child.start >= end) break;
        if (child.end <= start) continue;
        const target = contains(m.match, child) ? this.own : this.pending;
        const bucket = target.get(child);
        if (bucket) bucket.push(m);
        else target.set(child, [m]);
      }
    }
  }

  private chain(node: TaintNode): Chain | null {
    const memo = this.chains.get(node);
    if (memo !== undefined) return memo;
    // The path up to the closest ancestor already done (iterative: trees can be thousands deep).
    const path: TaintNode[] = [];
    let top: TaintNode | null = node;
    let above: Chain | null = null;
    while (top) {
      const known = this.chains.get(top);
      if (known !== undefined) {
        above = known;
        break;
      }
      path.push(top);
      top = top.parent;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const n = path[i] as TaintNode;
      if (n.parent) this.distribute(n.parent);
      const own = this.own.get(n);
      above = own ? { items: own, next: above } : above;
      this.chains.set(n, above);
    }
    return above;
  }

  /** Calls `visit` with each match containing `node`, innermost first. */
  each(node: TaintNode, visit: (m: SpecMatch) => void): void {
    this.some(node, (m) => {
      visit(m);
      return false;
    });
  }

  /** Whether `test` holds for a match containing `node` (innermost first; stops at the first). */
  some(node: TaintNode, test: (m: SpecMatch) => boolean): boolean {
    if (this.all.length === 0) return false;
    for (let c = this.chain(node); c; c = c.next) {
      for (const m of c.items) if (test(m)) return true;
    }
    return false;
  }

  /** The matches containing `node`. */
  containing(node: TaintNode): SpecMatch[] {
    const out: SpecMatch[] = [];
    this.each(node, (m) => out.push(m));
    return out;
  }

  /** Whether some match of `spec` contains `node`. */
  covers(node: TaintNode, spec: number): boolean {
    return this.some(node, (m) => m.spec === spec);
  }

  /** Whether some match overlaps [start, end). */
  overlaps(start: number, end: number): boolean {
    return this.all.some((m) => m.match.start < end && m.match.end > start);
  }
}
