/**
 * Matching lists of children: ordered sequences with `...` / `$...X`, Python
 * argument lists (keyword arguments found by name in any order), unordered
 * lists (dict/object items, JSX attributes, decorators, imported names) and
 * statement sequences (a `...` followed by a statement may go into nested
 * blocks; an expression statement also matches a statement containing it).
 */
import { optionalKinds } from "./lang-spec.js";
import type { LangSpec, UnorderedList } from "./lang-spec.js";
import { matchableKinds } from "./match-kinds.js";
import { bindMany, bindOne, matchNode } from "./match-node.js";
import type { K, MatchCtx } from "./match-node.js";
import { patternTokens, patternWords } from "./pattern-tree.js";
import type { PNode, PSyntax } from "./pattern-tree.js";
import type { TNode } from "./target-tree.js";

/** Compares the children of two nodes already known to be of compatible kinds. */
export function matchChildren(p: PSyntax, t: TNode, ctx: MatchCtx, k: K): boolean {
  const spec = ctx.spec;
  if (p.children.length > 0 && p.children.every((c) => c.t === "ellipsis")) return k();
  if (spec.blocks.has(p.kind) && spec.blocks.has(t.kind)) return matchStatementRun(p.children, t, 0, ctx, k);
  const ts = dropOptional(p, t, spec);
  if (spec.keywordArgument !== null && spec.argumentLists.has(p.kind))
    return matchArgs(p.children, 0, ts, ctx, k);
  const unordered = spec.unordered.get(p.kind) ?? spec.unordered.get(t.kind);
  if (unordered) return matchUnordered(unordered, p.children, ts, ctx, k);
  return matchSeq(p.children, 0, ts, 0, ctx, k);
}

const optionalMemo = new WeakMap<LangSpec, Map<string, Map<string, ReadonlySet<string> | null>>>();

/** Kinds optional under a pattern node of `pKind` matched against a target node of `tKind` (null: none). */
function optionalUnder(spec: LangSpec, pKind: string, tKind: string): ReadonlySet<string> | null {
  let bySpec = optionalMemo.get(spec);
  if (!bySpec) {
    bySpec = new Map();
    optionalMemo.set(spec, bySpec);
  }
  let byTarget = bySpec.get(pKind);
  if (!byTarget) {
    byTarget = new Map();
    bySpec.set(pKind, byTarget);
  }
  let kinds = byTarget.get(tKind);
  if (kinds === undefined) {
    const sets = [...optionalKinds(spec, pKind)];
    if (tKind !== pKind) sets.push(...optionalKinds(spec, tKind));
    const union = new Set(sets.flatMap((set) => [...set]));
    kinds = union.size > 0 ? union : null;
    byTarget.set(tKind, kinds);
  }
  return kinds;
}

/** Target children minus the optional kinds (else-clauses, type annotations, ...) the pattern does not mention. */
function dropOptional(p: PSyntax, t: TNode, spec: LangSpec): readonly TNode[] {
  let items = t.sig();
  const tail = spec.optionalTails?.get(t.kind);
  if (tail !== undefined && !p.children.some((c) => c.t === "node" && c.kind === tail)) {
    const at = items.findIndex((c) => c.kind === tail);
    if (at >= 0) items = items.slice(0, at);
  }
  const fields = spec.optionalFields?.get(t.kind);
  if (fields) {
    for (const name of fields) {
      if (p.fields?.includes(name)) continue;
      const f = t.sg.field(name);
      if (f === null) continue;
      const r = f.range();
      items = items.filter((c) => c.start !== r.start.index || c.end !== r.end.index);
    }
  }
  const optional = optionalUnder(spec, p.kind, t.kind);
  if (optional === null) return items;
  let any = false;
  for (const c of items) if (optional.has(c.kind)) any = true;
  if (!any) return items;
  let present = presentMemo.get(p);
  if (!present) {
    present = new Set(p.children.map((c) => (c.t === "node" ? c.kind : "")));
    presentMemo.set(p, present);
  }
  const kept = present;
  return items.filter((c) => kept.has(c.kind) || !optional.has(c.kind));
}

/** Kinds of a pattern node's children. */
const presentMemo = new WeakMap<PSyntax, ReadonlySet<string>>();

