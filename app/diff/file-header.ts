/**
 * The extended header lines git prints between `diff --git` and the hunks
 * (diff.c `builtin_diff` / `fill_metainfo`): modes, similarity, rename/copy
 * names and the `index` line.
 */
import type { DiffReader } from "./diff-reader.js";
import { parsePlainName } from "./header-names.js";
import { showText } from "./show-text.js";

export interface ExtendedHeader {
  oldMode: string | null;
  newMode: string | null;
  newFileMode: string | null;
  deletedFileMode: string | null;
  similarity: number | null;
  renameFrom: string | null;
  renameTo: string | null;
  copyFrom: string | null;
  copyTo: string | null;
  /** Mode printed on the `index` line (only when both sides have the same mode). */
  indexMode: string | null;
}

type ModeField = "oldMode" | "newMode" | "newFileMode" | "deletedFileMode" | "indexMode";
type NameField = "renameFrom" | "renameTo" | "copyFrom" | "copyTo";

type Rule =
  | { pattern: RegExp; kind: "mode"; field: ModeField }
  | { pattern: RegExp; kind: "name"; field: NameField }
  | { pattern: RegExp; kind: "percent" | "ignore" };

const MODE = "([0-7]{6})";

const RULES: readonly Rule[] = [
  { pattern: new RegExp(`^old mode ${MODE}$`), field: "oldMode", kind: "mode" },
  { pattern: new RegExp(`^new mode ${MODE}$`), field: "newMode", kind: "mode" },
  { pattern: new RegExp(`^new file mode ${MODE}$`), field: "newFileMode", kind: "mode" },
  { pattern: new RegExp(`^deleted file mode ${MODE}$`), field: "deletedFileMode", kind: "mode" },
  { pattern: /^similarity index (\d{1,3})%$/, kind: "percent" },
  // Only printed with -B (break rewrites); there is no field for it.
  { pattern: /^dissimilarity index (\d{1,3})%$/, kind: "ignore" },
  { pattern: /^rename from (.+)$/s, field: "renameFrom", kind: "name" },
  { pattern: /^rename to (.+)$/s, field: "renameTo", kind: "name" },
  { pattern: /^copy from (.+)$/s, field: "copyFrom", kind: "name" },
  { pattern: /^copy to (.+)$/s, field: "copyTo", kind: "name" },
  { pattern: new RegExp(`^index [0-9a-f]+\\.\\.[0-9a-f]+(?: ${MODE})?$`), field: "indexMode", kind: "mode" },
];

/** True for lines that end the extended header: the next entry, file labels, hunks or binary markers. */
function endsHeader(line: string): boolean {
  return (
    line.startsWith("diff --git ") ||
    line.startsWith("--- ") ||
    line.startsWith("@@") ||
    line.startsWith("Binary files ") ||
    line === "GIT binary patch"
  );
}

/** Reads extended header lines up to the first line that is not one. */
export function readExtendedHeader(reader: DiffReader): ExtendedHeader {
  const header: ExtendedHeader = {
    oldMode: null,
    newMode: null,
    newFileMode: null,
    deletedFileMode: null,
    similarity: null,
    renameFrom: null,
    renameTo: null,
    copyFrom: null,
    copyTo: null,
    indexMode: null,
  };
  const seen = new Set<string>();
  for (let line = reader.peek(); line !== undefined && !endsHeader(line); line = reader.peek()) {
    const rule = RULES.find((r) => r.pattern.test(line as string));
    if (rule === undefined) reader.fail(`unexpected line in file header: ${showText(line)}`);
    const key = rule.pattern.source;
    if (seen.has(key)) reader.fail(`repeated header line: ${showText(line)}`);
    seen.add(key);
    const value = (rule.pattern.exec(line) as RegExpExecArray)[1];
    const lineNumber = reader.lineNumber;
    switch (rule.kind) {
      case "mode":
        header[rule.field] = value ?? null;
        break;
      case "percent": {
        const percent = Number(value);
        if (percent > 100) reader.fail(`similarity above 100%: ${showText(line)}`);
        header.similarity = percent;
        break;
      }
      case "name":
        header[rule.field] = reader.at(lineNumber, () => parsePlainName(value as string));
        break;
      case "ignore":
        break;
    }
    reader.next("a header line");
  }
  return header;
}
