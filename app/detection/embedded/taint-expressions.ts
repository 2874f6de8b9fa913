/** The taint of an expression: operators, access, calls, conditionals, comprehensions, sanitized code. */
import { CLEAN, TaintEnv, union, type Taint } from "./taint-env.js";
import { isStatement } from "./taint-lang.js";
import { namedChildren, type TaintNode } from "./taint-node.js";
import { TaintMatches } from "./taint-matches.js";
import type { Evaluated } from "./taint-types.js";

/** Longer left-nested operator chains are evaluated iteratively (deep recursion overflows the stack). */
const MAX_RECURSIVE_CHAIN = 64;

export abstract class TaintExpressions extends TaintMatches {
  protected abstract exec(node: TaintNode, env: TaintEnv): void;
  protected abstract visit(node: TaintNode, env: TaintEnv): Taint;
  protected abstract analyseFunction(fn: TaintNode, env: TaintEnv): void;
  protected abstract assignTarget(target: TaintNode, taint: Taint, env: TaintEnv): void;
  protected abstract evalAssignment(
    node: TaintNode,
    a: { left: string; right: string; augmented: boolean },
    env: TaintEnv,
  ): Taint;

  protected eval(node: TaintNode, env: TaintEnv): Taint {
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
  protected evalInsideSanitized(node: TaintNode, env: TaintEnv): void {
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
  protected binarySpine(node: TaintNode): TaintNode[] {
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
  protected evalBinarySpine(spine: TaintNode[], env: TaintEnv): Taint {
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

  protected evalChildren(node: TaintNode, env: TaintEnv): Taint {
    let out = CLEAN;
    for (const child of namedChildren(node)) {
      if (env.dead) break;
      if (!this.lang.skip.has(child.kind)) out = union(out, this.visit(child, env));
    }
    return out;
  }

  protected inner(node: TaintNode, env: TaintEnv): Evaluated {
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

  protected isComparison(node: TaintNode): boolean {
    if (!this.lang.comparisonKinds.has(node.kind)) return false;
    if (this.lang.comparisonOperators.size === 0) return true;
    const op = this.tree.fieldText(node, "operator");
    return op !== null && this.lang.comparisonOperators.has(op);
  }

  protected argumentsOf(node: TaintNode | null): TaintNode[] {
    if (!node) return [];
    if (node.kind === "argument_list" || node.kind === "arguments") {
      return namedChildren(node).filter((c) => !this.lang.skip.has(c.kind));
    }
    return [node];
  }

  protected evalCall(node: TaintNode, calleeField: string, argsField: string, env: TaintEnv): Evaluated {
    let args = CLEAN;
    // Semgrep checks the arguments before the callee (propagators rely on that order).
    for (const arg of this.argumentsOf(this.tree.field(node, argsField)))
      args = union(args, this.eval(arg, env));
    const callee = this.tree.field(node, calleeField);
    const calleeTaint = callee ? this.eval(callee, env) : CLEAN;
    const taint = this.inputs.spec.options.assumeSafeFunctions ? calleeTaint : union(calleeTaint, args);
    return { taint, args };
  }

  protected evalConditional(node: TaintNode, env: TaintEnv): Taint {
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

  protected evalComprehension(node: TaintNode, env: TaintEnv): Taint {
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
}
