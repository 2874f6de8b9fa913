/**
 * Runs one `mode: taint` rule on one file: evaluates the sources, sinks,
 * sanitizers and propagators with the formula evaluator, runs the taint
 * analysis (taint-analysis.ts) on the file's syntax tree, and returns one match
 * per sink reached by taint — at the sink's range (Semgrep reports the sink),
 * with the sink's bindings plus the source's bindings for the names the sink
 * does not bind (Semgrep's default; with `taint_unify_mvars: true` a source
 * whose bindings disagree with the sink's does not count).
 *
 * `taintRuleProblems` lists, without any file, what keeps a taint rule from
 * running; `taintLanguageProblem` (taint-lang.ts) which languages it cannot run on.
 */
import type { Formula, Rule, TaintSpec } from "../types.js";
import type { FormulaMatch } from "./evaluate-formula.js";
import type { Binding } from "./match-types.js";
import { TaintAnalysis, reachedSinks, type PropagatorMatch, type TaintInputs } from "./taint-analysis.js";
import { taintLangFor } from "./taint-lang.js";
import { SpecIndex, type SpecMatch } from "./taint-specs.js";
import type { TaintTree } from "./taint-tree.js";

export { taintLanguageProblem } from "./taint-lang.js";

/**
 * Whether a sink spec "has focus": a `patterns` with focus-metavariable at its
 * top (Semgrep's heuristic for exact sinks: without focus, a sink matching a
 * call makes each argument a sink rather than the call's value).
 */
export function hasFocus(formula: Formula): boolean {
  return formula.kind === "all" && formula.focus.length > 0;
}

/** Why the embedded engine cannot run this taint rule at all (empty when it can). */
export function taintRuleProblems(rule: Rule): string[] {
  if (!rule.taint) return ['mode "taint" without a parsed taint specification'];
  return [...rule.taint.unsupported];
}

/** Every formula of a taint spec (for static checks and pattern validation). */
export function taintFormulas(spec: TaintSpec): Formula[] {
  return [...spec.sources, ...spec.sinks, ...spec.sanitizers, ...spec.propagators].map((s) => s.formula);
}

/** The sink's bindings plus the source's for names the sink does not bind; null when unification fails. */
function mergeBindings(
  sink: FormulaMatch,
  source: FormulaMatch | undefined,
  unify: boolean,
): Record<string, Binding> | null {
  const merged: Record<string, Binding> = {};
  for (const [name, b] of Object.entries(source?.bindings ?? {})) {
    const own = sink.bindings[name];
    if (own === undefined) merged[name] = b;
    else if (unify && own.key !== b.key) return null;
  }
  return { ...merged, ...sink.bindings };
}

export interface TaintFileContext {
  /** Evaluates a formula on the file (shared caches with the search rules). */
  evaluate(formula: Formula): FormulaMatch[];
  /** The file's syntax tree for the analysis (built on first use). */
  tree(): TaintTree;
}

/** The matches of a taint rule on one file (language: the file's; other languages give none). */
export function evaluateTaint(
  spec: TaintSpec,
  file: TaintFileContext,
  language: TaintTree["language"],
): FormulaMatch[] {
  const lang = taintLangFor(language);
  if (lang === null) return [];
  const sourceMatches = spec.sources.map((s) => file.evaluate(s.formula));
  if (sourceMatches.every((m) => m.length === 0)) return [];
  const sinkMatches = spec.sinks.map((s) => file.evaluate(s.formula));
  if (sinkMatches.every((m) => m.length === 0)) return [];
  let claimed: Set<string> | undefined;
  const rangeKey = (m: FormulaMatch): string => `${m.start}:${m.end}`;
  const sanitizerMatches = spec.sanitizers.map((s) => {
    const found = file.evaluate(s.formula);
    if (!s.notConflicting) return found;
    claimed ??= new Set([...sourceMatches, ...sinkMatches].flatMap((ms) => ms.map(rangeKey)));
    const taken = claimed;
    return found.filter((m) => !taken.has(rangeKey(m)));
  });
  const propagators: PropagatorMatch[] = [];
  spec.propagators.forEach((p) => {
    for (const m of file.evaluate(p.formula)) {
      const from = m.bindings[p.from];
      const to = m.bindings[p.to];
      if (from && to) propagators.push({ index: propagators.length, from, to, bySideEffect: p.bySideEffect });
    }
  });
  const tree = file.tree();
  const inputs: TaintInputs = {
    spec,
    sources: new SpecIndex(tree.root, sourceMatches),
    sinks: new SpecIndex(tree.root, sinkMatches),
    sanitizers: new SpecIndex(tree.root, sanitizerMatches),
    propagators,
    sinkHasFocus: spec.sinks.map((s) => hasFocus(s.formula)),
  };
  const analysis = new TaintAnalysis(tree, lang, inputs);
  analysis.run();
  const out: FormulaMatch[] = [];
  const seen = new Set<string>();
  for (const { sink, sources } of reachedSinks(analysis, inputs)) {
    const key = `${sink.match.start}:${sink.match.end}`;
    if (seen.has(key)) continue;
    const bindings = firstMerge(sink, sources, spec.options.unifyMetavariables);
    if (bindings === null) continue;
    seen.add(key);
    out.push({ start: sink.match.start, end: sink.match.end, bindings });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

function firstMerge(sink: SpecMatch, sources: SpecMatch[], unify: boolean): Record<string, Binding> | null {
  for (const source of sources) {
    const merged = mergeBindings(sink.match, source.match, unify);
    if (merged !== null) return merged;
  }
  return null;
}
