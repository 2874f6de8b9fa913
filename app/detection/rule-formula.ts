/**
 * A rule's formula and effective mode: search rules need exactly one formula
 * key; taint rules need sources and sinks (they load with mode "taint", an
 * empty formula and their `TaintSpec`, see parse-taint.ts); constructs that
 * parse but cannot be expressed as a `Formula` give mode "unsupported-syntax".
 */
import { EMPTY_FORMULA, FormulaContext, parsePositive } from "./parse-formula.js";
import { parseMatch } from "./parse-match.js";
import { parseTaintSpec } from "./parse-taint.js";
import type { RuleProblem } from "./rule-problems.js";
import { SEARCH_FORMULA_KEYS, TAINT_KEYS, type RuleMode } from "./rule-schema.js";
import type { Formula, TaintSpec } from "./types.js";

export interface RuleFormula {
  formula: Formula;
  mode: string;
  problems: RuleProblem[];
  /** Present for mode "taint". */
  taint?: TaintSpec;
}

export function parseRuleFormula(raw: Record<string, unknown>, mode: RuleMode): RuleFormula {
  const ctx = new FormulaContext();
  let formula = EMPTY_FORMULA;
  let taint: TaintSpec | undefined;
  if (mode === "search" || mode === "extract") {
    formula = parseSearch(raw, ctx);
    for (const key of TAINT_KEYS) {
      if (raw[key] !== undefined) ctx.problem([key], "only allowed with mode: taint");
    }
  } else if (mode === "taint") {
    taint = parseTaint(raw, ctx);
  }
  const effective = ctx.unsupported.length > 0 && mode === "search" ? "unsupported-syntax" : mode;
  return { formula, mode: effective, problems: ctx.problems, ...(taint ? { taint } : {}) };
}

function parseSearch(raw: Record<string, unknown>, ctx: FormulaContext): Formula {
  const present = SEARCH_FORMULA_KEYS.filter((key) => raw[key] !== undefined);
  if (present.length === 0) {
    if (raw["r2c-internal-project-depends-on"] !== undefined) {
      ctx.unsupported.push("r2c-internal-project-depends-on without a pattern");
      return EMPTY_FORMULA;
    }
    ctx.problem([], `one of ${SEARCH_FORMULA_KEYS.join(", ")} is required`);
    return EMPTY_FORMULA;
  }
  if (present.length > 1) {
    ctx.problem([], `only one of ${SEARCH_FORMULA_KEYS.join(", ")} is allowed (found ${present.join(", ")})`);
    return EMPTY_FORMULA;
  }
  const key = present[0] as string;
  return key === "match" ? parseMatch(raw[key], [key], ctx) : parsePositive(key, raw[key], [key], ctx);
}

function parseTaint(raw: Record<string, unknown>, ctx: FormulaContext): TaintSpec {
  for (const key of SEARCH_FORMULA_KEYS) {
    if (raw[key] !== undefined) ctx.problem([key], "not allowed with mode: taint");
  }
  return parseTaintSpec(raw, ctx);
}
