/**
 * Semgrep's classic operators (`pattern`, `patterns`, `pattern-either`,
 * `pattern-not`, `pattern-inside`, `metavariable-*`, `focus-metavariable`, ...)
 * to a `Formula` tree. Every structural problem is recorded with its key path;
 * the loader turns them into one BAD_RULES message per file.
 */
import type { Condition, Formula } from "./types.js";
import type { KeyPath, RuleProblem } from "./rule-problems.js";

/** Collects problems and the constructs that parse but cannot be expressed as a `Formula`. */
export class FormulaContext {
  readonly problems: RuleProblem[] = [];
  readonly unsupported: string[] = [];

  problem(path: KeyPath, message: string): void {
    this.problems.push({ path, message });
  }
}

/** Placeholder returned where a formula was invalid (a problem is always recorded with it). */
export const EMPTY_FORMULA: Formula = { kind: "either", branches: [] };

const POSITIVE_KEYS: ReadonlySet<string> = new Set([
  "pattern",
  "pattern-regex",
  "patterns",
  "pattern-either",
]);
const UNSUPPORTED_CONDITIONS: ReadonlySet<string> = new Set([
  "metavariable-comparison",
  "metavariable-analysis",
  "metavariable-type",
  "metavariable-name",
  "pattern-where-python",
]);
const METAVARIABLE = /^\$(\.\.\.)?[A-Z_][A-Z0-9_]*$/;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function patternText(
  value: unknown,
  path: KeyPath,
  ctx: FormulaContext,
  what = "a pattern",
): string | null {
  if (typeof value !== "string") {
    ctx.problem(path, `expected ${what} (a string)`);
    return null;
  }
  if (value.trim() === "") {
    ctx.problem(path, "must not be empty");
    return null;
  }
  return value;
}

export function metavariableName(value: unknown, path: KeyPath, ctx: FormulaContext): string | null {
  if (typeof value !== "string" || !METAVARIABLE.test(value)) {
    ctx.problem(path, 'expected a metavariable such as "$X"');
    return null;
  }
  return value;
}

/** One of the four positive operators (`pattern`, `pattern-regex`, `patterns`, `pattern-either`). */
export function parsePositive(key: string, value: unknown, path: KeyPath, ctx: FormulaContext): Formula {
  switch (key) {
    case "pattern": {
      const pattern = patternText(value, path, ctx);
      return pattern === null ? EMPTY_FORMULA : { kind: "pattern", pattern };
    }
    case "pattern-regex": {
      const regex = patternText(value, path, ctx, "a regular expression");
      return regex === null ? EMPTY_FORMULA : { kind: "regex", regex };
    }
    case "patterns":
      return parsePatterns(value, path, ctx);
    case "pattern-either":
      return parseEither(value, path, ctx);
    default:
      ctx.problem(path, `unknown operator "${key}"`);
      return EMPTY_FORMULA;
  }
}

/** The single operator key of a list item, or null (with a problem) when there is not exactly one. */
function singleKey(item: unknown, path: KeyPath, ctx: FormulaContext): [string, unknown] | null {
  if (!isRecord(item)) {
    ctx.problem(path, "expected a mapping with one operator");
    return null;
  }
  const keys = Object.keys(item);
  if (keys.length !== 1) {
    ctx.problem(path, `expected exactly one operator, found ${keys.length === 0 ? "none" : keys.join(", ")}`);
    return null;
  }
  const key = keys[0] as string;
  return [key, item[key]];
}

function list(value: unknown, path: KeyPath, ctx: FormulaContext): unknown[] | null {
  if (!Array.isArray(value)) {
    ctx.problem(path, "expected a list");
    return null;
  }
  if (value.length === 0) {
    ctx.problem(path, "must not be empty");
    return null;
  }
  return value;
}

export function parseEither(value: unknown, path: KeyPath, ctx: FormulaContext): Formula {
  const items = list(value, path, ctx);
  if (items === null) return EMPTY_FORMULA;
  const branches: Formula[] = [];
  items.forEach((item, index) => {
    const entry = singleKey(item, [...path, index], ctx);
    if (entry === null) return;
    const [key, inner] = entry;
    const at = [...path, index, key];
    // Inside an either, `pattern-inside` contributes its own range, like a pattern.
    if (key === "pattern-inside") branches.push(parseGeneral(inner, at, ctx));
    else if (POSITIVE_KEYS.has(key)) branches.push(parsePositive(key, inner, at, ctx));
    else
      ctx.problem(
        at,
        `operator not allowed in pattern-either (use pattern, patterns, pattern-either, pattern-regex or pattern-inside)`,
      );
  });
  return { kind: "either", branches };
}

export function parsePatterns(value: unknown, path: KeyPath, ctx: FormulaContext): Formula {
  const all: Extract<Formula, { kind: "all" }> = {
    kind: "all",
    positives: [],
    inside: [],
    negatives: [],
    notInside: [],
    conditions: [],
    focus: [],
  };
  const items = list(value, path, ctx);
  if (items === null) return all;
  items.forEach((item, index) => {
    const entry = singleKey(item, [...path, index], ctx);
    if (entry !== null) addPatternsItem(all, entry[0], entry[1], [...path, index, entry[0]], ctx);
  });
  return all;
}

