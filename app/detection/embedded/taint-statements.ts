/** The statement walker: branches (`if`, `try`, `switch`, `match`) join, loops run to a fixpoint, jumps end a path. */
import { CLEAN, TaintEnv, type Taint } from "./taint-env.js";
import { isStatement } from "./taint-lang.js";
import { allNodes, namedChildren, type TaintNode } from "./taint-node.js";
import { TaintAssignments } from "./taint-assignments.js";
import type { Flow } from "./taint-types.js";

/** Passes over a loop body before giving up on a fixpoint. */
const MAX_LOOP_PASSES = 4;

export abstract class TaintStatements extends TaintAssignments {
  protected flows: Flow[] = [];

  protected visit(node: TaintNode, env: TaintEnv): Taint {
    if (isStatement(this.lang, node.kind)) {
      this.exec(node, env);
      return CLEAN;
    }
    return this.eval(node, env);
  }

  protected exec(node: TaintNode, env: TaintEnv): void {
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

  protected execJump(isBreak: boolean, env: TaintEnv): void {
    const target = isBreak
      ? this.flows[this.flows.length - 1]
      : this.flows.findLast((f) => f.kind === "loop");
    if (target) (isBreak ? target.breaks : target.continues).push(env.clone());
    env.dead = true;
  }

  protected execIf(node: TaintNode, env: TaintEnv): void {
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

  protected loop(env: TaintEnv, body: (iteration: TaintEnv) => void, orElse: TaintNode | null = null): void {
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

  protected execForIn(node: TaintNode, env: TaintEnv): void {
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

  protected execFor(node: TaintNode, env: TaintEnv): void {
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

  protected execWhile(node: TaintNode, env: TaintEnv): void {
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

  protected execDo(node: TaintNode, env: TaintEnv): void {
    const condition = this.tree.field(node, "condition");
    const body = this.tree.field(node, "body");
    this.loop(env, (it) => {
      if (body) this.exec(body, it);
      if (condition && !it.dead) this.eval(condition, it);
    });
  }

  protected execTry(node: TaintNode, env: TaintEnv): void {
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

  protected execSwitch(node: TaintNode, env: TaintEnv): void {
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

  protected execMatch(node: TaintNode, env: TaintEnv): void {
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
}
