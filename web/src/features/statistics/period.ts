import dayjs, { type Dayjs } from 'dayjs';
import { chinaNow } from '../../lib/china-time.ts';

/** The console home's period: a month ('YYYY-MM') or a calendar year ('YYYY'), as in the address. */
export interface DashboardPeriod {
  mode: 'month' | 'year';
  at: string;
  from: string;
  to: string;
  /** Chosen by the page, not the address: the page says which period it shows and why. */
  isDefault: boolean;
}

/**
 * The period in the address (?mode=month&at=2026-03 or ?mode=year&at=2026). Without `at`, the last full
 * month — what a district reports on (月报) — or the year it falls in: the current month has barely begun
 * early in a month (0 active, 0.0 hours), and records take up to 10 working days to be confirmed. Today is
 * China's today, whatever the browser's zone.
 */
export function periodOf(params: URLSearchParams, today: Dayjs = chinaNow()): DashboardPeriod {
  const mode = params.get('mode') === 'year' ? 'year' : 'month';
  const lastFull = today.startOf('month').subtract(1, 'month');
  const given = params.get('at');
  const at = given ?? (mode === 'year' ? lastFull.format('YYYY') : lastFull.format('YYYY-MM'));
  return mode === 'year'
    ? { mode, at, from: `${at}-01-01`, to: `${at}-12-31`, isDefault: given === null }
    : {
        mode,
        at,
        from: `${at}-01`,
        to: dayjs(`${at}-01`).endOf('month').format('YYYY-MM-DD'),
        isDefault: given === null,
      };
}
