/**
 * PCRE2 backslash escapes and POSIX bracket classes, rewritten for a JavaScript
 * RegExp compiled with the `u` flag. Semgrep compiles every regex with PCRE2 in
 * UTF mode (no UCP), so `\d`, `\w`, `\s` are ASCII-only; the rewrites keep that.
 */

export class UnsupportedRegexError extends Error {
  constructor(
    readonly reason: string,
    readonly regex: string,
  ) {
    super(`unsupported regex: ${reason}`);
    this.name = "UnsupportedRegexError";
  }
}

/** Characters a `u`-mode RegExp lets you escape with a plain backslash. */
const SYNTAX = new Set([..."^$\\.*+?()[]{}|/"]);

const HSPACE = "\\t \\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000";
const VSPACE = "\\n\\v\\f\\r\\x85\\u2028\\u2029";
const PCRE_SPACE = "\\t\\n\\v\\f\\r ";

/** The members of a class shorthand, for use inside `[...]`. */
const CLASS_BODY: Record<string, string> = { h: HSPACE, v: VSPACE, s: PCRE_SPACE };

const POSIX: Record<string, string> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: PCRE_SPACE,
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  xdigit: "0-9A-Fa-f",
  word: "\\w",
  cntrl: "\\x00-\\x1f\\x7f",
  print: "\\x20-\\x7e",
  graph: "\\x21-\\x7e",
  ascii: "\\x00-\\x7f",
};

/** Result of reading one escape: the JavaScript text and how many source characters it used. */
export interface Escape {
  out: string;
  length: number;
  /** A class shorthand such as `\d` (cannot be a range endpoint). */
  isClass?: boolean;
}

const codePoint = (cp: number): string => `\\u{${cp.toString(16)}}`;

function literal(ch: string, inClass: boolean): string {
  if (SYNTAX.has(ch) || (inClass && ch === "-")) return `\\${ch}`;
  return ch.length === 1 && /[\s#]/.test(ch) ? codePoint(ch.charCodeAt(0)) : ch;
}

/** Text quoted by `\Q...\E`, starting after `\Q`. */
export function quoted(src: string, from: number, inClass: boolean): Escape {
  const end = src.indexOf("\\E", from);
  const body = end < 0 ? src.slice(from) : src.slice(from, end);
  const out = [...body].map((ch) => literal(ch, inClass)).join("");
  return { out, length: 2 + body.length + (end < 0 ? 0 : 2) };
}

function property(src: string, i: number, negated: boolean): Escape {
  const braced = /^\{(\^?)([A-Za-z_& ]+)\}/.exec(src.slice(i + 2));
  const single = braced ? null : /^[A-Za-z]/.exec(src.slice(i + 2));
  if (!braced && !single) throw new UnsupportedRegexError("malformed \\p escape", src);
  const name = (braced ? braced[2] : single?.[0]) ?? "";
  const neg = negated !== (braced?.[1] === "^");
  const length = 2 + (braced ? braced[0].length : 1);
  if (name === "Any") return { out: neg ? "[^\\s\\S]" : "[\\s\\S]", length, isClass: true };
  const js = name === "L&" ? "LC" : /^[A-Z][a-z&]?$/.test(name) ? name : `Script=${name}`;
  return { out: `\\${neg ? "P" : "p"}{${js}}`, length, isClass: true };
}

function hexEscape(src: string, i: number): Escape {
  const braced = /^\{([0-9A-Fa-f]+)\}/.exec(src.slice(i + 2));
  if (braced?.[1]) return { out: codePoint(parseInt(braced[1], 16)), length: 2 + braced[0].length };
  const digits = /^[0-9A-Fa-f]{0,2}/.exec(src.slice(i + 2))?.[0] ?? "";
  return { out: codePoint(digits === "" ? 0 : parseInt(digits, 16)), length: 2 + digits.length };
}

function octalEscape(src: string, i: number): Escape {
  if (src[i + 1] === "o") {
    const braced = /^\{([0-7]+)\}/.exec(src.slice(i + 2));
    if (!braced?.[1]) throw new UnsupportedRegexError("malformed \\o escape", src);
    return { out: codePoint(parseInt(braced[1], 8)), length: 2 + braced[0].length };
  }
  const digits = /^[0-7]{0,2}/.exec(src.slice(i + 2))?.[0] ?? "";
  return { out: codePoint(parseInt(`0${digits}`, 8)), length: 2 + digits.length };
}

/** Escapes meaning the same thing inside and outside a class; null when the letter is context-specific. */
function commonEscape(src: string, i: number, inClass: boolean): Escape | null {
  const ch = src[i + 1] ?? "";
  if (ch === "") throw new UnsupportedRegexError("trailing backslash", src);
  if (!/[A-Za-z0-9]/.test(ch)) return { out: literal(ch, inClass), length: 2 };
  if ("dDwWtnrf".includes(ch)) return { out: `\\${ch}`, length: 2, isClass: "dDwW".includes(ch) };
  if (ch === "x") return hexEscape(src, i);
  if (ch === "0" || ch === "o") return octalEscape(src, i);
  if (ch === "e") return { out: "\\x1b", length: 2 };
  if (ch === "a") return { out: "\\x07", length: 2 };
  if (ch === "p" || ch === "P") return property(src, i, ch === "P");
  if (ch === "c") {
    const ctl = src[i + 2] ?? "";
    if (!/[A-Za-z]/.test(ctl)) throw new UnsupportedRegexError(`\\c${ctl}`, src);
    return { out: `\\c${ctl}`, length: 3 };
  }
  return null;
}

/** An escape inside `[...]`. */
export function classEscape(src: string, i: number): Escape {
  const common = commonEscape(src, i, true);
  if (common) return common;
  const ch = src[i + 1] ?? "";
  const body = CLASS_BODY[ch];
  if (body !== undefined) return { out: body, length: 2, isClass: true };
  if (ch === "S") return { out: "\\S", length: 2, isClass: true };
  if (ch === "b") return { out: "\\x08", length: 2 };
  throw new UnsupportedRegexError(`escape \\${ch} inside a character class`, src);
}

/** A POSIX class such as `[:alpha:]` at `i` inside a bracket expression, or null. */
export function posixClass(src: string, i: number): Escape | null {
  const m = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(i));
  if (!m) return null;
  const body = POSIX[m[2] ?? ""];
  if (body === undefined) throw new UnsupportedRegexError(`POSIX class [:${m[2]}:]`, src);
  if (m[1] === "^") throw new UnsupportedRegexError(`negated POSIX class [:^${m[2]}:]`, src);
  return { out: body, length: m[0].length, isClass: true };
}

