/**
 * The embedded engine: runs a rule pack's search rules in process with the
 * structural matcher and the formula evaluator, and its taint rules with the
 * taint analysis (taint-rule.ts), and answers in Semgrep's JSON shape. Rules
 * it cannot run (other modes, taint labels, typed metavariables, unsupported
 * operators or languages, patterns the matcher refuses) are each reported once
 * in `errors[]` as UnsupportedRule; a file that does not parse gets a
 * "Syntax error" entry and the scan goes on.
 */
import { toolVersion } from "../../version.js";
import { languageOf, ruleLanguagesCover } from "../language-of.js";
import { rulePathsAllow } from "../rule-paths.js";
import type {
  Engine,
  EngineError,
  EngineOutput,
  EngineResult,
  EngineRunOptions,
  Rule,
  RulePack,
} from "../types.js";
import type { ScanTarget } from "../types.js";
import { UnsupportedRuleError } from "./evaluate-errors.js";
import { createFileEvaluator, type FileEvaluator } from "./evaluate-formula.js";
import { compareResults, LineIndex, toEngineResult } from "./evaluate-results.js";
import { checkRule, type LanguageProbe, type StaticCheck } from "./evaluate-static.js";
import { isRegexLanguage } from "./evaluate-languages.js";
import { evaluateTaint } from "./taint-rule.js";
import type { TaintTree } from "./taint-tree.js";
import {
  UnsupportedPatternError,
  type EmbeddedLanguage,
  type ParsedFile,
  type PatternMatcher,
} from "./match-types.js";

/** Parses one empty file per language, for probing the matcher and validating patterns. */
class EmptyFiles {
  private readonly files = new Map<EmbeddedLanguage, ParsedFile>();
  private readonly problems = new Map<EmbeddedLanguage, string | null>();

  constructor(private readonly matcher: PatternMatcher) {}

  get(language: EmbeddedLanguage): ParsedFile {
    let file = this.files.get(language);
    if (!file) {
      file = this.matcher.parseFile(language, "");
      this.files.set(language, file);
    }
    return file;
  }

  /** Why the matcher refuses `language` (tried with the pattern `x`), or null. */
  readonly probe: LanguageProbe = (language) => {
    if (!this.problems.has(language)) {
      try {
        this.matcher.match("x", this.get(language));
        this.problems.set(language, null);
      } catch (err) {
        this.problems.set(language, err instanceof UnsupportedPatternError ? err.reason : message(err));
      }
    }
    return this.problems.get(language) ?? null;
  };
}

/**
 * Rules the engine cannot run (or runs only in part), found without looking at
 * any target file. With `matcher`, the languages it refuses are included too.
 */
export function describeUnsupported(
  pack: RulePack,
  matcher?: PatternMatcher,
): Array<{ ruleId: string; reason: string }> {
  const probe = matcher ? new EmptyFiles(matcher).probe : undefined;
  return pack.rules.flatMap((rule) => {
    const check = checkRule(rule, probe);
    const reasons = [...check.blocking, ...check.partial];
    return reasons.length > 0 ? [{ ruleId: rule.id, reason: reasons.join("; ") }] : [];
  });
}

/** Loaded on first run, so importing the engine does no work. */
async function defaultMatcher(): Promise<PatternMatcher> {
  const { createStructuralMatcher } = await import("./structural-matcher.js");
  return createStructuralMatcher();
}

/** Builds the syntax tree taint analysis walks (taint-tree.ts loads the parser, so only when a pack has taint rules). */
type TaintTreeFactory = (language: EmbeddedLanguage, text: string) => TaintTree;

async function taintTreeFactory(pack: RulePack): Promise<TaintTreeFactory | null> {
  if (!pack.rules.some((r) => r.mode === "taint")) return null;
  const { TaintTree } = await import("./taint-tree.js");
  return (language, text) => new TaintTree(language, text);
}

export function createEmbeddedEngine(matcher?: PatternMatcher): Engine {
  let shared: Promise<PatternMatcher> | undefined = matcher && Promise.resolve(matcher);
  return {
    name: "embedded",
    async run(pack, targets, options) {
      shared ??= defaultMatcher();
      const trees = await taintTreeFactory(pack);
      return await new EmbeddedRun(await shared, options, trees).run(pack, targets);
    },
  };
}

