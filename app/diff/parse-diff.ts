/**
 * Parser for `git diff` output, as produced by
 * `git diff --no-color --no-ext-diff -M -C --full-index --src-prefix=a/ --dst-prefix=b/ <base> <head>`
 * (plain `git diff` with the default a/ b/ prefixes works too).
 *
 * The parser is strict: anything git would not print — text outside a file
 * entry, a hunk whose body disagrees with its header counts, a diff cut off
 * in the middle — is a ProvenanceError with code BAD_DIFF naming the line.
 */
import type { ChangedFile } from "../model/snapshot.js";
import { DiffReader } from "./diff-reader.js";
import { readFileEntry } from "./parse-file.js";

/** Parses unified git diff text into one ChangedFile per `diff --git` entry (origins left empty). */
export function parseUnifiedDiff(text: string): ChangedFile[] {
  if (text.trim() === "") return [];
  // Split on "\n" only: a "\r" belongs to the line's text (CRLF files).
  const lines = text.split("\n");
  const complete = lines[lines.length - 1] === "";
  if (complete) lines.pop();
  const reader = new DiffReader(lines);
  if (!complete) reader.fail("the diff does not end with a newline (truncated?)", lines.length);
  const files: ChangedFile[] = [];
  while (!reader.done) {
    reader.file = null;
    files.push(readFileEntry(reader));
  }
  return files;
}
