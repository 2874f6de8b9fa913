/**
 * Git's C-style path quoting (quote.c `quote_c_style` / `unquote_c_style`).
 *
 * Git wraps a path in double quotes when it contains a control character,
 * DEL, `"` or `\`, or (with the default `core.quotePath=true`) any byte
 * >= 0x80. Inside the quotes it writes `\a \b \t \n \v \f \r \" \\` and
 * three-digit octal escapes for every other such byte, so a UTF-8 name like
 * "café" becomes `"caf\303\251"`.
 */
import { ProvenanceError } from "../errors.js";
import { showText } from "./show-text.js";

const NAMED_ESCAPES: Readonly<Record<string, number>> = {
  a: 0x07,
  b: 0x08,
  t: 0x09,
  n: 0x0a,
  v: 0x0b,
  f: 0x0c,
  r: 0x0d,
  '"': 0x22,
  "\\": 0x5c,
};

const ESCAPE_FOR_BYTE: ReadonlyMap<number, string> = new Map(
  Object.entries(NAMED_ESCAPES).map(([letter, byte]) => [byte, letter]),
);

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: false });

/** Result of reading one quoted string that starts at `start`. */
export interface QuotedRead {
  value: string;
  /** Index just after the closing quote. */
  end: number;
}

/**
 * Reads a C-quoted string starting at `text[start]` (which must be `"`).
 * Escapes are decoded to bytes and the bytes to UTF-8 (invalid sequences
 * become U+FFFD). Throws `BAD_DIFF` on malformed quoting.
 */
export function readQuotedPath(text: string, start: number): QuotedRead {
  if (text[start] !== '"') throw bad(text, "does not start with a quote");
  const bytes: number[] = [];
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"') return { value: decoder.decode(Uint8Array.from(bytes)), end: i + 1 };
    if (ch !== "\\") {
      const cp = text.codePointAt(i) as number;
      const chunk = String.fromCodePoint(cp);
      bytes.push(...encoder.encode(chunk));
      i += chunk.length;
      continue;
    }
    const esc = text[i + 1];
    if (esc === undefined) break;
    const named = NAMED_ESCAPES[esc];
    if (named !== undefined) {
      bytes.push(named);
      i += 2;
      continue;
    }
    const octal = /^[0-3][0-7]{2}/.exec(text.slice(i + 1, i + 4));
    if (octal === null) throw bad(text, `unknown escape "\\${esc}"`);
    bytes.push(parseInt(octal[0], 8));
    i += 4;
  }
  throw bad(text, "missing closing quote");
}

/**
 * Undoes git's path quoting. A token that does not start with `"` is returned
 * unchanged; a quoted token must be exactly one well-formed quoted string.
 */
export function unquoteGitPath(token: string): string {
  if (!token.startsWith('"')) return token;
  const { value, end } = readQuotedPath(token, 0);
  if (end !== token.length) throw bad(token, "text after the closing quote");
  return value;
}

/** True when git (with `core.quotePath=true`) would quote this path. */
export function needsGitQuoting(path: string): boolean {
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x7f) return true;
  }
  return false;
}

/** Quotes a path exactly like git with the default `core.quotePath=true`. */
export function quoteGitPath(path: string): string {
  if (!needsGitQuoting(path)) return path;
  let out = '"';
  for (const byte of encoder.encode(path)) {
    const named = ESCAPE_FOR_BYTE.get(byte);
    if (named !== undefined) out += `\\${named}`;
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString(8).padStart(3, "0")}`;
    else out += String.fromCharCode(byte);
  }
  return `${out}"`;
}

function bad(text: string, why: string): ProvenanceError {
  return new ProvenanceError("BAD_DIFF", `malformed quoted path ${showText(text)}: ${why}`);
}
