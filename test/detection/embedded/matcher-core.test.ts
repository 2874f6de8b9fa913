/** Offsets, binding records, unsupported patterns and languages, caching. */
import { describe, expect, it } from "vitest";
import { UnsupportedPatternError } from "../../../app/detection/embedded/match-types.js";
import { createStructuralMatcher } from "../../../app/detection/embedded/structural-matcher.js";
import { find, matcher } from "./matcher-helpers.js";

describe("structural matcher: offsets and bindings", () => {
  it("offsets are UTF-16 indices after non-ASCII text (Python)", () => {
    const code = 'x = "héllo wörld 😀 ✓"\nos.system(cmd)  # ü\n';
    const [m] = matcher.match("os.system($C)", matcher.parseFile("python", code));
    expect(m).toBeDefined();
    expect(code.slice(m?.start, m?.end)).toBe("os.system(cmd)");
    expect(m?.start).toBe(code.indexOf("os.system"));
    const c = m?.bindings.$C;
    expect(c && code.slice(c.start, c.end)).toBe("cmd");
  });

  it("offsets are UTF-16 indices after non-ASCII text (JavaScript, TypeScript)", () => {
    for (const lang of ["javascript", "typescript"] as const) {
      const code = "// 日本語 🚀🚀\nconst s = '€';\neval(userInput);\n";
      const [m] = matcher.match("eval($X)", matcher.parseFile(lang, code));
      expect(m && code.slice(m.start, m.end)).toBe("eval(userInput)");
      expect(m?.bindings.$X).toMatchObject({ text: "userInput", start: code.indexOf("userInput") });
    }
  });

  it("binding records carry text, normalised key and offsets", () => {
    const code = "foo(a+ b, 'q')\n";
    const [m] = matcher.match("foo($X, $S)", matcher.parseFile("python", code));
    expect(m?.bindings).toEqual({
      $X: { text: "a+ b", key: "a + b", start: 4, end: 8 },
      $S: { text: "'q'", key: '"q"', start: 10, end: 13 },
    });
  });

  it("a literal metavariable binds the string content range", () => {
    const code = "x = 1; open(`/tmp/${d}`); open('/etc/passwd');\n";
    const [m] = matcher.match('open("$P")', matcher.parseFile("javascript", code));
    expect(m?.bindings.$P).toEqual({ text: "/etc/passwd", key: "/etc/passwd", start: 32, end: 43 });
    expect(code.slice(32, 43)).toBe("/etc/passwd");
  });

  it("an empty ellipsis metavariable binds an empty range", () => {
    const [m] = matcher.match("f($...A)", matcher.parseFile("javascript", "f();\n"));
    expect(m?.bindings["$...A"]).toMatchObject({ text: "", key: "" });
  });

  it("CRLF line endings", () => {
    expect(find("python", "$X = 1\n$X = 2", "a = 1\r\na = 2\r\n").map((f) => f.text)).toEqual([
      "a = 1\r\na = 2",
    ]);
  });

  it("matches in the valid parts of a file with syntax errors", () => {
    expect(find("python", "eval(...)", "def broken(:\n  pass\neval(x)\n").map((f) => f.text)).toEqual([
      "eval(x)",
    ]);
  });

  it("results are sorted and stable across repeated calls (cached pattern and file state)", () => {
    const file = matcher.parseFile("python", "b(1)\na(2)\nb(3)\n");
    const first = matcher.match("$F($N)", file);
    expect(matcher.match("$F($N)", file)).toEqual(first);
    expect(first.map((m) => m.start)).toEqual([0, 5, 10]);
  });

  it("independent matchers give the same answers", () => {
    const other = createStructuralMatcher();
    const code = "requests.get(u, verify=False)\n";
    expect(other.match("requests.get(..., verify=False)", other.parseFile("python", code))).toEqual(
      matcher.match("requests.get(..., verify=False)", matcher.parseFile("python", code)),
    );
  });
});

describe("structural matcher: unsupported input", () => {
  const unsupported = (lang: "python" | "javascript" | "go" | "java", pattern: string): string => {
    try {
      matcher.match(pattern, matcher.parseFile(lang, ""));
    } catch (e) {
      expect(e).toBeInstanceOf(UnsupportedPatternError);
      return (e as UnsupportedPatternError).reason;
    }
    throw new Error(`pattern accepted: ${pattern}`);
  };

  it("patterns that do not parse", () => {
    expect(unsupported("python", "foo(")).toMatch(/does not parse|syntax|missing/);
    expect(unsupported("javascript", "if (")).toMatch(/does not parse|syntax|missing/);
  });

  it("a pattern that is only an ellipsis", () => {
    expect(unsupported("python", "...")).toMatch(/only \.\.\./);
  });

  it("empty pattern", () => {
    expect(unsupported("python", "  \n")).toMatch(/empty/);
  });

  it("patterns that do not parse in Go and Java", () => {
    expect(unsupported("go", "foo(")).toMatch(/does not parse|syntax|missing/);
    expect(unsupported("java", "foo(")).toMatch(/does not parse|syntax|missing/);
  });

  it("typed metavariables in Go and Java", () => {
    expect(unsupported("java", "(java.util.logging.Logger $LOGGER).log(...)")).toBe(
      "typed metavariables are not supported",
    );
    expect(unsupported("java", "$LOGGER.log(java.util.logging.LogRecord $RECORD)")).toBe(
      "typed metavariables are not supported",
    );
    expect(unsupported("go", "($READER : *zip.Reader).Open($INPUT)")).toBe(
      "typed metavariables are not supported",
    );
  });

  it("every language has a structural matcher", () => {
    for (const lang of ["python", "javascript", "typescript", "tsx", "go", "java"] as const) {
      expect(find(lang, "foo(...)", "foo(1)\n").map((f) => f.text)).toEqual(["foo(1)"]);
    }
  });

  it("the error is cached and raised again for the same pattern", () => {
    const file = matcher.parseFile("python", "x = 1\n");
    expect(() => matcher.match("foo(", file)).toThrow(UnsupportedPatternError);
    expect(() => matcher.match("foo(", file)).toThrow(UnsupportedPatternError);
  });
});
