/**
 * One rule file's text to `Rule`s, collecting every problem as
 * "<file>: rule <id or #index>: <key path>: <reason>" (or "<file>:<line>:<col>: ..."
 * for YAML syntax errors). Pure: no I/O.
 */
import { parseDocument } from "yaml";
import { isRecord } from "./parse-formula.js";
import { parseRuleFormula } from "./rule-formula.js";
import { formatProblem, problemsFromZod } from "./rule-problems.js";
import { requiredFieldsFor, ruleFieldsSchema, ruleFileSchema } from "./rule-schema.js";
import { levelOf } from "./severity.js";
import type { Rule } from "./types.js";

export interface ParsedRuleFile {
  rules: Rule[];
  problems: string[];
}

/** YAML errors as "file:line:col: not valid YAML: reason" lines. */
function yamlProblems(
  errors: ReadonlyArray<{ message: string; linePos?: [{ line: number; col: number }, ...unknown[]] }>,
  file: string,
): string[] {
  return errors.map((error) => {
    const reason = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    const pos = error.linePos?.[0];
    return `${file}${pos === undefined ? "" : `:${pos.line}:${pos.col}`}: not valid YAML: ${reason}`;
  });
}

export function parseRuleFileText(text: string, file: string): ParsedRuleFile {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) return { rules: [], problems: yamlProblems(doc.errors, file) };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { rules: [], problems: [`${file}: not valid YAML: ${(err as Error).message}`] };
  }
  const top = ruleFileSchema.safeParse(value ?? {});
  if (!top.success) {
    return {
      rules: [],
      problems: problemsFromZod(top.error.issues).map((problem) =>
        problem.path.length === 0 ? `${file}: ${problem.message}` : formatProblem(file, problem),
      ),
    };
  }
  const rules: Rule[] = [];
  const problems: string[] = [];
  top.data.rules.forEach((item, index) => {
    const parsed = parseRule(item, index, file);
    if (parsed.rule !== null) rules.push(parsed.rule);
    problems.push(...parsed.problems);
  });
  return { rules, problems };
}

function labelOf(item: unknown, index: number): string {
  const id = isRecord(item) ? item["id"] : undefined;
  return typeof id === "string" && id !== "" ? id : `#${index}`;
}

function parseRule(item: unknown, index: number, file: string): { rule: Rule | null; problems: string[] } {
  const prefix = `${file}: rule ${labelOf(item, index)}`;
  if (!isRecord(item)) return { rule: null, problems: [`${prefix}: (rule): expected a mapping`] };
  const fields = ruleFieldsSchema.safeParse(item);
  const problems = fields.success ? [] : problemsFromZod(fields.error.issues);
  for (const key of requiredFieldsFor(item["mode"] ?? "search")) {
    if (item[key] === undefined && !problems.some((p) => p.path[0] === key))
      problems.push({ path: [key], message: "required" });
  }
  const mode = fields.success ? fields.data.mode : "search";
  const formula = parseRuleFormula(item, mode);
  problems.push(...formula.problems);
  if (!fields.success || problems.length > 0) {
    return { rule: null, problems: problems.map((problem) => formatProblem(prefix, problem)) };
  }
  const data = fields.data;
  const severity = data.severity ?? "INFO";
  return {
    rule: {
      id: data.id,
      message: data.message ?? "",
      severity,
      level: levelOf(severity),
      languages: data.languages ?? [],
      mode: formula.mode,
      formula: formula.formula,
      ...(formula.taint ? { taint: formula.taint } : {}),
      paths: { include: data.paths?.include ?? [], exclude: data.paths?.exclude ?? [] },
      metadata: data.metadata ?? {},
      source: { file, index },
      raw: item,
    },
    problems: [],
  };
}
