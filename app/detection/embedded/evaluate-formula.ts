/**
 * Evaluates a rule's search formula on one file with Semgrep's semantics
 * (Match_search_mode.ml evaluate_formula, Range_with_metavars.ml):
 * - `pattern` → the structural matcher's matches; `pattern-regex` → regex
 *   matches over the file text (capture groups bind `$1`.. and `$name`);
 * - `pattern-either` → union;
 * - `patterns` → the positives (pattern / patterns / either / regex first,
 *   then the pattern-insides) intersected left to right; then each pattern-not,
 *   pattern-not-regex and pattern-not-inside removes ranges; then the
 *   conditions in order; then focus-metavariable;
 * - a `patterns` with no positive term is an error, except inside a
 *   metavariable-pattern, where the bound snippet is the implicit positive.
 * The final result has one match per range, the first one's bindings kept.
 */
import type { Formula } from "../types.js";
import { applyCondition, expandPersistent, type Pending } from "./evaluate-conditions.js";
import { UnsupportedRuleError } from "./evaluate-errors.js";
import { ContainmentIndex } from "./evaluate-containment.js";
import { applyFocus } from "./evaluate-focus.js";
import { patternLeaf, regexLeaf } from "./evaluate-leaves.js";
import { dedupByRange, differenceRanges, intersectRanges, uniqueRanges } from "./evaluate-ranges.js";
import { literalCheck } from "./regex-literals.js";
import { compilePcre } from "./regex-match.js";
import type { EvalEnv, EvalRange, EvalTarget } from "./evaluate-types.js";
import type {
  Binding,
  CandidateFilter,
  EmbeddedLanguage,
  ParsedFile,
  PatternMatcher,
} from "./match-types.js";

export { UnsupportedRuleError } from "./evaluate-errors.js";

export interface FormulaMatch {
  start: number;
  end: number;
  bindings: Record<string, Binding>;
}

type AllFormula = Extract<Formula, { kind: "all" }>;

export const NO_POSITIVE_TERM =
  "`patterns` needs at least one positive term (pattern, pattern-inside, pattern-either, pattern-regex); Semgrep rejects it";

const asInside = (ranges: EvalRange[]): EvalRange[] => ranges.map((r) => ({ ...r, kind: "inside" as const }));

const SELECTOR = /^\s*(\$[A-Z_][A-Z0-9_]*)\s*$/;

/**
 * Semgrep's "selector" (Match_search_mode.specialize_and): the first `pattern: $X`
 * conjunct, when there are other positives, is matched last and only inside
 * their ranges; repeats of the same `$X` are dropped.
 */
function splitSelector(f: AllFormula): { selector: Formula | null; positives: Formula[] } {
  let selector: { formula: Formula; name: string } | null = null;
  const rest: Formula[] = [];
  for (const p of f.positives) {
    const name = p.kind === "pattern" ? SELECTOR.exec(p.pattern)?.[1] : undefined;
    if (name === undefined) rest.push(p);
    else if (selector === null) selector = { formula: p, name };
    else if (selector.name !== name) rest.push(p);
  }
  if (selector === null || rest.length + f.inside.length === 0)
    return { selector: null, positives: f.positives };
  return { selector: selector.formula, positives: rest };
}

function select(selector: Formula, ranges: EvalRange[], target: EvalTarget, env: EvalEnv): EvalRange[] {
  const within = new ContainmentIndex(ranges);
  const inRanges = evaluateRanges(selector, target, env).filter(
    (s) => within.containing(s.start, s.end).length > 0,
  );
  return intersectRanges(ranges, inRanges);
}

/**
 * A metavariable-regex condition seen as a literal test: every binding it
 * accepts contains the literals `check` looks for. Only on the file itself,
 * where every bound text is a piece of `target.text`.
 */
interface Hint {
  name: string;
  key: string;
  check: (text: string) => boolean;
}

const hintsMemo = new WeakMap<AllFormula, Hint[]>();

function ownHints(f: AllFormula, target: EvalTarget): Hint[] {
  if (target.context !== null) return [];
  let hints = hintsMemo.get(f);
  if (!hints) {
    hints = regexHints(f);
    hintsMemo.set(f, hints);
  }
  return hints;
}

function regexHints(f: AllFormula): Hint[] {
  const hints: Hint[] = [];
  for (const c of f.conditions) {
    if (c.kind !== "metavariable-regex") continue;
    let re: RegExp;
    try {
      re = compilePcre(c.regex, "anchored");
    } catch {
      continue;
    }
    const check = literalCheck(re);
    if (check !== null) hints.push({ name: c.metavariable, key: `${c.metavariable}=~${c.regex}`, check });
  }
  return hints;
}

const heldMemo = new WeakMap<EvalTarget, Map<Hint, boolean>>();

/** Whether the target's text has the hint's literals (once per target and hint). */
function holdsIn(h: Hint, target: EvalTarget): boolean {
  let memo = heldMemo.get(target);
  if (!memo) {
    memo = new Map();
    heldMemo.set(target, memo);
  }
  let held = memo.get(h);
  if (held === undefined) {
    held = h.check(target.text);
    memo.set(h, held);
  }
  return held;
}

