/**
 * A syntax node as the taint analysis sees it (built by taint-tree.ts), and
 * helpers that need no parser (so importing the analysis loads no native code).
 */
export interface TaintNode {
  readonly id: number;
  readonly kind: string;
  readonly named: boolean;
  readonly start: number;
  readonly end: number;
  readonly children: readonly TaintNode[];
  readonly parent: TaintNode | null;
}

/** Named children, without comments. */
export function namedChildren(node: TaintNode): TaintNode[] {
  return node.children.filter((c) => c.named && c.kind !== "comment");
}

/** Every node of the tree in pre-order. */
export function* allNodes(root: TaintNode): Generator<TaintNode> {
  const stack: TaintNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TaintNode;
    yield node;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as TaintNode);
  }
}
