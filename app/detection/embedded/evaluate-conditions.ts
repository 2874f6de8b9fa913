/**
 * Conditions of a `patterns` (Semgrep's Match_search_mode.filter_ranges), run
 * in order after the negatives, each on the bindings of the positive ranges:
 * - metavariable-regex: the regex must match the bound text from its start
 *   (PCRE2 ANCHORED; "left anchored" on semgrep.dev), string literals keep
 *   their quotes; capture groups add `$1`.. / `$name` bindings;
 * - metavariable-pattern: the nested formula must match the bound snippet
 *   at least once; each nested match contributes its new bindings.
 * Bindings a condition adds are kept aside ("persistent bindings"): later
 * conditions still see only the original ones, and afterwards each range is
 * kept both as is and once per added binding set.
 * Anything else (metavariable-comparison, -type, -name, entropy...) is unsupported.
 */
import type { Condition, Formula } from "../types.js";
import { UnsupportedRuleError } from "./evaluate-errors.js";
import { withRegex } from "./evaluate-leaves.js";
import { nestedTarget } from "./evaluate-nested.js";
import type { Bindings, EvalEnv, EvalRange, EvalTarget } from "./evaluate-types.js";
import { matchAtStart } from "./regex-match.js";

export interface Pending {
  range: EvalRange;
  added: Bindings[];
}

export type FormulaRunner = (formula: Formula, target: EvalTarget, env: EvalEnv) => EvalRange[];

function regexCondition(range: EvalRange, metavariable: string, regex: string): Bindings | null {
  const b = range.bindings[metavariable];
  if (!b) return null;
  const hit = withRegex(regex, () => matchAtStart(regex, b.text, b.start));
  if (!hit) return null;
  const captures: Bindings = {};
  for (const g of hit.groups) {
    captures[g.name] = { text: g.text, key: g.text, start: g.start, end: g.end, textual: true };
  }
  return captures;
}

function onlyNew(bindings: Bindings, existing: Bindings): Bindings {
  const out: Bindings = {};
  for (const [name, b] of Object.entries(bindings)) if (!(name in existing)) out[name] = b;
  return out;
}

export function applyCondition(
  condition: Condition,
  items: Pending[],
  target: EvalTarget,
  env: EvalEnv,
  run: FormulaRunner,
): Pending[] {
  switch (condition.kind) {
    case "metavariable-regex":
      return items.flatMap((item) => {
        const captures = regexCondition(item.range, condition.metavariable, condition.regex);
        return captures ? [{ range: item.range, added: [captures, ...item.added] }] : [];
      });
    case "metavariable-pattern":
      return items.flatMap((item) => {
        const nested = nestedTarget(
          item.range,
          condition.metavariable,
          condition.language,
          target,
          env.matcher,
        );
        if (!nested) return [];
        const found = run(condition.formula, nested, env);
        if (found.length === 0) return [];
        const added = found.map((r) => onlyNew(r.bindings, item.range.bindings));
        return [{ range: item.range, added: [...added, ...item.added] }];
      });
    case "unsupported":
      throw new UnsupportedRuleError(`${condition.operator} is not supported`);
  }
}

/** Each range as is, then once per binding set a condition added (new bindings win). */
export function expandPersistent(items: Pending[]): EvalRange[] {
  return items.flatMap(({ range, added }) => [
    range,
    ...added.map((b) => ({ ...range, bindings: { ...range.bindings, ...b } })),
  ]);
}