const bindMemo = new WeakMap<Formula, Map<string, boolean>>();

/** Whether ranges of `f` may carry a binding of `name` (by its patterns, regex groups or conditions). */
function mayBind(f: Formula, name: string): boolean {
  let memo = bindMemo.get(f);
  if (!memo) {
    memo = new Map();
    bindMemo.set(f, memo);
  }
  let bound = memo.get(name);
  if (bound === undefined) {
    bound = computeMayBind(f, name);
    memo.set(name, bound);
  }
  return bound;
}

function computeMayBind(f: Formula, name: string): boolean {
  switch (f.kind) {
    case "pattern":
      return new RegExp(`\\$(?:\\.\\.\\.)?${name.slice(1).replace(/[^\w]/g, "\\$&")}(?![A-Za-z0-9_])`).test(
        f.pattern,
      );
    case "regex":
      return true;
    case "either":
      return f.branches.some((b) => mayBind(b, name));
    case "all":
      return [...f.positives, ...f.inside].some((p) => mayBind(p, name)) || conditionsMayBind(f, name);
  }
}

/** Whether the conditions of `f` may add a binding of `name` (regex capture groups, nested patterns). */
function conditionsMayBind(f: AllFormula, name: string): boolean {
  return f.conditions.some((c) =>
    c.kind === "metavariable-regex"
      ? /^\$\d+$/.test(name) || c.regex.includes(name.slice(1))
      : c.kind === "metavariable-pattern" && mayBind(c.formula, name),
  );
}

/**
 * The hints (own metavariable-regex conditions, or inherited from an enclosing
 * `patterns`) that hold for the ranges of one conjunct: those on a metavariable
 * no other conjunct may bind, so a final range's binding of it comes from this
 * conjunct's match, inside the node it matched.
 */
function hintsFor(conjunct: Formula, conjuncts: readonly Formula[], hints: readonly Hint[]): Hint[] {
  return hints.filter((h) => conjuncts.every((c) => c === conjunct || !mayBind(c, h.name)));
}

/** Only regions holding a range of an enclosing conjunction with bindings that can unify (see insideRegion). */
interface Region {
  key: string;
  test: (text: string, start: number, end: number) => boolean;
}

function filterOf(hints: readonly Hint[], region: Region | null): CandidateFilter | undefined {
  if (hints.length === 0 && region === null) return undefined;
  const keys = hints.map((h) => h.key).sort();
  if (region) keys.push(region.key);
  return {
    key: keys.join("\u0000"),
    test: (text, start, end) =>
      hints.every((h) => h.check(text)) && (!region || region.test(text, start, end)),
  };
}

const mustMemo = new WeakMap<Formula, Map<string, boolean>>();

/** Whether every range of `f` binds `name` (a pattern binds each metavariable it names). */
function mustBind(f: Formula, name: string): boolean {
  let memo = mustMemo.get(f);
  if (!memo) {
    memo = new Map();
    mustMemo.set(f, memo);
  }
  let bound = memo.get(name);
  if (bound === undefined) {
    switch (f.kind) {
      case "pattern":
        bound = mayBind(f, name);
        break;
      case "regex":
        bound = false;
        break;
      case "either":
        bound = f.branches.every((b) => mustBind(b, name));
        break;
      case "all":
        bound = [...f.positives, ...f.inside].some((p) => mustBind(p, name));
        break;
    }
    memo.set(name, bound);
  }
  return bound;
}

let regionIds = 0;

/**
 * A pattern-inside range y is kept only around a range x of the positives
 * (x within y) whose bindings agree with y's: a metavariable both bind has
 * equal keys, so every word of x's key is in y's binding, hence in any region
 * holding y. Regions without such an x hold no useful match of `inside`.
 */
function insideRegion(inside: Formula, positives: EvalRange[]): Region {
  const index = new ContainmentIndex(positives);
  const words = new Map<EvalRange, string[]>();
  const wordsOf = (x: EvalRange): string[] => {
    let ws = words.get(x);
    if (!ws) {
      ws = [];
      for (const [name, b] of Object.entries(x.bindings))
        if (mustBind(inside, name)) ws.push(...(b.key.match(/[\w$]+/g) ?? []));
      words.set(x, ws);
    }
    return ws;
  };
  return {
    key: `inside#${regionIds++}`,
    test: (text, start, end) =>
      index.within(start, end).some((x) => wordsOf(x).every((w) => text.includes(w))),
  };
}

/**
 * `inherited`: hints from enclosing conjunctions. A hint whose literals are
 * absent from the file empties the conjunction before any matching; the others
 * let pattern leaves skip nodes whose text lacks their literals.
 */
