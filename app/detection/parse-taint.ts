/**
 * A `mode: taint` rule's specification to a `TaintSpec`: the classic keys
 * (`pattern-sources`, `pattern-sinks`, `pattern-sanitizers`,
 * `pattern-propagators`, each a list of formulas with their options beside the
 * formula key) or the newer `taint: { sources, sinks, sanitizers, propagators }`
 * block (items in the `match:` syntax, or classic items). The taint `options`
 * the embedded engine honours are read from the rule's `options`.
 *
 * Problems in a formula are problems (the rule does not load, as for search
 * rules). What parses but the embedded engine cannot run — taint labels
 * (`label`, `requires`, `replace-labels`), control sources, at-exit sinks,
 * unknown option keys — is listed in `unsupported`, and the rule is reported
 * unsupported with those reasons.
 */
import { isRecord, metavariableName, parsePositive, type FormulaContext } from "./parse-formula.js";
import { parseMatch } from "./parse-match.js";
import type { KeyPath } from "./rule-problems.js";
import type {
  Formula,
  TaintOptions,
  TaintPropagator,
  TaintSanitizer,
  TaintSink,
  TaintSource,
  TaintSpec,
} from "./types.js";

type Kind = "source" | "sink" | "sanitizer" | "propagator";

/** Option keys each kind of item may carry beside its formula (as Semgrep's rule schema has them). */
const OPTION_KEYS: Record<Kind, readonly string[]> = {
  source: ["exact", "by-side-effect", "label", "requires", "control"],
  sink: ["exact", "requires", "at-exit"],
  sanitizer: ["exact", "by-side-effect", "not-conflicting"],
  propagator: ["from", "to", "by-side-effect", "label", "requires", "replace-labels"],
};
const LABEL_KEYS = new Set(["label", "requires", "replace-labels"]);
const CLASSIC_FORMULA_KEYS = ["pattern", "patterns", "pattern-either", "pattern-regex"] as const;
const MATCH_FORMULA_KEYS = ["pattern", "regex", "all", "any", "not", "inside", "where", "as"] as const;

const CLASSIC_KEYS: ReadonlyArray<[Kind, string]> = [
  ["source", "pattern-sources"],
  ["sink", "pattern-sinks"],
  ["sanitizer", "pattern-sanitizers"],
  ["propagator", "pattern-propagators"],
];
const BLOCK_KEYS: ReadonlyArray<[Kind, string]> = [
  ["source", "sources"],
  ["sink", "sinks"],
  ["sanitizer", "sanitizers"],
  ["propagator", "propagators"],
];

interface Item {
  formula: Formula;
  options: Record<string, unknown>;
  path: KeyPath;
}

class TaintContext {
  readonly unsupported: string[] = [];
  /** Label keys used anywhere (`label`, `requires`, `replace-labels`), reported as one reason. */
  readonly labelKeys = new Set<string>();

  constructor(readonly ctx: FormulaContext) {}

  note(reason: string): void {
    if (!this.unsupported.includes(reason)) this.unsupported.push(reason);
  }
}

/** An item of the classic lists: one formula key plus options. */
function classicItem(item: unknown, path: KeyPath, kind: Kind, tc: TaintContext): Item | null {
  if (!isRecord(item)) {
    tc.ctx.problem(path, "expected a mapping with a pattern operator");
    return null;
  }
  const present = CLASSIC_FORMULA_KEYS.filter((key) => item[key] !== undefined);
  if (present.length !== 1) {
    const found = present.length > 1 ? ` (found ${present.join(", ")})` : "";
    tc.ctx.problem(path, `expected exactly one of ${CLASSIC_FORMULA_KEYS.join(", ")}${found}`);
    return null;
  }
  const key = present[0] as string;
  const formula = parsePositive(key, item[key], [...path, key], tc.ctx);
  return { formula, options: optionsOf(item, [key], path, kind, tc), path };
}

/** An item of the `taint:` block: a `match:`-style formula (or a classic item) plus options. */
function blockItem(item: unknown, path: KeyPath, kind: Kind, tc: TaintContext): Item | null {
  if (typeof item === "string") return { formula: parseMatch(item, path, tc.ctx), options: {}, path };
  if (!isRecord(item)) {
    tc.ctx.problem(path, "expected a pattern string or a mapping");
    return null;
  }
  if (["patterns", "pattern-either", "pattern-regex"].some((key) => item[key] !== undefined)) {
    return classicItem(item, path, kind, tc);
  }
  const formulaPart = Object.fromEntries(
    Object.entries(item).filter(([key]) => (MATCH_FORMULA_KEYS as readonly string[]).includes(key)),
  );
  const formula = parseMatch(formulaPart, path, tc.ctx);
  return { formula, options: optionsOf(item, MATCH_FORMULA_KEYS, path, kind, tc), path };
}

function optionsOf(
  item: Record<string, unknown>,
  formulaKeys: readonly string[],
  path: KeyPath,
  kind: Kind,
  tc: TaintContext,
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (formulaKeys.includes(key)) continue;
    if (!OPTION_KEYS[kind].includes(key)) {
      tc.note(`unknown ${kind} option "${key}" at ${path.join(".")}`);
      continue;
    }
    if (LABEL_KEYS.has(key)) tc.labelKeys.add(key);
    options[key] = value;
  }
  return options;
}

