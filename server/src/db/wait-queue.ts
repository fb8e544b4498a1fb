/**
 * The queries waiting for a database connection, and since when. Load shedding (http/load-shedding.ts)
 * asks how long the oldest of them has waited: the delay a request arriving now would at least add. A
 * count of waiters says little by itself (80 queries of half a millisecond behind 20 connections are a
 * 2 ms queue), their age says whether the queue stands.
 */
export class WaitQueue {
  private next = 0;
  /** Waiter → when it began to wait. A Map keeps insertion order, so its first entry is the oldest. */
  private readonly since = new Map<number, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Waits for `acquire`, counted as waiting until it resolves or fails. */
  async around<T>(acquire: () => Promise<T>): Promise<T> {
    const id = this.next++;
    this.since.set(id, this.now());
    try {
      return await acquire();
    } finally {
      this.since.delete(id);
    }
  }

  get count(): number {
    return this.since.size;
  }

  /** Milliseconds the oldest waiter has waited; 0 when nobody waits. */
  oldestMs(): number {
    const first = this.since.values().next();
    return first.done ? 0 : Math.max(0, this.now() - first.value);
  }
}
