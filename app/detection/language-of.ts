/**
 * Which language a file is in (by extension) and whether a rule's
 * `languages:` list covers it, following Semgrep's language names.
 */

/** Languages we recognise by file extension. */
export type FileLanguage = "python" | "javascript" | "typescript" | "tsx" | "go" | "java";

const BY_EXTENSION: Readonly<Record<string, FileLanguage>> = {
  ".py": "python",
  ".pyi": "python",
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".jsx": "javascript",
  ".ts": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".tsx": "tsx",
  ".go": "go",
  ".java": "java",
};

/** Rule language names (Semgrep's aliases included) and the file languages each one covers. */
const RULE_LANGUAGES: Readonly<Record<string, readonly FileLanguage[]>> = {
  python: ["python"],
  python2: ["python"],
  python3: ["python"],
  py: ["python"],
  javascript: ["javascript"],
  js: ["javascript"],
  typescript: ["typescript", "tsx"],
  ts: ["typescript", "tsx"],
  tsx: ["tsx"],
  go: ["go"],
  golang: ["go"],
  java: ["java"],
};

/** Rule languages that run on every file whatever its extension. */
const ANY_FILE_LANGUAGES: ReadonlySet<string> = new Set(["generic", "regex", "none"]);

export function languageOf(path: string): FileLanguage | null {
  const slash = path.lastIndexOf("/");
  const name = path.slice(slash + 1);
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return null;
  return BY_EXTENSION[name.slice(dot).toLowerCase()] ?? null;
}

/** True when a rule written for `languages` runs on the file at `path`. */
export function ruleLanguagesCover(languages: readonly string[], path: string): boolean {
  const names = languages.map((language) => language.toLowerCase());
  if (names.some((name) => ANY_FILE_LANGUAGES.has(name))) return true;
  const language = languageOf(path);
  if (language === null) return false;
  return names.some((name) => RULE_LANGUAGES[name]?.includes(language) ?? false);
}
