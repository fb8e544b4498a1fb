import { DomainError } from '../../core/domain-error.ts';

/**
 * Statistics periods: whole months in Asia/Shanghai time (docs/statistics.md). A service day is already a
 * China day, registrations and activities are cut by their China month in SQL, so a month 'YYYY-MM' is the
 * unit everywhere.
 */

export interface Period {
  from: string;
  to: string;
  months: string[];
  /** The rollup period that counts distinct volunteers (active) over the whole period: 'YYYY-MM' or 'YYYY'. */
  activeKey: string | null;
}

const MAX_MONTHS = 36;

export function monthIndex(m: string) {
  return Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
}
export function monthOf(index: number) {
  const y = Math.floor(index / 12);
  return `${String(y).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
export function lastDay(month: string) {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y!, m!, 0)).getUTCDate();
  return `${month}-${String(d).padStart(2, '0')}`;
}
export const shiftMonth = (m: string, by: number) => monthOf(monthIndex(m) + by);

function periodOfMonths(first: string, count: number): Period {
  const months = Array.from({ length: count }, (_, i) => shiftMonth(first, i));
  const last = months[months.length - 1]!;
  const year = count === 12 && first.endsWith('-01') ? first.slice(0, 4) : null;
  return {
    from: `${first}-01`,
    to: lastDay(last),
    months,
    activeKey: count === 1 ? first : year,
  };
}

/** The period of a query, refused unless whole months (at most 36). */
export function parsePeriod(from: string, to: string): Period {
  const first = from.slice(0, 7);
  const last = to.slice(0, 7);
  const count = monthIndex(last) - monthIndex(first) + 1;
  if (!from.endsWith('-01') || to !== lastDay(last) || count < 1 || count > MAX_MONTHS)
    throw new DomainError('STATISTICS_PERIOD_INVALID');
  return periodOfMonths(first, count);
}

/** The period of the same length just before. */
export function previousPeriod(p: Period): Period {
  return periodOfMonths(shiftMonth(p.months[0]!, -p.months.length), p.months.length);
}

/** The calendar year as a period. */
export function yearPeriod(year: number): Period {
  return periodOfMonths(`${year}-01`, 12);
}

/** The months a trend shows: the period's, or the 12 months ending with it when it is shorter. */
export function trendMonths(p: Period): string[] {
  if (p.months.length >= 12) return p.months;
  const last = p.months[p.months.length - 1]!;
  return Array.from({ length: 12 }, (_, i) => shiftMonth(last, i - 11));
}
