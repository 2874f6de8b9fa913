/**
 * Literal prefilters for regexes: from a JavaScript RegExp (a translated
 * PCRE2 one), sets of strings such that every match contains one string of
 * each set. A text lacking every string of one set has no match in any of its
 * substrings, so e.g. a metavariable-regex whose literals are absent from a
 * file rejects every binding taken from that file.
 *
 * The analysis reads the `u`-mode source: literals, escapes, classes, groups,
 * alternation, quantifiers, anchors and lookarounds (zero-width, no requirement).
 * Anything it does not recognise yields no prefilter, never a wrong one.
 */

/** One requirement: every match contains one of `any` (never empty strings). */
interface Req {
  any: string[];
  min: number;
}

/** Requirements every match meets, all of them (empty: none known). */
type Need = Req[];

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
    if (branches.length === 1) return branches[0] ?? [];
    // Each branch's most selective requirement; a match meets one of them.
    const any: string[] = [];
    let min = Infinity;
    for (const b of branches) {
      const best = b.reduce<Req | null>((x, r) => (x === null || r.min > x.min ? r : x), null);
      if (best === null) return [];
      any.push(...best.any);
      min = Math.min(min, best.min);
    }
    return [{ any: [...new Set(any)], min }];
  }

  private sequence(): Need {
    const all: Need = [];
    let run = "";
    const endRun = (): void => {
      if (run !== "") all.push({ any: [run], min: run.length });
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
      if (q === null || q.min >= 1) all.push(...atom.need);
    }
    endRun();
    return all;
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
        return { char: null, need: [] };
      case ".":
      case "^":
      case "$":
        return { char: null, need: [] };
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
        return { char: ch, need: [{ any: [ch], min: 1 }] };
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
    return { char: null, need: lookaround ? [] : need };
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
    const literal = (ch: string): Atom => ({ char: ch, need: [{ any: [ch], min: 1 }] });
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
    if ("dDwWsSbB".includes(c)) return { char: null, need: [] };
    if (c === "p" || c === "P") {
      const close = this.src.indexOf("}", this.i);
      if (this.peek() !== "{" || close < 0) throw new Unknown();
      this.i = close + 1;
      return { char: null, need: [] };
    }
    if (/[1-9]/.test(c)) {
      while (/[0-9]/.test(this.peek() ?? "")) this.i++;
      return { char: null, need: [] };
    }
    if (c === "k") {
      const close = this.src.indexOf(">", this.i);
      if (this.peek() !== "<" || close < 0) throw new Unknown();
      this.i = close + 1;
      return { char: null, need: [] };
    }
    throw new Unknown();
  }
}

function escapeLiteral(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** The most selective requirements kept (each costs a scan of the text). */
const MAX_PREFILTERS = 3;

const memo = new Map<RegExp, readonly RegExp[]>();

/**
 * Regexes (same case sensitivity as `re`) a text must all match for `re` to
 * match in it or in any of its substrings: each finds one of a set of
 * literals every match of `re` contains. Empty when no literal is known.
 */
export function literalPrefilters(re: RegExp): readonly RegExp[] {
  let pre = memo.get(re);
  if (pre === undefined) {
    pre = [];
    if (re.unicode) {
      try {
        const flags = re.ignoreCase ? "iu" : "u";
        pre = new Parser(re.source)
          .parse()
          .filter((r) => r.any.length > 0 && r.any.every((a) => a !== ""))
          .sort((a, b) => b.min - a.min)
          .slice(0, MAX_PREFILTERS)
          .map((r) => new RegExp(r.any.map(escapeLiteral).join("|"), flags));
      } catch (err) {
        if (!(err instanceof Unknown)) throw err;
      }
    }
    memo.set(re, pre);
  }
  return pre;
}
