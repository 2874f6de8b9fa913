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
 * Which matches are of use to the evaluator (`key` identifies the filter for
 * caching): only matches lying in a region [start, end) of the file whose
 * text passes `test`, where every binding of the match is a piece of that
 * text. The matcher tests the nodes it would match (and, for statement runs,
 * the text from a run's first statement to the end of its block) and skips
 * those that fail. E.g. a metavariable-regex whose literals a node's text
 * lacks rejects every match in it.
 */
export interface CandidateFilter {
  key: string;
  test(text: string, start: number, end: number): boolean;
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