function evaluateAll(
  f: AllFormula,
  target: EvalTarget,
  env: EvalEnv,
  inherited: readonly Hint[],
): EvalRange[] {
  const own = ownHints(f, target);
  if (own.some((h) => !holdsIn(h, target))) return [];
  // An enclosing condition sees this conjunction's ranges with the bindings its own conditions add.
  const hints = [...own, ...inherited.filter((h) => !conditionsMayBind(f, h.name))];
  const { selector, positives } = splitSelector(f);
  const conjuncts = [...f.positives, ...f.inside];
  // A conjunct without ranges empties the intersection: the ones after it are not evaluated
  // (positives first, the usually costlier pattern-insides last).
  const results: EvalRange[][] = [];
  for (const p of positives) {
    const rs = evaluateRanges(p, target, env, hintsFor(p, conjuncts, hints));
    if (rs.length === 0) return [];
    results.push(rs);
  }
  // The positives' intersection, which every pattern-inside range must hold a range of.
  let plain: EvalRange[] | null = null;
  for (const rs of results) if (rs[0]?.kind !== "inside") plain = plain ? intersectRanges(plain, rs) : rs;
  if (plain !== null && plain.length === 0) return [];
  for (const p of f.inside) {
    const region = plain && regionable(p) ? insideRegion(p, plain) : null;
    const rs = asInside(evaluateRanges(p, target, env, hintsFor(p, conjuncts, hints), region));
    if (rs.length === 0) return [];
    results.push(rs);
  }
  // Semgrep orders the conjuncts whose ranges come from pattern-inside last (`plain` is the first part).
  const later = results.filter((rs) => rs[0]?.kind === "inside");
  let ranges: EvalRange[];
  if (plain !== null) ranges = plain;
  else if (later.length > 0) ranges = later.shift() ?? [];
  else if (target.context) ranges = [target.context];
  else throw new UnsupportedRuleError(NO_POSITIVE_TERM);
  for (const next of later) ranges = intersectRanges(ranges, next);
  if (selector && ranges.length > 0) ranges = select(selector, ranges, target, env);
  if (ranges.length === 0) return [];
  for (const neg of f.negatives) ranges = differenceRanges(ranges, evaluateRanges(neg, target, env));
  for (const neg of f.notInside)
    ranges = differenceRanges(ranges, asInside(evaluateRanges(neg, target, env)));
  let pending: Pending[] = ranges.map((range) => ({ range, added: [] }));
  for (const condition of f.conditions) {
    if (pending.length === 0) break;
    pending = applyCondition(condition, pending, target, env, evaluateRanges);
  }
  return uniqueRanges(applyFocus(f.focus, expandPersistent(pending)));
}

/**
 * Ranges (with kinds and bindings) of a formula on a target; the evaluator's recursion.
 * `hints`: conditions every range of `formula` that matters must meet (see evaluateAll).
 */
export function evaluateRanges(
  formula: Formula,
  target: EvalTarget,
  env: EvalEnv,
  hints: readonly Hint[] = [],
  region: Region | null = null,
): EvalRange[] {
  switch (formula.kind) {
    case "pattern":
      return patternLeaf(formula.pattern, target, env, filterOf(hints, region));
    case "regex":
      return regexLeaf(formula.regex, target);
    case "either":
      return uniqueRanges(formula.branches.flatMap((b) => evaluateRanges(b, target, env, hints, region)));
    case "all":
      return evaluateAll(formula, target, env, hints);
  }
}

/** Whether a region filter can go down to `f`'s leaves: its ranges are those of its patterns. */
function regionable(f: Formula): boolean {
  return f.kind === "pattern" || (f.kind === "either" && f.branches.every(regionable));
}

/** The bindings as they are (keys stay lazy), without the evaluator's `textual` mark. */
function toMatch(r: EvalRange): FormulaMatch {
  const bindings: Record<string, Binding> = {};
  for (const [name, b] of Object.entries(r.bindings)) {
    bindings[name] = b.textual ? { text: b.text, key: b.key, start: b.start, end: b.end } : b;
  }
  return { start: r.start, end: r.end, bindings };
}

/** Evaluates formulas on one file, sharing the parse and each pattern's matches across them. */
export interface FileEvaluator {
  evaluate(formula: Formula): FormulaMatch[];
}

/**
 * `language` null: a regex-only rule (languages: [regex]), where a `pattern` is an error.
 * `parse` is called at most once, when a `pattern` needs the tree.
 */
export function createFileEvaluator(
  matcher: PatternMatcher,
  language: EmbeddedLanguage | null,
  text: string,
  parse: () => ParsedFile,
): FileEvaluator {
  let parsed: ParsedFile | undefined;
  const target: EvalTarget = {
    text,
    base: 0,
    language,
    parsed: () => (parsed ??= parse()),
    fromParsed: (offset) => offset,
    context: null,
  };
  const env: EvalEnv = { matcher, leafCache: new WeakMap() };
  return {
    evaluate: (formula) => dedupByRange(evaluateRanges(formula, target, env)).map(toMatch),
  };
}

/**
 * All matches of `formula` in `file`. Throws UnsupportedRuleError for what the
 * evaluator cannot run and lets the matcher's UnsupportedPatternError through.
 */
export function evaluateFormula(formula: Formula, file: ParsedFile, matcher: PatternMatcher): FormulaMatch[] {
  return createFileEvaluator(matcher, file.language, file.text, () => file).evaluate(formula);
}
