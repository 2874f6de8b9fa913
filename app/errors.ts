/**
 * One error type for the whole project: a stable `code` a caller can branch on,
 * a human message, and the underlying `cause`.
 */
export type ErrorCode =
  | "BAD_ARGUMENT"
  | "BAD_CONFIG"
  | "BAD_EVENT"
  | "BAD_DIFF"
  | "BAD_KEY"
  | "GIT_FAILED"
  | "GIT_BAD_REF"
  | "UNSAFE_PATH"
  | "IO_FAILED"
  | "BAD_RULES"
  | "ENGINE_FAILED"
  | "BAD_DETECTOR"
  | "GITHUB_FAILED"
  | "GITHUB_RATE_LIMITED"
  | "ANALYSIS_TIMEOUT"
  | "SUPERSEDED";

export class ProvenanceError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ProvenanceError";
    this.code = code;
  }
}

export function isProvenanceError(err: unknown): err is ProvenanceError {
  return err instanceof ProvenanceError;
}
