/**
 * `scan --test RULES`: Semgrep's rule tests. For each rule file `x.yml`, the
 * targets are its siblings `x.<ext>` (`x.py`, `x.js`, ...); their
 * `ruleid:` / `ok:` annotations say which lines each rule must and must not
 * match. As in `semgrep --test`, a rule's `paths:` filter is not applied to
 * its own test targets. A rule passes when it matches exactly the annotated
 * lines, the engine ran it fully, and nothing went wrong with its targets.
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { isProvenanceError } from "../../errors.js";
import { loadRulePack } from "../load-rules.js";
import type { Engine, EngineError, EngineOutput, Rule, RulePack, ScanTarget } from "../types.js";
import { commentMarkersFor, parseAnnotations, type Annotation } from "./annotations.js";
import type { RuleTestReport, RuleTestResult, TestLocation } from "./rule-test-types.js";

export interface RuleTestOptions {
  timeoutMs: number;
  /** Directory relative paths are read from (default: process.cwd()). */
  cwd?: string;
}

const RULE_FILE = /\.ya?ml$/i;

/** Display path of `name` in display directory `dir` ("." and "" mean the working directory). */
function joinDisplay(dir: string, name: string): string {
  return dir === "" || dir === "." ? name : `${dir.replace(/\/$/, "")}/${name}`;
}

