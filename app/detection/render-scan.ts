/** `scan` without --json: findings grouped by file, then the errors, then a summary line. */
import type { EngineError, EngineOutput, EngineResult } from "./types.js";

function renderResult(result: EngineResult): string[] {
  const where = `${result.path}:${result.start.line}:${result.start.col}`;
  const code = result.extra.lines
    .split("\n")
    .slice(0, 5)
    .map((text, index) => `    ${String(result.start.line + index).padStart(5)} | ${text}`);
  return [
    `${where}: ${result.extra.severity.toLowerCase()} ${result.check_id}`,
    `    ${result.extra.message.trim()}`,
    ...code,
  ];
}

function renderError(error: EngineError): string {
  const type = typeof error.type === "string" ? error.type : String(error.type[0] ?? "error");
  return `  ${error.level} ${type}${error.rule_id === undefined ? "" : ` (${error.rule_id})`}: ${error.message.trim().replace(/\n/g, "\n    ")}`;
}

export function renderScan(output: EngineOutput, engine: string): string {
  const files = new Set(output.results.map((result) => result.path));
  const lines = [
    ...output.results.flatMap(renderResult),
    ...(output.errors.length > 0 ? ["errors:", ...output.errors.map(renderError)] : []),
    `${output.results.length} finding(s) in ${files.size} file(s); ${output.paths.scanned.length} file(s) scanned by ${engine} ${output.version}`,
  ];
  return lines.join("\n") + "\n";
}
