/**
 * Leaves of a formula: `pattern` (the structural matcher) and `pattern-regex`.
 * Inside metavariable-pattern the matcher runs on the bound snippet: its
 * offsets are shifted back into the target file, and (as Semgrep seeds the
 * match environment with the outer bindings) matches that bind an outer
 * metavariable to different code are dropped, the others carry the outer bindings.
 */
import type { Bindings, EvalEnv, EvalRange, EvalTarget } from "./evaluate-types.js";
import { compatibleBindings } from "./evaluate-ranges.js";
import { UnsupportedRuleError } from "./evaluate-errors.js";
import { searchAll } from "./regex-match.js";
import { UnsupportedRegexError } from "./regex-translate.js";
import type { Binding, CandidateFilter, PatternMatch } from "./match-types.js";

/** `b` at another position; its `key` is still read from `b` only when needed (the matcher computes it lazily). */
function moved(b: Binding, start: number, end: number): Binding {
  const out = { text: b.text, start, end } as Binding;
  return Object.defineProperty(out, "key", { enumerable: true, get: () => b.key });
}

/** A match in target-file offsets; top-level matches are used as they are. */
function inTarget(m: PatternMatch, target: EvalTarget): EvalRange {
  if (target.context === null) return { start: m.start, end: m.end, kind: "plain", bindings: m.bindings };
  const lo = target.base;
  const hi = target.base + target.text.length;
  const clamp = (n: number): number => Math.min(Math.max(target.fromParsed(n), lo), hi);
  const bindings: Bindings = {};
  for (const [name, b] of Object.entries(m.bindings)) bindings[name] = moved(b, clamp(b.start), clamp(b.end));
  return { start: clamp(m.start), end: clamp(m.end), kind: "plain", bindings };
}

/** `filter`: only matches in nodes whose text passes it are needed (see evaluate-formula.ts). */
export function patternLeaf(
  pattern: string,
  target: EvalTarget,
  env: EvalEnv,
  filter?: CandidateFilter,
): EvalRange[] {
  let perTarget = env.leafCache.get(target);
  if (!perTarget) {
    perTarget = new Map();
    env.leafCache.set(target, perTarget);
  }
  const cacheKey = filter ? `${pattern}\u0000${filter.key}` : pattern;
  const cached = perTarget.get(cacheKey);
  if (cached) return cached;
  if (target.language === null) {
    throw new UnsupportedRuleError("`pattern` in a rule whose only language is regex");
  }
  const file = target.parsed();
  let ranges = env.matcher.match(pattern, file, filter).map((m) => inTarget(m, target));
  const outer = target.context?.bindings;
  if (outer) {
    ranges = ranges
      .filter((r) => compatibleBindings(r.bindings, outer))
      .map((r) => ({ ...r, bindings: { ...outer, ...r.bindings } }));
  }
  perTarget.set(cacheKey, ranges);
  return ranges;
}

/** Wraps regex translation failures as rule-level unsupported errors. */
export function withRegex<T>(regex: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof UnsupportedRegexError) {
      throw new UnsupportedRuleError(`regex ${JSON.stringify(regex)}: ${err.reason}`);
    }
    throw err;
  }
}

export function regexLeaf(regex: string, target: EvalTarget): EvalRange[] {
  return withRegex(regex, () =>
    searchAll(regex, target.text, target.base).map((hit) => {
      const bindings: Bindings = {};
      for (const g of hit.groups) {
        bindings[g.name] = { text: g.text, key: g.text, start: g.start, end: g.end, textual: true };
      }
      return { start: hit.start, end: hit.end, kind: "regexp" as const, bindings };
    }),
  );
}
