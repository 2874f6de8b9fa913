/**
 * What the embedded engine cannot run in a rule, found without any target
 * file: modes other than search and taint (and taint rules' labels and the
 * languages taint mode does not cover), languages it has no parser for, typed
 * metavariables, regexes JavaScript cannot express, unsupported conditions,
 * metavariable-pattern languages, and a `patterns` without a positive term.
 */
import type { Formula, Rule } from "../types.js";
import { UnsupportedRuleError } from "./evaluate-errors.js";
import { NO_POSITIVE_TERM } from "./evaluate-formula.js";
import { embeddedLanguage, isRegexLanguage } from "./evaluate-languages.js";
import { nestedLanguage } from "./evaluate-nested.js";
import type { EmbeddedLanguage } from "./match-types.js";
import { literalType } from "./prepare-pattern.js";
import { compilePcre, type RegexMode } from "./regex-match.js";
import { UnsupportedRegexError } from "./regex-translate.js";
import { taintFormulas, taintLanguageProblem, taintRuleProblems } from "./taint-rule.js";

const METAVAR = "\\$[A-Z_][A-Z0-9_]*";
/** `(String $X)`, `(java.util.List<String> $X)`, `(char[] $X)`: Java/C/Go style. */
const TYPE_FIRST = new RegExp(
  `\\(\\s*(\\$?[A-Za-z_][\\w.]*)(?:<[^()]*>)?(?:\\[\\])*\\s+${METAVAR}\\s*\\)`,
  "g",
);
/** `($X: str)`, `($X : string)`: Python/TypeScript style (not the walrus `($X := ...)`). */
const NAME_FIRST = new RegExp(`\\(\\s*${METAVAR}\\s*:(?!=)\\s*[^()\\s,][^(),]*\\)`, "g");
/** Prefix operators that look like a type in `(await $X)`. */
const KEYWORDS = new Set([
  "await",
  "yield",
  "typeof",
  "new",
  "not",
  "void",
  "delete",
  "return",
  "throw",
  "async",
]);

/**
 * A typed metavariable in `pattern`, or null. A parenthesised `Type $X` after
 * a name (`foo(String $X)`) is a parameter list, and one followed by `=>`/`->`
 * is a lambda's parameters: neither is a typed metavariable.
 */
export function typedMetavariable(pattern: string, language?: EmbeddedLanguage | "any"): string | null {
  const family =
    language === "python"
      ? "python"
      : language === "javascript" || language === "typescript" || language === "tsx"
        ? "js"
        : null;
  for (const re of [TYPE_FIRST, NAME_FIRST]) {
    for (const m of pattern.matchAll(re)) {
      // `($X: string)` on a literal is matched structurally (JS/TS `string`/`number`, Python `str`/`int`/`float`).
      const type = re === NAME_FIRST ? m[0].slice(m[0].indexOf(":") + 1, -1) : null;
      if (family && type !== null && literalType(family, type)) continue;
      const before = pattern.slice(0, m.index).trimEnd();
      const after = pattern.slice(m.index + m[0].length).trimStart();
      if (/[\w$)\]>]$/.test(before) || /^(=>|->)/.test(after) || KEYWORDS.has(m[1] ?? "")) continue;
      return m[0];
    }
  }
  return null;
}

interface Walk {
  reasons: string[];
  /** The language `pattern` leaves are parsed in; null inside a regex-only scope. */
  language: EmbeddedLanguage | "any" | null;
  /** Inside a metavariable-pattern (where a negative-only `patterns` has an implicit positive). */
  nested: boolean;
  patterns: Array<{ pattern: string; language: EmbeddedLanguage | "any" }>;
}

function checkRegex(regex: string, mode: RegexMode, walk: Walk): void {
  try {
    compilePcre(regex, mode);
  } catch (err) {
    if (!(err instanceof UnsupportedRegexError)) throw err;
    walk.reasons.push(`regex ${JSON.stringify(regex)}: ${err.reason}`);
  }
}

