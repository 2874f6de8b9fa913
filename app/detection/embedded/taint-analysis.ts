/**
 * Intraprocedural taint analysis over the syntax tree, after Semgrep's
 * Dataflow_tainting.ml (semgrep.dev "Taint analysis"):
 *
 * - Units: the top-level code and each function definition, each with an
 *   empty environment; parameters a source matches are tainted on entry (a
 *   default value's taint too). Lambdas / arrow functions / function
 *   expressions are analysed where they appear, with the environment there.
 * - Statements run in order; `if`/`else`, `try`/`except`, `switch` and
 *   conditional expressions join their branches (a variable is tainted after
 *   them when it is on some branch); loops run to a fixpoint (at most
 *   MAX_LOOP_PASSES passes); code after return/raise/break is not analysed.
 * - An expression inside a source match is tainted (sources are not exact by
 *   default; `exact: true` keeps the best-matching, i.e. outermost, code
 *   only). Variables and attribute paths (`x`, `x.a`, `self.a.b`) carry taint
 *   through assignments, augmented assignments, declarations, tuple and
 *   destructuring assignments, for loops, `with ... as`; an assignment of
 *   clean data cleans the target. Taint flows through operators, f-strings and
 *   template literals, containers, attribute and index access, and calls (from
 *   the arguments and the callee/receiver to the result, unless
 *   taint_assume_safe_functions).
 * - A sanitized expression (inside a sanitizer match, not exact by default)
 *   is clean and is not looked into; a by-side-effect sanitizer matching an
 *   l-value exactly cleans it from there on. By-side-effect sources taint the
 *   l-value they match exactly from there on ("only": not that occurrence).
 * - Propagators: the taint of the code bound to `from` flows to the code
 *   bound to `to` (and, by side effect, to the `to` l-value).
 * - Sinks are exact by default: a sink match counts at its best-matching
 *   (outermost) code; when that is a call and the sink has no
 *   focus-metavariable, the call's arguments are what must be tainted (not the
 *   callee). `exact: false`: any tainted code inside the match counts.
 * The result: each sink match reached by taint, with the sources that reach it.
 */
import { CLEAN, TaintEnv, union } from "./taint-env.js";
import { isStatement } from "./taint-lang.js";
import { allNodes, namedChildren, type TaintNode } from "./taint-node.js";
import type { SpecMatch } from "./taint-specs.js";
import { TaintStatements } from "./taint-statements.js";
import { single, type TaintInputs } from "./taint-types.js";

export type { PropagatorMatch, TaintInputs } from "./taint-types.js";

export class TaintAnalysis extends TaintStatements {
  private readonly analysed = new Set<TaintNode>();

  /** Analyses the top level, then each function (skipping those no sink match overlaps: they cannot report). */
  run(): void {
    const hasSink = (start: number, end: number): boolean => this.inputs.sinks.overlaps(start, end);
    this.unit(() => this.exec(this.tree.root, new TaintEnv()));
    for (const fn of this.tree.findAll([...this.lang.functions], hasSink)) {
      this.unit(() => this.analyseFunction(fn, new TaintEnv()));
    }
    // Lambdas the walk never reached (in dead code, or in places it does not evaluate).
    for (const fn of this.tree.findAll([...this.lang.lambdas], hasSink)) {
      if (!this.analysed.has(fn)) this.unit(() => this.analyseFunction(fn, new TaintEnv()));
    }
  }

  // ---- functions ------------------------------------------------------------

  protected analyseFunction(fn: TaintNode, env: TaintEnv): void {
    this.analysed.add(fn);
    const savedFlows = this.flows;
    this.flows = [];
    this.stack.push(null);
    try {
      const params = this.tree.field(fn, "parameters") ?? this.tree.field(fn, "parameter");
      if (params) {
        const list = this.lang.identifiers.has(params.kind) ? [params] : namedChildren(params);
        for (const p of list) this.bindParameter(p, env);
      }
      const body = this.tree.field(fn, "body");
      if (!body) return;
      if (isStatement(this.lang, body.kind)) this.exec(body, env);
      else this.eval(body, env);
    } finally {
      this.stack.pop();
      this.flows = savedFlows;
    }
  }

  protected bindParameter(p: TaintNode, env: TaintEnv): void {
    if (this.lang.skip.has(p.kind)) return;
    const target =
      this.tree.field(p, "pattern") ??
      this.tree.field(p, "name") ??
      this.tree.field(p, "left") ??
      (this.lang.identifiers.has(p.kind) || this.lang.patterns.has(p.kind)
        ? p
        : (namedChildren(p).find(
            (c) => this.lang.identifiers.has(c.kind) || this.lang.patterns.has(c.kind),
          ) ?? null));
    if (!target) return;
    const fallback = this.tree.field(p, "value") ?? this.tree.field(p, "right");
    let taint = fallback ? this.eval(fallback, env) : CLEAN;
    for (const node of allNodes(target)) {
      if (!this.lang.identifiers.has(node.kind)) continue;
      this.inputs.sources.each(node, (m) => {
        taint = union(taint, single(m.id));
      });
    }
    this.assignTarget(target, taint, env);
  }
}

/** The results of a finished analysis: sink match → source matches that reach it (in source order). */
export function reachedSinks(
  analysis: TaintAnalysis,
  inputs: TaintInputs,
): Array<{ sink: SpecMatch; sources: SpecMatch[] }> {
  const out: Array<{ sink: SpecMatch; sources: SpecMatch[] }> = [];
  for (const [id, taint] of analysis.findings) {
    const sink = inputs.sinks.all[id];
    if (!sink) continue;
    const sources = [...taint]
      .sort((a, b) => a - b)
      .flatMap((s) => {
        const m = inputs.sources.all[s];
        return m ? [m] : [];
      });
    out.push({ sink, sources });
  }
  return out.sort((a, b) => a.sink.id - b.sink.id);
}
