/**
 * Semgrep's newer `match:` syntax (rule schema v2) to a `Formula`:
 * a pattern string, or one of `pattern` / `regex` / `all` / `any` with an
 * optional `where:` list (`metavariable` + `regex` | pattern operator,
 * `focus`, `comparison`). `not:` and `inside:` are understood as items of
 * `all:`; elsewhere (and `anywhere:`, `taint:`) they are recorded as
 * unsupported so the rule loads with mode "unsupported-syntax".
 */
import {
  EMPTY_FORMULA,
  isRecord,
  metavariableName,
  parseFocus,
  patternText,
  type FormulaContext,
} from "./parse-formula.js";
import type { KeyPath } from "./rule-problems.js";
import type { Condition, Formula } from "./types.js";

type AllFormula = Extract<Formula, { kind: "all" }>;

const BASE_KEYS = ["pattern", "regex", "all", "any", "not", "inside", "anywhere", "taint"] as const;

function emptyAll(): AllFormula {
  return { kind: "all", positives: [], inside: [], negatives: [], notInside: [], conditions: [], focus: [] };
}

export function parseMatch(value: unknown, path: KeyPath, ctx: FormulaContext): Formula {
  if (typeof value === "string") {
    const pattern = patternText(value, path, ctx);
    return pattern === null ? EMPTY_FORMULA : { kind: "pattern", pattern };
  }
  if (!isRecord(value)) {
    ctx.problem(path, "expected a pattern string or a mapping");
    return EMPTY_FORMULA;
  }
  for (const key of Object.keys(value)) {
    if (key !== "where" && key !== "as" && !(BASE_KEYS as readonly string[]).includes(key)) {
      ctx.problem([...path, key], "unknown key");
    }
  }
  const present = BASE_KEYS.filter((key) => value[key] !== undefined);
  if (present.length !== 1) {
    const found = present.length > 1 ? ` (found ${present.join(", ")})` : "";
    ctx.problem(path, `expected exactly one of ${BASE_KEYS.join(", ")}${found}`);
    return EMPTY_FORMULA;
  }
  const key = present[0] as (typeof BASE_KEYS)[number];
  const base = parseBase(key, value[key], [...path, key], ctx);
  return value["where"] === undefined ? base : withWhere(base, value["where"], [...path, "where"], ctx);
}

function parseBase(
  key: (typeof BASE_KEYS)[number],
  value: unknown,
  path: KeyPath,
  ctx: FormulaContext,
): Formula {
  switch (key) {
    case "pattern": {
      const pattern = patternText(value, path, ctx);
      return pattern === null ? EMPTY_FORMULA : { kind: "pattern", pattern };
    }
    case "regex": {
      const regex = patternText(value, path, ctx, "a regular expression");
      return regex === null ? EMPTY_FORMULA : { kind: "regex", regex };
    }
    case "any":
      return {
        kind: "either",
        branches: items(value, path, ctx).map(([item, at]) => parseMatch(item, at, ctx)),
      };
    case "all":
      return parseAll(value, path, ctx);
    default:
      ctx.unsupported.push(`match "${key}:" at ${path.join(".")}`);
      return EMPTY_FORMULA;
  }
}

function items(value: unknown, path: KeyPath, ctx: FormulaContext): Array<[unknown, KeyPath]> {
  if (!Array.isArray(value) || value.length === 0) {
    ctx.problem(path, Array.isArray(value) ? "must not be empty" : "expected a list");
    return [];
  }
  return value.map((item, index) => [item, [...path, index]]);
}

function parseAll(value: unknown, path: KeyPath, ctx: FormulaContext): AllFormula {
  const all = emptyAll();
  for (const [item, at] of items(value, path, ctx)) {
    if (isRecord(item) && item["not"] !== undefined && Object.keys(item).length === 1) {
      const inner = item["not"];
      if (isRecord(inner) && inner["inside"] !== undefined && Object.keys(inner).length === 1) {
        all.notInside.push(parseMatch(inner["inside"], [...at, "not", "inside"], ctx));
      } else {
        all.negatives.push(parseMatch(inner, [...at, "not"], ctx));
      }
    } else if (isRecord(item) && item["inside"] !== undefined && Object.keys(item).length === 1) {
      all.inside.push(parseMatch(item["inside"], [...at, "inside"], ctx));
    } else {
      all.positives.push(parseMatch(item, at, ctx));
    }
  }
  return all;
}

function withWhere(base: Formula, where: unknown, path: KeyPath, ctx: FormulaContext): AllFormula {
  const all = base.kind === "all" ? base : { ...emptyAll(), positives: [base] };
  for (const [item, at] of items(where, path, ctx)) {
    if (!isRecord(item)) {
      ctx.problem(at, "expected a mapping");
    } else if (item["focus"] !== undefined) {
      all.focus.push(...parseFocus(item["focus"], [...at, "focus"], ctx));
    } else if (item["comparison"] !== undefined) {
      if (patternText(item["comparison"], [...at, "comparison"], ctx, "a comparison") !== null) {
        all.conditions.push({ kind: "unsupported", operator: "metavariable-comparison" });
      }
    } else if (item["metavariable"] !== undefined) {
      const condition = parseMetavariableCondition(item, at, ctx);
      if (condition !== null) all.conditions.push(condition);
    } else {
      ctx.problem(at, "expected focus, comparison or metavariable");
    }
  }
  return all;
}

function parseMetavariableCondition(
  item: Record<string, unknown>,
  at: KeyPath,
  ctx: FormulaContext,
): Condition | null {
  const metavariable = metavariableName(item["metavariable"], [...at, "metavariable"], ctx);
  if (metavariable === null) return null;
  if (item["analyzer"] !== undefined) return { kind: "unsupported", operator: "metavariable-analysis" };
  if (item["type"] !== undefined || item["types"] !== undefined) {
    return { kind: "unsupported", operator: "metavariable-type" };
  }
  const hasOther = Object.keys(item).some(
    (key) => !["metavariable", "regex", "constant-propagation"].includes(key),
  );
  if (item["regex"] !== undefined && !hasOther) {
    const regex = patternText(item["regex"], [...at, "regex"], ctx, "a regular expression");
    return regex === null ? null : { kind: "metavariable-regex", metavariable, regex };
  }
  let language: string | null = null;
  if (item["language"] !== undefined) {
    language = patternText(item["language"], [...at, "language"], ctx, "a language name");
  }
  const rest = Object.fromEntries(
    Object.entries(item).filter(([key]) => key !== "metavariable" && key !== "language"),
  );
  return { kind: "metavariable-pattern", metavariable, formula: parseMatch(rest, at, ctx), language };
}
