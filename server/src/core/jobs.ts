import type { Config } from '../lib/config.ts';
import type { Ctx } from './ctx.ts';

/**
 * A unit of work no request waits for: queued (enqueued by a use case, in its transaction) or recurring
 * (every `everySeconds`). Jobs are rows in the database, so they survive a restart and run once even when
 * several API processes are up. A module lists its jobs in its manifest; the jobs module runs them.
 */
export interface JobDefinition<P = unknown> {
  /** Unique across modules: '<module>.<what>', e.g. 'records.sweep'. */
  name: string;
  /**
   * Recurring: one run per period across all processes (periods aligned to the epoch). A function reads
   * the period from the configuration; 0 or absent: the job runs only when enqueued.
   */
  everySeconds?: number | ((config: Config) => number);
  /** Attempts before the job is marked failed (default 5); failures retry with backoff. */
  maxAttempts?: number;
  /**
   * Runs with a system context (no actor; `ctx.db` outside any transaction). A run whose process dies is
   * run again after its lease (JOBS_LEASE_SECONDS): keep a job idempotent or make it one transaction.
   * A recurring job's payload is `{ period }`, the ISO start of the period it runs for.
   */
  run: (ctx: Ctx, payload: P) => Promise<void>;
}

/** A recurring job's period in seconds (0: not recurring). */
export function periodSeconds(def: JobDefinition<never>, config: Config): number {
  const every = typeof def.everySeconds === 'function' ? def.everySeconds(config) : def.everySeconds;
  return every && every > 0 ? every : 0;
}