/**
 * For each start index of a pattern list, the fewest and most target items the
 * rest of the list can consume (`...` and `$...X` any number, an elidable
 * argument list none or one, anything else exactly one).
 */
interface SeqBounds {
  min: number[];
  max: number[];
}

const boundsMemo = new WeakMap<readonly PNode[], SeqBounds>();

function seqBounds(ps: readonly PNode[], spec: LangSpec): SeqBounds {
  let b = boundsMemo.get(ps);
  if (!b) {
    const min = new Array<number>(ps.length + 1).fill(0);
    const max = new Array<number>(ps.length + 1).fill(0);
    for (let i = ps.length - 1; i >= 0; i--) {
      const p = ps[i] as PNode;
      const nextMin = min[i + 1] ?? 0;
      const nextMax = max[i + 1] ?? 0;
      if (p.t === "ellipsis" || p.t === "emv") {
        min[i] = nextMin;
        max[i] = Infinity;
      } else {
        min[i] = p.t === "node" && elidable(p, spec) ? nextMin : nextMin + 1;
        max[i] = nextMax + 1;
      }
    }
    b = { min, max };
    boundsMemo.set(ps, b);
  }
  return b;
}

function posAt(ts: readonly TNode[], j: number): number {
  return ts[j]?.start ?? ts[j - 1]?.end ?? -1;
}

/** Ordered list matching: `...` absorbs zero or more items, `$...X` binds them. */
export function matchSeq(
  ps: readonly PNode[],
  i: number,
  ts: readonly TNode[],
  j: number,
  ctx: MatchCtx,
  k: K,
): boolean {
  // The rest of the list cannot consume exactly the remaining items: no way to succeed.
  const rest = ts.length - j;
  const bounds = seqBounds(ps, ctx.spec);
  if (rest < (bounds.min[i] ?? 0) || rest > (bounds.max[i] ?? Infinity)) return false;
  if (i === ps.length) return j === ts.length && k();
  const p = ps[i] as PNode;
  if (p.t === "ellipsis") {
    if (i === ps.length - 1) return k();
    for (let m = j; m <= ts.length; m++) if (matchSeq(ps, i + 1, ts, m, ctx, k)) return true;
    return false;
  }
  if (p.t === "emv") {
    for (let m = j; m <= ts.length; m++) {
      const next = (): boolean => matchSeq(ps, i + 1, ts, m, ctx, k);
      if (bindMany(p.name, ts.slice(j, m), posAt(ts, j), ctx, next)) return true;
    }
    return false;
  }
  const t = ts[j];
  if (p.t === "node" && (t === undefined || t.kind !== p.kind) && elidable(p, ctx.spec)) {
    // `new $C(...)` ~ `new Foo`, `class $C(...):` ~ `class C:`: an argument list of only `...` may be absent.
    if (matchSeq(ps, i + 1, ts, j, ctx, k)) return true;
  }
  if (t === undefined) return false;
  return matchNode(p, t, ctx, () => matchSeq(ps, i + 1, ts, j + 1, ctx, k));
}

function elidable(p: PSyntax, spec: LangSpec): boolean {
  return (
    (spec.argumentLists.has(p.kind) || spec.blocks.has(p.kind)) &&
    p.children.length > 0 &&
    p.children.every((c) => c.t === "ellipsis")
  );
}

/** Python arguments: positional items in order, each pattern keyword argument found anywhere among the rest. */
function matchArgs(ps: readonly PNode[], i: number, ts: readonly TNode[], ctx: MatchCtx, k: K): boolean {
  if (i === ps.length) return ts.length === 0 && k();
  const p = ps[i] as PNode;
  const kw = ctx.spec.keywordArgument;
  if (p.t === "ellipsis") {
    if (i === ps.length - 1) return k();
    for (let m = 0; m <= ts.length; m++) if (matchArgs(ps, i + 1, ts.slice(m), ctx, k)) return true;
    return false;
  }
  if (p.t === "emv") {
    for (let m = 0; m <= ts.length; m++) {
      const next = (): boolean => matchArgs(ps, i + 1, ts.slice(m), ctx, k);
      if (bindMany(p.name, ts.slice(0, m), posAt(ts, 0), ctx, next)) return true;
    }
    return false;
  }
  if (p.t === "node" && p.kind === kw) {
    for (let idx = 0; idx < ts.length; idx++) {
      const t = ts[idx] as TNode;
      if (t.kind !== kw) continue;
      const rest = [...ts.slice(0, idx), ...ts.slice(idx + 1)];
      if (matchNode(p, t, ctx, () => matchArgs(ps, i + 1, rest, ctx, k))) return true;
    }
    return false;
  }
  const t = ts[0];
  if (t === undefined || t.kind === kw) return false;
  return matchNode(p, t, ctx, () => matchArgs(ps, i + 1, ts.slice(1), ctx, k));
}

