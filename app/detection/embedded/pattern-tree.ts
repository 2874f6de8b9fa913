/**
 * The pattern side of matching: a small immutable tree built once per
 * (language, pattern) from the parsed, placeholder-substituted pattern.
 * Placeholders become metavariable / ellipsis nodes, string literals become
 * string matchers (`"..."`, `"$X"`, `"=~/re/"`, exact content), wrappers
 * around a lone placeholder (an expression statement `$X;`, a Python `**...`
 * dict item) collapse into the placeholder.
 */
import type { SgNode } from "@ast-grep/napi";
import type { LangSpec } from "./lang-spec.js";
import { placeholderOf, type LiteralType } from "./prepare-pattern.js";
import { escapeRegex } from "./target-tree.js";

export interface PSyntax {
  t: "node";
  kind: string;
  named: boolean;
  leaf: boolean;
  /** Leaf text (trimmed for JSX text); "" for inner nodes. */
  text: string;
  children: PNode[];
  /** "a.b.c" when the node is a chain of plain identifiers (import aliases may resolve to it). */
  dotted: string | null;
  /** "a.b" for `a.b.$X`: a chain of plain identifiers under a metavariable attribute (aliases apply too). */
  qualifier: string | null;
  /** The optional grammar fields (LangSpec.optionalFields) this node has. */
  fields?: readonly string[];
}

export type PNode =
  | PSyntax
  | { t: "mv"; name: string; lit?: LiteralType }
  | { t: "emv"; name: string }
  | { t: "ellipsis" }
  | { t: "deep"; inner: PNode }
  | { t: "chain"; base: PNode }
  | PString;

export interface PString {
  t: "string";
  mode: "any" | "exact" | "regex" | "mv";
  value: string;
  regex: RegExp | null;
  /** A Python `f"..."` pattern: only f-strings match. */
  fstring?: boolean;
}

/** Raised while converting a pattern whose parse contains errors. */
export class PatternSyntaxError extends Error {}

/** Raised for a pattern that parses but uses a Semgrep feature the matcher does not implement. */
export class PatternFeatureError extends Error {}

const PY_STRING = /^([rRbBuUfF]*)("""|'''|"|')/;
const STRING_MV = /^\$([A-Z_][A-Z0-9_]*)$/;
const STRING_REGEX = /^=~\/([\s\S]*)\/([a-zA-Z]*)$/;

/** The string matcher for a literal's source text, or null for interpolated strings (matched structurally). */
export function stringPattern(text: string, spec: LangSpec): PString | null {
  let body: string;
  if (spec.family === "python") {
    const m = PY_STRING.exec(text);
    if (!m) return null;
    const prefix = m[1] ?? "";
    const quote = m[2] ?? '"';
    body = text.slice(prefix.length + quote.length, text.length - quote.length);
    if (/[fF]/.test(prefix) && body.includes("{")) return null;
  } else {
    if (spec.family === "js" && text.startsWith("`") && text.includes("${")) return null;
    body = spec.family === "java" && text.startsWith('"""') ? text.slice(3, -3) : text.slice(1, -1);
  }
  if (body === "...") {
    const fstring = spec.family === "python" && /^[a-zA-Z]*[fF]/.test(text);
    return { t: "string", mode: "any", value: body, regex: null, fstring };
  }
  const mv = STRING_MV.exec(body);
  if (mv) return { t: "string", mode: "mv", value: `$${mv[1] ?? ""}`, regex: null };
  const re = STRING_REGEX.exec(body);
  if (re) {
    const flags = [...new Set((re[2] ?? "").replace(/[^imsu]/g, ""))].join("");
    try {
      return { t: "string", mode: "regex", value: body, regex: new RegExp(re[1] ?? "", flags) };
    } catch {
      throw new PatternSyntaxError(`invalid string regex ${body}`);
    }
  }
  return { t: "string", mode: "exact", value: body, regex: null };
}

/** A text piece of an interpolated string: `...` matches any pieces, `a...b` any text between. */
function stringPart(kind: string, text: string): PNode {
  if (text === "...") return { t: "ellipsis" };
  if (!text.includes("..."))
    return { t: "node", kind, named: true, leaf: true, text, children: [], dotted: null, qualifier: null };
  const source = text.split("...").map(escapeRegex).join("[\\s\\S]*");
  return { t: "string", mode: "regex", value: text, regex: new RegExp(`^${source}$`) };
}

