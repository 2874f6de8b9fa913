/**
 * The analyses running after their webhooks were acknowledged. Handlers do not
 * await them (GitHub gives a webhook 10 s); this keeps each promise so tests
 * and a graceful shutdown can wait for all of them.
 */
export class PendingAnalyses {
  readonly #running = new Set<Promise<void>>();

  /** Track `work`; it must not reject (analyses end their own check runs), but a rejection is swallowed here. */
  track(work: Promise<void>): void {
    const tracked = work.catch(() => undefined).finally(() => this.#running.delete(tracked));
    this.#running.add(tracked);
  }

  get size(): number {
    return this.#running.size;
  }

  /** Resolves once nothing runs, including analyses started while waiting. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running]);
  }
}
