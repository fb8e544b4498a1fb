import type { CivicCategory } from '@yiqi/shared/contracts/civic';
import type { Database } from '../../db/database.ts';
import { chinaDate } from '../../core/dates.ts';
import { notify } from '../notifications/notifications.service.ts';
import { unitAdmins } from './civic.repository.ts';

/**
 * Who hears of a case's steps (issue 16: the unit must act before its deadline, the reporter checks the
 * rectification): queued in the caller's transaction, so a refused step tells nobody. A case no rule routed
 * to a unit is the region admins' own inbox: nobody is told then.
 */

/** The last day of a deadline (the deadline is 24:00 China time of that day). */
const dueOn = (dueAt: Date) => chinaDate(new Date(dueAt.getTime() - 1));

type UnitKind = 'civic_case_routed' | 'civic_case_reopened' | 'civic_case_overdue';

export async function tellUnit(
  db: Database,
  c: { unit_org_id: string | null; category: string; due_at: Date },
  kind: UnitKind,
): Promise<void> {
  if (!c.unit_org_id) return;
  await notify(db, await unitAdmins(db, c.unit_org_id), kind, {
    category: c.category as CivicCategory,
    dueOn: dueOn(c.due_at),
  });
}

/** The reporter (also of an anonymous report: only the unit does not know them). */
export async function tellReporter(
  db: Database,
  c: { reporter_id: string; category: string },
  kind: 'civic_case_handled' | 'civic_case_rectified',
  points = 0,
): Promise<void> {
  await notify(db, [c.reporter_id], kind, {
    category: c.category as CivicCategory,
    ...(points ? { points } : {}),
  });
}
