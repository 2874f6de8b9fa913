/**
 * The structural matcher: Semgrep pattern semantics over tree-sitter trees
 * (parsed by @ast-grep/napi, used only as a parser). Compiled patterns are
 * cached per (language, pattern); per-file work (node conversion, candidate
 * lookups, import aliases) is cached in the ParsedFile's tree.
 *
 * Languages: python, javascript, typescript, tsx, go, java.
 *
 * Every way a pattern matches is reported (one PatternMatch per distinct set of
 * bindings at a range): `foo(..., $X, ...)` once per argument, `<... $X ...>`
 * once per sub-expression, `{..., $K: $V, ...}` once per item, so conditions
 * and unification with other patterns can pick the binding that fits.
 *
 * Supported: metavariables with unification ($X, $_), ellipsis metavariables
 * ($...X) in argument/parameter/item/statement lists, `...` for arguments,
 * parameters, list/dict/object items, statements, a single item (`foo = ...`,
 * `if (...)`), a function name, any string (`"..."`), text inside f-strings and
 * template literals, a method chain (`$O.foo(). ... .bar()`), trailing
 * operands of a binary operator (`1 + 2 + ...`); `<... P ...>`; literal
 * metavariables (`"$X"`, bound to the content) and `"=~/re/flags"`; keyword
 * arguments in any order; unordered dict/set/object items, JSX attributes,
 * decorators and imported names (objects, JSX attributes, decorators and
 * imports also allow extra items); expression patterns match any
 * sub-expression and expression statements; statement sequences with `...`
 * that may enter nested blocks (never leave them); implicit deep expression
 * statements in sequences (`foo()` ~ `x = foo()`); optional target parts
 * (else/elif, finally, type annotations, async, type arguments, optional
 * chaining); parentheses ignored; numbers by value; strings by raw content
 * regardless of quotes; JS `var`/`let`/`const` and assignment ~ declaration;
 * arrows ~ functions; `<a />` ~ `<a>...</a>`; import aliasing for Python
 * (`import a.b as c`, `from a import b [as c]`), JavaScript (require,
 * destructured require, ES default/namespace/named imports) and Java
 * (`import a.b.C;`), also under a metavariable attribute (`a.b.$F(...)`
 * matches `c.f()` after `import a.b as c` and `f()` after `from a.b import f`).
 * Go: `...` in arguments, parameters, composite literals and statement lists,
 * optional result types and `else`. Java: optional modifiers (a pattern's
 * annotations and modifiers are a subset of the target's), throws clauses,
 * catch/finally and `else`; local variable ~ field declarations; `...` as a
 * statement or class member, with or without `;`.
 *
 * Not supported (no match, or UnsupportedPatternError where detectable):
 * typed metavariables (error), constant propagation, associative-commutative
 * matching, symbolic propagation, partial statements (`if ($E)` without a
 * body: error), `...` jumping out of a block, `"$X"`-style content binding inside f-strings,
 * partial string content (`"foo..."` matches only that literal text); Go
 * import aliases; Java static-import equivalences (`a.B.m()` ~ `m()`).
 */
import { compilePattern } from "./compile-pattern.js";
import type { CompiledPattern } from "./compile-pattern.js";
import { specFor } from "./lang-spec.js";
import { parseSource, parseSourceAsync } from "./languages.js";
import { matchStatementRun } from "./match-lists.js";
import { matchNode } from "./match-node.js";
import type { Bound, MatchCtx } from "./match-node.js";
import { UnsupportedPatternError } from "./match-types.js";
import type {
  Binding,
  CandidateFilter,
  EmbeddedLanguage,
  ParsedFile,
  PatternMatch,
  PatternMatcher,
} from "./match-types.js";
import type { PNode } from "./pattern-tree.js";
import { FileState } from "./target-tree.js";
import { CandidateIndex } from "./candidates.js";
import type { CandidateQuery } from "./candidates.js";
import type { TNode } from "./target-tree.js";

/** Binding whose `key` (normalised text) is computed on first read. */
function binding(file: FileState, bound: Bound, fallback: number): Binding {
  let start: number;
  let end: number;
  let keyOf: () => string;
  if ("span" in bound) {
    const { span } = bound;
    return { text: file.text.slice(span.start, span.end), key: span.key, start: span.start, end: span.end };
  }
  if ("one" in bound) {
    start = bound.one.start;
    end = bound.one.end;
    keyOf = () => bound.one.key();
  } else {
    const first = bound.many[0];
    const last = bound.many[bound.many.length - 1];
    start = first ? first.start : bound.pos >= 0 ? bound.pos : fallback;
    end = last ? last.end : start;
    keyOf = () => bound.many.map((n) => n.key()).join(" , ");
  }
  const b = { text: file.text.slice(start, end), start, end } as Binding;
  let key: string | undefined;
  Object.defineProperty(b, "key", { enumerable: true, get: () => (key ??= keyOf()) });
  return b;
}

