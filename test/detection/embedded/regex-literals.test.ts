/**
 * Literal prefilters of regexes (the file-level skip of metavariable-regex
 * conditions): texts without the literals every match contains are rejected,
 * texts with them pass, regexes without known literals get no check, and the
 * check is sound — a text where the regex matches somewhere always passes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { literalCheck } from "../../../app/detection/embedded/regex-literals.js";
import { compilePcre } from "../../../app/detection/embedded/regex-match.js";

const check = (pcre: string): ((text: string) => boolean) | null =>
  literalCheck(compilePcre(pcre, "anchored"));

describe("literalCheck", () => {
  it.each([
    ["^(window\\.|globalThis\\.)?(setTimeout|setInterval)$", "x = setInterval", "x = setTimer"],
    ["(?i)^[\\w.]*(password|pwd)$", "db_PASSWORD = 1", "pass = 1"],
    ["^(api_?key|access_?token)$", "const access_token = t", "const token = t"],
    ["^(api_?key|access_?token)$", "api = key", "api = 1"],
    ["a{0,2}bcd+", "bc d", "bcx"],
    ["x(?=yyyy)z", "z x", "x only"],
    ["(?i)^`\\s*(select|drop)\\b", "`x` DROP", "'select'"],
    ["foo\\.bar", "a foo.bar b", "foo bar"],
  ])("%s passes %j, rejects %j", (pcre, passes, rejected) => {
    const c = check(pcre);
    expect(c?.(passes)).toBe(true);
    expect(c?.(rejected)).toBe(false);
  });

  it.each([["^[\"'][^\"']+[\"']$"], ["(ab)?c?"], ["a|[bc]"], ["\\w+"], ["([ab])\\1"], ["(?:)"]])(
    "%s has no literal check",
    (pcre) => {
      expect(check(pcre)).toBeNull();
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
        const c = literalCheck(re);
        if (c === null) return;
        for (let i = 0; i <= text.length; i++) {
          for (let j = i; j <= text.length; j++) {
            re.lastIndex = 0;
            if (re.test(text.slice(i, j))) expect(c(text)).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
