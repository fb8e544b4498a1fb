import type { Ctx } from '../../core/ctx.ts';
import { withTransaction } from '../../core/tx.ts';
import type { Database } from '../../db/database.ts';
import * as repo from './record-events.repository.ts';

/**
 * Readers of record_events (the outbox confirmation.ts appends to): the time bank, statistics, any later
 * one. Each reader is a consumer with a position; `consumeRecordEvents` applies the next events and moves
 * the position in ONE transaction, so a crash commits both or neither: a restart neither skips nor
 * repeats an event. Events come in (transaction id, id) order and only once every transaction that could
 * still add an event before them has ended (docs/decisions/0013-record-events.md).
 */

export interface RecordEvent {
  id: number;
  /** The appending transaction's id (xid8 as text); with `id`, the order events are read in. */
  txId: string;
  /**
   * confirmed: the record counts `minutesDelta` (= its minutes) from now; corrected: the same, for a
   * correction (relatedRecordId: the record it corrects); superseded: the record stops counting
   * (minutesDelta: minus its minutes; relatedRecordId: the correction); rejected: decided against, never
   * counted (0). A correction's approval appends superseded then corrected in one transaction.
   */
  kind: repo.RecordEventRow['kind'];
  recordId: string;
  relatedRecordId: string | null;
  recordKind: repo.RecordEventRow['record_kind'];
  volunteerId: string;
  orgId: string;
  regionCode: string;
  activityId: string | null;
  /** YYYY-MM-DD */
  serviceDate: string;
  minutesDelta: number;
  resultingMinutes: number;
  actorId: string | null;
  at: Date;
}

export type Position = repo.Position;

const view = (e: repo.RecordEventRow): RecordEvent => ({
  id: e.id,
  txId: e.tx_id,
  kind: e.kind,
  recordId: e.record_id,
  relatedRecordId: e.related_record_id,
  recordKind: e.record_kind,
  volunteerId: e.volunteer_id,
  orgId: e.org_id,
  regionCode: e.region_code,
  activityId: e.activity_id,
  serviceDate: e.service_day,
  minutesDelta: Number(e.minutes_delta),
  resultingMinutes: Number(e.resulting_minutes),
  actorId: e.actor_id,
  at: new Date(e.at),
});

/**
 * Applies the consumer's next events (at most `batch`, default 100): holds the consumer's row (FOR UPDATE,
 * so two processes never apply the same events), reads the events after its position, calls `handler` with
 * them and the transaction (write every effect with `tx.db`), and moves the position past them, all in one
 * transaction. Returns how many were applied (0: nothing new) and the position after them.
 */
export async function consumeRecordEvents(
  ctx: Ctx,
  consumer: string,
  handler: (events: RecordEvent[], tx: Ctx) => Promise<void>,
  options: { batch?: number } = {},
): Promise<{ applied: number; position: Position }> {
  const batch = options.batch ?? 100;
  if (!Number.isInteger(batch) || batch < 1) throw new Error('batch: a whole number of events, at least 1');
  return withTransaction(ctx, async (tx) => {
    const from = await repo.holdConsumer(tx.db, consumer);
    if (await repo.xidBehind(tx.db, from))
      throw new Error(
        `record events: transaction ids are behind consumer ${consumer}'s position (database restored into a new cluster?); see docs/decisions/0013-record-events.md`,
      );
    const events = (await repo.eventsAfter(tx.db, from, batch)).map(view);
    if (events.length === 0) return { applied: 0, position: from };
    await handler(events, tx);
    const last = events[events.length - 1]!;
    const position = { txId: last.txId, id: last.id };
    await repo.advance(tx.db, consumer, position, events.length, tx.clock());
    return { applied: events.length, position };
  });
}

/**
 * For a reader that can recompute its effects from the whole ledger at once instead of event by event (the
 * statistics rollups after a bulk load, decision 0073): in ONE transaction, holds the consumer (its
 * `consumeRecordEvents` runs wait), takes the bound below which every event is final, lets `rebuild`
 * replace the reader's effects with those of exactly the events whose tx_id is below that bound, and moves
 * the position past the last of them. Events of transactions still running (or newer) stay after the
 * position and are applied one by one as usual, so none is counted twice or skipped.
 */
export async function rebuildConsumer(
  db: Database,
  consumer: string,
  at: Date,
  rebuild: (tx: Database, bound: string) => Promise<void>,
): Promise<{ applied: number; position: Position | null }> {
  if (!db.isTransaction)
    return db.transaction().execute((trx) => rebuildConsumer(trx, consumer, at, rebuild));
  await repo.holdConsumer(db, consumer);
  const bound = await repo.finalBound(db);
  await rebuild(db, bound);
  const last = await repo.lastFinal(db, bound);
  if (last) await repo.setPosition(db, consumer, last.position, last.count, at);
  return { applied: last?.count ?? 0, position: last?.position ?? null };
}

/** A consumer's position and how many events it applied (undefined before its first run). */
export function consumerPosition(ctx: Ctx, consumer: string) {
  return repo.positionOf(ctx.db, consumer);
}
