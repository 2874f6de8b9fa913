/**
 * Pattern compilation: prepare the text, parse it with the target language's
 * grammar (trying a few wrappers when the bare pattern does not parse), strip
 * the wrapper and decide what the pattern's root is — one expression or
 * statement, or a sequence of statements — plus the prefilters used to skip
 * files and candidate nodes cheaply.
 */
import type { SgNode } from "@ast-grep/napi";
import type { LangSpec } from "./lang-spec.js";
import { parseSource } from "./languages.js";
import { UnsupportedPatternError } from "./match-types.js";
import type { EmbeddedLanguage } from "./match-types.js";
import {
  buildPattern,
  patternChains,
  PatternFeatureError,
  PatternSyntaxError,
  patternTokens,
  patternWords,
} from "./pattern-tree.js";
import type { PNode } from "./pattern-tree.js";
import { preparePattern } from "./prepare-pattern.js";
import { escapeRegex } from "./target-tree.js";

export type PatternRoot =
  /** One node; matched against every target node of `kinds` (all named nodes when null). */
  | { t: "node"; node: PNode; kinds: readonly string[] | null }
  /** A run of statements (or class members) inside one container of `kinds`. */
  | { t: "seq"; items: readonly PNode[]; kinds: readonly string[] }
  /** Parses only in the sibling grammar (JSX in a .ts file): can never match. */
  | { t: "never" };

export interface CompiledPattern {
  root: PatternRoot;
  /** Identifiers every matching file contains. */
  fileWords: readonly string[];
  /** Regexes every matching candidate node's text satisfies: identifiers (alias-renamable ones excluded), operators, string contents. */
  nodeFilters: readonly RegExp[];
  /** Dotted names ("os.system") every matching candidate contains in one of the file's spellings. */
  chains: readonly string[];
  /** Regexes every matching file's text satisfies: operators, string contents. */
  tokens: readonly RegExp[];
}

interface Attempt {
  text: string;
  /** From the parsed top node to the pattern's items, or null when the wrapper shape is not there. */
  unwrap: (top: PNode) => { items: PNode[]; container: string | null } | null;
}

function only(p: PNode | undefined, kind: string): PNode | null {
  return p?.t === "node" && p.kind === kind ? p : null;
}

function childrenOf(p: PNode | null): PNode[] | null {
  return p?.t === "node" ? p.children : null;
}

function attempts(prepared: string, spec: LangSpec): Attempt[] {
  const plain: Attempt = {
    text: prepared,
    unwrap: (top) => ({ items: childrenOf(top) ?? [top], container: null }),
  };
  if (spec.family === "python") {
    const dict: Attempt = {
      text: `{${prepared}}`,
      unwrap: (top) => {
        const stmt = only(childrenOf(top)?.[0], "expression_statement");
        const items = childrenOf(only(childrenOf(stmt)?.[0], "dictionary"));
        return items ? { items, container: "dictionary" } : null;
      },
    };
    return [plain, dict];
  }
  if (spec.family === "go") {
    // Inside a function body, `a.B(x)` is a call (at the top level it parses as a conversion to type a.B).
    const body: Attempt = {
      text: `func __sgF() {\n${prepared}\n}`,
      unwrap: (top) => {
        const fn = only(childrenOf(top)?.[0], "function_declaration");
        const block = only(childrenOf(fn)?.at(-1), "block");
        const items = childrenOf(only(childrenOf(block)?.[0], "statement_list"));
        return items ? { items, container: null } : null;
      },
    };
    return [body, plain];
  }
  if (spec.family === "java") {
    const body: Attempt = {
      text: `class __sgC { void __sgF() {\n${prepared}\n} }`,
      unwrap: (top) => {
        const cls = only(childrenOf(top)?.[0], "class_declaration");
        const method = only(
          childrenOf(only(childrenOf(cls)?.at(-1), "class_body"))?.[0],
          "method_declaration",
        );
        const items = childrenOf(only(childrenOf(method)?.at(-1), "block"));
        return items ? { items, container: null } : null;
      },
    };
    const member: Attempt = {
      text: `class __sgC {\n${prepared}\n}`,
      unwrap: (top) => {
        const cls = only(childrenOf(top)?.[0], "class_declaration");
        const items = childrenOf(only(childrenOf(cls)?.at(-1), "class_body"));
        return items ? { items, container: "class_body" } : null;
      },
    };
    // An expression pattern without its `;` (`x`, `"a" + $X`) only parses as a statement.
    const statement: Attempt = { ...plain, text: `${prepared};` };
    return [plain, statement, body, member];
  }
  const paren: Attempt = {
    text: `(${prepared})`,
    unwrap: (top) => {
      const stmt = only(childrenOf(top)?.[0], "expression_statement");
      const inner = childrenOf(only(childrenOf(stmt)?.[0], "parenthesized_expression"));
      return inner ? { items: inner, container: null } : null;
    },
  };
  const member: Attempt = {
    text: `class __sgC {\n${prepared}\n}`,
    unwrap: (top) => {
      const cls = only(childrenOf(top)?.[0], "class_declaration");
      const items = childrenOf(only(childrenOf(cls)?.at(-1), "class_body"));
      return items ? { items, container: "class_body" } : null;
    },
  };
  const property: Attempt = {
    text: `({${prepared}})`,
    unwrap: (top) => {
      const stmt = only(childrenOf(top)?.[0], "expression_statement");
      const obj = childrenOf(only(childrenOf(stmt)?.[0], "parenthesized_expression"));
      const items = childrenOf(only(obj?.[0], "object"));
      return items ? { items, container: "object" } : null;
    },
  };
  if (prepared.trimStart().startsWith("{")) return [paren, plain, member, property];
  // `$K: $V` parses as a labeled statement; Semgrep patterns mean an object property.
  if (/^\s*[\w$]+\s*:(?!:)/.test(prepared)) return [property, plain, paren, member];
  return [plain, paren, member, property];
}

