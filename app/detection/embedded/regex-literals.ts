/**
 * Literal prefilters for regexes: from a JavaScript RegExp (a translated
 * PCRE2 one), which literals every match contains (all of some, one of
 * others, as the regex's sequences and alternations say). A text without them
 * has no match in any of its substrings, so e.g. a metavariable-regex whose
 * literals are absent from a file rejects every binding taken from that file.
 *
 * The analysis reads the `u`-mode source: literals, escapes, classes, groups,
 * alternation, quantifiers, anchors and lookarounds (zero-width, no requirement).
 * Anything it does not recognise yields no prefilter, never a wrong one.
 */

/**
 * What every match contains: a literal, all of some requirements, or one of
 * some alternatives. `true`: nothing known.
 */
type Need = { lit: string } | { all: Need[] } | { any: Need[] } | true;

function all(needs: Need[]): Need {
  const parts = needs.flatMap((n) => (n === true ? [] : "all" in n ? n.all : [n]));
  return parts.length === 0 ? true : parts.length === 1 ? (parts[0] ?? true) : { all: parts };
}

function any(needs: Need[]): Need {
  if (needs.some((n) => n === true)) return true;
  return needs.length === 1 ? (needs[0] ?? true) : { any: needs };
}

class Unknown extends Error {}

interface Atom {
  /** The literal character, when the atom is exactly one character. */
  char: string | null;
  need: Need;
}

const SYNTAX = new Set([..."^$\\.*+?()[]{}|/-"]);
const CONTROL: Record<string, string> = { n: "\n", r: "\r", t: "\t", f: "\f", v: "\v", "0": "\0" };

class Parser {
  private i = 0;

  constructor(private readonly src: string) {}

  parse(): Need {
    const need = this.alternation();
    if (this.i !== this.src.length) throw new Unknown();
    return need;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alternation(): Need {
    const branches: Need[] = [this.sequence()];
    while (this.peek() === "|") {
      this.i++;
      branches.push(this.sequence());
    }
    return any(branches);
  }

  private sequence(): Need {
    const parts: Need[] = [];
    let run = "";
    const endRun = (): void => {
      if (run !== "") parts.push({ lit: run });
      run = "";
    };
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === "|" || c === ")") break;
      const atom = this.atom();
      const q = this.quantifier();
      if (q === null && atom.char !== null) {
        run += atom.char;
        continue;
      }
      endRun();
      if (q === null || q.min >= 1) parts.push(atom.need);
    }
    endRun();
    return all(parts);
  }

  /** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (lazy or not); null when the atom is not quantified. */
  private quantifier(): { min: number } | null {
    const c = this.peek();
    let min: number;
    if (c === "*" || c === "?") {
      min = 0;
      this.i++;
    } else if (c === "+") {
      min = 1;
      this.i++;
    } else if (c === "{") {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) throw new Unknown();
      min = Number(m[1]);
      this.i += m[0].length;
    } else return null;
    if (this.peek() === "?") this.i++;
    return { min };
  }

  private atom(): Atom {
    const c = this.src[this.i++];
    switch (c) {
      case "(":
        return this.group();
      case "[":
        this.skipClass();
        return { char: null, need: true };
      case ".":
      case "^":
      case "$":
        return { char: null, need: true };
      case "\\":
        return this.escape();
      case undefined:
      case "*":
      case "+":
      case "?":
      case "{":
      case "}":
      case "]":
        throw new Unknown();
      default: {
        const cp = this.src.codePointAt(this.i - 1) ?? 0;
        if (cp > 0xffff) this.i++;
        const ch = String.fromCodePoint(cp);
        return { char: ch, need: { lit: ch } };
      }
    }
  }

  private group(): Atom {
    let lookaround = false;
    if (this.src.startsWith("?:", this.i)) this.i += 2;
    else if (this.src.startsWith("?=", this.i) || this.src.startsWith("?!", this.i)) {
      this.i += 2;
      lookaround = true;
    } else if (this.src.startsWith("?<=", this.i) || this.src.startsWith("?<!", this.i)) {
      this.i += 3;
      lookaround = true;
    } else if (this.src.startsWith("?<", this.i)) {
      const close = this.src.indexOf(">", this.i);
      if (close < 0) throw new Unknown();
      this.i = close + 1;
    } else if (this.peek() === "?") throw new Unknown();
    const need = this.alternation();
    if (this.src[this.i++] !== ")") throw new Unknown();
    return { char: null, need: lookaround ? true : need };
  }

  private skipClass(): void {
    for (;;) {
      const c = this.src[this.i++];
      if (c === undefined) throw new Unknown();
      if (c === "\\") this.i++;
      else if (c === "]") return;
    }
  }

  private escape(): Atom {
    const c = this.src[this.i++];
    if (c === undefined) throw new Unknown();
    const literal = (ch: string): Atom => ({ char: ch, need: { lit: ch } });
    if (SYNTAX.has(c)) return literal(c);
    const control = CONTROL[c];
    if (control !== undefined && !(c === "0" && /[0-9]/.test(this.peek() ?? ""))) return literal(control);
    if (c === "x") {
      const m = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i));
      if (!m) throw new Unknown();
      this.i += 2;
      return literal(String.fromCharCode(parseInt(m[0], 16)));
    }
    if (c === "u") {
      const m = /^(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{4}))/.exec(this.src.slice(this.i));
      if (!m) throw new Unknown();
      this.i += m[0].length;
      return literal(String.fromCodePoint(parseInt(m[1] ?? m[2] ?? "0", 16)));
    }
    if ("dDwWsSbB".includes(c)) return { char: null, need: true };
    if (c === "p" || c === "P") {
      const close = this.src.indexOf("}", this.i);
      if (this.peek() !== "{" || close < 0) throw new Unknown();
      this.i = close + 1;
      return { char: null, need: true };
    }
    if (/[1-9]/.test(c)) {
      while (/[0-9]/.test(this.peek() ?? "")) this.i++;
      return { char: null, need: true };
    }
    if (c === "k") {
      const close = this.src.indexOf(">", this.i);
      if (this.peek() !== "<" || close < 0) throw new Unknown();
      this.i = close + 1;
      return { char: null, need: true };
    }
    throw new Unknown();
  }
}

function escapeLiteral(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

const memo = new Map<RegExp, ((text: string) => boolean) | null>();

/**
 * A test a text passes whenever `re` matches in it or in one of its substrings:
 * the literals every match contains, looked for with `re`'s case sensitivity.
 * Null when no literal is known.
 */
export function literalCheck(re: RegExp): ((text: string) => boolean) | null {
  let check = memo.get(re);
  if (check === undefined) {
    check = null;
    if (re.unicode) {
      try {
        const need = new Parser(re.source).parse();
        if (need !== true) check = compile(need, re.ignoreCase ? "iu" : "u");
      } catch (err) {
        if (!(err instanceof Unknown)) throw err;
      }
    }
    memo.set(re, check);
  }
  return check;
}

function compile(need: Exclude<Need, true>, flags: string): (text: string) => boolean {
  if ("lit" in need) {
    const re = new RegExp(escapeLiteral(need.lit), flags);
    return (text) => re.test(text);
  }
  const sub = (n: Need): Array<(text: string) => boolean> => (n === true ? [] : [compile(n, flags)]);
  if ("all" in need) {
    const parts = need.all.flatMap(sub);
    return (text) => parts.every((p) => p(text));
  }
  const parts = need.any.flatMap(sub);
  return (text) => parts.some((p) => p(text));
}
