/**
 * Text-level preparation of a Semgrep pattern: metavariables, ellipses and the
 * deep-expression operator become placeholder identifiers the language grammar
 * accepts, so the pattern can be parsed by the same tree-sitter grammar as the
 * target code. String literals and comments are copied unchanged (`"..."` and
 * `"$X"` are interpreted later, on the parsed string node).
 *
 * Placeholders:
 *   $X       → __sgmv_X        ($_ → __sgmv__)
 *   $...XS   → __sgemv_XS
 *   ...      → __sgell_N       (Python dict item: **__sgdell_N; JS `...x` stays a spread)
 *   <... P ...> → __sgdeep_N(P)
 */
import type { Family } from "./lang-spec.js";

export const MV_PREFIX = "__sgmv_";
export const EMV_PREFIX = "__sgemv_";
export const ELL_PREFIX = "__sgell_";
export const DICT_ELL_PREFIX = "__sgdell_";
export const DEEP_PREFIX = "__sgdeep_";

export type Placeholder =
  | { t: "mv"; name: string; lit?: LiteralType }
  | { t: "emv"; name: string }
  | { t: "ellipsis" }
  | { t: "deep" };

const PLACEHOLDER = /^__sg(mv|mvs|mvn|emv|ell|dell|deep)_([A-Za-z0-9_]*)$/;

/** What a typed metavariable on a literal (`($X: string)`) matches. */
export type LiteralType = "string" | "number";

const LITERAL_TYPES: Partial<Record<Family, Record<string, LiteralType>>> = {
  js: { string: "string", number: "number", float: "number", int: "number" },
  python: { str: "string", int: "number", float: "number" },
};

/** The literal a typed metavariable's type stands for in `family`, or null when it needs type information. */
export function literalType(family: Family, type: string): LiteralType | null {
  return LITERAL_TYPES[family]?.[type.trim()] ?? null;
}

const TYPED_LITERAL_MV = /\(\s*\$([A-Z_][A-Z0-9_]*)\s*:(?!=)\s*([A-Za-z_]\w*)\s*\)/g;

/** Recognises a placeholder identifier produced by `preparePattern`. */
export function placeholderOf(text: string): Placeholder | null {
  const m = PLACEHOLDER.exec(text.trim());
  if (!m) return null;
  const name = m[2] ?? "";
  switch (m[1]) {
    case "mv":
      return { t: "mv", name: name === "_" ? "_" : `$${name}` };
    case "mvs":
    case "mvn":
      return { t: "mv", name: name === "_" ? "_" : `$${name}`, lit: m[1] === "mvs" ? "string" : "number" };
    case "emv":
      return { t: "emv", name: `$...${name}` };
    case "deep":
      return { t: "deep" };
    default:
      return { t: "ellipsis" };
  }
}

