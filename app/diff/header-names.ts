/**
 * Path names in a file entry's header lines: `diff --git a/x b/y`, `--- a/x`,
 * `+++ b/y`, `rename from x`, `copy to y`. Everything throws BAD_DIFF.
 */
import { ProvenanceError } from "../errors.js";
import { readQuotedPath, unquoteGitPath } from "./unquote-path.js";
import { showText } from "./show-text.js";

export const DEV_NULL = "/dev/null";

/** One way to read the two names of a `diff --git` line, prefixes removed. */
export interface NamePair {
  oldName: string;
  newName: string;
}

/**
 * All readings of the text after `diff --git ` whose names carry the `a/` and
 * `b/` prefixes. When a name is quoted the split is certain; otherwise every
 * " b/" is a possible split (names may contain spaces), so a caller must pick
 * a reading using other header lines or the fact that unrenamed names are equal.
 */
export function gitHeaderReadings(rest: string): NamePair[] {
  const pairs: Array<[string, string]> = [];
  if (rest.startsWith('"')) {
    const first = readQuotedPath(rest, 0);
    if (rest[first.end] !== " ") throw bad(`no space after the first name in "diff --git ${rest}"`);
    pairs.push([first.value, plainOrQuoted(rest.slice(first.end + 1))]);
  } else if (rest.includes('"')) {
    // An unquoted name cannot contain '"', so the quote opens the second name.
    const split = rest.indexOf(' "');
    if (split < 0) throw bad(`stray quote in "diff --git ${rest}"`);
    pairs.push([checkUnquoted(rest.slice(0, split)), unquoteGitPath(rest.slice(split + 1))]);
  } else {
    checkUnquoted(rest);
    for (let i = rest.indexOf(" b/"); i >= 0; i = rest.indexOf(" b/", i + 1)) {
      pairs.push([rest.slice(0, i), rest.slice(i + 1)]);
    }
  }
  const readings: NamePair[] = [];
  for (const [a, b] of pairs) {
    if (a.startsWith("a/") && b.startsWith("b/")) readings.push({ oldName: a.slice(2), newName: b.slice(2) });
  }
  if (readings.length === 0) throw bad(`cannot read "a/" and "b/" names in "diff --git ${rest}"`);
  return readings;
}

/** The reading to use when no other header line names the file: the only one, or the one with equal names. */
export function pickGitHeaderReading(readings: readonly NamePair[]): NamePair | null {
  if (readings.length === 1) return readings[0] as NamePair;
  return readings.find((r) => r.oldName === r.newName) ?? null;
}

/**
 * The name on a `--- ` / `+++ ` line: null for /dev/null, else the path with
 * `prefix` removed. Git appends a tab when the label contains a space; that
 * and anything after the first tab of an unquoted label is dropped.
 */
export function parseFileLabel(label: string, prefix: "a/" | "b/"): string | null {
  let name: string;
  if (label.startsWith('"')) {
    const q = readQuotedPath(label, 0);
    if (q.end !== label.length && label[q.end] !== "\t") throw bad(`text after quoted name ${label}`);
    name = q.value;
  } else {
    const tab = label.indexOf("\t");
    name = tab < 0 ? label : label.slice(0, tab);
    if (name === DEV_NULL) return null;
    checkUnquoted(name);
  }
  if (!name.startsWith(prefix)) throw bad(`file name ${showText(name)} does not start with "${prefix}"`);
  return nonEmpty(name.slice(prefix.length));
}

/** The name on a `rename from` / `rename to` / `copy from` / `copy to` line (no prefix). */
export function parsePlainName(text: string): string {
  return nonEmpty(text.startsWith('"') ? unquoteGitPath(text) : checkUnquoted(text));
}

function plainOrQuoted(text: string): string {
  return text.startsWith('"') ? unquoteGitPath(text) : checkUnquoted(text);
}

/** Git quotes any name with control characters, '"' or '\', so an unquoted one must have none. */
function checkUnquoted(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x22 || c === 0x5c) {
      throw bad(`unquoted file name ${showText(name)} contains a character git would have quoted`);
    }
  }
  return name;
}

function nonEmpty(name: string): string {
  if (name === "") throw bad("empty file name");
  return name;
}

function bad(message: string): ProvenanceError {
  return new ProvenanceError("BAD_DIFF", message);
}
