import { DAY_MINUTES } from '@yiqi/shared/records/hours';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import * as repo from './confirmation.repository.ts';

/**
 * The one way a service record's hours count or stop counting. Every writer (bulk confirmation and
 * adjustment, back-fill and correction decisions, rejection, the hours-batch decision) calls these, in its
 * own transaction (`tx` from withTransaction), and each call:
 * - holds the volunteer's volunteer_totals row first (a batch: all of them, in volunteer order), then reads
 *   the day's confirmed minutes, so confirmations for one person queue and the 24-hour day rule holds under
 *   concurrency (docs/ARCHITECTURE.md);
 * - moves the record's status;
 * - moves volunteer_totals and volunteer_year_totals (triggers of 0014 check they equal the records);
 * - appends the record_events row(s) readers follow (record-events.ts).
 * Uploads read the rule through `overDay`, fraud signals through DAY_MINUTES: one constant.
 */

export { DAY_MINUTES };

/** Whether minutes on one day break the 24-hour day rule. */
export const overDay = (minutes: number) => minutes > DAY_MINUTES;

function inTransaction(tx: Ctx) {
  if (!tx.db.isTransaction) throw new Error('confirmation outside a transaction: use withTransaction');
  return tx.db;
}

export interface Confirmable {
  id: string;
  volunteer_id: string;
  activity_id: string | null;
  service_day: string;
}

/**
 * Confirms a draft or pending record (with other minutes and a reason when `adjust` is given): refused
 * with RECORD_DAY_OVER_24H when the volunteer's confirmed minutes that day would pass 24 hours, with
 * RECORD_STATE when it is no longer open.
 */
export async function confirmRecord(
  tx: Ctx,
  r: Confirmable,
  minutes: number,
  adjust: { minutes: number; reason: string } | null = null,
) {
  const db = inTransaction(tx);
  await repo.holdVolunteers(db, [r.volunteer_id]);
  const day = await repo.confirmedMinutesOn(db, r.volunteer_id, r.service_day, r.id);
  if (overDay(day + minutes)) throw new DomainError('RECORD_DAY_OVER_24H');
  const now = tx.clock();
  if (!(await repo.markConfirmed(db, r.id, adjust, actorOf(tx).userId, now)))
    throw new DomainError('RECORD_STATE');
  const firstOfActivity =
    r.activity_id !== null && !(await repo.hasConfirmedOfActivity(db, r.volunteer_id, r.activity_id, r.id));
  await repo.addToTotals(
    db,
    r.volunteer_id,
    Number(r.service_day.slice(0, 4)),
    { minutes, records: 1, activities: firstOfActivity ? 1 : 0 },
    now,
  );
}

/**
 * Approves a pending correction of a confirmed record: the original is superseded (event: minus its
 * minutes), the correction confirmed (event: its minutes), and the totals move by the difference.
 */
export async function approveCorrection(
  tx: Ctx,
  r: Confirmable & { minutes: number },
  original: { id: string; minutes: number },
) {
  const db = inTransaction(tx);
  await repo.holdVolunteers(db, [r.volunteer_id]);
  const day = await repo.confirmedMinutesOn(db, r.volunteer_id, r.service_day, original.id);
  if (overDay(day + r.minutes)) throw new DomainError('RECORD_DAY_OVER_24H');
  const now = tx.clock();
  const by = actorOf(tx).userId;
  if (!(await repo.markSuperseded(db, original.id, r.id, by, now))) throw new DomainError('RECORD_STATE');
  if (!(await repo.markConfirmed(db, r.id, null, by, now))) throw new DomainError('RECORD_STATE');
  await repo.addToTotals(
    db,
    r.volunteer_id,
    Number(r.service_day.slice(0, 4)),
    { minutes: r.minutes - original.minutes, records: 0, activities: 0 },
    now,
  );
}

/** Rejects a pending record (it never counted: the totals stay); RECORD_STATE when no longer pending. */
export async function rejectRecord(tx: Ctx, id: string, reason: string | null) {
  const db = inTransaction(tx);
  if (!(await repo.markRejected(db, id, reason, actorOf(tx).userId, tx.clock())))
    throw new DomainError('RECORD_STATE');
}

/**
 * Confirms every pending entry of an hours batch, set-based: its volunteers held in one order, then one
 * statement confirms, appends the events and moves the totals. Entries that would put a volunteer over 24
 * hours on a day stay pending.
 */
export async function confirmBatch(tx: Ctx, jobId: string) {
  const db = inTransaction(tx);
  await repo.holdBatchVolunteers(db, jobId);
  return repo.confirmBatch(db, jobId, actorOf(tx).userId, tx.clock(), DAY_MINUTES);
}

/** Rejects every pending entry of an hours batch with their events, set-based; returns how many. */
export function rejectBatch(tx: Ctx, jobId: string, reason: string) {
  return repo.rejectBatch(inTransaction(tx), jobId, actorOf(tx).userId, tx.clock(), reason);
}
