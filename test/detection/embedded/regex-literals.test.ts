/**
 * Literal prefilters of regexes (the file-level skip of metavariable-regex
 * conditions): which literals are found, that none is claimed when a match
 * can do without, and soundness — a text where the regex matches somewhere
 * always contains one of the literals.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { literalPrefilters } from "../../../app/detection/embedded/regex-literals.js";
import { compilePcre } from "../../../app/detection/embedded/regex-match.js";

const prefilter = (pcre: string): string | null => {
  const res = literalPrefilters(compilePcre(pcre, "anchored"));
  return res.length === 0 ? null : res.map((re) => `${re.source}/${re.flags}`).join(" & ");
};

describe("literalPrefilters", () => {
  it.each([
    ["^(window\\.|globalThis\\.)?(setTimeout|setInterval)$", "setTimeout|setInterval/u"],
    ["(?i)^[\\w.]*(password|passwd|pwd|passphrase)$", "password|passwd|pwd|passphrase/iu"],
    ["^(query|exec)$", "query|exec/u"],
    ["a{0,2}bcd+", "bc/u & d/u"],
    ["x(?=yyyy)z", "x/u & z/u"],
    ["(?i)^`\\s*(select|drop)\\b", "select|drop/iu & `/iu"],
    ["foo\\.bar", "foo\\.bar/u"],
  ])("%s → %s", (pcre, expected) => {
    expect(prefilter(pcre)).toBe(expected);
  });

  it.each([["^[\"'][^\"']+[\"']$"], ["(ab)?c?"], ["a|[bc]"], ["\\w+"], ["([ab])\\1"], ["(?:)"]])(
    "%s has no literal prefilter",
    (pcre) => {
      expect(prefilter(pcre)).toBeNull();
    },
  );

  it("never rejects a text the regex matches in", () => {
    const atoms = ["a", "b", "ab", "\\.", "[ab]", ".", "\\w", "\\b", "^", "$", "(?=a)", "(?!b)"];
    const piece = fc.tuple(fc.constantFrom(...atoms), fc.constantFrom("", "?", "*", "+", "{2}", "{0,1}"));
    const seq = fc
      .array(piece, { minLength: 1, maxLength: 5 })
      .map((ps) => ps.map(([a, q]) => a + q).join(""));
    const regex = fc
      .array(seq, { minLength: 1, maxLength: 3 })
      .chain((alts) => fc.constantFrom(alts.join("|"), `(?:${alts.join("|")})c`, `(?i)(${alts.join("|")})`));
    fc.assert(
      fc.property(regex, fc.stringMatching(/^[abcAB. x]{0,12}$/), (pcre, text) => {
        let re: RegExp;
        try {
          re = compilePcre(pcre, "anchored");
        } catch {
          return;
        }
        const pre = literalPrefilters(re);
        for (let i = 0; i <= text.length; i++) {
          for (let j = i; j <= text.length; j++) {
            re.lastIndex = 0;
            if (re.test(text.slice(i, j))) for (const p of pre) expect(p.test(text)).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
