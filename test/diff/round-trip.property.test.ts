/** Property: formatUnifiedDiff prints exactly what parseUnifiedDiff reads back. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChangedFile, HunkLine } from "../../app/model/snapshot.js";
import { isProvenanceError } from "../../app/errors.js";
import { formatUnifiedDiff } from "../../app/diff/format-diff.js";
import { parseUnifiedDiff } from "../../app/diff/parse-diff.js";
import { changedFileArb } from "./helpers/arbitraries.js";

const filesArb = fc.array(changedFileArb, { maxLength: 4 });

/** A copy of `file` with one line removed from (or duplicated in) a hunk whose header is left unchanged. */
function tamper(file: ChangedFile, hunkIndex: number, lineIndex: number, duplicate: boolean): ChangedFile {
  const hunks = file.hunks.map((h, i) => {
    if (i !== hunkIndex) return h;
    const at = lineIndex % h.lines.length;
    const lines = [...h.lines];
    if (duplicate) {
      lines.splice(at, 0, { ...(lines[at] as HunkLine), noNewline: false });
    } else {
      lines.splice(at, 1);
    }
    return { ...h, lines };
  });
  return { ...file, hunks };
}

describe("parseUnifiedDiff ∘ formatUnifiedDiff", () => {
  it("is the identity on models", () => {
    fc.assert(
      fc.property(filesArb, (files) => {
        expect(parseUnifiedDiff(formatUnifiedDiff(files))).toEqual(files);
      }),
      { numRuns: 500 },
    );
  });

  it("rejects a hunk whose body lost or gained a line", () => {
    const withHunks = changedFileArb.filter((f) => f.hunks.length > 0);
    fc.assert(
      fc.property(filesArb, withHunks, fc.nat(), fc.nat(), fc.boolean(), (others, file, h, l, duplicate) => {
        const broken = tamper(file, h % file.hunks.length, l, duplicate);
        let error: unknown = null;
        try {
          parseUnifiedDiff(formatUnifiedDiff([...others, broken, ...others]));
        } catch (err: unknown) {
          error = err;
        }
        expect(isProvenanceError(error) && error.code === "BAD_DIFF").toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
