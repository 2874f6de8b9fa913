/**
 * The `patch` of one REST diff entry: the file's hunks without any
 * `diff --git`/`---`/`+++` header, read by the same strict hunk parser as git
 * diffs. GitHub omits the final newline; lines keep their "\r".
 */
import { DiffReader } from "../../diff/diff-reader.js";
import { readHunks } from "../../diff/parse-hunks.js";
import { showText } from "../../diff/show-text.js";
import type { Hunk } from "../../model/snapshot.js";

export function parsePatch(path: string, patch: string): Hunk[] {
  if (patch === "") return [];
  const lines = patch.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const reader = new DiffReader(lines);
  reader.file = path;
  if (reader.peek()?.startsWith("@@") !== true) {
    reader.fail(`GitHub patch does not start with a hunk header: ${showText(reader.peek() ?? "")}`);
  }
  const hunks = readHunks(reader);
  const rest = reader.peek();
  if (rest !== undefined) reader.fail(`unexpected line ${showText(rest)} after the hunks`);
  return hunks;
}
