/**
 * GitHub's answers are checked with zod before use (leniently: unknown fields
 * pass), so a changed or broken answer is a GITHUB_FAILED error naming the
 * field, not a TypeError deep in the pipeline.
 */
import type { z } from "zod";
import { ProvenanceError } from "../../errors.js";
import { describeIssues } from "../../policy/load-config.js";

export function parseAnswer<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ProvenanceError(
      "GITHUB_FAILED",
      `unexpected answer from GitHub:\n${describeIssues(what, result.error.issues.slice(0, 5))}`,
    );
  }
  return result.data;
}
