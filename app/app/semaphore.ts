/** At most `max` holders at once; waiters are served in order and may give up through an AbortSignal. */
export class Semaphore {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(max: number) {
    this.#free = max;
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.#free > 0) {
      this.#free -= 1;
      return this.#releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const wake = (): void => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = (): void => {
        const i = this.#waiting.indexOf(wake);
        if (i >= 0) this.#waiting.splice(i, 1);
        reject(signal?.reason);
      };
      if (signal?.aborted === true) return reject(signal.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(wake);
    });
    return this.#releaser();
  }

  #releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.#waiting.shift();
      if (next !== undefined) next();
      else this.#free += 1;
    };
  }
}