function matchUnordered(
  u: UnorderedList,
  ps: readonly PNode[],
  ts: readonly TNode[],
  ctx: MatchCtx,
  k: K,
): boolean {
  if (ts.length < u.lead + u.trail || ps.length < u.lead + u.trail) return false;
  const pMid = ps.slice(u.lead, ps.length - u.trail);
  const tMid = ts.slice(u.lead, ts.length - u.trail);
  const pTrail = ps.slice(ps.length - u.trail);
  const tTrail = ts.slice(ts.length - u.trail);
  return matchSeq(ps.slice(0, u.lead), 0, ts.slice(0, u.lead), 0, ctx, () =>
    matchSeq(pTrail, 0, tTrail, 0, ctx, () => matchAnyOrder(pMid, tMid, u.implicitEllipsis, ctx, k)),
  );
}

/** Each pattern item matches a distinct target item; extra target items need `...` (or implicit ellipsis). */
function matchAnyOrder(
  ps: readonly PNode[],
  ts: readonly TNode[],
  implicit: boolean,
  ctx: MatchCtx,
  k: K,
): boolean {
  const open = implicit || ps.some((p) => p.t === "ellipsis" || p.t === "emv");
  const items = ps.filter((p) => p.t !== "ellipsis" && p.t !== "emv");
  if (items.length > ts.length || (!open && items.length !== ts.length)) return false;
  const used = new Array<boolean>(ts.length).fill(false);
  const rec = (idx: number): boolean => {
    if (idx === items.length) return k();
    const p = items[idx] as PNode;
    for (let i = 0; i < ts.length; i++) {
      if (used[i]) continue;
      used[i] = true;
      if (matchNode(p, ts[i] as TNode, ctx, () => rec(idx + 1))) return true;
      used[i] = false;
    }
    return false;
  };
  return rec(0);
}

interface StmtList {
  items: readonly TNode[];
  flat: boolean;
  block: TNode;
}

/**
 * Matches pattern statements against the statements of `block` starting at
 * index `start`; the pattern may stop before the block ends. Sets
 * `ctx.seqEnd` to the end of the last statement consumed before calling `k`.
 */
export function matchStatementRun(
  ps: readonly PNode[],
  block: TNode,
  start: number,
  ctx: MatchCtx,
  k: K,
): boolean {
  const list: StmtList = { items: block.sig(), flat: false, block };
  const first = list.items[start];
  return stmts(ps, 0, list, start, first ? first.start : block.start, ctx, k);
}

function stmts(
  ps: readonly PNode[],
  i: number,
  list: StmtList,
  j: number,
  last: number,
  ctx: MatchCtx,
  k: K,
): boolean {
  if (i === ps.length) {
    ctx.seqEnd = last;
    return k();
  }
  const p = ps[i] as PNode;
  if (p.t === "ellipsis" || p.t === "emv") {
    if (i === ps.length - 1) {
      const rest = list.items.slice(j);
      const blockLast = list.block.sig().at(-1);
      const end = rest.length > 0 && blockLast ? Math.max(last, blockLast.end) : last;
      const finish = (): boolean => {
        ctx.seqEnd = end;
        return k();
      };
      return p.t === "emv" ? bindMany(p.name, rest, posAt(rest, 0), ctx, finish) : finish();
    }
    const flat = ctx.file.flatStatements(list.block);
    const at = list.items[j];
    const from = list.flat ? j : at ? (flat.indexOf.get(at) ?? flat.items.length) : flat.items.length;
    const flatList: StmtList = { items: flat.items, flat: true, block: list.block };
    for (let m = from; m < flat.items.length; m++) {
      const next = (): boolean => stmts(ps, i + 1, flatList, m, last, ctx, k);
      if (
        p.t === "emv"
          ? bindMany(p.name, flat.items.slice(from, m), posAt(flat.items, from), ctx, next)
          : next()
      )
        return true;
    }
    return false;
  }
  const t = list.items[j];
  if (t === undefined) return false;
  return matchStatement(p, t, ctx, () => stmts(ps, i + 1, list, j + 1, Math.max(last, t.end), ctx, k));
}

