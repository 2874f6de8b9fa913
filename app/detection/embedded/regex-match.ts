/**
 * Running translated PCRE2 regexes the way Semgrep does:
 * - `pattern-regex` / `pattern-not-regex`: every non-overlapping match over the
 *   file text, in multiline mode; capture groups bind `$1`, `$2`, ... and named
 *   groups `$name` (Xpattern_match_regexp.ml).
 * - `metavariable-regex`: one match anchored at the start of the bound text
 *   (PCRE2 `ANCHORED`, not multiline), whose groups bind the same way
 *   (Metavariable_regex.ml / Eval_generic.eval_regexp_matches).
 * Zero-length matches are skipped: they cannot be reported as findings.
 */
import { translatePcre, UnsupportedRegexError } from "./regex-translate.js";

export interface RegexGroup {
  /** Metavariable name: `$1`, `$2`, ..., `$name`. */
  name: string;
  start: number;
  end: number;
  text: string;
}

export interface RegexHit {
  start: number;
  end: number;
  groups: RegexGroup[];
}

export type RegexMode = "search" | "anchored";

const cache = new Map<string, RegExp>();

/** Compiles (once) a PCRE2 regex for the given use. Throws UnsupportedRegexError. */
export function compilePcre(pcre: string, mode: RegexMode): RegExp {
  const key = `${mode}\u0000${pcre}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const translated = translatePcre(pcre, { multiline: mode === "search" });
  const flags = `du${translated.ignoreCase ? "i" : ""}${mode === "search" ? "g" : "y"}`;
  let re: RegExp;
  try {
    re = new RegExp(translated.source, flags);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new UnsupportedRegexError(`not expressible as a JavaScript RegExp (${message})`, pcre);
  }
  cache.set(key, re);
  return re;
}

function groupsOf(m: RegExpExecArray, base: number): RegexGroup[] {
  const groups: RegexGroup[] = [];
  const indices = m.indices;
  if (!indices) return groups;
  for (let n = 1; n < m.length; n++) {
    const span = indices[n];
    const text = m[n];
    if (span && text !== undefined)
      groups.push({ name: `$${n}`, start: base + span[0], end: base + span[1], text });
  }
  for (const [name, span] of Object.entries(indices.groups ?? {})) {
    const text = m.groups?.[name];
    if (span && text !== undefined)
      groups.push({ name: `$${name}`, start: base + span[0], end: base + span[1], text });
  }
  return groups;
}

/** All non-overlapping, non-empty matches of `pcre` in `text`; offsets shifted by `base`. */
export function searchAll(pcre: string, text: string, base = 0): RegexHit[] {
  const re = compilePcre(pcre, "search");
  re.lastIndex = 0;
  const hits: RegexHit[] = [];
  for (;;) {
    const m = re.exec(text);
    if (!m) break;
    const end = m.index + m[0].length;
    if (end === m.index) {
      const cp = text.codePointAt(m.index);
      re.lastIndex = m.index + (cp !== undefined && cp > 0xffff ? 2 : 1);
      if (re.lastIndex > text.length) break;
      continue;
    }
    hits.push({ start: base + m.index, end: base + end, groups: groupsOf(m, base) });
  }
  return hits;
}

/** The match of `pcre` anchored at the start of `text`, or null; offsets shifted by `base`. */
export function matchAtStart(pcre: string, text: string, base = 0): RegexHit | null {
  const re = compilePcre(pcre, "anchored");
  re.lastIndex = 0;
  const m = re.exec(text);
  if (!m) return null;
  return { start: base, end: base + m[0].length, groups: groupsOf(m, base) };
}