function isStatementLike(t: TNode, file: FileState): boolean {
  const kind = t.kind;
  return (
    file.spec.blocks.has(kind) ||
    file.spec.comments.has(kind) ||
    /(_statement|_declaration|_definition|_clause)$/.test(kind)
  );
}

/** Every named node except statements, blocks and comments (for `$X` / `<... P ...>` roots). */
function allExpressions(file: FileState): TNode[] {
  const out: TNode[] = [];
  const walk = (t: TNode): void => {
    for (const c of t.children()) {
      if (!c.named) continue;
      if (!isStatementLike(c, file)) out.push(c);
      walk(c);
    }
  };
  walk(file.root);
  return out;
}

/** Whether matching `p` can bind a metavariable (so one range may come with several binding sets). */
function binds(p: PNode): boolean {
  switch (p.t) {
    case "mv":
      return p.name !== "_";
    case "emv":
      return true;
    case "string":
      return p.mode === "mv";
    case "deep":
      return binds(p.inner);
    case "chain":
      return binds(p.base);
    case "node":
      return p.children.some(binds);
    default:
      return false;
  }
}

/** Per compiled pattern: whether its matches can differ by their bindings alone. */
const enumerates = new WeakMap<CompiledPattern, boolean>();

/** Identity of a binding set: each metavariable's name and bound range. */
function envId(env: ReadonlyMap<string, Bound>): string {
  const parts: string[] = [];
  for (const [name, bound] of env) {
    if ("one" in bound) parts.push(`${name}=${bound.one.start}:${bound.one.end}`);
    else if ("span" in bound) parts.push(`${name}=${bound.span.start}:${bound.span.end}"`);
    else {
      const first = bound.many[0];
      const last = bound.many[bound.many.length - 1];
      parts.push(`${name}=${first?.start ?? bound.pos}:${last?.end ?? bound.pos}*`);
    }
  }
  return parts.length === 1 ? (parts[0] ?? "") : parts.sort().join("|");
}

/**
 * Semgrep reports every way a pattern matches: `foo(..., $X, ...)` once per
 * argument, `<... $X ...>` once per sub-expression, `{..., $K: $V, ...}` once
 * per property, so conditions and unification can pick the binding that fits.
 * Per candidate (or statement-run start) at most this many distinct binding
 * sets are kept, and the search stops after this many successes overall.
 */
const MAX_BINDINGS_PER_START = 256;
const MAX_SUCCESSES_PER_START = 4096;