const wordsMemo = new WeakMap<PNode, { words: string[]; mvs: string[] }>();

/** Texts any node matching `e` contains: its fixed identifiers and the values of already-bound identifier metavariables. */
function requiredTexts(e: PNode, ctx: MatchCtx): string[] {
  let memo = wordsMemo.get(e);
  if (!memo) {
    memo = { words: [...patternWords(e, ctx.spec, false)], mvs: [...metavariables(e)] };
    wordsMemo.set(e, memo);
  }
  const out = [...memo.words];
  for (const name of memo.mvs) {
    const bound = ctx.env.get(name);
    if (bound && "one" in bound && /^[\w$]+$/.test(bound.one.text)) out.push(bound.one.text);
  }
  return out;
}

const tokensMemo = new WeakMap<PNode, RegExp[]>();

/** Regexes (operators, quotes, interpolation openings) the text of any node matching `e` satisfies. */
function requiredTokens(e: PNode, spec: LangSpec): RegExp[] {
  let tokens = tokensMemo.get(e);
  if (!tokens) {
    tokens = [...patternTokens(e, spec)].map((t) => new RegExp(t));
    tokensMemo.set(e, tokens);
  }
  return tokens;
}

function metavariables(p: PNode, out = new Set<string>()): Set<string> {
  if (p.t === "mv" && p.name !== "_") out.add(p.name);
  else if (p.t === "node") for (const c of p.children) metavariables(c, out);
  else if (p.t === "deep") metavariables(p.inner, out);
  else if (p.t === "chain") metavariables(p.base, out);
  return out;
}

function matchStatement(p: PNode, t: TNode, ctx: MatchCtx, k: K): boolean {
  const spec = ctx.spec;
  if (p.t === "mv") {
    const inner = t.kind === spec.expressionStatement && t.sig().length === 1 ? t.sig()[0] : undefined;
    return bindOne(p.name, inner ?? t, ctx, k);
  }
  const e =
    p.t === "node" && p.kind === spec.expressionStatement && p.children.length === 1 ? p.children[0] : null;
  // Both a direct match and one deep in the statement need a node of the expression's kinds in it.
  const kinds = matchableKinds(e ?? p, spec);
  if (kinds !== null && !ctx.file.holdsKind(kinds, t, true)) return false;
  const required = requiredTexts(p, ctx);
  const text = t.text;
  if (!required.every((w) => text.includes(w))) return false;
  const tokens = requiredTokens(e ?? p, spec);
  if (!tokens.every((r) => r.test(text))) return false;
  if (matchNode(p, t, ctx, k)) return true;
  if (!e) return false;
  return deepInStatement(e, t, requiredTexts(e, ctx), tokens, matchableKinds(e, spec), ctx, k);
}

/** Implicit deep expression statement: `e` anywhere in the statement, nested statement blocks excluded. */
function deepInStatement(
  e: PNode,
  t: TNode,
  required: readonly string[],
  tokens: readonly RegExp[],
  kinds: ReadonlySet<string> | null,
  ctx: MatchCtx,
  k: K,
): boolean {
  const spec = ctx.spec;
  for (const c of t.children()) {
    if (!c.named) continue;
    if (kinds !== null && !ctx.file.holdsKind(kinds, c, true)) continue;
    const text = c.text;
    if (!required.every((w) => text.includes(w)) || !tokens.every((r) => r.test(text))) continue;
    if (spec.comments.has(c.kind) || spec.blocks.has(c.kind)) continue;
    if (matchNode(e, c, ctx, k)) return true;
    if (deepInStatement(e, c, required, tokens, kinds, ctx, k)) return true;
  }
  return false;
}
