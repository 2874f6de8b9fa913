/**
 * Translate a PCRE2 regular expression (what Semgrep's `pattern-regex`,
 * `pattern-not-regex` and `metavariable-regex` take) into an equivalent
 * JavaScript RegExp source for the `u` flag.
 *
 * Semantics kept from PCRE2: `.` does not match only `\n`; `^`/`$` follow
 * PCRE2's multiline rules (no match after a final newline for `^`; `$` before
 * a final newline when not multiline); `\A \z \Z \h \v \R \N \Q..\E`, POSIX
 * classes, `(?P<name>..)`, `(?P=name)`, `\g{n}`, `\k{name}`, leading inline
 * flags `(?imsx)`, `(?#comments)`. Constructs JavaScript cannot express
 * (possessive quantifiers, atomic groups, recursion, conditionals, branch reset,
 * verbs, `\K`, `\G`, inline flags after the start) throw UnsupportedRegexError.
 */
import { classEscape, outerEscape, posixClass, quoted, UnsupportedRegexError } from "./regex-escapes.js";

export { UnsupportedRegexError } from "./regex-escapes.js";

export interface TranslateOptions {
  /** `^`/`$` at line boundaries (pattern-regex) or only at the text ends (metavariable-regex). */
  multiline: boolean;
}

export interface TranslatedRegex {
  source: string;
  ignoreCase: boolean;
}

interface Modes {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
  extended: boolean;
}

const QUANTIFIER = /^\{\d+(?:,\d*)?\}/;

/** Leading `(?imsx-imsx)` groups; anything else as an inline flag group is refused later. */
function leadingFlags(src: string, modes: Modes): number {
  let i = 0;
  for (;;) {
    const m = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?\)/.exec(src.slice(i));
    if (!m) return i;
    for (const [letters, on] of [
      [m[1] ?? "", true],
      [m[2] ?? "", false],
    ] as const) {
      for (const f of letters) {
        if (f === "i") modes.ignoreCase = on;
        else if (f === "m") modes.multiline = on;
        else if (f === "s") modes.dotAll = on;
        else if (f === "x") modes.extended = on;
        else throw new UnsupportedRegexError(`inline flag (?${f})`, src);
      }
    }
    i += m[0].length;
  }
}

