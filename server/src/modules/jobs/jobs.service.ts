import type { Ctx } from '../../core/ctx.ts';
import * as repo from './jobs.repository.ts';

/**
 * Queues the job `name` (a JobDefinition some module declares) with its payload, to run at `runAt` (default:
 * now) in whichever process claims it first. Called with a use case's transaction (`tx` of
 * withTransaction), the job exists only if that transaction commits. With a `key`, enqueueing the same
 * (name, key) again makes no second job: the id of the first is returned.
 */
export async function enqueueJob(
  ctx: Ctx,
  name: string,
  payload: unknown = {},
  opts: { runAt?: Date; key?: string } = {},
): Promise<number> {
  const key = opts.key ?? null;
  const id = await repo.insertJob(ctx.db, { name, key, payload, runAt: opts.runAt ?? ctx.clock() });
  return id ?? repo.jobIdByKey(ctx.db, name, key!);
}
