/** Malformed diffs must fail with BAD_DIFF naming the line and the file. */
import { describe, expect, it } from "vitest";
import { isProvenanceError } from "../../app/errors.js";
import { parseUnifiedDiff } from "../../app/diff/parse-diff.js";

const diff = (...lines: string[]): string => `${lines.join("\n")}\n`;
const HEAD = ["diff --git a/f.txt b/f.txt", "index 1111111..2222222 100644", "--- a/f.txt", "+++ b/f.txt"];

function errorOf(text: string): { code: string; message: string } {
  try {
    parseUnifiedDiff(text);
  } catch (err: unknown) {
    if (isProvenanceError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error("expected parseUnifiedDiff to throw");
}

describe("parseUnifiedDiff rejects malformed diffs", () => {
  it.each([
    ["text before the first entry", diff("hello", ...HEAD), /line 1\b.*expected a "diff --git" line/],
    [
      "a hunk body shorter than its header",
      diff(...HEAD, "@@ -1,3 +1,3 @@", " a", "-b", "+c"),
      /end of diff.*"f\.txt".*missing/,
    ],
    [
      "a short hunk followed by the next file",
      diff(...HEAD, "@@ -1,2 +1,2 @@", " a", "diff --git a/g b/g", "old mode 100644", "new mode 100755"),
      /line 7\b.*"f\.txt".*1 old and 1 new line\(s\) missing/,
    ],
    [
      "a hunk body longer than its header",
      diff(...HEAD, "@@ -1 +1 @@", "-a", "+b", "+c"),
      /line 8\b.*"f\.txt".*unexpected line/,
    ],
    ["too many old lines", diff(...HEAD, "@@ -1 +1,2 @@", "-a", "-b", "+c"), /line 7\b.*more old lines/],
    [
      "garbage between hunks",
      diff(...HEAD, "@@ -1 +1 @@", "-a", "+b", "garbage", "@@ -5 +5 @@", "-c", "+d"),
      /line 8\b.*"garbage"/,
    ],
    [
      "garbage inside a hunk",
      diff(...HEAD, "@@ -1,2 +1,2 @@", "-a", "?", "+b"),
      /line 7\b.*shorter than its header/,
    ],
    ["a malformed hunk header", diff(...HEAD, "@@ -x +1 @@", "+a"), /line 5\b.*malformed hunk header/],
    ["an empty hunk", diff(...HEAD, "@@ -1,0 +1,0 @@"), /line 5\b.*empty hunk/],
    [
      "hunks out of order",
      diff(...HEAD, "@@ -5 +5 @@", "-a", "+b", "@@ -1 +1 @@", "-c", "+d"),
      /line 8\b.*overlaps/,
    ],
    [
      "a new start that disagrees",
      diff(...HEAD, "@@ -5 +5,2 @@", "-a", "+b", "+c", "@@ -9 +9 @@", "-c", "+d"),
      /line 9\b.*new line 10/,
    ],
    [
      "a header line outside any hunk",
      diff("diff --git a/f b/f", "bogus header"),
      /line 2\b.*"f".*unexpected line in file header/,
    ],
    ["--- without +++", diff("diff --git a/f b/f", "--- a/f", "@@ -1 +1 @@"), /line 3\b.*"\+\+\+ "/],
    ["labels without hunks", diff(...HEAD), /end of diff.*without hunks/],
    [
      "a hunk without labels",
      diff("diff --git a/f b/f", "@@ -1 +1 @@", "-a", "+b"),
      /line 2\b.*without "--- "/,
    ],
    [
      "a marker with no line before it",
      diff(...HEAD, "@@ -1 +1 @@", "\\ No newline at end of file", "-a", "+b"),
      /line 6\b.*does not follow/,
    ],
    [
      "a line after the end-of-file marker",
      diff(...HEAD, "@@ -1,2 +1 @@", "-a", "\\ No newline at end of file", "-b", "+c"),
      /line 8\b.*after "\\ No newline/,
    ],
    [
      "a truncated last line",
      diff(...HEAD, "@@ -1 +1 @@", "-a").concat("+b"),
      /line 7\b.*does not end with a newline/,
    ],
    ["an unterminated quoted name", diff('diff --git "a/f b/f'), /line 1\b.*missing closing quote/],
    ["a bad escape", diff('diff --git "a/\\q" "b/\\q"', "new file mode 100644"), /line 1\b.*unknown escape/],
    [
      "names without a/ b/ prefixes",
      diff("diff --git f f", "new file mode 100644"),
      /line 1\b.*"a\/" and "b\/"/,
    ],
    [
      "rename lines that disagree with labels",
      diff("diff --git a/x b/y", "rename from x", "rename to z"),
      /line 1\b.*other files/,
    ],
    [
      "rename from without rename to",
      diff("diff --git a/x b/y", "rename from x"),
      /line 1\b.*must come together/,
    ],
    [
      "a new file with old lines",
      diff("diff --git a/n b/n", "new file mode 100644", "--- a/n", "+++ b/n", "@@ -1 +1 @@", "-a", "+b"),
      /new file with a hunk/,
    ],
    [
      "a header with a carriage return",
      diff("diff --git a/x b/x\r", "new file mode 100644"),
      /line 1\b.*would have quoted/,
    ],
    [
      "both names /dev/null",
      diff("diff --git a/x b/x", "--- /dev/null", "+++ /dev/null"),
      /line 2\b.*both file names/,
    ],
    ["similarity above 100%", diff("diff --git a/x b/y", "similarity index 101%"), /line 2\b.*above 100%/],
    [
      "a broken binary patch",
      diff("diff --git a/x b/x", "GIT binary patch", "literal 3", "not base85 !", ""),
      /line 4\b.*binary patch data/,
    ],
    [
      "a truncated binary patch",
      diff("diff --git a/x b/x", "GIT binary patch", "literal 3", "KcmZQzWCj2L2ml2D"),
      /end of diff.*binary patch data/,
    ],
  ])("%s", (_name, text, message) => {
    const err = errorOf(text);
    expect(err.code).toBe("BAD_DIFF");
    expect(err.message).toMatch(message);
  });
});
