/** Assignments: element-wise sequences, attribute / index / destructuring targets, l-values inside sources. */
import { CLEAN, union, unionAll, type Taint, type TaintEnv } from "./taint-env.js";
import { namedChildren, type TaintNode } from "./taint-node.js";
import { TaintExpressions } from "./taint-expressions.js";
import { single } from "./taint-types.js";

export abstract class TaintAssignments extends TaintExpressions {
  protected evalAssignment(
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
  protected assignValue(left: TaintNode, right: TaintNode, env: TaintEnv): Taint {
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

  protected assignTarget(target: TaintNode, taint: Taint, env: TaintEnv): void {
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
