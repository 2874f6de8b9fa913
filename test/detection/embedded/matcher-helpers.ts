import { expect } from "vitest";
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

/**
 * One table row: the expected matches in source order, each the exact matched
 * text or the text plus the exact bindings (binding name → bound text).
 * An empty `expect` is a negative case: the pattern must not match.
 */
export interface Case {
  name: string;
  pattern: string;
  code: string;
  expect: Array<string | [string, Record<string, string>]>;
}

export function check(language: EmbeddedLanguage, c: Case): void {
  const found = find(language, c.pattern, c.code);
  expect(found.map((f) => f.text)).toEqual(c.expect.map((e) => (typeof e === "string" ? e : e[0])));
  c.expect.forEach((e, i) => {
    if (typeof e !== "string") expect(found[i]?.bindings).toEqual(e[1]);
  });
}
