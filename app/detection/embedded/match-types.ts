/**
 * The contract between the embedded engine's two halves: the structural
 * matcher (one Semgrep pattern against one parsed file) and the formula
 * evaluator (patterns / either / not / inside / conditions / focus).
 * Offsets are JavaScript string indices into `ParsedFile.text` (UTF-16 code units),
 * end exclusive.
 */

/** Semgrep language names the embedded engine parses. */
export type EmbeddedLanguage = "python" | "javascript" | "typescript" | "tsx" | "go" | "java";

/** What a metavariable is bound to. `key` compares bindings for unification (normalised text of the node). */
export interface Binding {
  text: string;
  key: string;
  start: number;
  end: number;
}

export interface PatternMatch {
  start: number;
  end: number;
  bindings: Record<string, Binding>;
}

/** An opaque parsed file; the matcher owns what is inside `tree`. */
export interface ParsedFile {
  language: EmbeddedLanguage;
  text: string;
  tree: unknown;
}

/** Thrown for a pattern the matcher cannot run; the engine reports the rule as unsupported with this reason. */
export class UnsupportedPatternError extends Error {
  constructor(
    readonly reason: string,
    readonly pattern: string,
  ) {
    super(`unsupported pattern: ${reason}`);
    this.name = "UnsupportedPatternError";
  }
}

/**
 * A test every matched node's text must pass (`key` identifies it for caching):
 * the evaluator passes one when a condition rejects any match whose bound text
 * lacks some literals, so nodes whose text lacks them need not be matched.
 */
export interface CandidateFilter {
  key: string;
  test(text: string): boolean;
}

export interface PatternMatcher {
  parseFile(language: EmbeddedLanguage, text: string): ParsedFile;
  /** The same parse off the main thread, when the matcher can (the engine parses ahead with it). */
  parseFileAsync?(language: EmbeddedLanguage, text: string): Promise<ParsedFile>;
  /**
   * All matches of `pattern` in `file` (with `filter`: only those in nodes whose text passes it).
   * Throws UnsupportedPatternError for patterns it cannot run, and for patterns that do not parse.
   */
  match(pattern: string, file: ParsedFile, filter?: CandidateFilter): PatternMatch[];
}
