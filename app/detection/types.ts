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

export interface Rule {
  id: string;
  message: string;
  severity: RuleSeverity;
  level: FindingLevel;
  languages: string[];
  /** "search" is the only mode the embedded engine runs; others are reported as unsupported. */
  mode: string;
  formula: Formula;
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
