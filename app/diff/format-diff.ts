/**
 * Prints ChangedFile models back as git-style diff text, quoting names the way
 * git does with `core.quotePath=true`. Used for round-trip tests and fixtures.
 *
 * The model keeps no blob ids, so an `index` line is printed only to carry a
 * mode that did not change (with all-zero ids); `parseUnifiedDiff` does not
 * need index lines otherwise.
 */
import type { ChangedFile, Hunk } from "../model/snapshot.js";
import { DEV_NULL } from "./header-names.js";
import { formatHunkHeader } from "./hunk-header.js";
import { quoteGitPath } from "./unquote-path.js";

const ZERO_ID = "0000000";

/** Formats files as one diff text; every line ends with "\n". Empty list → "". */
export function formatUnifiedDiff(files: readonly ChangedFile[]): string {
  return files.map(formatFile).join("");
}

function formatFile(file: ChangedFile): string {
  const moved = file.status === "renamed" || file.status === "copied";
  const oldName = moved && file.oldPath !== null ? file.oldPath : file.path;
  const newName = file.path;
  const out: string[] = [`diff --git ${quoteGitPath(`a/${oldName}`)} ${quoteGitPath(`b/${newName}`)}`];

  if (file.status === "added") {
    if (file.newMode !== null) out.push(`new file mode ${file.newMode}`);
  } else if (file.status === "deleted") {
    if (file.oldMode !== null) out.push(`deleted file mode ${file.oldMode}`);
  } else if (file.oldMode !== null && file.newMode !== null && file.oldMode !== file.newMode) {
    out.push(`old mode ${file.oldMode}`, `new mode ${file.newMode}`);
  }
  if (moved) {
    if (file.similarity !== null) out.push(`similarity index ${file.similarity}%`);
    const verb = file.status === "renamed" ? "rename" : "copy";
    out.push(`${verb} from ${quoteGitPath(oldName)}`, `${verb} to ${quoteGitPath(newName)}`);
  }
  const sameMode = file.oldMode !== null && file.oldMode === file.newMode;
  if (file.status !== "added" && file.status !== "deleted" && sameMode) {
    out.push(`index ${ZERO_ID}..${ZERO_ID} ${file.oldMode}`);
  }

  const oldLabel = file.status === "added" ? DEV_NULL : quoteGitPath(`a/${oldName}`);
  const newLabel = file.status === "deleted" ? DEV_NULL : quoteGitPath(`b/${newName}`);
  if (file.binary) {
    out.push(`Binary files ${oldLabel} and ${newLabel} differ`);
  } else if (file.hunks.length > 0) {
    out.push(`--- ${withTab(oldLabel)}`, `+++ ${withTab(newLabel)}`);
    for (const hunk of file.hunks) out.push(...formatHunk(hunk));
  }
  return out.map((line) => `${line}\n`).join("");
}

/** Git ends a file label that contains a space with a tab (diff.c, DIFF_SYMBOL_FILEPAIR_*). */
function withTab(label: string): string {
  return label.includes(" ") ? `${label}\t` : label;
}

const MARKER = { context: " ", add: "+", del: "-" } as const;

function formatHunk(hunk: Hunk): string[] {
  const out = [formatHunkHeader(hunk)];
  for (const line of hunk.lines) {
    out.push(`${MARKER[line.kind]}${line.text}`);
    if (line.noNewline) out.push("\\ No newline at end of file");
  }
  return out;
}