/** Files parsed ahead of the one being matched. */
const PARSE_AHEAD = 4;

const isRegexOnly = (rule: Rule): boolean =>
  rule.languages.length > 0 && rule.languages.every(isRegexLanguage);

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

class EmbeddedRun {
  private readonly errors: EngineError[] = [];
  private readonly unsupported = new Set<string>();
  private readonly results = new Map<string, EngineResult[]>();
  private readonly checks = new Map<string, StaticCheck>();
  private readonly validated = new Map<string, Set<EmbeddedLanguage>>();
  private readonly empty: EmptyFiles;
  private readonly deadline: number;

  constructor(
    private readonly matcher: PatternMatcher,
    private readonly options: EngineRunOptions,
    private readonly taintTrees: TaintTreeFactory | null = null,
  ) {
    this.deadline = Date.now() + options.timeoutMs;
    this.empty = new EmptyFiles(matcher);
  }

  /** Per language of a path (null: none), the rules whose languages cover such files. */
  private readonly covering = new Map<ReturnType<typeof languageOf>, Rule[]>();

  /** The file's language when the matcher parses it, and the rules to run on it. */
  private plan(pack: RulePack, target: ScanTarget): { language: EmbeddedLanguage | null; rules: Rule[] } {
    const language = languageOf(target.path);
    const parsable = language !== null && this.empty.probe(language) === null;
    let covering = this.covering.get(language);
    if (!covering) {
      covering = pack.rules.filter((r) => ruleLanguagesCover(r.languages, target.path));
      this.covering.set(language, covering);
    }
    const rules = covering.filter(
      (r) =>
        !this.unsupported.has(r.id) && (parsable || isRegexOnly(r)) && rulePathsAllow(r.paths, target.path),
    );
    return { language: parsable ? language : null, rules };
  }

  async run(pack: RulePack, targets: ScanTarget[]): Promise<EngineOutput> {
    for (const rule of pack.rules) {
      const check = checkRule(rule, this.empty.probe);
      this.checks.set(rule.id, check);
      if (check.blocking.length > 0) this.reportUnsupported(rule, check.blocking.join("; "));
      else if (check.partial.length > 0) this.reportOnce(rule, check.partial.join("; "));
    }
    // The next files are parsed on a worker thread while this one is matched (null: parse here).
    const ahead = new Map<number, Promise<ParsedFile | null>>();
    const parseAhead = (i: number): void => {
      const target = targets[i];
      const parseAsync = this.matcher.parseFileAsync?.bind(this.matcher);
      if (!target || ahead.has(i) || !parseAsync) return;
      const { language, rules } = this.plan(pack, target);
      if (language === null || !rules.some((r) => !isRegexOnly(r))) return;
      ahead.set(
        i,
        parseAsync(language, target.content).catch(() => null),
      );
    };
    const scanned: string[] = [];
    for (let i = 0; i < targets.length; i++) {
      const target = targets[i] as ScanTarget;
      for (let j = i; j <= i + PARSE_AHEAD; j++) parseAhead(j);
      const early = ahead.get(i);
      ahead.delete(i);
      const { language, rules } = this.plan(pack, target);
      if (rules.length === 0) continue;
      if (Date.now() > this.deadline) {
        this.errors.push({
          code: 3,
          level: "warn",
          type: "Timeout",
          path: target.path,
          message: `${target.path}: not scanned, the embedded engine used up its ${this.options.timeoutMs} ms budget`,
        });
        continue;
      }
      scanned.push(target.path);
      const parsed = early ? await early : null;
      this.scanFile(target, language, rules, parsed?.language === language ? parsed : null);
    }
    const results = pack.rules
      .filter((r) => !this.unsupported.has(r.id))
      .flatMap((r) => this.results.get(r.id) ?? [])
      .sort(compareResults);
    return {
      results,
      errors: this.errors,
      paths: { scanned: scanned.sort() },
      version: `embedded-${toolVersion()}`,
    };
  }

