import type { z } from 'zod';
import type { HolidayTableBody } from '@yiqi/shared/contracts/holidays';
import { RECORD_DUE_WORKING_DAYS } from '@yiqi/shared/contracts/records';
import { BUILT_IN, BUILT_IN_TABLES, WorkingDays, type YearTable } from '@yiqi/shared/records/working-days';
import type { Database } from '../../db/database.ts';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';

import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './holidays.repository.ts';
import { withTransaction } from '../../core/tx.ts';
import { chinaDate } from '../../core/dates.ts';

/**
 * The working days in force: the built-in holiday tables, each replaced by the newest one an
 * administrator entered from the State Council's notice (节假日安排). Read from the database each time (a
 * handful of rows), so every API process sees a new table at once.
 */
export async function workingDaysInForce(db: Database): Promise<WorkingDays> {
  const rows = await repo.currentTables(db);
  if (rows.length === 0) return BUILT_IN;
  return BUILT_IN.with(
    Object.fromEntries(
      rows.map((r) => [
        r.year,
        { holidays: r.holidays, workdays: r.workdays, source: r.source, provisional: false },
      ]),
    ),
  );
}

function tableView(year: number, t: YearTable, entered?: { by: string | null; at: Date }) {
  return {
    year,
    holidays: [...t.holidays].sort(),
    workdays: [...t.workdays].sort(),
    source: t.source,
    provisional: t.provisional,
    enteredBy: entered?.by ?? null,
    enteredAt: entered ? new Date(entered.at).toISOString() : null,
  };
}

/** Every year with a table: built in, or entered (which wins). */
export async function listTables(db: Database) {
  const rows = await repo.currentTables(db);
  const entered = new Map(rows.map((r) => [r.year, r]));
  const years = [...new Set([...Object.keys(BUILT_IN_TABLES).map(Number), ...entered.keys()])].sort();
  return {
    items: years.map((y) => {
      const e = entered.get(y);
      return e
        ? tableView(y, { ...e, provisional: false }, { by: e.entered_by, at: e.created_at })
        : tableView(y, BUILT_IN_TABLES[y]!);
    }),
  };
}

/**
 * Enters a year's table from the notice (audited) and moves the due dates of the drafts it concerns in the
 * same transaction. Confirmed records keep theirs: they are evidence.
 */
export async function saveTable(ctx: Ctx, year: number, b: z.infer<typeof HolidayTableBody>) {
  const all = [...b.holidays, ...b.workdays];
  const real = (d: string) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  };
  if (all.some((d) => !d.startsWith(`${year}-`) || !real(d)))
    throw new DomainError('HOLIDAY_DATE_OUTSIDE_YEAR');
  if (new Set(all).size !== all.length) throw new DomainError('HOLIDAY_DAY_TWICE');
  if (b.workdays.some((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())))
    throw new DomainError('HOLIDAY_WORKDAY_NOT_WEEKEND');
  const at = ctx.clock();
  return withTransaction(ctx, async (tx) => {
    await repo.insertTable(tx.db, { year, ...b, createdBy: actorOf(ctx).userId, at });
    const workingDays = await workingDaysInForce(tx.db);
    let redated = 0;
    for (const d of await repo.draftsToRedate(tx.db, year)) {
      const due = workingDays.addWorkingDays(chinaDate(new Date(d.ends_at)), RECORD_DUE_WORKING_DAYS);
      if (due === d.due_day) continue;
      await repo.setDueDate(tx.db, d.id, due);
      redated++;
    }
    await recordAudit(tx, {
      action: 'calendar.holidays',
      result: 'ok',
      objectType: 'holiday_table',
      objectId: String(year),
      details: { year, holidays: b.holidays.length, workdays: b.workdays, source: b.source, redated },
    });
    const table = { ...b, provisional: false };
    return { ...tableView(year, table, { by: actorOf(ctx).username, at }), redated };
  });
}
