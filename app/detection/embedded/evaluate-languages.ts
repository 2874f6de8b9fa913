/**
 * Semgrep language names (as written in a rule's `languages` or a
 * metavariable-pattern's `language`) mapped to what the embedded engine parses.
 * Which files a rule runs on is language-of.ts's business; this only names parsers.
 */
import type { EmbeddedLanguage } from "./match-types.js";

const ALIASES: Record<string, EmbeddedLanguage> = {
  python: "python",
  python2: "python",
  python3: "python",
  py: "python",
  javascript: "javascript",
  js: "javascript",
  typescript: "typescript",
  ts: "typescript",
  tsx: "tsx",
  go: "go",
  golang: "go",
  java: "java",
};

/** `regex` and its alias `none`: rules made only of pattern-regex, run on any file's text. */
export function isRegexLanguage(name: string): boolean {
  const n = name.toLowerCase();
  return n === "regex" || n === "none";
}

export function embeddedLanguage(name: string): EmbeddedLanguage | null {
  return ALIASES[name.toLowerCase()] ?? null;
}
