/**
 * Making a metavariable's bound code parse on its own, with a map from offsets
 * in the text handed to the parser back to the original snippet:
 * - JavaScript/TypeScript parse a leading `{` as a block, so an object literal
 *   is parenthesised;
 * - Python code bound in an indented body keeps its original indentation on
 *   every line but the first, so those lines are dedented by the first line's
 *   column (tree-sitter would otherwise see unexpected indents).
 */
import type { EmbeddedLanguage } from "./match-types.js";

export interface ParsableSnippet {
  text: string;
  /** Offset in `text` → offset in the original snippet. */
  toSnippet: (offset: number) => number;
}

/** Breakpoints [offset in parsed text, offset in snippet], ascending; linear in between. */
function mapper(points: Array<[number, number]>): (offset: number) => number {
  return (offset) => {
    let best: [number, number] = points[0] ?? [0, 0];
    for (const p of points) {
      if (p[0] > offset) break;
      best = p;
    }
    return best[1] + (offset - best[0]);
  };
}

function dedent(text: string, column: number): ParsableSnippet {
  const lines = text.split("\n");
  const points: Array<[number, number]> = [[0, 0]];
  let out = lines[0] ?? "";
  let original = out.length;
  for (const line of lines.slice(1)) {
    const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
    const cut = Math.min(indent, column);
    out += "\n";
    original += 1;
    points.push([out.length, original + cut]);
    out += line.slice(cut);
    original += line.length;
  }
  return { text: out, toSnippet: mapper(points) };
}

/** `column`: the snippet's column in its file (only used for Python code). */
export function parsableSnippet(language: EmbeddedLanguage, text: string, column: number): ParsableSnippet {
  const js = language === "javascript" || language === "typescript" || language === "tsx";
  if (js && text.trimStart().startsWith("{")) return { text: `(${text})`, toSnippet: (o) => o - 1 };
  if (language === "python" && column > 0 && text.includes("\n")) return dedent(text, column);
  return { text, toSnippet: (o) => o };
}