/** The annotated targets of rule file `file`: siblings with the same base name and another extension. */
async function testTargetsOf(file: string, cwd: string): Promise<string[]> {
  const dir = dirname(file);
  const base = basename(file).replace(RULE_FILE, "");
  const entries = await readdir(resolve(cwd, dir), { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !RULE_FILE.test(entry.name) && !entry.name.includes(".fixed."))
    .filter((entry) => entry.name.slice(0, entry.name.lastIndexOf(".")) === base)
    .map((entry) => joinDisplay(dir, entry.name))
    .sort();
}

/** The rule with its `paths:` filter removed (the test target is named explicitly). */
function withoutPaths(rule: Rule): Rule {
  const raw = Object.fromEntries(Object.entries(rule.raw).filter(([key]) => key !== "paths"));
  return { ...rule, paths: { include: [], exclude: [] }, raw };
}

const key = (location: TestLocation) => `${location.path}\u0000${location.line}`;

function unique(locations: TestLocation[]): TestLocation[] {
  const seen = new Map(locations.map((location) => [key(location), location]));
  return [...seen.values()].sort((a, b) => (a.path === b.path ? a.line - b.line : a.path < b.path ? -1 : 1));
}

function typeName(error: EngineError): string {
  return typeof error.type === "string" ? error.type : String(error.type[0] ?? "error");
}

interface FileRun {
  targets: string[];
  /** Display path by the relative path the engine saw. */
  display: Map<string, string>;
  annotations: Map<string, Annotation[]>;
  output: EngineOutput | null;
  failure: string | null;
}

async function runFile(
  file: string,
  rules: Rule[],
  pack: RulePack,
  engine: Engine,
  options: RuleTestOptions,
): Promise<FileRun> {
  const cwd = options.cwd ?? process.cwd();
  const targets = await testTargetsOf(file, cwd);
  const display = new Map<string, string>();
  const annotations = new Map<string, Annotation[]>();
  const scanTargets: ScanTarget[] = [];
  for (const target of targets) {
    const content = await readFile(resolve(cwd, target), "utf8");
    const name = basename(target);
    display.set(name, target);
    annotations.set(target, parseAnnotations(content, commentMarkersFor(name)));
    scanTargets.push({ path: name, content });
  }
  if (targets.length === 0) return { targets, display, annotations, output: null, failure: null };
  const subPack: RulePack = {
    files: pack.files.filter((entry) => entry.path === file),
    rules: rules.map(withoutPaths),
    digest: pack.digest,
  };
  try {
    const output = await engine.run(subPack, scanTargets, { timeoutMs: options.timeoutMs });
    return { targets, display, annotations, output, failure: null };
  } catch (err) {
    if (isProvenanceError(err) && (err.code === "ENGINE_FAILED" || err.code === "UNSAFE_PATH")) {
      return { targets, display, annotations, output: null, failure: err.message };
    }
    throw err;
  }
}

function judge(rule: Rule, run: FileRun): RuleTestResult {
  const expected: TestLocation[] = [];
  for (const [path, list] of run.annotations) {
    for (const annotation of list) {
      if (annotation.kind === "ruleid" && annotation.ruleIds.includes(rule.id))
        expected.push({ path, line: annotation.line });
    }
  }
  const results = run.output?.results.filter((result) => result.check_id === rule.id) ?? [];
  const matched = unique(
    results.map((result) => ({ path: run.display.get(result.path) ?? result.path, line: result.start.line })),
  );
  const expectedKeys = new Set(expected.map(key));
  const matchedKeys = new Set(matched.map(key));
  const errors = run.output?.errors ?? [];
  const unsupported = errors.filter(
    (error) => error.rule_id === rule.id && typeName(error) === "UnsupportedRule",
  );
  const problems = [
    ...(run.targets.length === 0
      ? [
          `no test target next to ${rule.source.file} (expected ${basename(rule.source.file).replace(RULE_FILE, "")}.<ext>)`,
        ]
      : []),
    ...(run.failure === null ? [] : [run.failure]),
    ...errors
      .filter(
        (error) =>
          (error.rule_id === rule.id && typeName(error) !== "UnsupportedRule") ||
          (error.rule_id === undefined && error.path !== undefined),
      )
      .map((error) => `${typeName(error)}: ${error.message}`),
  ];
  const result = {
    ruleId: rule.id,
    ruleFile: rule.source.file,
    targets: run.targets,
    expected: unique(expected),
    matched,
    missed: unique(expected.filter((location) => !matchedKeys.has(key(location)))),
    falsePositives: matched.filter((location) => !expectedKeys.has(key(location))),
    unsupported: unsupported.length > 0 ? unsupported.map((error) => error.message).join("; ") : null,
    problems,
  };
  const passed =
    result.missed.length === 0 &&
    result.falsePositives.length === 0 &&
    result.unsupported === null &&
    problems.length === 0;
  return { ...result, passed };
}

function unknownIds(file: string, rules: Rule[], run: FileRun): string[] {
  const ids = new Set(rules.map((rule) => rule.id));
  return [...run.annotations].flatMap(([path, list]) =>
    list.flatMap((annotation) =>
      annotation.ruleIds
        .filter((id) => !ids.has(id))
        .map(
          (id) =>
            `${path}:${annotation.commentLine}: annotation names rule "${id}", which ${file} does not define`,
        ),
    ),
  );
}

export async function runRuleTests(
  rulesPath: string,
  engine: Engine,
  options: RuleTestOptions,
): Promise<RuleTestReport> {
  const cwd = options.cwd ?? process.cwd();
  // Each file runs on its own targets, so two files may reuse an id (semgrep-rules does, across languages).
  const pack = await loadRulePack(rulesPath, cwd, { allowDuplicateIdsAcrossFiles: true });
  const byFile = new Map<string, Rule[]>();
  for (const rule of pack.rules)
    byFile.set(rule.source.file, [...(byFile.get(rule.source.file) ?? []), rule]);
  const rules: RuleTestResult[] = [];
  const problems: string[] = [];
  for (const [file, fileRules] of byFile) {
    const run = await runFile(file, fileRules, pack, engine, { ...options, cwd });
    rules.push(...fileRules.map((rule) => judge(rule, run)));
    problems.push(...unknownIds(file, fileRules, run));
  }
  return {
    engine: engine.name,
    rules,
    problems,
    passed: problems.length === 0 && rules.every((rule) => rule.passed),
  };
}
