/**
 * Commit-message trailers with `git interpret-trailers` semantics (git's
 * trailer.c, default ":" separator, no patch divider):
 *
 * - Only the last paragraph can be a trailer block. The first paragraph is the
 *   title and never holds trailers, so a one-paragraph message has none.
 * - Lines starting with "#" are comments and are skipped; trailing blank lines
 *   are ignored; "\r\n" is treated as "\n".
 * - A trailer line is `<token><optional blanks>:<value>` where the token is
 *   `[A-Za-z0-9-]+` and the line does not start with whitespace. A line that
 *   starts with whitespace continues the previous trailer (joined with one space).
 * - The paragraph qualifies when all its lines are trailers (or continuations),
 *   or when at least 25% are trailers and one of them is recognised: git's own
 *   "Signed-off-by: " / "(cherry picked from commit " or a key in `recognised`
 *   (this project's agent trailers, like keys configured with trailer.<key>.key).
 * - Non-trailer lines inside a qualifying block are not returned.
 */
import { RECOGNISED_TRAILER_TOKENS } from "./fingerprints.js";

export interface Trailer {
  /** The key as written, e.g. "Co-Authored-By". */
  key: string;
  /** The key lower-cased, for case-insensitive comparison. */
  token: string;
  /** The value, trimmed, with continuation lines joined by one space. */
  value: string;
  /** The trailer line(s) exactly as written (continuation lines joined by "\n"). */
  raw: string;
}

export interface Identity {
  /** Display name (may be empty). Never used to identify an agent. */
  name: string;
  /** E-mail, trimmed and lower-cased. */
  email: string;
}

const GIT_GENERATED_PREFIXES = ["Signed-off-by: ", "(cherry picked from commit "];

function isBlank(line: string): boolean {
  return line.trim() === "";
}

function isComment(line: string): boolean {
  return line.startsWith("#");
}

function startsWithSpace(line: string): boolean {
  return line.length > 0 && /\s/.test(line.charAt(0));
}

/**
 * Index of the ":" separator, or -1 (git's find_separator): token characters,
 * then optional blanks, then ":". Nothing else may precede the separator.
 */
function findSeparator(line: string): number {
  let whitespaceFound = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === ":") return i;
    if (!whitespaceFound && /[A-Za-z0-9-]/.test(c)) continue;
    if (i !== 0 && (c === " " || c === "\t")) {
      whitespaceFound = true;
      continue;
    }
    break;
  }
  return -1;
}

/** Index of the blank line that ends the title paragraph, or `end` when the message is one paragraph. */
function endOfTitle(lines: readonly string[], start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const line = lines[i] ?? "";
    if (isComment(line)) continue;
    if (isBlank(line)) return i;
  }
  return end;
}

/** First line of the trailer block, or -1 (git's find_trailer_block_start). */
function findTrailerBlockStart(
  lines: readonly string[],
  titleEnd: number,
  end: number,
  recognised: ReadonlySet<string>,
): number {
  let trailerLines = 0;
  let nonTrailerLines = 0;
  let possibleContinuationLines = 0;
  let recognisedPrefix = false;
  let onlySpaces = true;
  for (let i = end - 1; i >= titleEnd; i--) {
    const line = lines[i] ?? "";
    if (isComment(line)) {
      nonTrailerLines += possibleContinuationLines;
      possibleContinuationLines = 0;
      continue;
    }
    if (isBlank(line)) {
      if (onlySpaces) continue;
      nonTrailerLines += possibleContinuationLines;
      if (recognisedPrefix && trailerLines * 3 >= nonTrailerLines) return i + 1;
      if (trailerLines > 0 && nonTrailerLines === 0) return i + 1;
      return -1;
    }
    onlySpaces = false;
    if (GIT_GENERATED_PREFIXES.some((p) => line.startsWith(p))) {
      trailerLines++;
      possibleContinuationLines = 0;
      recognisedPrefix = true;
      continue;
    }
    const sep = findSeparator(line);
    if (sep >= 1 && !startsWithSpace(line)) {
      trailerLines++;
      possibleContinuationLines = 0;
      if (recognised.has(line.slice(0, sep).trim().toLowerCase())) recognisedPrefix = true;
    } else if (startsWithSpace(line)) {
      possibleContinuationLines++;
    } else {
      nonTrailerLines += 1 + possibleContinuationLines;
      possibleContinuationLines = 0;
    }
  }
  return -1;
}

/** Parse the trailers of a commit message, in order of appearance. */
export function parseTrailers(
  message: string,
  recognised: ReadonlySet<string> = RECOGNISED_TRAILER_TOKENS,
): Trailer[] {
  const lines = message.replace(/\r\n?/g, "\n").split("\n");
  let start = 0;
  while (start < lines.length && isBlank(lines[start] ?? "")) start++;
  let end = lines.length;
  while (end > start && isBlank(lines[end - 1] ?? "")) end--;

  const titleEnd = endOfTitle(lines, start, end);
  if (titleEnd >= end) return [];
  const blockStart = findTrailerBlockStart(lines, titleEnd, end, recognised);
  if (blockStart < 0) return [];

  const trailers: Trailer[] = [];
  let last: Trailer | null = null;
  for (let i = blockStart; i < end; i++) {
    const line = lines[i] ?? "";
    if (isComment(line)) continue;
    if (startsWithSpace(line)) {
      if (last !== null && !isBlank(line)) {
        const more = line.trim();
        last.value = last.value === "" ? more : `${last.value} ${more}`;
        last.raw = `${last.raw}\n${line}`;
      }
      continue;
    }
    const sep = findSeparator(line);
    if (sep < 1) {
      last = null;
      continue;
    }
    const key = line.slice(0, sep).trim();
    last = { key, token: key.toLowerCase(), value: line.slice(sep + 1).trim(), raw: line };
    trailers.push(last);
  }
  return trailers;
}

/** Parse a "Name <email>" (or "<email>") trailer value; null when there is no bracketed e-mail. */
export function parseIdentity(value: string): Identity | null {
  const m = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/u.exec(value.trim());
  if (m === null) return null;
  return { name: (m[1] ?? "").trim(), email: (m[2] ?? "").toLowerCase() };
}