export function isPlaceholderNode(p: PNode): boolean {
  return p.t === "mv" || p.t === "emv" || p.t === "ellipsis";
}

/** Text of a wrapper that may collapse into its lone placeholder child. */
function collapsibleText(kind: string, text: string): string {
  let s = text.trim().replace(/;$/, "").trim();
  if (kind === "dictionary_splat") s = s.replace(/^\*\*/, "").trim();
  return s;
}

/** Converts a parsed pattern (prepared text `src`) into the pattern model. Throws PatternSyntaxError on parse errors. */
export function buildPattern(sg: SgNode, src: string, spec: LangSpec): PNode | null {
  let kind = String(sg.kind());
  const named = sg.isNamed();
  const range = sg.range();
  const start = range.start.index;
  const end = range.end.index;
  const text = src.slice(start, end);
  const kids = sg.children();
  if (spec.lenient && kids.length > 0 && !spec.blocks.has(kind)) {
    // Error recovery around a lone placeholder (`...` as a Java member or parameter): the placeholder.
    const ph = placeholderOf(collapsibleText(kind, text));
    if (ph && ph.t !== "deep") return ph;
  }
  if (kind === "ERROR" && spec.lenient) {
    // A partial statement Semgrep accepts (Java `try { ... }` without catch or finally).
    const lead = kids[0];
    kind = (lead && spec.partialStatements?.get(String(lead.kind()))) ?? kind;
  }
  if (kind === "ERROR") throw new PatternSyntaxError(`syntax error at ${JSON.stringify(text.slice(0, 40))}`);
  if (spec.comments.has(kind) || spec.delimiters.has(kind)) return null;
  if (spec.stringParts.has(kind)) return stringPart(kind, text);
  if (kids.length === 0) {
    if (start === end && spec.lenient && !named && spec.punctuation.has(kind)) return null;
    if (start === end && kind !== "") throw new PatternSyntaxError(`missing ${kind}`);
    if (!named && spec.punctuation.has(kind)) return null;
    if (spec.textLeaves.has(kind) && text.trim() === "") return null;
    const ph = placeholderOf(text);
    if (ph && ph.t !== "deep") return ph;
    const leafText = spec.textLeaves.has(kind) ? text.trim() : text;
    return {
      t: "node",
      kind,
      named,
      leaf: true,
      text: leafText,
      children: [],
      dotted: null,
      qualifier: null,
    };
  }
  if (kind === "dictionary_splat" && placeholderOf(collapsibleText(kind, text))?.t === "ellipsis") {
    return { t: "ellipsis" };
  }
  if (spec.strings.has(kind)) {
    const str = stringPattern(text, spec);
    if (str) return str;
  }
  const jsx = kind.startsWith("jsx_");
  const children: PNode[] = [];
  for (const k of kids) {
    if (!k.isNamed() && jsx && spec.jsxPunctuation.has(String(k.kind()))) continue;
    const c = buildPattern(k, src, spec);
    if (c) children.push(c);
  }
  const first = children[0];
  if (spec.parens.has(kind) && children.some((c) => c.t === "node" && c.kind === "type_annotation")) {
    throw new PatternFeatureError("typed metavariables are not supported");
  }
  if (spec.calls.has(kind) && first?.t === "node" && first.leaf && placeholderOf(first.text)?.t === "deep") {
    const args = children[1];
    const inner = args?.t === "node" ? args.children[0] : undefined;
    if (!inner || (args?.t === "node" && args.children.length !== 1))
      throw new PatternSyntaxError("<... ...> must wrap one expression");
    return { t: "deep", inner };
  }
  if (spec.members.has(kind) && children.length === 2 && first && children[1]?.t === "ellipsis") {
    return { t: "chain", base: first };
  }
  if (
    children.length === 1 &&
    first &&
    isPlaceholderNode(first) &&
    !spec.blocks.has(kind) &&
    !spec.namedOnly.has(kind)
  ) {
    if (placeholderOf(collapsibleText(kind, text))) return first;
  }
  return {
    t: "node",
    kind,
    named,
    leaf: false,
    text: "",
    children,
    dotted: dottedName(kind, children, spec),
    qualifier: qualifierName(kind, children, spec),
    ...optionalFields(sg, kind, spec),
  };
}

function optionalFields(sg: SgNode, kind: string, spec: LangSpec): { fields?: readonly string[] } {
  const names = spec.optionalFields?.get(kind);
  return names ? { fields: names.filter((name) => sg.field(name) !== null) } : {};
}

