import type { z } from 'zod';
import type { HolidaySaved, HolidayTableBody, HolidayTables } from '@yiqi/shared/contracts/holidays';
import { api } from '../../lib/api.ts';

export type HolidayTable = z.infer<typeof HolidayTables>['items'][number];

export const holidayKeys = { all: ['holidays'] as const };

export const listHolidayTables = (signal?: AbortSignal) =>
  api<z.infer<typeof HolidayTables>>('/api/holidays', { signal });

export const saveHolidayTable = (year: number, body: z.infer<typeof HolidayTableBody>) =>
  api<z.infer<typeof HolidaySaved>>(`/api/holidays/${year}`, { method: 'PUT', body });

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Days as lines of "YYYY-MM-DD" or ranges "YYYY-MM-DD ~ YYYY-MM-DD" (also 至); the bad lines' numbers. */
export function parseDays(text: string): { days: string[]; bad: number[] } {
  const days: string[] = [];
  const bad: number[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = /^(\d{4}-\d{2}-\d{2})(?:\s*(?:~|～|至|到)\s*(\d{4}-\d{2}-\d{2}))?$/.exec(line);
    const from = m ? Date.parse(`${m[1]}T00:00:00Z`) : NaN;
    const to = m?.[2] ? Date.parse(`${m[2]}T00:00:00Z`) : from;
    if (!m || Number.isNaN(from) || Number.isNaN(to) || to < from || to - from > 31 * DAY) {
      bad.push(i + 1);
      return;
    }
    for (let t = from; t <= to; t += DAY) days.push(iso(t));
  });
  return { days, bad };
}

/** Sorted days as lines, consecutive ones joined into ranges: the form's text and the page's list. */
export function formatDays(days: string[]): string[] {
  const sorted = [...new Set(days)].sort();
  const out: string[] = [];
  let start = sorted[0];
  let prev = sorted[0];
  for (const d of [...sorted.slice(1), undefined]) {
    if (d && Date.parse(`${d}T00:00:00Z`) - Date.parse(`${prev}T00:00:00Z`) === DAY) {
      prev = d;
      continue;
    }
    if (start) out.push(start === prev ? start : `${start} ~ ${prev}`);
    start = d;
    prev = d;
  }
  return out;
}
