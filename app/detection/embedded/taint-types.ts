/** The taint analysis' inputs and the small value types its parts share. */
import type { TaintSpec } from "../types.js";
import type { Taint, TaintEnv } from "./taint-env.js";
import type { SpecIndex } from "./taint-specs.js";

/** Where `break` / `continue` environments go: the innermost loop or switch. */
export interface Flow {
  kind: "loop" | "switch";
  breaks: TaintEnv[];
  continues: TaintEnv[];
}

export interface Lval {
  full: Taint;
  /** Taint from sources / propagators on the path or its prefixes (not from the environment). */
  fresh: Taint;
  sanitized: boolean;
}

export interface Evaluated {
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

export const rangeKey = (start: number, end: number): string => `${start}:${end}`;
export const propagatorVar = (index: number): string => `\u0000propagator${index}`;
const singletons = new Map<number, Taint>();
export const single = (id: number): Taint => {
  let t = singletons.get(id);
  if (!t) {
    t = new Set([id]);
    if (singletons.size < 10_000) singletons.set(id, t);
  }
  return t;
};
export const SIMPLE_NAME = /^[#$\w]+$/u;
