/**
 * The Chinese working days: Monday to Friday, except statutory holidays, plus the weekend days the
 * State Council's yearly notice makes working days (调休上班). Records are due within 10 working days
 * after an activity ends (记录办法 art. 10). Dates are YYYY-MM-DD in China; the tables are data.
 */
export interface YearTable {
  /** Days off that would otherwise be working days (holidays and the days moved next to them). */
  holidays: string[];
  /** Weekend days that are working days. */
  workdays: string[];
  /** Where the table comes from, shown to users; `provisional` until the year's notice is published. */
  source: string;
  provisional: boolean;
}

const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  )
    out.push(d.toISOString().slice(0, 10));
  return out;
};

/** 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号). */
const Y2026: YearTable = {
  holidays: [
    ...range('2026-01-01', '2026-01-03'),
    ...range('2026-02-15', '2026-02-23'),
    ...range('2026-04-04', '2026-04-06'),
    ...range('2026-05-01', '2026-05-05'),
    ...range('2026-06-19', '2026-06-21'),
    ...range('2026-09-25', '2026-09-27'),
    ...range('2026-10-01', '2026-10-07'),
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  source: '国务院办公厅关于2026年部分节假日安排的通知',
  provisional: false,
};

/**
 * 2027 before its notice: the statutory holidays of 全国年节及纪念日放假办法 (2024 revision) on their 2027
 * dates (春节 from 除夕 2 月 5 日; 清明 4 月 5 日; 端午 6 月 9 日; 中秋 9 月 15 日), without the moved days
 * and make-up working days, which only the notice fixes. Replace with the notice when it is published.
 */
const Y2027: YearTable = {
  holidays: [
    '2027-01-01',
    ...range('2027-02-05', '2027-02-08'),
    '2027-04-05',
    '2027-05-01',
    '2027-05-02',
    '2027-06-09',
    '2027-09-15',
    ...range('2027-10-01', '2027-10-03'),
  ],
  workdays: [],
  source: '全国年节及纪念日放假办法（2027 年安排通知发布前的法定假日）',
  provisional: true,
};

export const BUILT_IN_TABLES: Record<number, YearTable> = { 2026: Y2026, 2027: Y2027 };

/**
 * Working days from holiday tables (one per year): the built-in ones, replaced year by year by tables an
 * administrator entered from the State Council's notice (so a new notice needs no release).
 */
export class WorkingDays {
  private readonly holidays: Set<string>;
  private readonly workdays: Set<string>;
  constructor(readonly years: Record<number, YearTable> = BUILT_IN_TABLES) {
    this.holidays = new Set(Object.values(years).flatMap((y) => y.holidays));
    this.workdays = new Set(Object.values(years).flatMap((y) => y.workdays));
  }

  /** These working days with some years' tables replaced. */
  with(overrides: Record<number, YearTable>): WorkingDays {
    return new WorkingDays({ ...this.years, ...overrides });
  }

  isWorkingDay(day: string): boolean {
    if (this.workdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The `n`-th working day after `day` (not counting `day` itself). */
  addWorkingDays(day: string, n: number): string {
    const d = new Date(`${day}T00:00:00Z`);
    let left = n;
    while (left > 0) {
      d.setUTCDate(d.getUTCDate() + 1);
      if (this.isWorkingDay(d.toISOString().slice(0, 10))) left--;
    }
    return d.toISOString().slice(0, 10);
  }

  /** Working days strictly after `from` up to and including `to` (0 when `to` is not after `from`). */
  workingDaysBetween(from: string, to: string): number {
    let n = 0;
    for (const d = new Date(`${from}T00:00:00Z`); ;) {
      d.setUTCDate(d.getUTCDate() + 1);
      const day = d.toISOString().slice(0, 10);
      if (day > to) return n;
      if (this.isWorkingDay(day)) n++;
    }
  }
}

/** The built-in tables alone. */
export const BUILT_IN = new WorkingDays();
export const isWorkingDay = (day: string) => BUILT_IN.isWorkingDay(day);
export const addWorkingDays = (day: string, n: number) => BUILT_IN.addWorkingDays(day, n);
export const workingDaysBetween = (from: string, to: string) => BUILT_IN.workingDaysBetween(from, to);
