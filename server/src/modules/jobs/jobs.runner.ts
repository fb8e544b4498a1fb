import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { periodSeconds, type JobDefinition } from '../../core/jobs.ts';
import { systemCtx, type SystemDeps } from '../../core/system-ctx.ts';
import * as repo from './jobs.repository.ts';

const DEFAULT_MAX_ATTEMPTS = 5;
/** Done jobs are kept this long, then pruned (failed ones are kept). */
const KEEP_DONE_MS = 7 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;
const MAX_ERROR_CHARS = 2000;

/** Wait before the next attempt after `attempts` failed runs: 30 s, 1 min, 2 min, … at most 1 hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Any job definition, whatever its payload (the runner hands each its own stored payload). */
type AnyJob = JobDefinition<never>;

export interface JobRunner {
  /**
   * One pass: inserts the current period of each recurring job (once across processes), then claims and
   * runs due jobs one at a time until none is due. Resolves with the number of runs. Passes never overlap:
   * a call during a pass returns that pass.
   */
  tick(): Promise<number>;
  /** Polls every JOBS_POLL_MS (0: never). */
  start(): void;
  /** Stops polling and waits for the job running now, if any, to finish. */
  stop(): Promise<void>;
}

function describeError(e: unknown): string {
  const text =
    e instanceof Error
      ? `${e.name}: ${e.message}${'code' in e && e.code ? ` (${String(e.code)})` : ''}`
      : String(e);
  return text.slice(0, MAX_ERROR_CHARS);
}

/** The runner of the given job definitions over the app's database, clock and configuration. */
export function createJobRunner(deps: SystemDeps, defs: AnyJob[], log: FastifyBaseLogger): JobRunner {
  const byName = new Map<string, AnyJob>();
  for (const d of defs) {
    if (byName.has(d.name)) throw new Error(`job ${d.name} is defined twice`);
    byName.set(d.name, d);
  }
  // A runner claims only the jobs it knows, so a process of an older version leaves newer jobs alone.
  const names = [...byName.keys()];
  const leaseMs = deps.config.jobsLeaseSeconds * 1000;
  let pass: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopping = false;
  let lastPrune = -Infinity;
  /** The period this process last inserted per recurring job (saves an INSERT per job and poll). */
  const scheduled = new Map<string, string>();

  async function scheduleRecurring(now: Date) {
    for (const d of defs) {
      const every = periodSeconds(d, deps.config) * 1000;
      if (!every) continue;
      const start = new Date(Math.floor(now.getTime() / every) * every);
      const period = start.toISOString();
      if (scheduled.get(d.name) === period) continue;
      await repo.insertJob(deps.db, { name: d.name, key: period, payload: { period }, runAt: start });
      scheduled.set(d.name, period);
    }
  }

  async function runOne(job: repo.ClaimedJob): Promise<void> {
    const def = byName.get(job.name)!;
    const max = def.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const jobLog = log.child({ job: job.name, jobId: job.id, attempt: job.attempts });
    if (job.attempts > max) {
      // The last allowed run's process died (its lease expired): no more tries.
      await repo.finishJob(deps.db, job.id, job.token, {
        status: 'failed',
        at: deps.clock(),
        error: 'the last attempt stopped with its process (lease expired)',
      });
      jobLog.error('job failed: its last attempt stopped with its process');
      return;
    }
    const ctx = systemCtx(deps, { requestId: `job:${job.name}:${job.id}`, log: jobLog });
    // Renew the lease while the job runs, so a long run is not taken for a dead one.
    const heartbeat = setInterval(() => {
      repo
        .renewLease(deps.db, job.id, job.token, new Date(deps.clock().getTime() + leaseMs))
        .then((held) => held || jobLog.warn('job lease was taken over by another runner'))
        .catch((e) => jobLog.warn({ err: e }, 'job lease renewal failed'));
    }, leaseMs / 3);
    heartbeat.unref();
    let end: Parameters<typeof repo.finishJob>[3];
    try {
      await def.run(ctx, job.payload as never);
      end = { status: 'done', at: deps.clock() };
    } catch (e) {
      const error = describeError(e);
      if (job.attempts >= max) {
        jobLog.error({ err: e }, 'job failed');
        end = { status: 'failed', at: deps.clock(), error };
      } else {
        jobLog.warn({ err: e }, 'job attempt failed; it will be retried');
        end = {
          status: 'queued',
          runAt: new Date(deps.clock().getTime() + backoffMs(job.attempts)),
          error,
        };
      }
    } finally {
      clearInterval(heartbeat);
    }
    if (!(await repo.finishJob(deps.db, job.id, job.token, end)))
      jobLog.warn('job finished after its lease was taken over; the other runner owns it now');
  }

  async function runPass(): Promise<number> {
    let runs = 0;
    const now = deps.clock();
    await scheduleRecurring(now);
    if (now.getTime() - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = now.getTime();
      await repo.pruneDone(deps.db, new Date(now.getTime() - KEEP_DONE_MS));
    }
    while (!stopping) {
      const at = deps.clock();
      const job = await repo.claimDue(deps.db, names, at, new Date(at.getTime() + leaseMs), randomUUID());
      if (!job) break;
      await runOne(job);
      runs++;
    }
    return runs;
  }

  const runner: JobRunner = {
    tick() {
      pass ??= runPass().finally(() => (pass = null));
      return pass;
    },
    start() {
      const every = deps.config.jobsPollMs;
      if (!every || names.length === 0) return;
      stopping = false;
      const poll = () => {
        timer = null;
        runner
          .tick()
          .catch((e) => log.error({ err: e }, 'job runner pass failed'))
          .finally(() => {
            if (!stopping) {
              timer = setTimeout(poll, every);
              timer.unref();
            }
          });
      };
      poll();
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await pass?.catch(() => {});
    },
  };
  return runner;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's job runner (modules/jobs): tests call `tick()` to run due jobs without waiting. */
    jobs: JobRunner;
  }
}

/** Runs the given jobs in this app: polling from onReady, stopped (after the running job) on close. */
export function installJobs(app: FastifyInstance, defs: AnyJob[]): void {
  const runner = createJobRunner(app.deps, defs, app.log);
  app.decorate('jobs', runner);
  app.addHook('onReady', async () => runner.start());
  app.addHook('onClose', () => runner.stop());
}