/** The object chain of `a.b.$X` ("a.b"), or null. */
function qualifierName(kind: string, children: PNode[], spec: LangSpec): string | null {
  if (!spec.members.has(kind) || children.length !== 2) return null;
  const [obj, prop] = children;
  if (prop?.t !== "mv" || obj?.t !== "node") return null;
  return obj.leaf && spec.identifiers.has(obj.kind) ? obj.text : obj.dotted;
}

function dottedName(kind: string, children: PNode[], spec: LangSpec): string | null {
  if (!spec.members.has(kind) || children.length !== 2) return null;
  const [obj, prop] = children;
  if (obj?.t !== "node" || prop?.t !== "node" || !prop.leaf || !spec.identifiers.has(prop.kind)) return null;
  const base = obj.leaf && spec.identifiers.has(obj.kind) ? obj.text : obj.dotted;
  return base === null ? null : `${base}.${prop.text}`;
}

const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Identifiers a target must contain for `p` to match. With `aliasable` false,
 * identifiers of dotted chains are left out (an import alias can rename them).
 */
export function patternWords(
  p: PNode,
  spec: LangSpec,
  aliasable: boolean,
  out = new Set<string>(),
): Set<string> {
  switch (p.t) {
    case "node":
      if (p.leaf) {
        if (spec.identifiers.has(p.kind) && WORD.test(p.text)) out.add(p.text);
      } else if (aliasable || (p.dotted === null && p.qualifier === null)) {
        for (const c of p.children) patternWords(c, spec, aliasable, out);
      }
      break;
    case "deep":
      patternWords(p.inner, spec, aliasable, out);
      break;
    case "chain":
      patternWords(p.base, spec, aliasable, out);
      break;
    default:
      break;
  }
  return out;
}

/**
 * Maximal dotted chains ("a.b.c") in the pattern: names an import alias may
 * spell differently. The object of `a.b.$X` is "a.b.*": spelled as a chain, or
 * as any name imported from under "a.b".
 */
export function patternChains(p: PNode, out = new Set<string>()): Set<string> {
  switch (p.t) {
    case "node":
      if (p.qualifier !== null) out.add(`${p.qualifier}.*`);
      else if (p.dotted?.includes(".")) out.add(p.dotted);
      else for (const c of p.children) patternChains(c, out);
      break;
    case "deep":
      patternChains(p.inner, out);
      break;
    case "chain":
      patternChains(p.base, out);
      break;
    default:
      break;
  }
  return out;
}

const SYMBOLS = /^[^\sA-Za-z0-9_]+$/;

/**
 * Regex sources a matching target's text must satisfy: operator tokens of the
 * pattern (not those an equivalence may drop, e.g. `=>` of an arrow function),
 * a quote for string patterns, the content of exact string patterns.
 */
/**
 * Text every node of a kind contains, for kinds whose punctuation the pattern
 * tree drops: an interpolation's opening (Python f-strings, JS template
 * literals), a subscript's bracket.
 */
const KIND_TOKENS: Readonly<Record<string, string>> = {
  interpolation: "\\{",
  template_substitution: "\\$\\{",
  subscript: "\\[",
  subscript_expression: "\\[",
};

export function patternTokens(
  p: PNode,
  spec: LangSpec,
  out = new Set<string>(),
  inFunction = false,
): Set<string> {
  switch (p.t) {
    case "node":
      if (p.leaf) {
        if (!p.named && !inFunction && SYMBOLS.test(p.text)) out.add(escapeRegex(p.text));
      } else {
        // An interpolated string (matched by its parts) has quotes; see KIND_TOKENS for the others.
        const token = KIND_TOKENS[p.kind];
        if (!inFunction && token !== undefined) out.add(token);
        if (!inFunction && spec.strings.has(p.kind)) out.add("[\"'`]");
        const fn = spec.functions.has(p.kind);
        for (const c of p.children) patternTokens(c, spec, out, fn);
      }
      break;
    case "string":
      // Python's implicit concatenation ('a' 'b') splits content, so only JS requires the content itself.
      if (p.mode === "exact" && p.value !== "" && spec.family !== "python") out.add(escapeRegex(p.value));
      else out.add("[\"'`]");
      break;
    case "deep":
      patternTokens(p.inner, spec, out);
      break;
    case "chain":
      patternTokens(p.base, spec, out);
      break;
    default:
      break;
  }
  return out;
}
