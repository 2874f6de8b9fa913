import { describe, expect, it } from "vitest";
import { PendingAnalyses } from "../../app/app/pending-analyses.js";
import { Semaphore } from "../../app/app/semaphore.js";
import { SupersedeTracker } from "../../app/app/supersede-tracker.js";
import { TriggerFilter } from "../../app/app/trigger-filter.js";
import { checkpoint, withDeadline } from "../../app/app/with-deadline.js";
import { isProvenanceError } from "../../app/errors.js";
import { DUPLICATE_TRIGGER_WINDOW_MS } from "../../app/limits.js";

describe("SupersedeTracker", () => {
  it("a newer claim on the same pull request aborts the older with the newer SHA", () => {
    const t = new SupersedeTracker();
    const first = t.claim("o/r#1", "a".repeat(40));
    const other = t.claim("o/r#2", "c".repeat(40));
    const second = t.claim("o/r#1", "b".repeat(40));
    expect(first.signal.aborted).toBe(true);
    expect(first.supersededBy()).toBe("b".repeat(40));
    expect((first.signal.reason as Error).message).toBe(`superseded by ${"b".repeat(40)}`);
    expect(second.signal.aborted).toBe(false);
    expect(other.signal.aborted).toBe(false);
    first.release(); // no effect: the newer analysis holds the pull request
    expect(t.size).toBe(2);
    second.release();
    other.release();
    expect(t.size).toBe(0);
  });

  it("the same SHA analysed again says so", () => {
    const t = new SupersedeTracker();
    const first = t.claim("o/r#1", "a".repeat(40));
    t.claim("o/r#1", "a".repeat(40));
    expect((first.signal.reason as Error).message).toBe(
      `superseded by a newer analysis of ${"a".repeat(40)}`,
    );
  });
});

describe("TriggerFilter", () => {
  it("drops redeliveries and duplicate push triggers within the window; refreshes always pass", () => {
    let now = 0;
    const f = new TriggerFilter(() => now);
    expect(f.firstDelivery("x")).toBe(true);
    expect(f.firstDelivery("x")).toBe(false);
    expect(f.admit("o/r@1", "push")).toBe(true);
    expect(f.admit("o/r@1", "push")).toBe(false);
    expect(f.admit("o/r@1", "refresh")).toBe(true);
    now += DUPLICATE_TRIGGER_WINDOW_MS;
    expect(f.seenRecently("o/r@1")).toBe(false);
    expect(f.admit("o/r@1", "push")).toBe(true);
  });
});

describe("Semaphore", () => {
  it("serves waiters in order and lets an aborted waiter go", async () => {
    const s = new Semaphore(1);
    const release = await s.acquire();
    const order: string[] = [];
    const aborted = new AbortController();
    const a = s.acquire(aborted.signal).then(
      (r) => r,
      (e: unknown) => {
        order.push(`aborted:${String(e)}`);
        return null;
      },
    );
    const b = s.acquire().then((r) => {
      order.push("b");
      return r;
    });
    aborted.abort("gone");
    await a;
    release();
    (await b)();
    expect(order).toEqual(["aborted:gone", "b"]);
    (await s.acquire())();
  });
});

describe("withDeadline", () => {
  it("returns the work's result in time", async () => {
    expect(
      await withDeadline(async () => 42, { timeoutMs: 1000, signal: new AbortController().signal }),
    ).toBe(42);
  });

  it("rejects with ANALYSIS_TIMEOUT and aborts the work's signal", async () => {
    let inner: AbortSignal | null = null;
    const err = await withDeadline(
      (signal) => {
        inner = signal;
        return new Promise(() => undefined);
      },
      { timeoutMs: 20, signal: new AbortController().signal },
    ).catch((e: unknown) => e);
    expect(isProvenanceError(err) && err.code).toBe("ANALYSIS_TIMEOUT");
    expect((inner as AbortSignal | null)?.aborted).toBe(true);
    expect(() => checkpoint(inner as unknown as AbortSignal)).toThrow(/did not finish within 20 ms/);
  });

  it("rejects with the outer signal's reason (superseded)", async () => {
    const outer = new AbortController();
    const run = withDeadline(() => new Promise(() => undefined), { timeoutMs: 10_000, signal: outer.signal });
    outer.abort(new Error("superseded by x"));
    await expect(run).rejects.toThrow("superseded by x");
  });
});

describe("PendingAnalyses", () => {
  it("idle() waits for work started while waiting; a rejection does not escape", async () => {
    const p = new PendingAnalyses();
    let done = 0;
    p.track(
      new Promise<void>((r) =>
        setTimeout(() => {
          done += 1;
          p.track(new Promise<void>((r2) => setTimeout(() => ((done += 1), r2()), 10)));
          r();
        }, 10),
      ),
    );
    p.track(Promise.reject(new Error("x")));
    await p.idle();
    expect(done).toBe(2);
    expect(p.size).toBe(0);
  });
});
