/**
 * The recursive matcher: one pattern node against one target node, in
 * continuation-passing style so ellipses and metavariables can backtrack.
 * `k` is called once the node matched with the current bindings; it returns
 * true when the whole match succeeded (the search then stops).
 */
import { resolveDotted } from "./imports.js";
import type { LangSpec } from "./lang-spec.js";
import { matchableKinds } from "./match-kinds.js";
import { matchChildren, matchSeq } from "./match-lists.js";
import type { PNode, PString, PSyntax } from "./pattern-tree.js";
import { stringContent } from "./target-tree.js";
import type { FileState, TNode } from "./target-tree.js";

/** A metavariable's value: one node, a sequence (`$...X`), or the content of a string literal (`"$X"`). */
export type Bound =
  | { one: TNode }
  | { many: readonly TNode[]; pos: number }
  | { span: { start: number; end: number; key: string } };

export interface MatchCtx {
  readonly file: FileState;
  readonly spec: LangSpec;
  readonly env: Map<string, Bound>;
  /** End offset of the last statement consumed by a statement-sequence match. */
  seqEnd: number;
}

export type K = () => boolean;

export function matchNode(p: PNode, t: TNode, ctx: MatchCtx, k: K): boolean {
  switch (p.t) {
    case "mv":
      if (p.lit && !(p.lit === "string" ? ctx.spec.strings : ctx.spec.numbers).has(t.kind)) return false;
      return bindOne(p.name, t, ctx, k);
    case "ellipsis":
      return k();
    case "emv":
      return bindMany(p.name, [t], t.start, ctx, k);
    case "deep":
      return matchDeep(p.inner, t, ctx, k);
    case "string":
      return matchString(p, t, ctx, k);
    case "chain":
      return matchChain(p.base, t, ctx, k);
    case "node":
      return matchSyntax(p, t, ctx, k);
  }
}

