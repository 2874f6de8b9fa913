/**
 * PCRE2 → JavaScript regex translation, checked by behaviour: what each regex
 * matches (pattern-regex: all matches, multiline) or whether it matches at the
 * start (metavariable-regex), with PCRE2's meaning of each construct.
 */
import { describe, expect, it } from "vitest";
import { matchAtStart, searchAll } from "../../../app/detection/embedded/regex-match.js";
import { translatePcre, UnsupportedRegexError } from "../../../app/detection/embedded/regex-translate.js";

const found = (pcre: string, text: string): string[] =>
  searchAll(pcre, text).map((hit) => text.slice(hit.start, hit.end));

describe("PCRE2 regexes in pattern-regex (multiline search)", () => {
  it.each([
    ["line anchors match at every line, not after a final newline", "^\\w+$", "ab\ncd\n", ["ab", "cd"]],
    ["\\A and \\z anchor to the whole text", "\\A\\w+|\\w+\\z", "ab\ncd", ["ab", "cd"]],
    ["\\Z also matches before a final newline", "\\w+\\Z", "ab\ncd\n", ["cd"]],
    ["dot matches \\r but not \\n", "a.b", "a\rb a\nb", ["a\rb"]],
    ["(?s) lets dot match newlines", "(?s)a.b", "a\nb", ["a\nb"]],
    ["(?i) at the start is case-insensitive", "(?i)secret", "SeCrEt", ["SeCrEt"]],
    ["(?x) ignores whitespace and comments", "(?x) a b # the letters\n c", "abc", ["abc"]],
    ["\\h is horizontal space, \\v vertical space", "a\\hb|c\\vd", "a\tb c\nd", ["a\tb", "c\nd"]],
    ["\\s is ASCII whitespace only", "a\\sb", "a b a\u00a0b", ["a b"]],
    ["\\Q...\\E quotes metacharacters", "\\Q(a.b)\\E", "(a.b) (axb)", ["(a.b)"]],
    ["POSIX classes", "[[:upper:]][[:digit:]]+", "A12 b3", ["A12"]],
    ["a ] first in a class is literal", "[]a]+", "]a]", ["]a]"]],
    ["escaped punctuation that JavaScript's u flag rejects", '\\"\\-\\#\\:', '"-#:', ['"-#:']],
    ["a { that is not a quantifier is literal", "a{b}|x{2}", "a{b} xx", ["a{b}", "xx"]],
    ["\\x{...} and \\o{...} code points", "\\x{e9}\\o{101}", "\u00e9A", ["\u00e9A"]],
    ["\\p{L} and script names", "\\p{Greek}+\\pL", "\u03b1\u03b2x", ["\u03b1\u03b2x"]],
    [
      "(?P<name>) groups and (?P=name) back-references",
      "(?P<q>['\"])\\w+(?P=q)",
      "'a' \"b' \"c\"",
      ["'a'", '"c"'],
    ],
    ["\\g{-1} relative back-reference", "(\\w)\\g{-1}", "abba", ["bb"]],
    ["(?#comments) are dropped", "a(?# note )b", "ab", ["ab"]],
    ["lazy quantifiers stay lazy", "<.+?>", "<a><b>", ["<a>", "<b>"]],
    ["zero-length matches are not results", "x*", "axxb", ["xx"]],
  ])("%s", (_what, pcre, text, expected) => {
    expect(found(pcre, text)).toEqual(expected);
  });

  it("binds numbered and named groups with their offsets", () => {
    const [hit] = searchAll("key=(?<VALUE>\\w+)(,(\\d))?", "x key=abc", 10);
    expect(hit?.start).toBe(12);
    expect(hit?.groups).toEqual([
      { name: "$1", start: 16, end: 19, text: "abc" },
      { name: "$VALUE", start: 16, end: 19, text: "abc" },
    ]);
  });
});

describe("PCRE2 regexes in metavariable-regex (anchored at the start)", () => {
  it.each([
    ["insecure", "insecure1", true],
    ["secure", "insecure1", false],
    [".*secure", "insecure1", true],
    ["insecure$", "insecure1", false],
    ["^a$", "a\n", true],
    ["a$", "a\nb", false],
    ["(?m)a$", "a\nb", true],
    ["['\"]hunter2['\"]", '"hunter2"', true],
  ])("%s on %j → %s", (pcre, text, expected) => {
    expect(matchAtStart(pcre, text) !== null).toBe(expected);
  });
});

describe("constructs JavaScript cannot express are refused", () => {
  it.each([
    ["a++", "possessive"],
    ["a{2}+", "possessive"],
    ["(?>a)", "atomic"],
    ["(a)(?1)", "recursion"],
    ["(?(1)a|b)", "conditional"],
    ["(?|(a)|(b))", "branch reset"],
    ["a(?i)b", "inline group"],
    ["(*UTF)a", "verb"],
    ["a\\Kb", "\\K"],
    ["\\Ga", "\\G"],
    ["[[:^alpha:]]", "negated POSIX"],
  ])("%s (%s)", (pcre, reason) => {
    expect(() => translatePcre(pcre, { multiline: true })).toThrow(UnsupportedRegexError);
    try {
      translatePcre(pcre, { multiline: true });
    } catch (err) {
      expect((err as UnsupportedRegexError).reason).toContain(reason);
    }
  });

  it("reports a regex that is invalid in both dialects", () => {
    expect(() => searchAll("(unclosed", "x")).toThrow(UnsupportedRegexError);
  });
});