function parseItems(
  language: EmbeddedLanguage,
  prepared: string,
  spec: LangSpec,
): { items: PNode[]; container: string | null } | null {
  for (const attempt of attempts(prepared, spec)) {
    let top: PNode | null;
    try {
      const root: SgNode = parseSource(language, attempt.text).root();
      top = buildPattern(root, attempt.text, spec);
    } catch (e) {
      if (e instanceof PatternSyntaxError) continue;
      throw e;
    }
    const got = top ? attempt.unwrap(top) : null;
    if (got && got.items.length > 0) return got;
  }
  return null;
}

function stripParens(p: PNode, spec: LangSpec): PNode {
  let cur = p;
  while (cur.t === "node" && spec.parens.has(cur.kind) && cur.children.length === 1 && cur.children[0]) {
    cur = cur.children[0];
  }
  return cur;
}

function rootKinds(p: PNode, spec: LangSpec): string[] | null {
  switch (p.t) {
    case "string":
      return [...spec.strings];
    case "node": {
      if (spec.functions.has(p.kind)) return [...spec.functions];
      const kinds = [p.kind, ...(spec.equivalents.get(p.kind) ?? [])];
      if (p.dotted?.includes(".") || p.qualifier !== null) kinds.push(...spec.members, ...spec.identifiers);
      return [...new Set(kinds)];
    }
    default:
      return null;
  }
}

const JSX_OPEN_TAG = /^(\s*<[A-Za-z_$][\w$.:-]*(?:\s(?:[^<>"'{}/]|"[^"]*"|'[^']*'|\{[^{}]*\})*)?)>\s*$/;

const SIBLING: Partial<Record<EmbeddedLanguage, EmbeddedLanguage>> = { typescript: "tsx", tsx: "typescript" };

/** Typed metavariables, which do not parse as code: Java `(Type $X)`, Go/Python/JS `($X : Type)`. */
const TYPED_MV: Partial<Record<LangSpec["family"], RegExp>> = {
  java: /\(\s*[\w.]+(?:<[^()]*>)?(?:\[\])*\s+\$[A-Z_][A-Z0-9_]*\s*\)/,
  go: /\(\s*\$[A-Z_][A-Z0-9_]*\s*:[^()]+\)/,
  python: /\(\s*\$[A-Z_][A-Z0-9_]*\s*:(?!=)[^()]+\)/,
  js: /\(\s*\$[A-Z_][A-Z0-9_]*\s*:[^()]+\)/,
};

export function compilePattern(pattern: string, language: EmbeddedLanguage, spec: LangSpec): CompiledPattern {
  if (pattern.trim() === "") throw new UnsupportedPatternError("empty pattern", pattern);
  let prepared: string;
  let parsed: ReturnType<typeof parseItems>;
  try {
    prepared = preparePattern(pattern, spec.family);
    // A lone JSX opening tag (`<a href=...>`) means the element: match it as a self-closing pattern.
    if (spec.family === "js") prepared = prepared.replace(JSX_OPEN_TAG, "$1 />");
    parsed = parseItems(language, prepared, spec);
    if (!parsed) {
      const sibling = SIBLING[language];
      if (sibling && parseItems(sibling, prepared, spec))
        return { root: { t: "never" }, fileWords: [], nodeFilters: [], chains: [], tokens: [] };
      if (TYPED_MV[spec.family]?.test(pattern))
        throw new UnsupportedPatternError("typed metavariables are not supported", pattern);
      throw new UnsupportedPatternError("pattern does not parse", pattern);
    }
  } catch (e) {
    if (e instanceof PatternSyntaxError || e instanceof PatternFeatureError)
      throw new UnsupportedPatternError(e.message, pattern);
    throw e;
  }
  const { items, container } = parsed;
  let root: PatternRoot;
  const single = items.length === 1 ? items[0] : undefined;
  if (single) {
    if (single.t === "ellipsis" || single.t === "emv")
      throw new UnsupportedPatternError("a pattern that is only ... matches everything", pattern);
    let node: PNode = single;
    const inner = node.t === "node" && node.kind === spec.expressionStatement ? node.children : null;
    if (inner && inner.length === 1 && inner[0]) node = inner[0];
    node = stripParens(node, spec);
    root = { t: "node", node, kinds: rootKinds(node, spec) };
  } else {
    root = { t: "seq", items, kinds: container ? [container] : [...spec.blocks] };
  }
  const all = new Set<string>();
  const fixed = new Set<string>();
  const chains = new Set<string>();
  const tokens = new Set<string>();
  for (const item of items) {
    patternWords(item, spec, true, all);
    patternWords(item, spec, false, fixed);
    patternChains(item, chains);
    patternTokens(item, spec, tokens);
  }
  const tokenRegexes = [...tokens].map((t) => new RegExp(t));
  return {
    root,
    fileWords: [...all],
    nodeFilters: [...[...fixed].map((w) => new RegExp(escapeRegex(w))), ...tokenRegexes],
    chains: [...chains],
    tokens: tokenRegexes,
  };
}
