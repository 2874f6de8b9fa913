/**
 * A rule's formula and effective mode: search rules need exactly one formula
 * key; taint rules need sources and sinks (they load with mode "taint" and an
 * empty formula); constructs that parse but cannot be expressed as a
 * `Formula` give mode "unsupported-syntax".
 */
import { EMPTY_FORMULA, FormulaContext, isRecord, parsePositive } from "./parse-formula.js";
import { parseMatch } from "./parse-match.js";
import type { RuleProblem } from "./rule-problems.js";
import { SEARCH_FORMULA_KEYS, TAINT_KEYS, type RuleMode } from "./rule-schema.js";
import type { Formula } from "./types.js";

export interface RuleFormula {
  formula: Formula;
  mode: string;
  problems: RuleProblem[];
}

export function parseRuleFormula(raw: Record<string, unknown>, mode: RuleMode): RuleFormula {
  const ctx = new FormulaContext();
  let formula = EMPTY_FORMULA;
  if (mode === "search" || mode === "extract") {
    formula = parseSearch(raw, ctx);
    for (const key of TAINT_KEYS) {
      if (raw[key] !== undefined) ctx.problem([key], "only allowed with mode: taint");
    }
  } else if (mode === "taint") {
    checkTaint(raw, ctx);
  }
  const effective = ctx.unsupported.length > 0 && mode === "search" ? "unsupported-syntax" : mode;
  return { formula, mode: effective, problems: ctx.problems };
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

function checkTaint(raw: Record<string, unknown>, ctx: FormulaContext): void {
  for (const key of SEARCH_FORMULA_KEYS) {
    if (raw[key] !== undefined) ctx.problem([key], "not allowed with mode: taint");
  }
  if (raw["taint"] !== undefined) {
    if (!isRecord(raw["taint"])) ctx.problem(["taint"], "expected a mapping with sources and sinks");
    return;
  }
  for (const key of ["pattern-sources", "pattern-sinks"]) {
    const value = raw[key];
    if (value === undefined) ctx.problem([key], "required");
    else if (!Array.isArray(value) || value.length === 0) ctx.problem([key], "expected a non-empty list");
  }
  for (const key of ["pattern-sanitizers", "pattern-propagators"]) {
    if (raw[key] !== undefined && !Array.isArray(raw[key])) ctx.problem([key], "expected a list");
  }
}
