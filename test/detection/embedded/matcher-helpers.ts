import { createStructuralMatcher } from "../../../app/detection/embedded/structural-matcher.js";
import type { EmbeddedLanguage } from "../../../app/detection/embedded/match-types.js";

export const matcher = createStructuralMatcher();

export interface Found {
  text: string;
  bindings: Record<string, string>;
}

/** All matches of `pattern` in `code`, as matched text plus binding texts. */
export function find(language: EmbeddedLanguage, pattern: string, code: string): Found[] {
  const file = matcher.parseFile(language, code);
  return matcher.match(pattern, file).map((m) => ({
    text: code.slice(m.start, m.end),
    bindings: Object.fromEntries(Object.entries(m.bindings).map(([k, b]) => [k, b.text])),
  }));
}

/** Just the matched texts. */
export function texts(language: EmbeddedLanguage, pattern: string, code: string): string[] {
  return find(language, pattern, code).map((f) => f.text);
}
