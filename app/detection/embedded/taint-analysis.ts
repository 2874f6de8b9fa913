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
import type { TaintSpec } from "../types.js";
import { CLEAN, MAX_SOURCES, TaintEnv, union, unionAll, type Taint } from "./taint-env.js";
import { isStatement, type TaintLang } from "./taint-lang.js";
import type { SpecIndex, SpecMatch } from "./taint-specs.js";
import { allNodes, namedChildren, type TaintNode } from "./taint-node.js";
import type { TaintTree } from "./taint-tree.js";

/** Passes over a loop body before giving up on a fixpoint. */
const MAX_LOOP_PASSES = 4;
/** Longer left-nested operator chains are evaluated iteratively (deep recursion overflows the stack). */
const MAX_RECURSIVE_CHAIN = 64;

interface Flow {
  kind: "loop" | "switch";
  breaks: TaintEnv[];
  continues: TaintEnv[];
}

interface Lval {
  full: Taint;
  /** Taint from sources / propagators on the path or its prefixes (not from the environment). */
  fresh: Taint;
  sanitized: boolean;
}

interface Evaluated {
  taint: Taint;
  /** For calls: the arguments' taint (what an exact sink without focus checks). */
  args: Taint | null;
}

/** A propagator match: the ranges of its `from` and `to` bindings. */
export interface PropagatorMatch {
  index: number;
  from: { start: number; end: number };
  to: { start: number; end: number };
  bySideEffect: boolean;
}

export interface TaintInputs {
  spec: TaintSpec;
  sources: SpecIndex;
  sinks: SpecIndex;
  sanitizers: SpecIndex;
  propagators: PropagatorMatch[];
  /** Per sink spec: whether its formula has a focus-metavariable. */
  sinkHasFocus: readonly boolean[];
}

