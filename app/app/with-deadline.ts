/**
 * Run `work` until it settles, the deadline passes (ANALYSIS_TIMEOUT) or
 * `outer` aborts (its reason, e.g. SUPERSEDED) — whichever comes first. The
 * signal handed to `work` aborts in the last two cases, so it can stop at its
 * next checkpoint; its late result is ignored either way.
 */
import { ProvenanceError } from "../errors.js";

export async function withDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<T> {
  const inner = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    const fail = (reason: unknown): void => {
      inner.abort(reason);
      reject(reason);
    };
    timer = setTimeout(
      () =>
        fail(
          new ProvenanceError(
            "ANALYSIS_TIMEOUT",
            `the analysis did not finish within ${
              options.timeoutMs >= 1000
                ? `${Math.round(options.timeoutMs / 1000)} s`
                : `${options.timeoutMs} ms`
            }`,
          ),
        ),
      options.timeoutMs,
    );
    onAbort = () => fail(options.signal.reason);
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    const running = work(inner.signal);
    running.catch(() => undefined); // a late rejection after the race is decided is not unhandled
    return await Promise.race([running, stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) options.signal.removeEventListener("abort", onAbort);
  }
}

/** Throw the signal's reason at a checkpoint. */
export function checkpoint(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason;
}
