/**
 * Detection types shared by the rule loader, the engines (real Semgrep process,
 * embedded matcher) and the hunk filter. Semgrep's own vocabulary is kept so
 * users' rule files and Semgrep's JSON output map one to one.
 */

/** Severity as written in a rule file (old and new Semgrep forms). */
export type RuleSeverity =
  "ERROR" | "WARNING" | "INFO" | "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INVENTORY" | "EXPERIMENT";

/** SARIF-style level used in our report. */
export type FindingLevel = "error" | "warning" | "note";

/** A rule's search formula, parsed from the YAML operators. */
export type Formula =
  /** `pattern:` — code pattern in the rule's language. */
  | { kind: "pattern"; pattern: string }
  /** `pattern-regex:` — PCRE-ish regex over the file text. */
  | { kind: "regex"; regex: string }
  /** `pattern-either:` — union. */
  | { kind: "either"; branches: Formula[] }
  /** `patterns:` — conjunction with negations, context and conditions. */
  | {
      kind: "all";
      /** `pattern`, `patterns`, `pattern-either`, `pattern-regex` items: ranges must intersect/coincide. */
      positives: Formula[];
      /** `pattern-inside:` — the match must lie inside one of these ranges. */
      inside: Formula[];
      /** `pattern-not:` / `pattern-not-regex:` — remove matches with the same range. */
      negatives: Formula[];
      /** `pattern-not-inside:` — remove matches lying inside one of these ranges. */
      notInside: Formula[];
      conditions: Condition[];
      /** `focus-metavariable:` — narrow the reported range to these bindings. */
      focus: string[];
    };

export type Condition =
  | { kind: "metavariable-regex"; metavariable: string; regex: string }
  | { kind: "metavariable-pattern"; metavariable: string; formula: Formula; language: string | null }
  /** Anything we parse but the embedded engine cannot evaluate (kept so it is reported, never skipped). */
  | { kind: "unsupported"; operator: string };

/** A taint source (`pattern-sources` item or `taint: sources:`). */
export interface TaintSource {
  formula: Formula;
  /** `exact: true`: only the code the source matches best is tainted, not everything inside it (default false). */
  exact: boolean;
  /** `by-side-effect`: an l-value matched exactly becomes tainted from there on ("only": and that occurrence is not). */
  bySideEffect: "no" | "yes" | "only";
}

/** A taint sink (`pattern-sinks` item or `taint: sinks:`). */
export interface TaintSink {
  formula: Formula;
  /** `exact: false`: any tainted code inside the sink's range counts (default true: the best-matching code only). */
  exact: boolean;
}

/** A taint sanitizer (`pattern-sanitizers` item or `taint: sanitizers:`). */
export interface TaintSanitizer {
  formula: Formula;
  /** `exact: true`: only the code the sanitizer matches best is clean, not everything inside it (default false). */
  exact: boolean;
  /** `by-side-effect: true`: an l-value matched exactly is clean from there on. */
  bySideEffect: boolean;
  /** `not-conflicting: true`: matches with the same range as a source or a sink are ignored. */
  notConflicting: boolean;
}

/** A taint propagator (`pattern-propagators` item): taint flows from the `from` metavariable to the `to` one. */
export interface TaintPropagator {
  formula: Formula;
  from: string;
  to: string;
  /** When `to` is an l-value, it stays tainted afterwards (default true). */
  bySideEffect: boolean;
}

/** Rule `options` that change taint tracking; the others are ignored by the embedded engine. */
export interface TaintOptions {
  /** `taint_unify_mvars`: a source and a sink must agree on the metavariables both bind. */
  unifyMetavariables: boolean;
  /** `taint_assume_safe_functions`: calls do not propagate taint from their arguments. */
  assumeSafeFunctions: boolean;
  /** `taint_assume_safe_indexes`: a tainted index does not taint `a[i]`. */
  assumeSafeIndexes: boolean;
  /** `taint_assume_safe_comparisons`: comparisons give clean values. */
  assumeSafeComparisons: boolean;
}

/** A `mode: taint` rule's specification. */
export interface TaintSpec {
  sources: TaintSource[];
  sinks: TaintSink[];
  sanitizers: TaintSanitizer[];
  propagators: TaintPropagator[];
  options: TaintOptions;
  /** What the rule uses that the embedded engine cannot run (labels, `requires`, ...); the rule is then reported unsupported. */
  unsupported: string[];
}

export interface Rule {
  id: string;
  message: string;
  severity: RuleSeverity;
  level: FindingLevel;
  languages: string[];
  /** "search" and "taint" are the modes the embedded engine runs; others are reported as unsupported. */
  mode: string;
  formula: Formula;
  /** For `mode: taint` rules: the sources, sinks, sanitizers and propagators (absent for other modes). */
  taint?: TaintSpec;
  paths: { include: string[]; exclude: string[] };
  metadata: Record<string, unknown>;
  /** Where the rule came from, for error messages. */
  source: { file: string; index: number };
  /** The rule exactly as written (YAML → JS), so the Semgrep process engine can be given it unchanged. */
  raw: Record<string, unknown>;
}

export interface RulePack {
  /** Rule files that were loaded, with the sha256 of their bytes. */
  files: Array<{ path: string; sha256: string }>;
  rules: Rule[];
  /** sha256 over the sorted file digests: identifies the pack in reports and attestations. */
  digest: string;
}

/** A file given to an engine. `path` is repository-relative and already validated. */
export interface ScanTarget {
  path: string;
  content: string;
}

export interface Position {
  line: number;
  col: number;
  offset: number;
}

/** One result in Semgrep's JSON shape (`results[]`). Lines and columns are 1-based. */
export interface EngineResult {
  check_id: string;
  path: string;
  start: Position;
  end: Position;
  extra: {
    message: string;
    severity: string;
    metadata: Record<string, unknown>;
    lines: string;
    metavars?: Record<string, { abstract_content: string; start: Position; end: Position }>;
  };
}

/** Semgrep's `errors[]` entry; `type` is a string or an array in real Semgrep output. */
export interface EngineError {
  code: number;
  level: "error" | "warn" | "info";
  type: string | unknown[];
  message: string;
  rule_id?: string;
  path?: string;
}

export interface EngineOutput {
  results: EngineResult[];
  errors: EngineError[];
  paths: { scanned: string[] };
  version: string;
}

export interface EngineRunOptions {
  timeoutMs: number;
}

/** A way to run rules over files. Two implementations: the real Semgrep process and the embedded engine. */
export interface Engine {
  readonly name: "semgrep" | "embedded";
  run(pack: RulePack, targets: ScanTarget[], options: EngineRunOptions): Promise<EngineOutput>;
}
