import type { Ctx } from '../../core/ctx.ts';
import { withTransaction } from '../../core/tx.ts';
import { chinaDate } from '../../core/dates.ts';
import { claimOverdueNotices } from './overdue.repository.ts';
import { notify } from './notifications.service.ts';

/**
 * Tells each organization's admins, once a China day, how many of its service records are still drafts
 * past their due date (the 10 working days of records/due-dates). A sweep over the records, not a timer per
 * record: nothing is lost to a restart, and a unit gets one notice a day however many records are late.
 */
export async function notifyOverdueRecords(ctx: Ctx): Promise<number> {
  const now = ctx.clock();
  return withTransaction(ctx, async (tx) => {
    const due = await claimOverdueNotices(tx.db, chinaDate(now), now);
    for (const o of due)
      await notify(tx.db, o.admins, 'records_overdue', {
        orgName: o.org_name,
        records: o.records,
        since: o.since,
      });
    return due.length;
  });
}
