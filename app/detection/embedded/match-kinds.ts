/**
 * Pruning for the matcher's deep searches (`<... P ...>`, the implicit deep
 * expression statement, statement runs): the node kinds of which every target
 * node matching a pattern node is, or contains, one. A subtree that holds none
 * of them (FileState.holdsKind, one ast-grep search per kind set and file)
 * cannot contain a match and is skipped without being materialised.
 *
 * This must stay a superset of what matchNode accepts (see matchSyntax and
 * matchString in match-node.ts): a kind missing here loses matches.
 */
import type { LangSpec } from "./lang-spec.js";
import type { PNode } from "./pattern-tree.js";

const memo = new WeakMap<PNode, ReadonlySet<string> | null>();

/** Kinds one of which every node matching `p` has or contains; null when any node may match. */
export function matchableKinds(p: PNode, spec: LangSpec): ReadonlySet<string> | null {
  let kinds = memo.get(p);
  if (kinds === undefined) {
    kinds = compute(p, spec);
    memo.set(p, kinds);
  }
  return kinds;
}

function compute(p: PNode, spec: LangSpec): ReadonlySet<string> | null {
  switch (p.t) {
    case "string":
      return new Set([...spec.strings, ...spec.stringParts]);
    case "node": {
      if (spec.parens.has(p.kind)) {
        // `(P)` matches a parenthesised target through its inner node, and a bare one as P.
        const inner = p.children.length === 1 && p.children[0] ? compute(p.children[0], spec) : null;
        return inner === null ? null : new Set([p.kind, ...inner]);
      }
      // A parenthesised target matches through its inner node, which it contains.
      const kinds = new Set([p.kind, ...(spec.equivalents.get(p.kind) ?? [])]);
      if (spec.functions.has(p.kind)) for (const f of spec.functions) kinds.add(f);
      // Import aliases: a dotted name or `a.b.$X` may match an identifier or another attribute chain.
      if (p.dotted !== null || p.qualifier !== null) {
        for (const m of spec.members) kinds.add(m);
        for (const i of spec.identifiers) kinds.add(i);
      }
      return kinds;
    }
    default:
      return null;
  }
}