const rangeKey = (start: number, end: number): string => `${start}:${end}`;
const propagatorVar = (index: number): string => `\u0000propagator${index}`;
const singletons = new Map<number, Taint>();
const single = (id: number): Taint => {
  let t = singletons.get(id);
  if (!t) {
    t = new Set([id]);
    if (singletons.size < 10_000) singletons.set(id, t);
  }
  return t;
};
const SIMPLE_NAME = /^[#$\w]+$/u;

export class TaintAnalysis {
  /** Sink match id → the taint that reached it. */
  readonly findings = new Map<number, Taint>();
  private readonly stack: Array<TaintNode | null> = [];
  private flows: Flow[] = [];
  private readonly analysed = new Set<TaintNode>();
  private readonly propFrom = new Map<string, PropagatorMatch[]>();
  private readonly propTo = new Map<string, PropagatorMatch[]>();
  private readonly pending = new Map<number, Set<string>>();
  /** Whether some source acts by side effect (then every source match of a node is looked at). */
  private readonly sideEffectSources: boolean;

  constructor(
    private readonly tree: TaintTree,
    private readonly lang: TaintLang,
    private readonly inputs: TaintInputs,
  ) {
    this.sideEffectSources = inputs.spec.sources.some((s) => s.bySideEffect !== "no");
    for (const p of inputs.propagators) {
      for (const [map, r] of [
        [this.propFrom, p.from],
        [this.propTo, p.to],
      ] as const) {
        const key = rangeKey(r.start, r.end);
        const list = map.get(key);
        if (list) list.push(p);
        else map.set(key, [p]);
      }
    }
  }

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

  private unit(run: () => void): void {
    this.pending.clear();
    run();
  }

  // ---- functions ------------------------------------------------------------

  private analyseFunction(fn: TaintNode, env: TaintEnv): void {
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

  private bindParameter(p: TaintNode, env: TaintEnv): void {
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

  // ---- statements -----------------------------------------------------------

  private visit(node: TaintNode, env: TaintEnv): Taint {
    if (isStatement(this.lang, node.kind)) {
      this.exec(node, env);
      return CLEAN;
    }
    return this.eval(node, env);
  }

  private exec(node: TaintNode, env: TaintEnv): void {
    if (env.dead || this.lang.skip.has(node.kind) || this.lang.functions.has(node.kind)) return;
    switch (node.kind) {
      case "if_statement":
        return this.execIf(node, env);
      case "for_statement":
        return this.lang.family === "python" ? this.execForIn(node, env) : this.execFor(node, env);
      case "for_in_statement":
        return this.execForIn(node, env);
      case "while_statement":
        return this.execWhile(node, env);
      case "do_statement":
        return this.execDo(node, env);
      case "try_statement":
        return this.execTry(node, env);
      case "switch_statement":
        return this.execSwitch(node, env);
      case "match_statement":
        return this.execMatch(node, env);
      case "return_statement":
      case "raise_statement":
      case "throw_statement":
        for (const child of namedChildren(node)) this.visit(child, env);
        env.dead = true;
        return;
      case "break_statement":
      case "continue_statement":
        return this.execJump(node.kind === "break_statement", env);
      default:
        for (const child of namedChildren(node)) {
          if (env.dead) return;
          if (!this.lang.skip.has(child.kind)) this.visit(child, env);
        }
    }
  }

  private execJump(isBreak: boolean, env: TaintEnv): void {
    const target = isBreak
      ? this.flows[this.flows.length - 1]
      : this.flows.findLast((f) => f.kind === "loop");
    if (target) (isBreak ? target.breaks : target.continues).push(env.clone());
    env.dead = true;
  }

  private execIf(node: TaintNode, env: TaintEnv): void {
    const condition = this.tree.field(node, "condition");
    if (condition) this.eval(condition, env);
    const branches: TaintEnv[] = [];
    const consequence = this.tree.field(node, "consequence");
    const taken = env.clone();
    if (consequence) this.exec(consequence, taken);
    branches.push(taken);
    let rest: TaintEnv | null = env;
    for (const alt of this.tree.fieldAll(node, "alternative")) {
      if (!rest) break;
      if (alt.kind === "elif_clause") {
        const cond = this.tree.field(alt, "condition");
        if (cond) this.eval(cond, rest);
        const branch = rest.clone();
        const body = this.tree.field(alt, "consequence");
        if (body) this.exec(body, branch);
        branches.push(branch);
      } else {
        const branch = rest.clone();
        this.exec(alt, branch);
        branches.push(branch);
        rest = null;
      }
    }
    if (rest) branches.push(rest.clone());
    env.assign(TaintEnv.join(branches));
  }

  private loop(env: TaintEnv, body: (iteration: TaintEnv) => void, orElse: TaintNode | null = null): void {
    if (env.dead) return;
    let head = env.clone();
    const exits: TaintEnv[] = [];
    for (let pass = 0; pass < MAX_LOOP_PASSES; pass++) {
      const iteration = head.clone();
      const flow: Flow = { kind: "loop", breaks: [], continues: [] };
      this.flows.push(flow);
      try {
        body(iteration);
      } finally {
        this.flows.pop();
      }
      exits.push(...flow.breaks);
      const next = TaintEnv.join([head, iteration, ...flow.continues]);
      if (next.equals(head)) break;
      head = next;
    }
    const normal = head.clone();
    if (orElse) this.exec(orElse, normal);
    env.assign(TaintEnv.join([normal, ...exits]));
  }

  private execForIn(node: TaintNode, env: TaintEnv): void {
    const right = this.tree.field(node, "right");
    const left = this.tree.field(node, "left");
    const body = this.tree.field(node, "body");
    const taint = right ? this.eval(right, env) : CLEAN;
    const orElse = this.tree.fieldAll(node, "alternative")[0] ?? null;
    this.loop(
      env,
      (it) => {
        if (left) this.assignTarget(left, taint, it);
        if (body) this.exec(body, it);
      },
      orElse,
    );
  }

  private execFor(node: TaintNode, env: TaintEnv): void {
    const init = this.tree.field(node, "initializer");
    if (init) this.visit(init, env);
    const condition = this.tree.field(node, "condition");
    const increment = this.tree.field(node, "increment");
    const body = this.tree.field(node, "body");
    this.loop(env, (it) => {
      if (condition) this.visit(condition, it);
      if (body) this.exec(body, it);
      if (increment && !it.dead) this.visit(increment, it);
    });
  }

  private execWhile(node: TaintNode, env: TaintEnv): void {
    const condition = this.tree.field(node, "condition");
    const body = this.tree.field(node, "body");
    if (condition) this.eval(condition, env);
    this.loop(
      env,
      (it) => {
        if (body) this.exec(body, it);
        if (condition && !it.dead) this.eval(condition, it);
      },
      this.tree.fieldAll(node, "alternative")[0] ?? null,
    );
  }

  private execDo(node: TaintNode, env: TaintEnv): void {
    const condition = this.tree.field(node, "condition");
    const body = this.tree.field(node, "body");
    this.loop(env, (it) => {
      if (body) this.exec(body, it);
      if (condition && !it.dead) this.eval(condition, it);
    });
  }

  private execTry(node: TaintNode, env: TaintEnv): void {
    const before = env.clone();
    const body = this.tree.field(node, "body") ?? namedChildren(node).find((c) => c.kind === "block") ?? null;
    if (body) this.exec(body, env);
    const handlers: TaintNode[] = [];
    let orElse: TaintNode | null = null;
    let final: TaintNode | null = null;
    for (const child of namedChildren(node)) {
      if (child === body) continue;
      if (
        child.kind === "except_clause" ||
        child.kind === "except_group_clause" ||
        child.kind === "catch_clause"
      )
        handlers.push(child);
      else if (child.kind === "else_clause") orElse = child;
      else if (child.kind === "finally_clause") final = child;
    }
    if (orElse) this.exec(orElse, env);
    const outcomes = [env.clone()];
    for (const handler of handlers) {
      const h = TaintEnv.join([before, env]);
      h.dead = false;
      const param = this.tree.field(handler, "parameter");
      if (param) this.assignTarget(param, CLEAN, h);
      const handlerBody = this.tree.field(handler, "body");
      if (handlerBody && handler.kind === "catch_clause") this.exec(handlerBody, h);
      else this.exec(handler, h);
      outcomes.push(h);
    }
    const out = TaintEnv.join(outcomes);
    if (final) {
      const wasDead = out.dead;
      out.dead = false;
      this.exec(final, out);
      out.dead = out.dead || wasDead;
    }
    env.assign(out);
  }

  private execSwitch(node: TaintNode, env: TaintEnv): void {
    const value = this.tree.field(node, "value");
    if (value) this.eval(value, env);
    const body = this.tree.field(node, "body");
    const flow: Flow = { kind: "switch", breaks: [], continues: [] };
    this.flows.push(flow);
    let fallthrough: TaintEnv | null = null;
    try {
      for (const c of body ? namedChildren(body) : []) {
        const branch: TaintEnv = fallthrough ? TaintEnv.join([env, fallthrough]) : env.clone();
        branch.dead = false;
        const caseValue = this.tree.field(c, "value");
        if (caseValue) this.eval(caseValue, branch);
        for (const stmt of this.tree.fieldAll(c, "body")) this.visit(stmt, branch);
        fallthrough = branch;
      }
    } finally {
      this.flows.pop();
    }
    env.assign(TaintEnv.join([env, ...(fallthrough ? [fallthrough] : []), ...flow.breaks]));
    if (flow.continues.length > 0) {
      const loop = this.flows.findLast((f) => f.kind === "loop");
      loop?.continues.push(...flow.continues);
    }
  }

  private execMatch(node: TaintNode, env: TaintEnv): void {
    const subject = this.tree.field(node, "subject");
    const taint = subject ? this.eval(subject, env) : CLEAN;
    const body = this.tree.field(node, "body");
    const branches = [env.clone()];
    for (const c of body ? namedChildren(body) : []) {
      if (c.kind !== "case_clause") continue;
      const branch = env.clone();
      for (const part of namedChildren(c)) {
        if (part.kind === "case_pattern") {
          for (const n of allNodes(part)) if (n.kind === "identifier") branch.set(this.tree.source(n), taint);
        } else if (part.kind === "block") this.exec(part, branch);
        else this.visit(part, branch);
      }
      branches.push(branch);
    }
    env.assign(TaintEnv.join(branches));
  }

  // ---- expressions ----------------------------------------------------------

  /** The l-value path of `node` (`x`, `x.a.b`, `this.a`), or null when it is not one. */
  private pathOf(node: TaintNode): string | null {
    if (this.lang.identifiers.has(node.kind)) return this.tree.source(node);
    if (this.lang.self.has(node.kind)) return "this";
    const access = this.lang.members.get(node.kind);
    if (!access) return null;
    const object = this.tree.field(node, access.object);
    const member = this.tree.field(node, access.member);
    if (!object || !member) return null;
    const base = this.pathOf(object);
    const name = this.tree.source(member);
    return base !== null && SIMPLE_NAME.test(name) ? `${base}.${name}` : null;
  }

  /** The nearest expression being evaluated around `node` (null at a statement or function boundary). */
  private evaluatedParent(node: TaintNode): TaintNode | null {
    const top = this.stack[this.stack.length - 1] ?? null;
    if (top !== node) return top;
    return this.stack[this.stack.length - 2] ?? null;
  }

  /** Whether `node` is the best (outermost) match of `spec` in `index` (Semgrep's Taint_spec_match best matches). */
  private isBest(node: TaintNode, index: SpecIndex, spec: number): boolean {
    const parent = this.evaluatedParent(node);
    return parent === null || !index.covers(parent, spec);
  }

  private sanitized(node: TaintNode, env: TaintEnv, path: string | null): boolean {
    let hit = false;
    this.inputs.sanitizers.each(node, (m) => {
      const spec = this.inputs.spec.sanitizers[m.spec];
      if (!spec || (spec.exact && !this.isBest(node, this.inputs.sanitizers, m.spec))) return;
      hit = true;
      if (spec.bySideEffect && path !== null && m.match.start === node.start && m.match.end === node.end) {
        env.set(path, CLEAN);
      }
    });
    return hit;
  }

  private sourceTaint(node: TaintNode, env: TaintEnv, path: string | null): Taint {
    let out = CLEAN;
    const sideEffects = this.sideEffectSources;
    this.inputs.sources.some(node, (m) => {
      const spec = this.inputs.spec.sources[m.spec];
      if (!spec) return false;
      const exactHere = m.match.start === node.start && m.match.end === node.end;
      if (spec.bySideEffect !== "no" && path !== null && exactHere) {
        env.add(path, single(m.id));
        if (spec.bySideEffect === "yes") out = union(out, single(m.id));
        return false;
      }
      if (spec.bySideEffect === "only") return false;
      if (spec.exact && !this.isBest(node, this.inputs.sources, m.spec)) return false;
      out = union(out, single(m.id));
      // Enough sources for a value once the set is full, unless one may still act by side effect.
      return out.size >= MAX_SOURCES && !sideEffects;
    });
    return out;
  }

  private propagate(node: TaintNode, env: TaintEnv, taint: Taint, path: string | null): Taint {
    const key = rangeKey(node.start, node.end);
    for (const p of this.propFrom.get(key) ?? []) {
      if (taint.size === 0) continue;
      env.add(propagatorVar(p.index), taint);
      const waiting = this.pending.get(p.index);
      if (waiting) {
        for (const target of waiting) env.add(target, taint);
        this.pending.delete(p.index);
      }
    }
    let out = taint;
    for (const p of this.propTo.get(key) ?? []) {
      const incoming = env.read(propagatorVar(p.index));
      if (incoming.size > 0) {
        out = union(out, incoming);
        if (p.bySideEffect && path !== null) env.add(path, incoming);
      } else if (p.bySideEffect && path !== null) {
        const waiting = this.pending.get(p.index) ?? new Set<string>();
        waiting.add(path);
        this.pending.set(p.index, waiting);
      }
    }
    return out;
  }

  private checkSinks(node: TaintNode, taint: Taint, args: Taint | null): void {
    if (taint.size === 0 && (args === null || args.size === 0)) return;
    const matches = this.inputs.sinks.containing(node);
    if (matches.length === 0) return;
    const best = new Map<number, boolean>();
    for (const m of matches) {
      const spec = this.inputs.spec.sinks[m.spec];
      if (!spec) continue;
      let isBest = best.get(m.spec);
      if (isBest === undefined) {
        isBest = !spec.exact || this.isBest(node, this.inputs.sinks, m.spec);
        best.set(m.spec, isBest);
      }
      if (!isBest) continue;
      const reaching = spec.exact && args !== null && !this.inputs.sinkHasFocus[m.spec] ? args : taint;
      if (reaching.size === 0) continue;
      this.findings.set(m.id, union(this.findings.get(m.id) ?? CLEAN, reaching));
    }
  }

  private eval(node: TaintNode, env: TaintEnv): Taint {
    const kind = node.kind;
    if (env.dead || this.lang.skip.has(kind) || this.lang.functions.has(kind)) return CLEAN;
    if (isStatement(this.lang, kind)) {
      this.exec(node, env);
      return CLEAN;
    }
    if (this.lang.lambdas.has(kind)) {
      this.analyseFunction(node, env.clone());
      return CLEAN;
    }
    const path = this.pathOf(node);
    if (path !== null) return this.evalLval(node, path, env).full;
    if (this.lang.binary.has(kind)) {
      const spine = this.binarySpine(node);
      if (spine.length > MAX_RECURSIVE_CHAIN) return this.evalBinarySpine(spine, env);
    }
    if (this.sanitized(node, env, null)) {
      this.evalInsideSanitized(node, env);
      // A sanitized assignment assigns clean data (Semgrep: the instruction's result is clean).
      const assignment = this.lang.assignments.get(kind);
      const left = assignment && !assignment.augmented ? this.tree.field(node, assignment.left) : null;
      if (left) this.assignTarget(left, CLEAN, env);
      return CLEAN;
    }
    this.stack.push(node);
    try {
      const inner = this.inner(node, env);
      let taint = union(inner.taint, this.sourceTaint(node, env, null));
      taint = this.propagate(node, env, taint, null);
      this.checkSinks(node, taint, inner.args);
      return taint;
    } finally {
      this.stack.pop();
    }
  }

  /**
   * Inside sanitized code, calls and assignments still run (Semgrep's IL makes
   * each call its own instruction, so a sink call inside a sanitizer's
   * argument is still checked), but nothing else is looked at and their taint
   * does not flow out.
   */
  private evalInsideSanitized(node: TaintNode, env: TaintEnv): void {
    this.stack.push(node);
    try {
      for (const child of namedChildren(node)) {
        const kind = child.kind;
        if (this.lang.calls.has(kind) || this.lang.assignments.has(kind) || this.lang.lambdas.has(kind)) {
          this.eval(child, env);
        } else if (!this.lang.skip.has(kind) && !this.lang.functions.has(kind)) {
          this.evalInsideSanitized(child, env);
        }
      }
    } finally {
      this.stack.pop();
    }
  }

  /** `node` and its left operands of the same kind, outermost first (`a + b + c` is `(a + b) + c`). */
  private binarySpine(node: TaintNode): TaintNode[] {
    const spine = [node];
    for (
      let left = this.tree.field(node, "left");
      left && left.kind === node.kind;
      left = this.tree.field(left, "left")
    ) {
      spine.push(left);
    }
    return spine;
  }

  /**
   * A long operator chain without recursing once per operator: the chain's
   * nodes go on the evaluation stack outermost first, then are evaluated
   * innermost first, each as eval() would (sanitizer, operands, sources,
   * propagators, sinks) — except that a sanitized inner operator does not stop
   * the operands beneath it from being looked at.
   */
  private evalBinarySpine(spine: TaintNode[], env: TaintEnv): Taint {
    const depth = this.stack.length;
    this.stack.push(...spine);
    try {
      const innermost = spine[spine.length - 1] as TaintNode;
      const leftmost = this.tree.field(innermost, "left");
      let taint = leftmost ? this.eval(leftmost, env) : CLEAN;
      for (let i = spine.length - 1; i >= 0; i--) {
        const node = spine[i] as TaintNode;
        if (this.sanitized(node, env, null)) taint = CLEAN;
        else {
          const right = this.tree.field(node, "right");
          const r = right ? this.eval(right, env) : CLEAN;
          taint =
            this.inputs.spec.options.assumeSafeComparisons && this.isComparison(node)
              ? CLEAN
              : union(taint, r);
          taint = union(taint, this.sourceTaint(node, env, null));
          taint = this.propagate(node, env, taint, null);
          this.checkSinks(node, taint, null);
        }
        this.stack.pop();
      }
      return taint;
    } finally {
      this.stack.length = depth;
    }
  }

  private evalLval(node: TaintNode, path: string, env: TaintEnv): Lval {
    if (this.sanitized(node, env, path)) return { full: CLEAN, fresh: CLEAN, sanitized: true };
    this.stack.push(node);
    try {
      let fresh = CLEAN;
      let fromEnv: Taint;
      const access = this.lang.members.get(node.kind);
      const object = access ? this.tree.field(node, access.object) : null;
      const objectPath = object ? this.pathOf(object) : null;
      if (object && objectPath !== null) {
        const sub = this.evalLval(object, objectPath, env);
        fresh = sub.fresh;
        fromEnv = sub.sanitized ? CLEAN : env.read(path);
      } else {
        fromEnv = env.read(path);
      }
      fresh = union(fresh, this.sourceTaint(node, env, path));
      let full = union(fromEnv, fresh);
      full = this.propagate(node, env, full, path);
      this.checkSinks(node, full, null);
      return { full, fresh, sanitized: false };
    } finally {
      this.stack.pop();
    }
  }

  private evalChildren(node: TaintNode, env: TaintEnv): Taint {
    let out = CLEAN;
    for (const child of namedChildren(node)) {
      if (env.dead) break;
      if (!this.lang.skip.has(child.kind)) out = union(out, this.visit(child, env));
    }
    return out;
  }

  private inner(node: TaintNode, env: TaintEnv): Evaluated {
    const kind = node.kind;
    const { lang, tree } = this;
    const call = lang.calls.get(kind);
    if (call) return this.evalCall(node, call.callee, call.args, env);
    const assignment = lang.assignments.get(kind);
    if (assignment) return { taint: this.evalAssignment(node, assignment, env), args: null };
    const member = lang.members.get(kind);
    if (member) {
      const object = tree.field(node, member.object);
      return { taint: object ? this.eval(object, env) : CLEAN, args: null };
    }
    const subscript = lang.subscripts.get(kind);
    if (subscript) {
      const indexes = tree.fieldAll(node, subscript.member);
      // Semgrep's IL has no slices (AST_to_IL: SliceAccess is a "todo" expression): `a[i:j]` is
      // opaque, clean unless a source matches the slice itself. Kept so findings agree with Semgrep.
      if (indexes.some((i) => lang.slices.has(i.kind))) return { taint: CLEAN, args: null };
      const object = tree.field(node, subscript.object);
      let taint = object ? this.eval(object, env) : CLEAN;
      for (const index of indexes) {
        const t = this.eval(index, env);
        if (!this.inputs.spec.options.assumeSafeIndexes) taint = union(taint, t);
      }
      return { taint, args: null };
    }
    switch (kind) {
      case "keyword_argument": {
        const value = tree.field(node, "value");
        return { taint: value ? this.eval(value, env) : CLEAN, args: null };
      }
      case "conditional_expression":
      case "ternary_expression":
        return { taint: this.evalConditional(node, env), args: null };
      case "list_comprehension":
      case "set_comprehension":
      case "dictionary_comprehension":
      case "generator_expression":
        return { taint: this.evalComprehension(node, env), args: null };
      case "as_pattern": {
        const [value, target] = namedChildren(node);
        const taint = value ? this.eval(value, env) : CLEAN;
        if (target && target !== value) this.assignTarget(target, taint, env);
        return { taint, args: null };
      }
      default:
        break;
    }
    const taint = this.evalChildren(node, env);
    if (this.inputs.spec.options.assumeSafeComparisons && this.isComparison(node))
      return { taint: CLEAN, args: null };
    return { taint, args: null };
  }

  private isComparison(node: TaintNode): boolean {
    if (!this.lang.comparisonKinds.has(node.kind)) return false;
    if (this.lang.comparisonOperators.size === 0) return true;
    const op = this.tree.fieldText(node, "operator");
    return op !== null && this.lang.comparisonOperators.has(op);
  }

  private argumentsOf(node: TaintNode | null): TaintNode[] {
    if (!node) return [];
    if (node.kind === "argument_list" || node.kind === "arguments") {
      return namedChildren(node).filter((c) => !this.lang.skip.has(c.kind));
    }
    return [node];
  }

  private evalCall(node: TaintNode, calleeField: string, argsField: string, env: TaintEnv): Evaluated {
    let args = CLEAN;
    // Semgrep checks the arguments before the callee (propagators rely on that order).
    for (const arg of this.argumentsOf(this.tree.field(node, argsField)))
      args = union(args, this.eval(arg, env));
    const callee = this.tree.field(node, calleeField);
    const calleeTaint = callee ? this.eval(callee, env) : CLEAN;
    const taint = this.inputs.spec.options.assumeSafeFunctions ? calleeTaint : union(calleeTaint, args);
    return { taint, args };
  }

  private evalConditional(node: TaintNode, env: TaintEnv): Taint {
    let condition = this.tree.field(node, "condition");
    let branches = [this.tree.field(node, "consequence"), this.tree.field(node, "alternative")];
    if (!condition) {
      // Python `a if c else b`: the named children in order.
      const [a, c, b] = namedChildren(node);
      condition = c ?? null;
      branches = [a ?? null, b ?? null];
    }
    if (condition) this.eval(condition, env);
    const envs: TaintEnv[] = [];
    let taint = CLEAN;
    for (const branch of branches) {
      const e = env.clone();
      if (branch) taint = union(taint, this.eval(branch, e));
      envs.push(e);
    }
    env.assign(TaintEnv.join(envs));
    return taint;
  }

  private evalComprehension(node: TaintNode, env: TaintEnv): Taint {
    const scope = env.clone();
    const body = this.tree.field(node, "body") ?? namedChildren(node)[0] ?? null;
    for (const clause of namedChildren(node)) {
      if (clause.kind === "for_in_clause") {
        const right = this.tree.field(clause, "right");
        const left = this.tree.field(clause, "left");
        const taint = right ? this.eval(right, scope) : CLEAN;
        if (left) this.assignTarget(left, taint, scope);
      } else if (clause.kind === "if_clause") {
        this.evalChildren(clause, scope);
      }
    }
    return body ? this.eval(body, scope) : CLEAN;
  }

  private evalAssignment(
    node: TaintNode,
    a: { left: string; right: string; augmented: boolean },
    env: TaintEnv,
  ): Taint {
    const left = this.tree.field(node, a.left);
    const right = this.tree.field(node, a.right);
    if (!left) return this.evalChildren(node, env);
    let taint: Taint;
    if (a.augmented) {
      const r = right ? this.eval(right, env) : CLEAN;
      taint = union(this.eval(left, env), r);
      this.assignTarget(left, taint, env);
    } else if (!right) {
      if (node.kind === "variable_declarator") this.assignTarget(left, CLEAN, env);
      return CLEAN;
    } else {
      taint = this.assignValue(left, right, env);
    }
    // The assigned variable may itself be inside a source (Semgrep checks the l-value too).
    const path = this.pathOf(left);
    if (path !== null) {
      let fromSources = CLEAN;
      this.inputs.sources.each(left, (m) => {
        const spec = this.inputs.spec.sources[m.spec];
        if (spec && !spec.exact) fromSources = union(fromSources, single(m.id));
      });
      env.add(path, fromSources);
    }
    return taint;
  }

  /** `left = right`, element-wise when both sides are sequences of the same length. */
  private assignValue(left: TaintNode, right: TaintNode, env: TaintEnv): Taint {
    if (this.lang.patterns.has(left.kind) && this.lang.sequences.has(right.kind)) {
      const targets = namedChildren(left).filter((c) => !this.lang.skip.has(c.kind));
      const values = namedChildren(right).filter((c) => !this.lang.skip.has(c.kind));
      const spread = (n: TaintNode): boolean => /splat|spread|rest/.test(n.kind);
      if (targets.length === values.length && !targets.some(spread) && !values.some(spread)) {
        const taints = values.map((v) => this.eval(v, env));
        targets.forEach((t, i) => this.assignTarget(t, taints[i] ?? CLEAN, env));
        return unionAll(taints);
      }
    }
    const taint = this.eval(right, env);
    this.assignTarget(left, taint, env);
    return taint;
  }

  private assignTarget(target: TaintNode, taint: Taint, env: TaintEnv): void {
    const { lang, tree } = this;
    const path = this.pathOf(target);
    if (path !== null) {
      const member = lang.members.get(target.kind);
      if (member) {
        // The object of `a.b.c = v` is read (it may hold sanitizers / sinks), `a.b.c` is written.
        const object = tree.field(target, member.object);
        if (object && !lang.identifiers.has(object.kind)) this.eval(object, env);
      }
      env.set(path, taint);
      return;
    }
    const member = lang.members.get(target.kind);
    if (member) {
      const object = tree.field(target, member.object);
      if (object) this.eval(object, env);
      return;
    }
    const subscript = lang.subscripts.get(target.kind);
    if (subscript) {
      for (const index of tree.fieldAll(target, subscript.member)) this.eval(index, env);
      const object = tree.field(target, subscript.object);
      if (!object) return;
      let base: TaintNode | null = object;
      while (base && lang.subscripts.has(base.kind))
        base = tree.field(base, lang.subscripts.get(base.kind)?.object ?? "");
      const basePath = base ? this.pathOf(base) : null;
      if (basePath !== null) env.add(basePath, taint);
      else this.eval(object, env);
      return;
    }
    switch (target.kind) {
      case "pair_pattern": {
        const value = tree.field(target, "value");
        if (value) this.assignTarget(value, taint, env);
        return;
      }
      case "assignment_pattern":
      case "object_assignment_pattern": {
        const left = tree.field(target, "left");
        const right = tree.field(target, "right");
        const fallback = right ? this.eval(right, env) : CLEAN;
        if (left) this.assignTarget(left, union(taint, fallback), env);
        return;
      }
      default:
        if (lang.patterns.has(target.kind)) {
          for (const child of namedChildren(target)) {
            if (!lang.skip.has(child.kind)) this.assignTarget(child, taint, env);
          }
        }
    }
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