function visit(f: Formula, walk: Walk): void {
  switch (f.kind) {
    case "pattern": {
      if (walk.language === null) walk.reasons.push("`pattern` in a regex-only rule or metavariable-pattern");
      else walk.patterns.push({ pattern: f.pattern, language: walk.language });
      const typed = typedMetavariable(f.pattern, walk.language ?? undefined);
      if (typed !== null) walk.reasons.push(`typed metavariable ${typed} (needs type information)`);
      return;
    }
    case "regex":
      return checkRegex(f.regex, "search", walk);
    case "either":
      return f.branches.forEach((b) => visit(b, walk));
    case "all":
      if (!walk.nested && f.positives.length + f.inside.length === 0) walk.reasons.push(NO_POSITIVE_TERM);
      for (const part of [f.positives, f.inside, f.negatives, f.notInside])
        part.forEach((p) => visit(p, walk));
      for (const c of f.conditions) {
        if (c.kind === "unsupported") walk.reasons.push(`${c.operator} is not supported`);
        else if (c.kind === "metavariable-regex") checkRegex(c.regex, "anchored", walk);
        else visitNested(c.formula, c.language, walk);
      }
  }
}

function visitNested(formula: Formula, language: string | null, walk: Walk): void {
  let lang = walk.language;
  if (language !== null) {
    try {
      lang = nestedLanguage(language);
    } catch (err) {
      if (!(err instanceof UnsupportedRuleError)) throw err;
      walk.reasons.push(err.reason);
      return;
    }
  }
  visit(formula, { ...walk, language: lang, nested: true });
}

export interface StaticCheck {
  /** Reasons the rule cannot run at all. */
  blocking: string[];
  /** Reasons it runs only in part (some of its languages); it still runs on the others. */
  partial: string[];
  /** Every `pattern` leaf with the language it is parsed in ("any": each language the rule runs on). */
  patterns: Array<{ pattern: string; language: EmbeddedLanguage | "any" }>;
}

/** Why the matcher cannot handle a language it has a name for, or null when it can. */
export type LanguageProbe = (language: EmbeddedLanguage) => string | null;

function languageReasons(rule: Rule, probe: LanguageProbe): { blocking: string[]; partial: string[] } {
  const problems = new Map<string, string>();
  for (const name of rule.languages) {
    if (isRegexLanguage(name)) continue;
    const lang = embeddedLanguage(name);
    const problem = lang === null ? "no parser for it" : probe(lang);
    if (problem !== null) problems.set(name, problem);
  }
  if (problems.size === 0) return { blocking: [], partial: [] };
  const reason = [...problems].map(([name, why]) => `language ${name} is not supported (${why})`).join("; ");
  const runs = rule.languages.filter((n) => !problems.has(n));
  if (runs.length === 0) return { blocking: [reason], partial: [] };
  return { blocking: [], partial: [`${reason}; it still runs on ${runs.join(", ")} files`] };
}

/** `probe`: what the matcher in use says about each language (by default, nothing against any). */
export function checkRule(rule: Rule, probe: LanguageProbe = () => null): StaticCheck {
  const walk: Walk = { reasons: [], language: "any", nested: false, patterns: [] };
  const taintProbe: LanguageProbe = (language) => taintLanguageProblem(language) ?? probe(language);
  const languages = languageReasons(rule, rule.mode === "taint" ? taintProbe : probe);
  if (rule.mode === "unsupported-syntax") {
    walk.reasons.push("uses operators the embedded engine cannot represent (e.g. a nested pattern-not)");
  } else if (rule.mode === "taint") {
    walk.reasons.push(...taintRuleProblems(rule));
    if (rule.languages.length > 0 && rule.languages.every(isRegexLanguage)) {
      walk.reasons.push("taint mode needs a language the engine parses (not regex or generic)");
    }
    if (rule.taint) taintFormulas(rule.taint).forEach((f) => visit(f, walk));
  } else if (rule.mode !== "search") {
    walk.reasons.push(
      `mode "${rule.mode}" is not supported (the embedded engine runs search and taint rules only)`,
    );
  } else {
    if (rule.languages.length > 0 && rule.languages.every(isRegexLanguage)) walk.language = null;
    visit(rule.formula, walk);
  }
  const blocking = [...new Set([...walk.reasons, ...languages.blocking])];
  return { blocking, partial: languages.partial, patterns: walk.patterns };
}
