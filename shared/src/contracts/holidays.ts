import { z } from 'zod';
import { IsoDate, text } from './common.ts';

/**
 * The holiday tables (节假日安排): holidays and make-up working days of a year, as the
 * State Council's notice sets them. Built-in tables ship with the code; an administrator enters a newer one.
 */

export const HolidayYearParams = z.strictObject({ year: z.coerce.number().int().min(2020).max(2100) });

export const HolidayTableBody = z.strictObject({
  /** Days off that would otherwise be working days (the holidays and the days moved next to them). */
  holidays: z.array(IsoDate).min(1).max(80),
  /** Weekend days that are working days (调休上班). */
  workdays: z.array(IsoDate).max(20),
  /** The notice it comes from, e.g. 国务院办公厅关于2027年部分节假日安排的通知. */
  source: text(2, 200),
});

export const HolidayTableView = z.object({
  year: z.number().int(),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  source: z.string(),
  /** Built-in statutory days only, until the year's notice is entered. */
  provisional: z.boolean(),
  /** Entered by an administrator (null: built into the code). */
  enteredBy: z.string().nullable(),
  enteredAt: z.string().nullable(),
});
export const HolidayTables = z.object({ items: z.array(HolidayTableView) });
/** The table saved, and how many draft records got a new due date from it. */
export const HolidaySaved = HolidayTableView.extend({ redated: z.number().int() });
