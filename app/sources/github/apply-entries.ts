/** Tree entries (inspect-files.ts) applied to the REST file list: modes, submodule/symlink skips, binary-ness. */
import type { ChangedFile } from "../../model/snapshot.js";
import type { FileEntry } from "./inspect-files.js";

const KNOWN_MODES = new Set(["100644", "100755", "120000", "160000", "40000"]);

/** TreeEntry.mode is an Int: the octal mode read as a number (33188) — or, should GitHub send them, its digits (100644). */
export function modeString(mode: number): string {
  const digits = String(mode);
  if (KNOWN_MODES.has(digits)) return digits === "40000" ? "040000" : digits;
  const octal = mode.toString(8);
  return octal.length < 6 ? octal.padStart(6, "0") : octal;
}

/** Applies modes, submodule/symlink skips and binary-ness (for files sent without a patch) to the files. */
export function applyEntries(
  files: readonly ChangedFile[],
  entries: ReadonlyMap<string, FileEntry>,
  withoutPatch: ReadonlySet<string>,
): ChangedFile[] {
  return files.map((file) => {
    const entry = entries.get(file.path);
    if (entry === undefined) return file;
    const deleted = file.status === "deleted";
    // GitHub does not say a file's mode at the merge base, except through the lookup of a deleted file.
    const oldMode = deleted ? entry.mode : null;
    const newMode = deleted ? null : entry.mode;
    const binary = withoutPatch.has(file.path) && entry.isBinary === true;
    const skipped =
      entry.type === "commit" || entry.mode === "160000"
        ? "submodule"
        : entry.mode === "120000"
          ? "symlink"
          : binary
            ? "binary"
            : file.skipped;
    return { ...file, oldMode, newMode, binary: binary || file.binary, skipped };
  });
}
