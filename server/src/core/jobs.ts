import type { Ctx } from './ctx.ts';

/**
 * A unit of work no request waits for: queued (enqueued by a use case, in its transaction) or recurring
 * (every `everySeconds`). Jobs are rows in the database, so they survive a restart and run once even when
 * several API processes are up. A module lists its jobs in its manifest; the jobs module runs them.
 */
export interface JobDefinition<P = unknown> {
  /** Unique across modules: '<module>.<what>', e.g. 'records.sweep'. */
  name: string;
  /** Recurring: one run per period across all processes. Without it the job runs only when enqueued. */
  everySeconds?: number;
  /** Attempts before the job is marked failed (default 5); failures retry with backoff. */
  maxAttempts?: number;
  /** Runs with a system context (no actor; `ctx.db` outside any transaction). */
  run: (ctx: Ctx, payload: P) => Promise<void>;
}