function addPatternsItem(
  all: Extract<Formula, { kind: "all" }>,
  key: string,
  value: unknown,
  at: KeyPath,
  ctx: FormulaContext,
): void {
  if (POSITIVE_KEYS.has(key)) all.positives.push(parsePositive(key, value, at, ctx));
  else if (key === "pattern-inside") all.inside.push(parseGeneral(value, at, ctx));
  else if (key === "pattern-not-inside") all.notInside.push(parseGeneral(value, at, ctx));
  else if (key === "pattern-not") all.negatives.push(parseGeneral(value, at, ctx));
  else if (key === "pattern-not-regex") {
    const regex = patternText(value, at, ctx, "a regular expression");
    if (regex !== null) all.negatives.push({ kind: "regex", regex });
  } else if (key === "focus-metavariable") all.focus.push(...parseFocus(value, at, ctx));
  else if (key === "metavariable-regex") pushCondition(all, parseMetavariableRegex(value, at, ctx));
  else if (key === "metavariable-pattern") pushCondition(all, parseMetavariablePattern(value, at, ctx));
  else if (UNSUPPORTED_CONDITIONS.has(key))
    pushCondition(all, parseUnsupportedCondition(key, value, at, ctx));
  else ctx.problem(at, `unknown operator "${key}"`);
}

function pushCondition(all: Extract<Formula, { kind: "all" }>, condition: Condition | null): void {
  if (condition !== null) all.conditions.push(condition);
}

/** `pattern-not` / `pattern-inside` / `pattern-not-inside`: a pattern string or a nested positive operator. */
export function parseGeneral(value: unknown, path: KeyPath, ctx: FormulaContext): Formula {
  if (typeof value === "string") return parsePositive("pattern", value, path, ctx);
  const entry = singleKey(value, path, ctx);
  if (entry === null) return EMPTY_FORMULA;
  const [key, inner] = entry;
  if (POSITIVE_KEYS.has(key)) return parsePositive(key, inner, [...path, key], ctx);
  if (key === "pattern-not" || key === "pattern-inside" || key === "pattern-not-inside") {
    ctx.unsupported.push(`nested ${key} at ${path.join(".")}`);
    return EMPTY_FORMULA;
  }
  ctx.problem([...path, key], `unknown operator "${key}"`);
  return EMPTY_FORMULA;
}

export function parseFocus(value: unknown, path: KeyPath, ctx: FormulaContext): string[] {
  const names = Array.isArray(value) ? value : [value];
  if (names.length === 0) ctx.problem(path, "must not be empty");
  return names.flatMap((name, index) => {
    const checked = metavariableName(name, Array.isArray(value) ? [...path, index] : path, ctx);
    return checked === null ? [] : [checked];
  });
}

function checkKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  path: KeyPath,
  ctx: FormulaContext,
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) ctx.problem([...path, key], "unknown key");
  }
}

function parseMetavariableRegex(value: unknown, path: KeyPath, ctx: FormulaContext): Condition | null {
  if (!isRecord(value)) {
    ctx.problem(path, "expected a mapping with metavariable and regex");
    return null;
  }
  checkKeys(value, ["metavariable", "regex", "constant-propagation"], path, ctx);
  const metavariable = metavariableName(value["metavariable"], [...path, "metavariable"], ctx);
  const regex = patternText(value["regex"], [...path, "regex"], ctx, "a regular expression");
  return metavariable === null || regex === null ? null : { kind: "metavariable-regex", metavariable, regex };
}

const INNER_FORMULA_KEYS = ["pattern", "patterns", "pattern-either", "pattern-regex"] as const;

function parseMetavariablePattern(value: unknown, path: KeyPath, ctx: FormulaContext): Condition | null {
  if (!isRecord(value)) {
    ctx.problem(path, "expected a mapping with metavariable and a pattern operator");
    return null;
  }
  checkKeys(value, ["metavariable", "language", ...INNER_FORMULA_KEYS], path, ctx);
  const metavariable = metavariableName(value["metavariable"], [...path, "metavariable"], ctx);
  let language: string | null = null;
  if (value["language"] !== undefined)
    language = patternText(value["language"], [...path, "language"], ctx, "a language name");
  const present = INNER_FORMULA_KEYS.filter((key) => value[key] !== undefined);
  if (present.length !== 1) {
    ctx.problem(
      path,
      `expected exactly one of ${INNER_FORMULA_KEYS.join(", ")}${present.length > 1 ? ` (found ${present.join(", ")})` : ""}`,
    );
    return null;
  }
  const key = present[0] as string;
  const formula = parsePositive(key, value[key], [...path, key], ctx);
  return metavariable === null ? null : { kind: "metavariable-pattern", metavariable, formula, language };
}

function parseUnsupportedCondition(
  key: string,
  value: unknown,
  path: KeyPath,
  ctx: FormulaContext,
): Condition | null {
  if (key === "pattern-where-python") {
    if (patternText(value, path, ctx, "a Python expression") === null) return null;
  } else if (!isRecord(value)) {
    ctx.problem(path, "expected a mapping");
    return null;
  } else if (
    key === "metavariable-comparison" &&
    patternText(value["comparison"], [...path, "comparison"], ctx, "a comparison") === null
  ) {
    return null;
  }
  return { kind: "unsupported", operator: key };
}
