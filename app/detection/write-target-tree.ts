/**
 * Write scan targets into a fresh directory for an external engine. Paths are
 * data from a pull request: each must be a plain relative path, must resolve
 * inside the directory, and is written without following symbolic links
 * (`wx`: the file must not exist yet; parents are checked with lstat).
 */
import { lstat, mkdir, writeFile } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import { ProvenanceError } from "../errors.js";
import type { ScanTarget } from "./types.js";

/** Why `path` cannot be written under a scan root, or null when it can. */
export function unsafeTargetPathReason(path: string): string | null {
  if (path === "") return "empty path";
  if (path.includes("\0")) return "NUL byte";
  if (path.includes("\\")) return "backslash";
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "absolute path";
  for (const segment of path.split("/")) {
    if (segment === "") return "empty segment";
    if (segment === "." || segment === "..") return `"${segment}" segment`;
  }
  return null;
}

/** `root` joined with `path`, or UNSAFE_PATH when the path is not plain or would land outside `root`. */
export function targetLocation(root: string, path: string): string {
  const reason = unsafeTargetPathReason(path);
  const location = resolve(root, path);
  const rel = relative(root, location);
  if (reason !== null || rel === "" || rel.startsWith("..") || rel.split(sep).includes("..")) {
    throw new ProvenanceError(
      "UNSAFE_PATH",
      `scan target ${JSON.stringify(path)} is not a safe relative path (${reason ?? "outside the scan root"})`,
    );
  }
  return location;
}

async function assertRealDirectories(root: string, dir: string): Promise<void> {
  let current = dir;
  while (current !== root && current.startsWith(root + sep)) {
    const info = await lstat(current);
    if (!info.isDirectory() || info.isSymbolicLink()) {
      throw new ProvenanceError(
        "UNSAFE_PATH",
        `scan target directory ${relative(root, current)} is not a plain directory`,
      );
    }
    current = dirname(current);
  }
}

export async function writeTargetTree(root: string, targets: readonly ScanTarget[]): Promise<void> {
  for (const target of targets) {
    const location = targetLocation(root, target.path);
    const parent = dirname(location);
    try {
      await mkdir(parent, { recursive: true, mode: 0o700 });
      await assertRealDirectories(root, parent);
      await writeFile(location, target.content, { flag: "wx", mode: 0o600 });
    } catch (err) {
      if (err instanceof ProvenanceError) throw err;
      throw new ProvenanceError(
        "UNSAFE_PATH",
        `cannot write scan target ${JSON.stringify(target.path)}: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
  }
}
