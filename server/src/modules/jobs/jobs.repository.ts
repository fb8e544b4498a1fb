import type { Database } from '../../db/database.ts';

/** A job a runner has claimed: it holds the row until `locked_until` under its token. */
export interface ClaimedJob {
  id: number;
  name: string;
  payload: unknown;
  /** Runs started, this one included. */
  attempts: number;
  /** This run's claim token: only its holder may finish the row. */
  token: string;
}

/** Inserts a job; with a key already used by the name, nothing (null). */
export async function insertJob(
  db: Database,
  job: { name: string; key: string | null; payload: unknown; runAt: Date },
): Promise<number | null> {
  const row = await db
    .insertInto('jobs')
    .values({
      name: job.name,
      key: job.key,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: job.runAt,
    })
    .onConflict((oc) => oc.columns(['name', 'key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function jobIdByKey(db: Database, name: string, key: string): Promise<number> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('name', '=', name)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims the next due job among `names` for `token` until `until`: a queued job whose time has come, or a
 * running one whose lease expired (its process died). SKIP LOCKED: concurrent runners take different rows,
 * and a row another runner is claiming is re-checked after its claim commits, so it is never taken twice.
 */
export async function claimDue(
  db: Database,
  names: string[],
  now: Date,
  until: Date,
  token: string,
): Promise<ClaimedJob | undefined> {
  if (names.length === 0) return undefined;
  const next = db
    .selectFrom('jobs')
    .select('id')
    .where('name', 'in', names)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<=', now)]),
      ]),
    )
    .orderBy('run_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked();
  const row = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      locked_by: token,
      locked_until: until,
    }))
    .where('id', '=', next)
    .returning(['id', 'name', 'payload', 'attempts'])
    .executeTakeFirst();
  return row && { ...row, token };
}

/** Extends a running job's lease while its holder still holds it; false once it was taken over. */
export async function renewLease(db: Database, id: number, token: string, until: Date): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ locked_until: until })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('locked_by', '=', token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Ends a claim: done, failed (with the error) or queued again for `runAt` (with the error). Only the
 * claim's holder can; false when its lease expired and another runner took the job over.
 */
export async function finishJob(
  db: Database,
  id: number,
  token: string,
  end:
    | { status: 'done'; at: Date }
    | { status: 'failed'; at: Date; error: string }
    | { status: 'queued'; runAt: Date; error: string },
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set(
      end.status === 'queued'
        ? { status: 'queued', run_at: end.runAt, last_error: end.error }
        : {
            status: end.status,
            finished_at: end.at,
            ...(end.status === 'failed' ? { last_error: end.error } : {}),
          },
    )
    .set({ locked_by: null, locked_until: null })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('locked_by', '=', token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes done jobs finished before `before` (failed ones stay for inspection). */
export async function pruneDone(db: Database, before: Date): Promise<number> {
  const r = await db
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('finished_at', '<', before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