function runMatches(
  c: CompiledPattern,
  q: CandidateQuery | null,
  index: CandidateIndex,
  file: FileState,
  filter: CandidateFilter | undefined,
): PatternMatch[] {
  const root = c.root;
  const passes = (t: TNode): boolean => !filter || filter.test(t.text, t.start, t.end);
  if (root.t === "never") return [];
  const ctx: MatchCtx = { file, spec: file.spec, env: new Map(), seqEnd: 0 };
  const found = new Map<string, PatternMatch>();
  let enumerate = enumerates.get(c);
  if (enumerate === undefined) {
    enumerate = root.t === "node" ? binds(root.node) : root.items.some(binds);
    enumerates.set(c, enumerate);
  }
  // Per candidate: the end of its first match (a statement run keeps the range it was first found with).
  let firstEnd = -1;
  let kept = 0;
  let successes = 0;
  const reset = (): void => {
    ctx.env.clear();
    firstEnd = -1;
    kept = 0;
    successes = 0;
  };
  const record = (start: number, end: number): boolean => {
    if (firstEnd < 0) firstEnd = end;
    else if (end !== firstEnd) return ++successes >= MAX_SUCCESSES_PER_START;
    const id = enumerate ? `${start}:${end}|${envId(ctx.env)}` : `${start}:${end}`;
    if (!found.has(id)) {
      const bindings: Record<string, Binding> = {};
      for (const [name, bound] of ctx.env) bindings[name] = binding(file, bound, start);
      found.set(id, { start, end, bindings });
      kept++;
    }
    return !enumerate || kept >= MAX_BINDINGS_PER_START || ++successes >= MAX_SUCCESSES_PER_START;
  };
  if (root.t === "node") {
    const p: PNode = root.node;
    let candidates = q ? index.candidates(file, q) : allExpressions(file);
    // Names and module strings inside import statements are not expressions (Semgrep: `foo` ≠ `import foo`).
    const name = p.t === "node" && ((p.leaf && file.spec.identifiers.has(p.kind)) || p.dotted || p.qualifier);
    if ((name || p.t === "string") && candidates.length > 0) {
      const imports = file.lookup([...file.spec.imports]);
      candidates = candidates.filter((t) => !imports.some((i) => i.start <= t.start && t.end <= i.end));
    }
    for (const t of candidates) {
      if (!passes(t)) continue;
      reset();
      matchNode(p, t, ctx, () => record(t.start, t.end));
    }
  } else {
    const leading = root.items[0]?.t === "ellipsis";
    for (const block of q ? index.candidates(file, q) : []) {
      if (!passes(block)) continue;
      const stmts = block.sig();
      for (let s = 0; s < (leading ? Math.min(1, stmts.length) : stmts.length); s++) {
        const first = stmts[s] as TNode;
        // A run from here lies in [first.start, block.end), its bindings too.
        if (filter && !filter.test(file.text.slice(first.start, block.end), first.start, block.end)) continue;
        reset();
        matchStatementRun(root.items, block, s, ctx, () => record(first.start, ctx.seqEnd));
      }
    }
  }
  return [...found.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

interface Prepared {
  c: CompiledPattern;
  q: CandidateQuery | null;
}

/**
 * Short texts (metavariable-pattern snippets: the same string literal or
 * callback bound in many places) are parsed once and kept, with the matches
 * found in them, for the next identical snippet; at most this many.
 */
const SNIPPET_CHARS = 1024;
const SNIPPET_CACHE = 512;

export function createStructuralMatcher(): PatternMatcher {
  const compiled = new Map<EmbeddedLanguage, Map<string, Prepared | UnsupportedPatternError>>();
  const index = new CandidateIndex();
  const snippets = new Map<string, ParsedFile>();

  const compile = (pattern: string, language: EmbeddedLanguage, file: FileState): Prepared => {
    let byPattern = compiled.get(language);
    if (!byPattern) {
      byPattern = new Map();
      compiled.set(language, byPattern);
    }
    let prepared = byPattern.get(pattern);
    if (!prepared) {
      try {
        const c = compilePattern(pattern, language, file.spec);
        const kinds = c.root.t === "never" ? null : c.root.kinds;
        const regexes = c.nodeFilters.map((r) => r.source);
        prepared = { c, q: kinds ? index.register(language, kinds, regexes, c.chains) : null };
      } catch (e) {
        if (!(e instanceof UnsupportedPatternError)) throw e;
        prepared = e;
      }
      byPattern.set(pattern, prepared);
    }
    if (prepared instanceof UnsupportedPatternError) throw prepared;
    return prepared;
  };

  return {
    parseFile(language: EmbeddedLanguage, text: string): ParsedFile {
      const key = text.length <= SNIPPET_CHARS ? `${language}\u0000${text}` : null;
      const cached = key === null ? undefined : snippets.get(key);
      if (cached) return cached;
      const spec = specFor(language);
      const tree = spec ? new FileState(language, text, spec, parseSource(language, text), index) : null;
      const parsed = { language, text, tree };
      if (key !== null) {
        if (snippets.size >= SNIPPET_CACHE) snippets.delete(snippets.keys().next().value ?? "");
        snippets.set(key, parsed);
      }
      return parsed;
    },

    async parseFileAsync(language: EmbeddedLanguage, text: string): Promise<ParsedFile> {
      const spec = specFor(language);
      if (!spec) return { language, text, tree: null };
      const root = await parseSourceAsync(language, text);
      return { language, text, tree: new FileState(language, text, spec, root, index) };
    },

    match(pattern: string, file: ParsedFile, filter?: CandidateFilter): PatternMatch[] {
      const state = file.tree;
      if (state === null)
        throw new UnsupportedPatternError(`language ${file.language} not supported`, pattern);
      if (!(state instanceof FileState))
        throw new Error("ParsedFile was not produced by the structural matcher");
      const { c, q } = compile(pattern, file.language, state);
      if (!c.fileWords.every((w) => state.text.includes(w))) return [];
      if (!c.tokens.every((t) => t.test(state.text))) return [];
      const memoKey = filter ? `${pattern}\u0000${filter.key}` : pattern;
      let found = state.matchMemo.get(memoKey);
      if (!found) {
        found = runMatches(c, q, index, state, filter);
        state.matchMemo.set(memoKey, found);
      }
      return [...found];
    },
  };
}
