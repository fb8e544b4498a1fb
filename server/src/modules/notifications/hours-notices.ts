import type { Ctx } from '../../core/ctx.ts';
import { consumeRecordEvents, type RecordEvent } from '../records/record-events.ts';
import * as repo from './notifications.repository.ts';
import { notify } from './notifications.service.ts';

/** This reader's name in record_event_consumers. */
export const HOURS_CONSUMER = 'notifications.hours';

/**
 * Tells volunteers their hours were confirmed. It follows the record events rather than each writer, so a
 * 100,000-row hours batch is approved without writing 100,000 notices in the approval's transaction, and
 * every confirming path (bulk, back-fill, correction, batch) notifies the same way. One notice per
 * volunteer per batch of events: naming the activity when all their records were of one.
 */
export async function notifyConfirmedHours(events: RecordEvent[], tx: Ctx) {
  const counted = events.filter((e) => e.kind === 'confirmed' || e.kind === 'corrected');
  if (counted.length === 0) return;
  const byVolunteer = new Map<string, RecordEvent[]>();
  for (const e of counted) {
    const list = byVolunteer.get(e.volunteerId);
    if (list) list.push(e);
    else byVolunteer.set(e.volunteerId, [e]);
  }
  const accounts = await repo.accountsOfVolunteers(tx.db, [...byVolunteer.keys()]);
  const single = [...byVolunteer.values()]
    .map((es) => es[0]!.activityId)
    .filter((a): a is string => a !== null);
  const titles = await repo.activityTitles(tx.db, [...new Set(single)]);
  for (const [volunteerId, es] of byVolunteer) {
    const userId = accounts.get(volunteerId);
    if (!userId) continue;
    const activities = new Set(es.map((e) => e.activityId));
    const only = activities.size === 1 ? es[0]!.activityId : null;
    const minutes = es.reduce((sum, e) => sum + e.resultingMinutes, 0);
    await notify(tx.db, [userId], 'hours_confirmed', {
      records: es.length,
      minutes,
      ...(only && titles.has(only) ? { activityId: only, title: titles.get(only)! } : {}),
    });
  }
}

/** Applies every waiting event (in batches), so one run catches up after a pause. */
export async function runHoursNotices(ctx: Ctx, maxBatches = 100) {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const { applied } = await consumeRecordEvents(ctx, HOURS_CONSUMER, notifyConfirmedHours, { batch: 500 });
    total += applied;
    if (applied === 0) break;
  }
  return total;
}
