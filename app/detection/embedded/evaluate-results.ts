/**
 * Formula matches to Semgrep's JSON `results[]` shape: 1-based line, 1-based
 * column counted in UTF-8 bytes (as Semgrep reports it, semgrep/semgrep#10932),
 * `offset` in UTF-8 bytes; `extra.lines` is the full text of the spanned lines
 * joined with "\n" and right-stripped; the message gets `value($X)` and `$X`
 * replaced by the bound code, longest metavariable names first (Semgrep's
 * Cli_json_output.interpolate_metavars).
 */
import type { EngineResult, Position, Rule } from "../types.js";
import type { FormulaMatch } from "./evaluate-formula.js";
import type { Binding } from "./match-types.js";

/** Maps UTF-16 string offsets of one file to Semgrep positions. */
export class LineIndex {
  private readonly starts: number[] = [0];
  private readonly byteStarts: number[] = [0];

  constructor(readonly text: string) {
    let bytes = 0;
    let from = 0;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) {
      bytes += Buffer.byteLength(text.slice(from, i + 1), "utf8");
      from = i + 1;
      this.starts.push(from);
      this.byteStarts.push(bytes);
    }
  }

  /** 0-based index of the line holding `offset`. */
  private lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): Position {
    const line = this.lineAt(offset);
    const start = this.starts[line] ?? 0;
    const inLine = Buffer.byteLength(this.text.slice(start, offset), "utf8");
    return { line: line + 1, col: inLine + 1, offset: (this.byteStarts[line] ?? 0) + inLine };
  }

  /** The full lines spanned by [start, end), joined by "\n", right-stripped. */
  lines(start: number, end: number): string {
    const first = this.starts[this.lineAt(start)] ?? 0;
    const lastLine = this.lineAt(Math.max(start, end));
    const next = this.starts[lastLine + 1];
    const stop = next === undefined ? this.text.length : next - 1;
    return this.text.slice(first, stop).trimEnd();
  }
}

/** Replaces `value($X)` then `$X` by each metavariable's content, longest names first. */
export function interpolateMessage(message: string, contents: Record<string, string>): string {
  const names = Object.keys(contents).sort((a, b) => b.length - a.length);
  let out = message;
  for (const name of names) {
    const content = contents[name] ?? "";
    out = out.split(`value(${name})`).join(content).split(name).join(content);
  }
  return out;
}

export function toEngineResult(
  rule: Rule,
  path: string,
  index: LineIndex,
  match: FormulaMatch,
): EngineResult {
  const contents: Record<string, string> = {};
  const metavars: NonNullable<EngineResult["extra"]["metavars"]> = {};
  for (const [name, b] of Object.entries(match.bindings) as Array<[string, Binding]>) {
    contents[name] = index.text.slice(b.start, b.end);
    metavars[name] = { start: index.position(b.start), end: index.position(b.end), abstract_content: b.text };
  }
  return {
    check_id: rule.id,
    path,
    start: index.position(match.start),
    end: index.position(match.end),
    extra: {
      message: interpolateMessage(rule.message, contents),
      severity: rule.severity,
      metadata: rule.metadata,
      lines: index.lines(match.start, match.end),
      metavars,
    },
  };
}

export function compareResults(a: EngineResult, b: EngineResult): number {
  const byPath = a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  const byId = a.check_id < b.check_id ? -1 : a.check_id > b.check_id ? 1 : 0;
  return (
    byPath || a.start.line - b.start.line || a.start.col - b.start.col || byId || a.end.offset - b.end.offset
  );
}
