/**
 * Paths read from git output are data from the repository, which may be
 * hostile. Every one must be a plain repository-relative path before anything
 * uses it (as a blame pathspec, a report location, a SARIF URI).
 */
import { ProvenanceError } from "../../errors.js";

/** Why `path` is not a safe repository-relative path, or null when it is. */
export function unsafePathReason(path: string): string | null {
  if (path === "") return "empty path";
  if (path.includes("\0")) return "NUL byte";
  if (path.startsWith("/")) return "absolute path";
  for (const segment of path.split("/")) {
    if (segment === "") return "empty segment";
    if (segment === "." || segment === "..") return `"${segment}" segment`;
    if (segment.toLowerCase() === ".git") return '".git" segment';
  }
  return null;
}

/** Throws UNSAFE_PATH unless `path` is a plain repository-relative path. */
export function assertSafeRepoPath(path: string, where: string): void {
  const reason = unsafePathReason(path);
  if (reason !== null) {
    throw new ProvenanceError("UNSAFE_PATH", `${where}: unsafe path ${JSON.stringify(path)} (${reason})`);
  }
}

/** True when the path did not decode cleanly from UTF-8 (git passed bytes we cannot give back to it). */
export function hasUndecodableBytes(path: string): boolean {
  return path.includes("\uFFFD");
}