  /** `language`: the file's language when the matcher handles it, else null (regex rules only). */
  private scanFile(
    target: ScanTarget,
    language: EmbeddedLanguage | null,
    rules: Rule[],
    early: ParsedFile | null = null,
  ): void {
    const index = new LineIndex(target.content);
    const regexEvaluator = createFileEvaluator(this.matcher, null, target.content, () => {
      throw new UnsupportedRuleError("`pattern` in a regex-only rule");
    });
    let evaluator: FileEvaluator | null = null;
    if (language !== null && rules.some((r) => !isRegexOnly(r))) {
      try {
        const parsed = early ?? this.matcher.parseFile(language, target.content);
        evaluator = createFileEvaluator(this.matcher, language, target.content, () => parsed);
      } catch (err) {
        this.errors.push({
          code: 3,
          level: "warn",
          type: "Syntax error",
          path: target.path,
          message: `Syntax error in ${target.path} (${language}): ${message(err)}`,
        });
      }
    }
    let taintTree: TaintTree | undefined;
    const taintContext = (evaluate: FileEvaluator, lang: EmbeddedLanguage, trees: TaintTreeFactory) => ({
      evaluate: (formula: Rule["formula"]) => evaluate.evaluate(formula),
      tree: () => (taintTree ??= trees(lang, target.content)),
    });
    for (const rule of rules) {
      if (this.unsupported.has(rule.id)) continue;
      let chosen = regexEvaluator;
      if (!isRegexOnly(rule)) {
        if (evaluator === null || language === null || !this.validatePatterns(rule, language)) continue;
        chosen = evaluator;
      }
      try {
        const matches =
          rule.mode === "taint" && rule.taint && language !== null && this.taintTrees
            ? evaluateTaint(rule.taint, taintContext(chosen, language, this.taintTrees), language)
            : chosen.evaluate(rule.formula);
        const found = matches.map((m) => toEngineResult(rule, target.path, index, m));
        this.results.set(rule.id, [...(this.results.get(rule.id) ?? []), ...found]);
      } catch (err) {
        this.ruleFailed(rule, target.path, err);
      }
    }
  }

  /** Runs each of the rule's patterns once on an empty file, so a pattern the matcher refuses is always reported. */
  private validatePatterns(rule: Rule, language: EmbeddedLanguage): boolean {
    const done = this.validated.get(rule.id) ?? new Set<EmbeddedLanguage>();
    this.validated.set(rule.id, done);
    if (done.has(language)) return !this.unsupported.has(rule.id);
    done.add(language);
    for (const { pattern, language: lang } of this.checks.get(rule.id)?.patterns ?? []) {
      const patternLanguage = lang === "any" ? language : lang;
      try {
        this.matcher.match(pattern, this.empty.get(patternLanguage));
      } catch (err) {
        if (err instanceof UnsupportedPatternError) {
          this.ruleFailed(rule, null, err);
          return false;
        }
      }
    }
    return true;
  }

  private ruleFailed(rule: Rule, path: string | null, err: unknown): void {
    if (err instanceof UnsupportedRuleError) this.reportUnsupported(rule, err.reason);
    else if (err instanceof UnsupportedPatternError) {
      this.reportUnsupported(rule, `pattern ${JSON.stringify(err.pattern.trim())}: ${err.reason}`);
    } else {
      this.errors.push({
        code: 2,
        level: "warn",
        type: "Internal matching error",
        rule_id: rule.id,
        ...(path === null ? {} : { path }),
        message: `${rule.id}: ${message(err)}`,
      });
    }
  }

  private reportUnsupported(rule: Rule, reason: string): void {
    this.reportOnce(rule, reason);
    this.unsupported.add(rule.id);
  }

  /** One UnsupportedRule entry per rule; a later reason is appended to it. */
  private reportOnce(rule: Rule, reason: string): void {
    const existing = this.errors.find((e) => e.type === "UnsupportedRule" && e.rule_id === rule.id);
    if (!existing) {
      const msg = `${rule.id}: ${reason}`;
      this.errors.push({ code: 2, level: "warn", type: "UnsupportedRule", rule_id: rule.id, message: msg });
    } else if (!this.unsupported.has(rule.id)) {
      existing.message = `${existing.message}; ${reason}`;
    }
  }
}