/** Escapes outside a class that only make sense there (assertions, shorthands, references). */
export function outerEscape(src: string, i: number, groupsOpened: number): Escape {
  const common = commonEscape(src, i, false);
  if (common) return common;
  const ch = src[i + 1] ?? "";
  const rest = src.slice(i + 2);
  switch (ch) {
    case "A":
      return { out: "(?<![\\s\\S])", length: 2 };
    case "z":
      return { out: "(?![\\s\\S])", length: 2 };
    case "Z":
      return { out: "(?=\\n?(?![\\s\\S]))", length: 2 };
    case "b":
    case "B":
      return { out: `\\${ch}`, length: 2 };
    case "s":
      return { out: `[${PCRE_SPACE}]`, length: 2, isClass: true };
    case "S":
      return { out: `[^${PCRE_SPACE}]`, length: 2, isClass: true };
    case "h":
    case "v":
      return { out: `[${CLASS_BODY[ch] ?? ""}]`, length: 2, isClass: true };
    case "H":
      return { out: `[^${HSPACE}]`, length: 2, isClass: true };
    case "V":
      return { out: `[^${VSPACE}]`, length: 2, isClass: true };
    case "N":
      if (rest.startsWith("{")) throw new UnsupportedRegexError("\\N{...}", src);
      return { out: "[^\\n]", length: 2, isClass: true };
    case "R":
      return { out: `(?:\\r\\n|[${VSPACE}])`, length: 2 };
    case "E":
      return { out: "", length: 2 };
    case "Q":
      return quoted(src, i + 2, false);
    case "k": {
      const m = /^(?:<(\w+)>|'(\w+)'|\{(\w+)\})/.exec(rest);
      if (!m) throw new UnsupportedRegexError("malformed \\k reference", src);
      return { out: `\\k<${m[1] ?? m[2] ?? m[3]}>`, length: 2 + m[0].length };
    }
    case "g":
      return groupReference(src, rest, groupsOpened);
  }
  if (/[1-9]/.test(ch)) {
    const digits = /^[0-9]*/.exec(src.slice(i + 1))?.[0] ?? ch;
    return { out: `\\${digits}`, length: 1 + digits.length };
  }
  throw new UnsupportedRegexError(`escape \\${ch}`, src);
}

function groupReference(src: string, rest: string, groupsOpened: number): Escape {
  const m = /^(?:\{(-?\d+)\}|(-?\d+)|\{(\w+)\}|<(\w+)>|'(\w+)')/.exec(rest);
  if (!m) throw new UnsupportedRegexError("malformed \\g reference", src);
  const num = m[1] ?? m[2];
  if (num === undefined) {
    if (m[4] !== undefined || m[5] !== undefined)
      throw new UnsupportedRegexError("subroutine call \\g<...>", src);
    return { out: `\\k<${m[3]}>`, length: 2 + m[0].length };
  }
  const n = Number(num);
  const absolute = n < 0 ? groupsOpened + 1 + n : n;
  if (absolute < 1) throw new UnsupportedRegexError(`group reference \\g${num}`, src);
  return { out: `\\${absolute}`, length: 2 + m[0].length };
}
