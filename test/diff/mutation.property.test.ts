/** Property: damaged diff text either parses or fails with BAD_DIFF — never any other exception. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isProvenanceError } from "../../app/errors.js";
import { formatUnifiedDiff } from "../../app/diff/format-diff.js";
import { parseUnifiedDiff } from "../../app/diff/parse-diff.js";
import { changedFileArb, textArb } from "./helpers/arbitraries.js";

type Mutation =
  { kind: "truncate"; at: number } | { kind: "drop" | "replace" | "insert"; at: number; text: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constantFrom("drop" as const, "replace" as const, "insert" as const),
    at: fc.nat(),
    text: fc.oneof(
      textArb,
      fc.constantFrom("@@ -1 +1 @@", "--- a/x", "+++ b/x", "diff --git a/x b/x", "\\ x", ""),
    ),
  }),
);

function mutate(text: string, m: Mutation): string {
  if (m.kind === "truncate") return text.slice(0, m.at % (text.length + 1));
  const lines = text.split("\n");
  const at = m.at % lines.length;
  if (m.kind === "drop") lines.splice(at, 1);
  else if (m.kind === "replace") lines[at] = m.text;
  else lines.splice(at, 0, m.text);
  return lines.join("\n");
}

describe("parseUnifiedDiff on damaged input", () => {
  it("throws only BAD_DIFF", () => {
    fc.assert(
      fc.property(fc.array(changedFileArb, { minLength: 1, maxLength: 3 }), mutationArb, (files, m) => {
        try {
          parseUnifiedDiff(mutate(formatUnifiedDiff(files), m));
        } catch (err: unknown) {
          expect(isProvenanceError(err) && err.code === "BAD_DIFF").toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
