/**
 * "Which of these ranges contain [start, end)?" in O(log n + answers), and
 * "which lie within it?" by a scan of those starting inside it: the
 * ranges sorted by start, with a segment tree of the largest end per node, so
 * intersecting thousands of matches with thousands of enclosing ranges stays
 * near-linear. Answers come back in the ranges' original order.
 */
interface Spanned {
  start: number;
  end: number;
}

export class ContainmentIndex<T extends Spanned> {
  private readonly sorted: Array<{ item: T; order: number }>;
  private readonly size: number;
  private readonly maxEnd: number[];

  constructor(items: readonly T[]) {
    this.sorted = items.map((item, order) => ({ item, order })).sort((a, b) => a.item.start - b.item.start);
    let size = 1;
    while (size < this.sorted.length) size *= 2;
    this.size = size;
    this.maxEnd = new Array<number>(2 * size).fill(-Infinity);
    this.sorted.forEach((e, i) => (this.maxEnd[size + i] = e.item.end));
    for (let n = size - 1; n >= 1; n--) {
      this.maxEnd[n] = Math.max(this.maxEnd[2 * n] ?? -Infinity, this.maxEnd[2 * n + 1] ?? -Infinity);
    }
  }

  /** Number of ranges whose start is <= `start`. */
  private prefix(start: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.sorted[mid]?.item.start ?? Infinity) <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The ranges lying within [start, end), in original order. */
  within(start: number, end: number): T[] {
    let i = this.prefix(start - 1);
    const found: Array<{ item: T; order: number }> = [];
    for (; i < this.sorted.length; i++) {
      const e = this.sorted[i];
      if (!e || e.item.start > end) break;
      if (e.item.end <= end) found.push(e);
    }
    return inOrder(found);
  }

  /** The ranges containing [start, end), in original order. */
  containing(start: number, end: number): T[] {
    const limit = this.prefix(start);
    const found: Array<{ item: T; order: number }> = [];
    const visit = (node: number, lo: number, hi: number): void => {
      if (lo >= limit || (this.maxEnd[node] ?? -Infinity) < end) return;
      if (hi - lo === 1) {
        const e = this.sorted[lo];
        if (e) found.push(e);
        return;
      }
      const mid = (lo + hi) >> 1;
      visit(2 * node, lo, mid);
      visit(2 * node + 1, mid, hi);
    };
    if (limit > 0) visit(1, 0, this.size);
    return inOrder(found);
  }
}

function inOrder<T>(found: Array<{ item: T; order: number }>): T[] {
  if (found.length === 0) return [];
  if (found.length === 1) return [(found[0] as { item: T }).item];
  return found.sort((a, b) => a.order - b.order).map((e) => e.item);
}
