/** Problems found in a rule file, kept as key paths so every message says exactly where to look. */
import type { z } from "zod";

export type KeyPath = ReadonlyArray<string | number>;

export interface RuleProblem {
  path: KeyPath;
  message: string;
}

/** zod issues as problems; an unknown key becomes one problem at that key. */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[], base: KeyPath = []): RuleProblem[] {
  return issues.flatMap((issue): RuleProblem[] => {
    const path = [...base, ...issue.path.map((key) => (typeof key === "symbol" ? String(key) : key))];
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: [...path, key], message: "unknown key" }));
    }
    return [{ path, message: issue.message }];
  });
}

/** "prefix: key.path: reason" ("(rule)" stands for the rule itself). */
export function formatProblem(prefix: string, problem: RuleProblem): string {
  const key = problem.path.length > 0 ? problem.path.join(".") : "(rule)";
  return `${prefix}: ${key}: ${problem.message}`;
}
