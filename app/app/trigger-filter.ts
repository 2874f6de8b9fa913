/**
 * Drops work GitHub sends twice: a redelivered webhook (same X-GitHub-Delivery
 * id), and a second "push" trigger for a head SHA already being analysed
 * (`pull_request.synchronize` and `check_suite.requested` both announce a push).
 */
import { DUPLICATE_TRIGGER_WINDOW_MS, MAX_REMEMBERED_DELIVERIES } from "../limits.js";

/** A Map used as a bounded, insertion-ordered memory. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done === true) break;
    map.delete(oldest.value);
  }
}

export class TriggerFilter {
  readonly #deliveries = new Map<string, true>();
  readonly #heads = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** False for a delivery id seen before. */
  firstDelivery(id: string): boolean {
    if (this.#deliveries.has(id)) return false;
    remember(this.#deliveries, id, true, MAX_REMEMBERED_DELIVERIES);
    return true;
  }

  /** True when `repoSha` was admitted within the duplicate window. */
  seenRecently(repoSha: string): boolean {
    const at = this.#heads.get(repoSha);
    return at !== undefined && this.#now() - at < DUPLICATE_TRIGGER_WINDOW_MS;
  }

  /** Record that `repoSha` ("owner/repo@sha") is being analysed; false when a push trigger duplicates a recent one. */
  admit(repoSha: string, kind: "push" | "refresh"): boolean {
    if (kind === "push" && this.seenRecently(repoSha)) return false;
    remember(this.#heads, repoSha, this.#now(), MAX_REMEMBERED_DELIVERIES);
    return true;
  }
}
