/**
 * The syntax tree taint analysis walks: a plain copy of a file's tree-sitter
 * tree (kind, named-ness, offsets, children, parent), made once per file
 * through @ast-grep/napi and shared by every taint rule run on the file.
 * Field lookups (`left`, `right`, `body`, ...) go back to napi once per
 * (node, field) and are cached. The matcher's own tree (ParsedFile.tree) is
 * opaque to the evaluator, so taint analysis parses the file itself.
 */
import type { SgNode } from "@ast-grep/napi";
import { parseSource } from "./languages.js";
import type { EmbeddedLanguage } from "./match-types.js";
import type { TaintNode } from "./taint-node.js";

export type { TaintNode } from "./taint-node.js";

interface MutableNode {
  id: number;
  kind: string;
  named: boolean;
  start: number;
  end: number;
  children: MutableNode[];
  parent: MutableNode | null;
}

export class TaintTree {
  readonly root: TaintNode;
  private readonly byId = new Map<number, TaintNode>();
  private readonly sgOf = new Map<TaintNode, SgNode>();
  private readonly fieldMemo = new Map<TaintNode, Map<string, readonly TaintNode[]>>();

  constructor(
    readonly language: EmbeddedLanguage,
    readonly text: string,
  ) {
    const sgRoot = parseSource(language, text);
    this.root = this.convert(sgRoot.root(), null);
  }

  private convert(sg: SgNode, parent: MutableNode | null): MutableNode {
    const range = sg.range();
    const node: MutableNode = {
      id: sg.id(),
      kind: String(sg.kind()),
      named: sg.isNamed(),
      start: range.start.index,
      end: range.end.index,
      children: [],
      parent,
    };
    this.byId.set(node.id, node);
    this.sgOf.set(node, sg);
    for (const child of sg.children()) node.children.push(this.convert(child, node));
    return node;
  }

  /** The children of `node` in the tree-sitter field `name` (empty when there are none). */
  fieldAll(node: TaintNode, name: string): readonly TaintNode[] {
    let perNode = this.fieldMemo.get(node);
    if (!perNode) {
      perNode = new Map();
      this.fieldMemo.set(node, perNode);
    }
    let found = perNode.get(name);
    if (!found) {
      const sg = this.sgOf.get(node);
      let list: SgNode[] = [];
      try {
        // The typed API only knows field names per grammar; at run time any name is accepted.
        list = sg ? (sg as unknown as { fieldChildren(n: string): SgNode[] }).fieldChildren(name) : [];
      } catch {
        list = [];
      }
      found = list.flatMap((c) => {
        const hit = this.byId.get(c.id());
        return hit ? [hit] : [];
      });
      perNode.set(name, found);
    }
    return found;
  }

  field(node: TaintNode, name: string): TaintNode | null {
    return this.fieldAll(node, name)[0] ?? null;
  }

  source(node: TaintNode): string {
    return this.text.slice(node.start, node.end);
  }
}
