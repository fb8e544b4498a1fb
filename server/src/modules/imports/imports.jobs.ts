/**
 * The pool of import jobs running in this API process (imports.runner.ts runs each one). Apart from the
 * runner so the routes, which create the pool, reach no repository through it.
 */
/** Jobs running in this process: how many, and a way to stop them all on shutdown. */
export class ImportJobs {
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  /** Two cores: at most two files parsed at once; another upload waits for its turn (409). */
  constructor(readonly maxRunning = 2) {}

  get full(): boolean {
    return this.running.size >= this.maxRunning;
  }

  start(work: (signal: AbortSignal) => Promise<void>): void {
    const p: Promise<void> = work(this.abort.signal).finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /** Waits for every job to finish; with `abort`, tells them to stop first. */
  async close(abort = true): Promise<void> {
    if (abort) this.abort.abort();
    await Promise.allSettled([...this.running]);
  }

  /** Resolves once no job runs (tests wait for background work this way). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}