function flag(
  options: Record<string, unknown>,
  key: string,
  fallback: boolean,
  path: KeyPath,
  tc: TaintContext,
): boolean {
  const value = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") {
    tc.ctx.problem([...path, key], "expected true or false");
    return fallback;
  }
  return value;
}

function toSource(item: Item, tc: TaintContext): TaintSource {
  const { options, path } = item;
  let bySideEffect: TaintSource["bySideEffect"] = "no";
  const side = options["by-side-effect"];
  if (side === "only") bySideEffect = "only";
  else if (side !== undefined) bySideEffect = flag(options, "by-side-effect", false, path, tc) ? "yes" : "no";
  if (flag(options, "control", false, path, tc)) tc.note("control sources (control: true) are not supported");
  return { formula: item.formula, exact: flag(options, "exact", false, path, tc), bySideEffect };
}

function toSink(item: Item, tc: TaintContext): TaintSink {
  if (flag(item.options, "at-exit", false, item.path, tc)) tc.note("at-exit sinks are not supported");
  return { formula: item.formula, exact: flag(item.options, "exact", true, item.path, tc) };
}

function toSanitizer(item: Item, tc: TaintContext): TaintSanitizer {
  const { options, path } = item;
  return {
    formula: item.formula,
    exact: flag(options, "exact", false, path, tc),
    bySideEffect: flag(options, "by-side-effect", false, path, tc),
    notConflicting: flag(options, "not-conflicting", false, path, tc),
  };
}

function toPropagator(item: Item, tc: TaintContext): TaintPropagator | null {
  const { options, path } = item;
  const from = metavariableName(options["from"], [...path, "from"], tc.ctx);
  const to = metavariableName(options["to"], [...path, "to"], tc.ctx);
  if (from === null || to === null) return null;
  return { formula: item.formula, from, to, bySideEffect: flag(options, "by-side-effect", true, path, tc) };
}

function listOf(value: unknown, path: KeyPath, required: boolean, tc: TaintContext): unknown[] {
  if (value === undefined) {
    if (required) tc.ctx.problem(path, "required");
    return [];
  }
  if (!Array.isArray(value)) {
    tc.ctx.problem(path, "expected a list");
    return [];
  }
  if (value.length === 0 && required) tc.ctx.problem(path, "expected a non-empty list");
  return value;
}

const OPTION_NAMES: ReadonlyArray<[keyof TaintOptions, string]> = [
  ["unifyMetavariables", "taint_unify_mvars"],
  ["assumeSafeFunctions", "taint_assume_safe_functions"],
  ["assumeSafeIndexes", "taint_assume_safe_indexes"],
  ["assumeSafeComparisons", "taint_assume_safe_comparisons"],
];

/** The taint options from the rule's `options` (wrong types are left to Semgrep; they count as false here). */
export function taintOptions(raw: Record<string, unknown>): TaintOptions {
  const options = isRecord(raw["options"]) ? raw["options"] : {};
  const out: TaintOptions = {
    unifyMetavariables: false,
    assumeSafeFunctions: false,
    assumeSafeIndexes: false,
    assumeSafeComparisons: false,
  };
  for (const [field, name] of OPTION_NAMES) out[field] = options[name] === true;
  return out;
}

/**
 * Parses the taint specification of a `mode: taint` rule. Problems go to `ctx`
 * (with their key paths); the returned spec is meaningful only when there are none.
 */
export function parseTaintSpec(raw: Record<string, unknown>, ctx: FormulaContext): TaintSpec {
  const tc = new TaintContext(ctx);
  const items: Record<Kind, Item[]> = { source: [], sink: [], sanitizer: [], propagator: [] };
  const block = raw["taint"];
  if (block !== undefined) {
    for (const key of CLASSIC_KEYS.map(([, k]) => k)) {
      if (raw[key] !== undefined) ctx.problem([key], "not allowed together with taint:");
    }
    if (!isRecord(block)) {
      ctx.problem(["taint"], "expected a mapping with sources and sinks");
    } else {
      for (const key of Object.keys(block)) {
        if (!BLOCK_KEYS.some(([, k]) => k === key)) ctx.problem(["taint", key], "unknown key");
      }
      for (const [kind, key] of BLOCK_KEYS) {
        const path = ["taint", key];
        listOf(block[key], path, kind === "source" || kind === "sink", tc).forEach((item, index) => {
          const parsed = blockItem(item, [...path, index], kind, tc);
          if (parsed) items[kind].push(parsed);
        });
      }
    }
  } else {
    for (const [kind, key] of CLASSIC_KEYS) {
      listOf(raw[key], [key], kind === "source" || kind === "sink", tc).forEach((item, index) => {
        const parsed = classicItem(item, [key, index], kind, tc);
        if (parsed) items[kind].push(parsed);
      });
    }
  }
  if (tc.labelKeys.size > 0) tc.note(`taint labels are not supported (uses ${[...tc.labelKeys].join(", ")})`);
  for (const reason of ctx.unsupported)
    tc.note(`uses operators the embedded engine cannot represent (${reason})`);
  const propagators = items.propagator.flatMap((item) => toPropagator(item, tc) ?? []);
  return {
    sources: items.source.map((item) => toSource(item, tc)),
    sinks: items.sink.map((item) => toSink(item, tc)),
    sanitizers: items.sanitizer.map((item) => toSanitizer(item, tc)),
    propagators,
    options: taintOptions(raw),
    unsupported: tc.unsupported,
  };
}