/** A `(` construct: returns the JavaScript text, source length, and whether it opens a capture group. */
function groupOpen(src: string, i: number): { out: string; length: number; capture: boolean } {
  const rest = src.slice(i);
  if (rest.startsWith("(*")) throw new UnsupportedRegexError("backtracking control verb (*...)", src);
  if (!rest.startsWith("(?")) return { out: "(", length: 1, capture: true };
  for (const plain of ["(?:", "(?=", "(?!", "(?<=", "(?<!"]) {
    if (rest.startsWith(plain)) return { out: plain, length: plain.length, capture: false };
  }
  const named = /^\(\?(?:P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(rest);
  if (named) return { out: `(?<${named[1] ?? named[2]}>`, length: named[0].length, capture: true };
  const backref = /^\(\?P=(\w+)\)/.exec(rest);
  if (backref) return { out: `\\k<${backref[1]}>`, length: backref[0].length, capture: false };
  const what: Array<[RegExp, string]> = [
    [/^\(\?>/, "atomic group (?>...)"],
    [/^\(\?\|/, "branch reset group (?|...)"],
    [/^\(\?\(/, "conditional group (?(...)...)"],
    [/^\(\?(?:R|[+-]?\d+|&\w+|P>\w+)\)/, "recursion or subroutine call"],
    [/^\(\?C/, "callout (?C...)"],
  ];
  for (const [re, reason] of what) if (re.test(rest)) throw new UnsupportedRegexError(reason, src);
  throw new UnsupportedRegexError(
    `inline group ${rest.slice(0, 6)}... (flags after the start of the regex)`,
    src,
  );
}

/** A bracket expression starting at `i` (the `[`). */
function bracket(src: string, i: number): { out: string; length: number } {
  let j = i + 1;
  let out = "[";
  if (src[j] === "^") {
    out += "^";
    j++;
  }
  if (src[j] === "]") {
    out += "\\]";
    j++;
  }
  let prevIsClass = false;
  while (j < src.length && src[j] !== "]") {
    const ch = src[j] ?? "";
    if (ch === "[") {
      const posix = posixClass(src, j);
      out += posix ? posix.out : "\\[";
      j += posix ? posix.length : 1;
      prevIsClass = posix !== null;
      continue;
    }
    if (ch === "\\") {
      const esc = src[j + 1] === "Q" ? quoted(src, j + 2, true) : classEscape(src, j);
      out += esc.out;
      j += esc.length;
      prevIsClass = esc.isClass === true;
      continue;
    }
    if (ch === "-") {
      const nextIsClass = /^-(?:\\[dDwWsShHvVpP]|\[:)/.test(src.slice(j));
      out += prevIsClass || nextIsClass ? "\\-" : "-";
    } else {
      out += ch;
    }
    prevIsClass = false;
    j++;
  }
  if (j >= src.length) throw new UnsupportedRegexError("unterminated character class", src);
  return { out: `${out}]`, length: j + 1 - i };
}

/** Skips whitespace and `#` comments in extended mode; returns the new index. */
function skipExtended(src: string, i: number): number {
  let j = i;
  for (;;) {
    const ch = src[j];
    if (ch !== undefined && /\s/.test(ch)) j++;
    else if (ch === "#") {
      const nl = src.indexOf("\n", j);
      j = nl < 0 ? src.length : nl + 1;
    } else return j;
  }
}

export function translatePcre(src: string, options: TranslateOptions): TranslatedRegex {
  const modes: Modes = { ignoreCase: false, multiline: options.multiline, dotAll: false, extended: false };
  let i = leadingFlags(src, modes);
  let out = "";
  let groupsOpened = 0;
  let afterQuantifier = false;
  while (i < src.length) {
    if (modes.extended) {
      i = skipExtended(src, i);
      if (i >= src.length) break;
    }
    const ch = src[i] ?? "";
    const wasQuantifier: boolean = afterQuantifier;
    afterQuantifier = false;
    if (ch === "\\") {
      const esc = outerEscape(src, i, groupsOpened);
      out += esc.out;
      i += esc.length;
    } else if (ch === "[") {
      const cls = bracket(src, i);
      out += cls.out;
      i += cls.length;
    } else if (ch === "(") {
      if (src.startsWith("(?#", i)) {
        const close = src.indexOf(")", i);
        if (close < 0) throw new UnsupportedRegexError("unterminated comment", src);
        i = close + 1;
        continue;
      }
      const g = groupOpen(src, i);
      if (g.capture) groupsOpened++;
      out += g.out;
      i += g.length;
    } else if (ch === "*" || ch === "+" || ch === "?" || (ch === "{" && QUANTIFIER.test(src.slice(i)))) {
      if (wasQuantifier && ch === "+") throw new UnsupportedRegexError("possessive quantifier", src);
      const text = ch === "{" ? (QUANTIFIER.exec(src.slice(i))?.[0] ?? ch) : ch;
      out += text;
      i += text.length;
      afterQuantifier = !(wasQuantifier && ch === "?");
    } else {
      out += plainChar(ch, modes);
      i++;
    }
  }
  return { source: out, ignoreCase: modes.ignoreCase };
}

function plainChar(ch: string, modes: Modes): string {
  switch (ch) {
    case ".":
      return modes.dotAll ? "[\\s\\S]" : "[^\\n]";
    case "^":
      return modes.multiline ? "(?:(?<![\\s\\S])|(?<=\\n)(?=[\\s\\S]))" : "(?<![\\s\\S])";
    case "$":
      return modes.multiline ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n?(?![\\s\\S]))";
    case "{":
    case "}":
    case "]":
      return `\\${ch}`;
    default:
      return ch;
  }
}
