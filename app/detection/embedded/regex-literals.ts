/**
 * Literal prefilters for regexes: from a JavaScript RegExp (a translated
 * PCRE2 one), a set of strings one of which every match contains, or null
 * when there is no such set (a match may be made of classes, `.`, optional
 * parts...). A text containing none of them has no match in any of its
 * substrings, so e.g. a metavariable-regex whose literals are absent from a
 * file rejects every binding taken from that file.
 *
 * The analysis reads the `u`-mode source: literals, escapes, classes, groups,
 * alternation, quantifiers, anchors and lookarounds (zero-width, no requirement).
 * Anything it does not recognise yields null (no prefilter), never a wrong set.
 */

/** Every match contains one of `any` (never empty strings); null = no requirement known. */
type Need = { any: string[]; min: number } | null;

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
    if (branches.length === 1) return branches[0] ?? null;
    const any: string[] = [];
    let min = Infinity;
    for (const b of branches) {
      if (b === null) return null;
      any.push(...b.any);
      min = Math.min(min, b.min);
    }
    return { any: [...new Set(any)], min };
  }

  private sequence(): Need {
    let best: Need = null;
    let run = "";
    const keep = (need: Need): void => {
      if (need !== null && (best === null || need.min > best.min)) best = need;
    };
    const endRun = (): void => {
      if (run !== "") keep({ any: [run], min: run.length });
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
      if (q === null || q.min >= 1) keep(atom.need);
    }
    endRun();
    return best;
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
        return { char: null, need: null };
      case ".":
      case "^":
      case "$":
        return { char: null, need: null };
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
        return { char: ch, need: { any: [ch], min: 1 } };
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
    return { char: null, need: lookaround ? null : need };
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
    const literal = (ch: string): Atom => ({ char: ch, need: { any: [ch], min: 1 } });
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
    if ("dDwWsSbB".includes(c)) return { char: null, need: null };
    if (c === "p" || c === "P") {
      const close = this.src.indexOf("}", this.i);
      if (this.peek() !== "{" || close < 0) throw new Unknown();
      this.i = close + 1;
      return { char: null, need: null };
    }
    if (/[1-9]/.test(c)) {
      while (/[0-9]/.test(this.peek() ?? "")) this.i++;
      return { char: null, need: null };
    }
    if (c === "k") {
      const close = this.src.indexOf(">", this.i);
      if (this.peek() !== "<" || close < 0) throw new Unknown();
      this.i = close + 1;
      return { char: null, need: null };
    }
    throw new Unknown();
  }
}

function escapeLiteral(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

const memo = new Map<RegExp, RegExp | null>();

/**
 * A regex (same case sensitivity as `re`) that finds one of the literals every
 * match of `re` contains, or null when `re` has no such literals.
 */
export function literalPrefilter(re: RegExp): RegExp | null {
  let pre = memo.get(re);
  if (pre === undefined) {
    pre = null;
    if (re.unicode) {
      try {
        const need = new Parser(re.source).parse();
        if (need !== null && need.any.length > 0 && need.any.every((s) => s !== ""))
          pre = new RegExp(need.any.map(escapeLiteral).join("|"), re.ignoreCase ? "iu" : "u");
      } catch (err) {
        if (!(err instanceof Unknown)) throw err;
      }
    }
    memo.set(re, pre);
  }
  return pre;
}
