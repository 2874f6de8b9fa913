/**
 * One analysis per pull request at a time: claiming a pull request aborts the
 * analysis that held it, with the SHA that replaces it. The aborted analysis
 * ends its check run `cancelled` ("superseded by <sha>").
 */
import { ProvenanceError } from "../errors.js";

export interface AnalysisSlot {
  readonly signal: AbortSignal;
  /** The head SHA of the analysis that replaced this one, once it has been replaced. */
  supersededBy(): string | null;
  /** Give the pull request back (a no-op once a newer analysis holds it). */
  release(): void;
}

export function supersededError(bySha: string, sameCommit: boolean): ProvenanceError {
  return new ProvenanceError(
    "SUPERSEDED",
    sameCommit ? `superseded by a newer analysis of ${bySha}` : `superseded by ${bySha}`,
  );
}

export class SupersedeTracker {
  readonly #holders = new Map<string, { controller: AbortController; headSha: string; by: string | null }>();

  /** `key` names the pull request ("owner/repo#12"). */
  claim(key: string, headSha: string): AnalysisSlot {
    const previous = this.#holders.get(key);
    if (previous !== undefined) {
      previous.by = headSha;
      previous.controller.abort(supersededError(headSha, previous.headSha === headSha));
    }
    const holder = { controller: new AbortController(), headSha, by: null as string | null };
    this.#holders.set(key, holder);
    return {
      signal: holder.controller.signal,
      supersededBy: () => holder.by,
      release: () => {
        if (this.#holders.get(key) === holder) this.#holders.delete(key);
      },
    };
  }

  /** Pull requests with an analysis in flight. */
  get size(): number {
    return this.#holders.size;
  }
}
