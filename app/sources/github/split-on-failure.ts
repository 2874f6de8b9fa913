/**
 * Runs a batched GraphQL query over items, and when a batch fails in a way
 * worth retrying smaller (a timeout, a 502 after the client's retries, an
 * error for one of its items), asks again in two halves, down to single
 * items: one slow or broken item costs about 2·log2(batch) extra queries,
 * not one query per item. Rate limits and programming errors propagate.
 */
import { isProvenanceError } from "../../errors.js";

/** A failure that a smaller batch may not have: GITHUB_FAILED (never GITHUB_RATE_LIMITED). */
export function worthSplitting(err: unknown): boolean {
  return isProvenanceError(err) && err.code === "GITHUB_FAILED";
}

/**
 * `run` answers one batch; `single` answers one item whose own query failed
 * with `err` (record the failure, or try something cheaper). Batches run one
 * after another.
 */
export async function splitOnFailure<T>(
  batch: readonly T[],
  run: (batch: readonly T[]) => Promise<void>,
  single: (item: T, err: unknown) => Promise<void>,
): Promise<void> {
  try {
    await run(batch);
  } catch (err) {
    if (!worthSplitting(err)) throw err;
    if (batch.length === 1) {
      await single(batch[0] as T, err);
      return;
    }
    const half = Math.ceil(batch.length / 2);
    await splitOnFailure(batch.slice(0, half), run, single);
    await splitOnFailure(batch.slice(half), run, single);
  }
}
