/**
 * The snippet a metavariable-pattern runs on (Semgrep's Metavariable_pattern.ml):
 * - no `language`: the code bound to the metavariable, in the rule's language
 *   (a regex capture is not code, so it never matches);
 * - with `language`: only text — a regex capture, or the contents of a string
 *   literal without its quotes — re-parsed in that language (`regex`/`none`:
 *   searched as text); any other binding does not match;
 * - `generic` (spacegrep) cannot be run here and is reported as unsupported.
 * The implicit context range is the whole snippet with the outer bindings, so
 * a nested `patterns` may start with `pattern-not`.
 */
import { UnsupportedRuleError } from "./evaluate-errors.js";
import { embeddedLanguage, isRegexLanguage } from "./evaluate-languages.js";
import { parsableSnippet } from "./evaluate-snippet.js";
import type { EvalBinding, EvalRange, EvalTarget } from "./evaluate-types.js";
import type { EmbeddedLanguage, ParsedFile, PatternMatcher } from "./match-types.js";

const STRING_LITERAL = /^([rRbBuU]{0,2})("""|'''|"|'|`)([\s\S]*)\2$/;

/** The contents of a string literal and their offset in it, or null if `text` is not a plain literal. */
export function stringLiteralContent(text: string): { content: string; offset: number } | null {
  const m = STRING_LITERAL.exec(text);
  if (!m) return null;
  const prefix = m[1] ?? "";
  const quote = m[2] ?? "";
  const content = m[3] ?? "";
  if (quote === "`" && content.includes("${")) return null;
  return { content, offset: prefix.length + quote.length };
}

/** The language a metavariable-pattern `language:` value names (null = text only), or unsupported. */
export function nestedLanguage(name: string): EmbeddedLanguage | null {
  if (isRegexLanguage(name)) return null;
  const lang = embeddedLanguage(name);
  if (lang === null) {
    const why = name.toLowerCase() === "generic" ? "generic (spacegrep) matching" : "this language";
    throw new UnsupportedRuleError(`metavariable-pattern with language ${name}: ${why} is not supported`);
  }
  return lang;
}

interface Snippet {
  text: string;
  base: number;
  language: EmbeddedLanguage | null;
  /** Column of the snippet in its file when it is code (dedented for Python), else 0. */
  column: number;
}

function columnOf(offset: number, outer: EvalTarget): number {
  const rel = offset - outer.base;
  return rel - (outer.text.lastIndexOf("\n", rel - 1) + 1);
}

function snippetOf(binding: EvalBinding, language: string | null, outer: EvalTarget): Snippet | null {
  if (language === null) {
    if (binding.textual) return null;
    const column = columnOf(binding.start, outer);
    return { text: binding.text, base: binding.start, language: outer.language, column };
  }
  const lang = nestedLanguage(language);
  if (binding.textual) return { text: binding.text, base: binding.start, language: lang, column: 0 };
  const literal = stringLiteralContent(binding.text);
  if (!literal) return null;
  return { text: literal.content, base: binding.start + literal.offset, language: lang, column: 0 };
}

/**
 * The target for a metavariable-pattern on `range`, or null when the binding is
 * absent, is not eligible, or its snippet does not parse (the range is then dropped).
 */
export function nestedTarget(
  range: EvalRange,
  metavariable: string,
  language: string | null,
  outer: EvalTarget,
  matcher: PatternMatcher,
): EvalTarget | null {
  const binding = range.bindings[metavariable];
  if (!binding) return null;
  const snippet = snippetOf(binding, language, outer);
  if (!snippet) return null;
  const context: EvalRange = {
    start: snippet.base,
    end: snippet.base + snippet.text.length,
    kind: "plain",
    bindings: range.bindings,
  };
  const lang = snippet.language;
  if (lang === null) {
    const parsed = (): ParsedFile => {
      throw new UnsupportedRuleError("`pattern` inside a metavariable-pattern whose language is regex");
    };
    return {
      text: snippet.text,
      base: snippet.base,
      language: null,
      parsed,
      fromParsed: (offset) => snippet.base + offset,
      context,
    };
  }
  const source = parsableSnippet(lang, snippet.text, snippet.column);
  let file: ParsedFile;
  try {
    file = matcher.parseFile(lang, source.text);
  } catch {
    return null;
  }
  return {
    text: snippet.text,
    base: snippet.base,
    language: lang,
    parsed: () => file,
    fromParsed: (offset) => snippet.base + source.toSnippet(offset),
    context,
  };
}