/** Keys differ from texts only by whitespace, comments and quote style, so simple texts compare directly. */
const NOT_SIMPLE = /[\s'"`#/]/;

function sameKey(a: TNode, b: TNode): boolean {
  if (a === b) return true;
  const ta = a.text;
  const tb = b.text;
  if (ta === tb) return true;
  if (!NOT_SIMPLE.test(ta) && !NOT_SIMPLE.test(tb)) return false;
  return a.key() === b.key();
}

export function bindOne(name: string, t: TNode, ctx: MatchCtx, k: K): boolean {
  if (name === "_") return k();
  const prev = ctx.env.get(name);
  if (prev) return "one" in prev && sameKey(prev.one, t) && k();
  ctx.env.set(name, { one: t });
  if (k()) return true;
  ctx.env.delete(name);
  return false;
}

/** `"$X"`: binds the string's content (Semgrep binds the text without the quotes). */
function bindContent(name: string, t: TNode, content: string, ctx: MatchCtx, k: K): boolean {
  const prev = ctx.env.get(name);
  if (prev) return "span" in prev && prev.span.key === content && k();
  const text = t.text;
  const closing = /("""|'''|.)$/.exec(text)?.[1]?.length ?? 1;
  const start = t.start + text.length - closing - content.length;
  ctx.env.set(name, { span: { start, end: start + content.length, key: content } });
  if (k()) return true;
  ctx.env.delete(name);
  return false;
}

export function bindMany(name: string, ts: readonly TNode[], pos: number, ctx: MatchCtx, k: K): boolean {
  const prev = ctx.env.get(name);
  if (prev) {
    if (!("many" in prev) || prev.many.length !== ts.length) return false;
    return prev.many.every((n, i) => {
      const other = ts[i];
      return other !== undefined && sameKey(n, other);
    })
      ? k()
      : false;
  }
  ctx.env.set(name, { many: ts, pos });
  if (k()) return true;
  ctx.env.delete(name);
  return false;
}

const STATEMENT_KIND = /(_statement|_declaration|_definition|_clause)$/;

/** Whether `t` is an expression `<... P ...>` may match as a whole (not an argument list, a field name, a statement, ...). */
function deepExpression(t: TNode, parent: TNode | null, spec: LangSpec): boolean {
  const kind = t.kind;
  if (spec.nonExpressions.has(kind) || spec.blocks.has(kind) || spec.delimiters.has(kind)) return false;
  if (spec.stringParts.has(kind) || STATEMENT_KIND.test(kind)) return false;
  if (parent === null || !spec.identifiers.has(kind)) return true;
  // The attribute of `a.b` and the name of a keyword argument are names, not expressions.
  if (spec.members.has(parent.kind)) return parent.sig().at(-1) !== t;
  if (parent.kind === spec.keywordArgument) return parent.sig()[0] !== t;
  return true;
}

/** `<... P ...>`: P matches the node itself or any expression below it (every one, in source order). */
function matchDeep(inner: PNode, t: TNode, ctx: MatchCtx, k: K, parent: TNode | null = null): boolean {
  if (deepExpression(t, parent, ctx.spec) && matchNode(inner, t, ctx, k)) return true;
  const kinds = matchableKinds(inner, ctx.spec);
  for (const c of t.children()) {
    if (!c.named || ctx.spec.comments.has(c.kind)) continue;
    if (kinds !== null && !ctx.file.holdsKind(kinds, c)) continue;
    if (matchDeep(inner, c, ctx, k, t)) return true;
  }
  return false;
}

function matchString(p: PString, t: TNode, ctx: MatchCtx, k: K): boolean {
  const spec = ctx.spec;
  if (spec.stringParts.has(t.kind)) return p.regex !== null && p.regex.test(t.text) && k();
  if (!spec.strings.has(t.kind)) return false;
  if (p.fstring) return /^[a-zA-Z]*[fF]/.test(t.text) && (p.mode !== "any" ? false : k());
  const content = stringContent(t);
  if (content === null) return false;
  switch (p.mode) {
    case "any":
      return k();
    case "exact":
      return content === p.value && k();
    case "regex":
      return p.regex !== null && p.regex.test(content) && k();
    case "mv":
      return t.kind === "concatenated_string"
        ? bindOne(p.value, t, ctx, k)
        : bindContent(p.value, t, content, ctx, k);
  }
}

/** The receiver / callee one step down an access chain, if any. */
function chainInner(t: TNode, spec: LangSpec): TNode | undefined {
  if (spec.members.has(t.kind) || spec.calls.has(t.kind) || spec.subscripts.has(t.kind)) return t.sig()[0];
  return undefined;
}

/** `B. ... .x`: B matches this node or any receiver further down its access chain. */
function matchChain(base: PNode, t: TNode, ctx: MatchCtx, k: K): boolean {
  for (let c: TNode | undefined = t; c; c = chainInner(c, ctx.spec)) {
    if (matchNode(base, c, ctx, k)) return true;
  }
  return false;
}

function numberValue(text: string): number {
  const clean = text.replace(/_/g, "").replace(/[lLjJn]$/, "");
  return /^0[0-7]+$/.test(clean) ? Number.NaN : Number(clean);
}

function leafEqual(p: PSyntax, t: TNode, spec: LangSpec): boolean {
  const text = t.text;
  if (p.text === text) return true;
  if (spec.numbers.has(p.kind)) {
    const a = numberValue(p.text);
    return !Number.isNaN(a) && a === numberValue(text);
  }
  return spec.textLeaves.has(p.kind) && p.text === text.trim();
}

function kindsCompatible(p: PSyntax, t: TNode, spec: LangSpec): boolean {
  return p.kind === t.kind || (spec.equivalents.get(p.kind)?.includes(t.kind) ?? false);
}

function matchSyntax(p: PSyntax, t: TNode, ctx: MatchCtx, k: K): boolean {
  const spec = ctx.spec;
  const pParen = spec.parens.has(p.kind);
  const tParen = spec.parens.has(t.kind);
  if (tParen && !pParen) {
    const inner = t.sig()[0];
    return inner !== undefined && matchNode(p, inner, ctx, k);
  }
  if (pParen && !tParen) {
    const inner = p.children[0];
    return inner !== undefined && matchNode(inner, t, ctx, k);
  }
  if (spec.functions.has(p.kind) && spec.functions.has(t.kind)) return matchFunction(p, t, ctx, k);
  if (p.kind === "jsx_self_closing_element" && t.kind === "jsx_element") {
    // Semgrep's loose singleton matching: `<a x={1} />` also matches `<a x={1}>...</a>`.
    const opening = t.sig()[0];
    return opening !== undefined && matchChildren(p, opening, ctx, k);
  }
  if (kindsCompatible(p, t, spec)) {
    if (p.leaf) {
      if (leafEqual(p, t, spec) && k()) return true;
    } else if (matchChildren(p, t, ctx, k) || matchBinaryTail(p, t, ctx, k)) return true;
  }
  // An attribute chain resolves to a dotted name: never to a single name.
  const single = p.dotted !== null && !p.dotted.includes(".") && spec.members.has(t.kind);
  if (p.dotted !== null && !single && resolveDotted(t, ctx.file) === p.dotted) return k();
  if (p.qualifier !== null) return matchQualified(p, p.qualifier, t, ctx, k);
  return false;
}

/**
 * `a.b.$X` through an import alias: `c.f` after `import a.b as c`, or `f`
 * after `from a.b import f`; `$X` binds the attribute (or the imported name).
 */
function matchQualified(p: PSyntax, qualifier: string, t: TNode, ctx: MatchCtx, k: K): boolean {
  const spec = ctx.spec;
  if (!spec.members.has(t.kind) && !spec.identifiers.has(t.kind)) return false;
  const resolved = resolveDotted(t, ctx.file);
  if (resolved === null || !resolved.startsWith(`${qualifier}.`)) return false;
  if (resolved.slice(qualifier.length + 1).includes(".")) return false;
  const name = spec.members.has(t.kind) ? t.sig().at(-1) : t;
  const prop = p.children[1];
  return name !== undefined && prop !== undefined && matchNode(prop, name, ctx, k);
}

/** `a + b + ...` against `a + b + c + d`: the trailing ellipsis absorbs operands of the same operator. */
function matchBinaryTail(p: PSyntax, t: TNode, ctx: MatchCtx, k: K): boolean {
  if (!ctx.spec.binaries.has(p.kind) || p.children[p.children.length - 1]?.t !== "ellipsis") return false;
  const op = p.children[1];
  const [left, tOp] = t.sig();
  if (op?.t !== "node" || !tOp || tOp.text !== op.text || left?.kind !== t.kind) return false;
  return matchNode(p, left, ctx, k);
}

interface FnParts<N> {
  name: N | undefined;
  params: N | undefined;
  body: N | undefined;
}

function fnParts<N>(kind: string, items: readonly N[], kindOf: (n: N) => string, spec: LangSpec): FnParts<N> {
  const paramsAt = items.findIndex((n) => kindOf(n) === "formal_parameters");
  const body = items[items.length - 1];
  if (kind === "arrow_function") {
    return { name: undefined, params: paramsAt >= 0 ? items[paramsAt] : items[0], body };
  }
  const before = paramsAt >= 0 ? items.slice(0, paramsAt) : [];
  const name = before.find((n) => {
    const kd = kindOf(n);
    return spec.identifiers.has(kd) || kd === "$mv" || kd === "$ell" || kd === "private_property_identifier";
  });
  return { name, params: paramsAt >= 0 ? items[paramsAt] : undefined, body };
}

function pKind(p: PNode): string {
  return p.t === "node" ? p.kind : p.t === "ellipsis" ? "$ell" : "$mv";
}

/** Functions, function expressions, arrows and methods compared by name, parameters and body. */
function matchFunction(p: PSyntax, t: TNode, ctx: MatchCtx, k: K): boolean {
  const spec = ctx.spec;
  const pp = fnParts(p.kind, p.children, pKind, spec);
  const tp = fnParts(t.kind, t.sig(), (n) => n.kind, spec);
  if (!pp.params || !tp.params || !pp.body || !tp.body) return false;
  const pParams = pp.params;
  const tParams = tp.params;
  const pBody = pp.body;
  const tBody = tp.body;
  const matchName = (next: K): boolean => {
    if (!pp.name || pp.name.t === "ellipsis") return next();
    return tp.name !== undefined && matchNode(pp.name, tp.name, ctx, next);
  };
  const matchParams = (next: K): boolean => {
    if (pParams.t === "node" && pParams.kind === "formal_parameters" && tParams.kind !== "formal_parameters")
      return matchSeq(pParams.children, 0, [tParams], 0, ctx, next);
    return matchNode(pParams, tParams, ctx, next);
  };
  const matchBody = (next: K): boolean => {
    const pBlock = pBody.t === "node" && spec.blocks.has(pBody.kind);
    const tBlock = spec.blocks.has(tBody.kind);
    if (pBlock === tBlock) return matchNode(pBody, tBody, ctx, next);
    if (pBlock && pBody.t === "node") {
      if (pBody.children.every((c) => c.t === "ellipsis")) return next();
      const ret = pBody.children.length === 1 ? pBody.children[0] : undefined;
      const value = ret?.t === "node" && ret.kind === "return_statement" ? ret.children[1] : undefined;
      return value !== undefined && matchNode(value, tBody, ctx, next);
    }
    const stmts = tBody.sig();
    const ret = stmts.length === 1 ? stmts[0] : undefined;
    const value = ret?.kind === "return_statement" ? ret.sig()[1] : undefined;
    return value !== undefined && matchNode(pBody, value, ctx, next);
  };
  return matchName(() => matchParams(() => matchBody(k)));
}
