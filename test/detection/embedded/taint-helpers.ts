/**
 * Runs taint rules written in YAML through the real loader and the embedded
 * engine (structural matcher). Code snippets mark the lines that must be
 * reported with a trailing `# hit` (Python) or `// hit` (JavaScript) comment.
 */
import { expect } from "vitest";
import { createEmbeddedEngine } from "../../../app/detection/embedded/embedded-engine.js";
import { parseRuleFileText } from "../../../app/detection/parse-rule-file.js";
import type { EngineOutput, Rule } from "../../../app/detection/types.js";

const engine = createEmbeddedEngine();

/** Loads one rule (`body`: the YAML keys after `id`, indented by four spaces) and fails on problems. */
export function loadRule(body: string, id = "t"): Rule {
  const text = `rules:\n  - id: ${id}\n${body.replace(/^\n/, "")}`;
  const parsed = parseRuleFileText(text, "rules.yml");
  expect(parsed.problems).toEqual([]);
  const rule = parsed.rules[0];
  if (!rule) throw new Error("no rule loaded");
  return rule;
}

export async function runRules(rules: Rule[], files: Record<string, string>): Promise<EngineOutput> {
  const targets = Object.entries(files).map(([path, content]) => ({ path, content }));
  return engine.run({ files: [], rules, digest: "d" }, targets, { timeoutMs: 60_000 });
}

/** 1-based lines carrying a `hit` marker comment. */
export function markedLines(code: string): number[] {
  return code.split("\n").flatMap((line, i) => (/(#|\/\/) hit\b/.test(line) ? [i + 1] : []));
}

/** The lines the rule reports in `code` (one file named `path`), sorted. */
export async function reportedLines(rule: Rule, path: string, code: string): Promise<number[]> {
  const out = await runRules([rule], { [path]: code });
  expect(out.errors).toEqual([]);
  return out.results.map((r) => r.start.line).sort((a, b) => a - b);
}

/** A Python taint rule with `source()` / `sink(...)` / `clean(...)` and extra YAML keys. */
export function pythonRule(extra = "", sinks = "[{ pattern: sink(...) }]"): string {
  return `    mode: taint
    message: tainted data reaches a sink
    severity: ERROR
    languages: [python]
    pattern-sources: [{ pattern: source(...) }]
    pattern-sinks: ${sinks}
    pattern-sanitizers: [{ pattern: clean(...) }]
${extra}`;
}

/** The JavaScript/TypeScript counterpart of pythonRule. */
export function jsRule(extra = "", sinks = "[{ pattern: sink(...) }]"): string {
  return `    mode: taint
    message: tainted data reaches a sink
    severity: ERROR
    languages: [javascript, typescript]
    pattern-sources: [{ pattern: source(...) }]
    pattern-sinks: ${sinks}
    pattern-sanitizers: [{ pattern: clean(...) }]
${extra}`;
}
