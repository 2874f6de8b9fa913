/**
 * The analysis state and what the spec matches do at a node: l-value paths,
 * sources, sanitizers, propagators and sinks (best matches are judged against
 * the stack of expressions being evaluated).
 */
import { CLEAN, MAX_SOURCES, union, type Taint, type TaintEnv } from "./taint-env.js";
import type { TaintLang } from "./taint-lang.js";
import type { TaintNode } from "./taint-node.js";
import type { SpecIndex } from "./taint-specs.js";
import type { TaintTree } from "./taint-tree.js";
import {
  propagatorVar,
  rangeKey,
  single,
  SIMPLE_NAME,
  type Lval,
  type PropagatorMatch,
  type TaintInputs,
} from "./taint-types.js";

export abstract class TaintMatches {
  /** Sink match id → the taint that reached it. */
  readonly findings = new Map<number, Taint>();
  protected readonly stack: Array<TaintNode | null> = [];
  protected readonly propFrom = new Map<string, PropagatorMatch[]>();
  protected readonly propTo = new Map<string, PropagatorMatch[]>();
  protected readonly pending = new Map<number, Set<string>>();
  /** Whether some source acts by side effect (then every source match of a node is looked at). */
  protected readonly sideEffectSources: boolean;

  constructor(
    protected readonly tree: TaintTree,
    protected readonly lang: TaintLang,
    protected readonly inputs: TaintInputs,
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

  protected unit(run: () => void): void {
    this.pending.clear();
    run();
  }

  /** The l-value path of `node` (`x`, `x.a.b`, `this.a`), or null when it is not one. */
  protected pathOf(node: TaintNode): string | null {
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
  protected evaluatedParent(node: TaintNode): TaintNode | null {
    const top = this.stack[this.stack.length - 1] ?? null;
    if (top !== node) return top;
    return this.stack[this.stack.length - 2] ?? null;
  }

  /** Whether `node` is the best (outermost) match of `spec` in `index` (Semgrep's Taint_spec_match best matches). */
  protected isBest(node: TaintNode, index: SpecIndex, spec: number): boolean {
    const parent = this.evaluatedParent(node);
    return parent === null || !index.covers(parent, spec);
  }

  protected sanitized(node: TaintNode, env: TaintEnv, path: string | null): boolean {
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

  protected sourceTaint(node: TaintNode, env: TaintEnv, path: string | null): Taint {
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

  protected propagate(node: TaintNode, env: TaintEnv, taint: Taint, path: string | null): Taint {
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

  protected checkSinks(node: TaintNode, taint: Taint, args: Taint | null): void {
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

  protected evalLval(node: TaintNode, path: string, env: TaintEnv): Lval {
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
}
