/**
 * The evaluator's range-with-bindings values, after Semgrep's
 * Range_with_metavars.ml: a matched range, its metavariable bindings, and the
 * kind of operator that produced it (which changes how ranges combine).
 */
import type { Binding, EmbeddedLanguage, ParsedFile, PatternMatcher } from "./match-types.js";

/** `inside` ranges come from pattern-inside / pattern-not-inside, `regexp` ones from (not-)regex. */
export type RangeKind = "plain" | "inside" | "regexp";

/** A binding; `textual` marks text captured by a regex (Semgrep's `MV.Text`), not a syntax node. */
export interface EvalBinding extends Binding {
  textual?: boolean;
}

export type Bindings = Record<string, EvalBinding>;

export interface EvalRange {
  start: number;
  end: number;
  kind: RangeKind;
  bindings: Bindings;
}

/** What one evaluation runs against: the whole target file or, for metavariable-pattern, a bound snippet. */
export interface EvalTarget {
  /** Text searched by regex leaves. */
  text: string;
  /** Offset of `text[0]` in the target file; every range is in target-file offsets. */
  base: number;
  /** Language for `pattern` leaves, or null for regex-only (languages: [regex]) rules. */
  language: EmbeddedLanguage | null;
  /** The parsed snippet; parsed lazily, only when a `pattern` leaf needs it. */
  parsed: () => ParsedFile;
  /** Maps an offset in `parsed().text` to the target file. */
  fromParsed: (offset: number) => number;
  /** Inside metavariable-pattern: the implicit range (the bound snippet, with the outer bindings). */
  context: EvalRange | null;
}

export interface EvalEnv {
  matcher: PatternMatcher;
  /** Memoised `pattern` leaf results per target (keyed by target then pattern). */
  leafCache: WeakMap<EvalTarget, Map<string, EvalRange[]>>;
}
