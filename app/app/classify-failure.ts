/** Any error an analysis ends with → what its check run says (kind, title, reason). */
import { isProvenanceError } from "../errors.js";
import type { AnalysisFailure } from "../report/check-run-failure.js";

export function httpStatusOf(err: unknown): number | null {
  for (let e: unknown = err, depth = 0; e !== null && e !== undefined && depth < 5; depth++) {
    const status = (e as { status?: unknown }).status;
    if (typeof status === "number") return status;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function classifyFailure(err: unknown): AnalysisFailure {
  const detail = messageOf(err);
  if (isProvenanceError(err)) {
    switch (err.code) {
      case "SUPERSEDED":
        return { kind: "superseded", headline: `Cancelled: ${detail}`, detail };
      case "ANALYSIS_TIMEOUT":
        return { kind: "timeout", headline: `Timed out: ${detail}`, detail };
      case "BAD_CONFIG": {
        const first = detail.split("\n")[0] ?? detail;
        return { kind: "config", headline: `Configuration error: ${first}`, detail };
      }
      default:
        break;
    }
  }
  const status = httpStatusOf(err);
  if (status !== null || (isProvenanceError(err) && err.code === "GITHUB_FAILED")) {
    const hint = status === 403 ? " (is a permission from app.yml missing on this installation?)" : "";
    return {
      kind: "github",
      headline: `GitHub API error${status !== null ? ` (HTTP ${status})` : ""}${hint}`,
      detail,
    };
  }
  const code = isProvenanceError(err) ? `${err.code}: ` : "";
  return {
    kind: "error",
    headline: `Analysis failed: ${code}${detail.split("\n")[0] ?? ""}`,
    detail: `${code}${detail}`,
  };
}