const IDENT_CHAR = /[A-Za-z0-9_$]/;
const MV_AT = /^\$([A-Z_][A-Z0-9_]*)(?![A-Za-z0-9_$])/;
const EMV_AT = /^\$\.\.\.([A-Z_][A-Z0-9_]*)(?![A-Za-z0-9_$])/;
/** Output ending inside a JSX opening tag, right after `attr=`. */
const JSX_ATTR_EQ = /<[A-Za-z_$][\w$.:-]*(?:\s[^<>]*)?\s[A-Za-z_][\w:-]*\s*=$/;
const PY_STRING_AT = /^(?:[rRbBuUfF]{0,2})("""|'''|"|')/;

class Scanner {
  private out = "";
  private i = 0;
  private counter = 0;
  /** Open brackets; `block`: a Java `{` that opens statements or members (not an array initializer). */
  private readonly brackets: Array<{ ch: string; dict: boolean; block?: boolean }> = [];
  private readonly deep: number[] = [];

  constructor(
    private readonly src: string,
    private readonly family: Family,
    private readonly dictBraces: ReadonlySet<number>,
  ) {}

  run(stopAtBrace = false): string {
    const src = this.src;
    let depth = 0;
    while (this.i < src.length) {
      const rest = src.slice(this.i, this.i + 4);
      const ch = src[this.i] ?? "";
      const prev = this.i > 0 ? (src[this.i - 1] ?? "") : "";
      if (stopAtBrace && ch === "}" && depth === 0) return this.out;
      if (this.copyStringOrComment()) continue;
      if (rest === "<...") {
        this.deep.push(this.brackets.length);
        this.emit(`${DEEP_PREFIX}${this.counter++}(`, 4);
        continue;
      }
      if (rest === "...>" && this.deep.length > 0) {
        this.deep.pop();
        this.emit(")", 4);
        continue;
      }
      if (ch === "$" && !IDENT_CHAR.test(prev)) {
        const tail = src.slice(this.i);
        const emv = EMV_AT.exec(tail);
        if (emv) {
          this.emit(`${EMV_PREFIX}${emv[1]}`, emv[0].length);
          continue;
        }
        const mv = MV_AT.exec(tail);
        if (mv) {
          this.emit(`${MV_PREFIX}${mv[1] === "_" ? "_" : mv[1]}`, mv[0].length);
          continue;
        }
      }
      if (src.startsWith("...", this.i)) {
        this.ellipsis();
        continue;
      }
      if (ch === "(" || ch === "[" || ch === "{") {
        const block = this.family === "java" && ch === "{" && !/[\](=,]$/.test(this.out.trimEnd());
        this.brackets.push({ ch, dict: ch === "{" && this.dictBraces.has(this.i), block });
        depth++;
      } else if (ch === ")" || ch === "]" || ch === "}") {
        this.brackets.pop();
        depth--;
      }
      this.emit(ch, 1);
    }
    return this.out;
  }

  private emit(text: string, consumed: number): void {
    this.out += text;
    this.i += consumed;
  }

  private ellipsis(): void {
    const src = this.src;
    const next = src[this.i + 3] ?? "";
    const prev = this.i > 0 ? (src[this.i - 1] ?? "") : "";
    if (this.family === "js" && prev !== "." && /[A-Za-z_$]/.test(next)) {
      this.emit("...", 3); // a spread / rest element, not a Semgrep ellipsis
      return;
    }
    if ((this.family === "go" || this.family === "java") && /[A-Za-z0-9_\])]/.test(prev)) {
      this.emit("...", 3); // Go `xs...` / Java `String... args`: variadic syntax, not a Semgrep ellipsis
      return;
    }
    const inner = this.brackets[this.brackets.length - 1];
    if (this.family === "java" && (inner === undefined || inner.block)) {
      // A statement (or class member) `...`: Java needs the `;`.
      const before = this.out.trimEnd().at(-1) ?? "";
      const after = src.slice(this.i + 3).trimStart()[0] ?? "";
      if ((before === "" || "{;}".includes(before)) && after !== ".") {
        this.emit(`${ELL_PREFIX}${this.counter++}${after === ";" ? "" : ";"}`, 3);
        return;
      }
    }
    if (this.family === "js" && JSX_ATTR_EQ.test(this.out)) {
      // `<a href=...>`: a JSX attribute value must be a string or `{expression}`.
      this.emit(`{${ELL_PREFIX}${this.counter++}}`, 3);
      return;
    }
    const item = inner?.ch === "{" ? listItem(src, this.i) : "no";
    if (this.family === "python" && ((inner?.dict && item !== "no") || item === "only")) {
      this.emit(`**${DICT_ELL_PREFIX}${this.counter++}`, 3);
      return;
    }
    this.emit(`${ELL_PREFIX}${this.counter++}`, 3);
  }

  /** Copies a string literal or comment starting at the cursor; false when there is none. */
  private copyStringOrComment(): boolean {
    const src = this.src;
    const ch = src[this.i] ?? "";
    const prev = this.i > 0 ? (src[this.i - 1] ?? "") : "";
    if (this.family === "python") {
      if (ch === "#") return this.copyUntil("\n", false);
      if (IDENT_CHAR.test(prev)) return false;
      const m = PY_STRING_AT.exec(src.slice(this.i, this.i + 5));
      if (!m) return false;
      const quote = m[1] ?? '"';
      this.emit(m[0], m[0].length);
      if (/[fF]/.test(m[0])) {
        this.copyInterpolated(quote, "{");
        return true;
      }
      return this.copyUntil(quote, true);
    }
    if (src.startsWith("//", this.i)) return this.copyUntil("\n", false);
    if (src.startsWith("/*", this.i)) {
      this.emit("/*", 2);
      return this.copyUntil("*/", false);
    }
    if (ch === '"' || ch === "'") {
      this.emit(ch, 1);
      return this.copyUntil(ch, true);
    }
    if (ch === "`" && this.family === "go") {
      this.emit(ch, 1);
      return this.copyUntil("`", false); // a raw string
    }
    if (ch === "`" && this.family === "js") {
      this.emit(ch, 1);
      this.copyInterpolated("`", "${");
      return true;
    }
    return false;
  }

  private copyUntil(end: string, escapes: boolean): boolean {
    const src = this.src;
    while (this.i < src.length) {
      if (escapes && src[this.i] === "\\") {
        this.emit(src.slice(this.i, this.i + 2), 2);
        continue;
      }
      if (src.startsWith(end, this.i)) {
        if (end !== "\n") this.emit(end, end.length);
        return true;
      }
      this.emit(src[this.i] ?? "", 1);
    }
    return true;
  }

  /** Template literal / f-string body: text copied, `${ ... }` / `{ ... }` substitutions prepared like code. */
  private copyInterpolated(close: string, open: string): void {
    const src = this.src;
    while (this.i < src.length) {
      const ch = src[this.i];
      if (ch === "\\") {
        this.emit(src.slice(this.i, this.i + 2), 2);
      } else if (src.startsWith(close, this.i)) {
        this.emit(close, close.length);
        return;
      } else if (open === "{" && src.startsWith("{{", this.i)) {
        this.emit("{{", 2);
      } else if (src.startsWith(open, this.i)) {
        this.emit(open, open.length);
        const inner = new Scanner(src, this.family, this.dictBraces);
        inner.i = this.i;
        inner.counter = this.counter;
        this.out += inner.run(true);
        this.i = inner.i;
        this.counter = inner.counter;
      } else {
        this.emit(ch ?? "", 1);
      }
    }
  }
}

/** Whether the `...` at `at` is a whole item of a `{}` display, and whether it is the only one (`{...}`). */
function listItem(src: string, at: number): "no" | "item" | "only" {
  const before = src.slice(0, at).trimEnd();
  const after = src.slice(at + 3).trimStart();
  const b = before[before.length - 1] ?? "";
  const a = after[0] ?? "";
  if (b === "{" && a === "}") return "only";
  return (b === "{" || b === ",") && (a === "," || a === "}") ? "item" : "no";
}

/** Offsets of `{` that open a Python dict display (a `:` at their top level). */
function findDictBraces(src: string): Set<number> {
  const dicts = new Set<number>();
  const stack: Array<{ ch: string; at: number; colon: boolean }> = [];
  let quote: string | null = null;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] ?? "";
    if (quote) {
      if (ch === "\\") i++;
      else if (src.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = null;
      }
      continue;
    }
    if (ch === "#") {
      const nl = src.indexOf("\n", i);
      i = nl < 0 ? src.length : nl;
    } else if (ch === '"' || ch === "'") {
      quote = src.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      i += quote.length - 1;
    } else if (ch === "(" || ch === "[" || ch === "{") stack.push({ ch, at: i, colon: false });
    else if (ch === ")" || ch === "]" || ch === "}") {
      const open = stack.pop();
      if (open && open.ch === "{" && open.colon) dicts.add(open.at);
    } else if (ch === ":") {
      const top = stack[stack.length - 1];
      if (top) top.colon = true;
    }
  }
  return dicts;
}

/** Replaces Semgrep's pattern operators with grammar-friendly placeholders. */
export function preparePattern(pattern: string, family: Family): string {
  pattern = pattern.replace(TYPED_LITERAL_MV, (all: string, name: string, type: string, at: number) => {
    const lit = literalType(family, type);
    // `function $F($X: string)` / `($X: string) => ...` are parameter lists, not typed metavariables.
    const params =
      /[\w$)\]>]$/.test(pattern.slice(0, at).trimEnd()) ||
      /^(=>|->)/.test(pattern.slice(at + all.length).trimStart());
    return lit && !params ? `(__sg${lit === "string" ? "mvs" : "mvn"}_${name})` : all;
  });
  const dicts = family === "python" ? findDictBraces(pattern) : new Set<number>();
  return new Scanner(pattern, family, dicts).run();
}
