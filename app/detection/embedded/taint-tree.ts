/**
 * The syntax tree taint analysis walks: a lazily built copy of a file's
 * tree-sitter tree through @ast-grep/napi, made once per file and shared by
 * every taint rule run on it. Only named nodes are kept (no punctuation, no
 * comments); a node's children are converted on first use, so code the
 * analysis never enters (functions without sinks) costs nothing. Field lookups
 * (`left`, `right`, `body`, ...) go back to napi once per (node, field) and are
 * cached. The matcher's own tree (ParsedFile.tree) is opaque to the
 * evaluator, so taint analysis parses the file itself.
 */
import type { SgNode } from "@ast-grep/napi";
import { parseSource } from "./languages.js";
import type { EmbeddedLanguage } from "./match-types.js";
import type { TaintNode } from "./taint-node.js";

export type { TaintNode } from "./taint-node.js";

/** napi's field accessors take any field name at run time (the typed API only knows each grammar's). */
interface UntypedFields {
  fieldChildren(name: string): SgNode[];
  field(name: string): SgNode | null;
}

class LazyNode implements TaintNode {
  readonly id: number;
  readonly kind: string;
  readonly named = true;
  readonly start: number;
  readonly end: number;
  private kids: LazyNode[] | undefined;
  fields: Map<string, readonly TaintNode[]> | undefined;

  constructor(
    readonly sg: SgNode,
    readonly parent: LazyNode | null,
  ) {
    this.id = sg.id();
    this.kind = String(sg.kind());
    const range = sg.range();
    this.start = range.start.index;
    this.end = range.end.index;
  }

  get children(): readonly LazyNode[] {
    return (this.kids ??= this.sg
      .namedChildren()
      .map((c) => new LazyNode(c, this))
      .filter((c) => c.kind !== "comment"));
  }
}

export class TaintTree {
  readonly root: TaintNode;

  constructor(
    readonly language: EmbeddedLanguage,
    readonly text: string,
  ) {
    this.root = new LazyNode(parseSource(language, text).root(), null);
  }

  /** The named children of `node` in the tree-sitter field `name` (empty when there are none). */
  fieldAll(node: TaintNode, name: string): readonly TaintNode[] {
    const lazy = node as LazyNode;
    lazy.fields ??= new Map();
    let found = lazy.fields.get(name);
    if (!found) {
      const ids = new Set((lazy.sg as unknown as UntypedFields).fieldChildren(name).map((c) => c.id()));
      found = ids.size === 0 ? [] : lazy.children.filter((c) => ids.has(c.id));
      lazy.fields.set(name, found);
    }
    return found;
  }

  field(node: TaintNode, name: string): TaintNode | null {
    return this.fieldAll(node, name)[0] ?? null;
  }

  /** The text of a field's node even when it is anonymous (an operator), or null. */
  fieldText(node: TaintNode, name: string): string | null {
    return (node as LazyNode).sg
      ? (((node as LazyNode).sg as unknown as UntypedFields).field(name)?.text() ?? null)
      : null;
  }

  source(node: TaintNode): string {
    return this.text.slice(node.start, node.end);
  }

  /** The nodes of the given kinds, anywhere in the file (found by ast-grep, then located from the root). */
  findAll(kinds: readonly string[], within: (start: number, end: number) => boolean): TaintNode[] {
    if (kinds.length === 0) return [];
    const rule = kinds.length === 1 ? { kind: kinds[0] } : { any: kinds.map((kind) => ({ kind })) };
    const out: TaintNode[] = [];
    let found: SgNode[];
    try {
      found = (this.root as LazyNode).sg.findAll({ rule });
    } catch {
      return [];
    }
    for (const sg of found) {
      const range = sg.range();
      if (!within(range.start.index, range.end.index)) continue;
      const node = this.locate(sg.id(), range.start.index, range.end.index);
      if (node) out.push(node);
    }
    return out;
  }

  /** The node with this id, found by descending through the nodes that contain [start, end). */
  private locate(id: number, start: number, end: number): TaintNode | null {
    let node: TaintNode = this.root;
    for (;;) {
      if (node.id === id) return node;
      const next: TaintNode | undefined = childContaining(node, start, end, id);
      if (!next) return null;
      node = next;
    }
  }
}

/** The child of `node` containing [start, end) (the one with `id` among equal ranges). */
function childContaining(node: TaintNode, start: number, end: number, id: number): TaintNode | undefined {
  const children = node.children;
  let lo = 0;
  let hi = children.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((children[mid] as TaintNode).end < end) lo = mid + 1;
    else hi = mid;
  }
  let fallback: TaintNode | undefined;
  for (let i = Math.max(0, lo - 1); i < children.length; i++) {
    const c = children[i] as TaintNode;
    if (c.start > start) break;
    if (c.start <= start && c.end >= end) {
      if (c.id === id) return c;
      fallback ??= c;
    }
  }
  return fallback;
}
