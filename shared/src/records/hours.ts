/**
 * Service hours from check-in and check-out, by the rules the regulation leaves to the organizer
 * ("set reasonably … the time actually served"): the time between check-in and check-out inside the
 * shift (arriving early or leaving late is not service; travel is never inside the shift), minus declared
 * breaks, capped by the shift's length and by what is left of 24 hours that day, then rounded by the
 * activity's rule. Every step is kept so the record can show how its hours were computed.
 */
export const ROUNDING_RULES = [
  'exact',
  'quarter_down',
  'half_down',
  'nearest_quarter',
  'nearest_half',
  'rule_15_45',
] as const;
export type RoundingRule = (typeof ROUNDING_RULES)[number];

export interface HoursInput {
  checkInAt: Date;
  checkOutAt: Date;
  shiftStartsAt: Date;
  shiftEndsAt: Date;
  breakMinutes: number;
  rule: RoundingRule;
  /** Minutes already recorded for the volunteer on the same day (the 24-hour cap is per day). */
  minutesAlreadyThatDay?: number;
}

export type HoursStep =
  | { step: 'served'; from: string; to: string; minutes: number }
  | { step: 'breaks'; minutes: number }
  | { step: 'shift_cap'; minutes: number }
  | { step: 'day_cap'; minutes: number }
  | { step: 'rounded'; rule: RoundingRule; minutes: number };

export interface HoursResult {
  /** Whole minutes after every step. */
  minutes: number;
  /** Hours to two decimals, as shown and summed. */
  hours: number;
  steps: HoursStep[];
}

const MINUTE = 60_000;
/** The 24-hour day rule: no volunteer is credited more than this many minutes on one day (all records). */
export const DAY_MINUTES = 24 * 60;

export function roundMinutes(minutes: number, rule: RoundingRule): number {
  const m = Math.max(0, Math.floor(minutes));
  switch (rule) {
    case 'exact':
      return m;
    case 'quarter_down':
      return m - (m % 15);
    case 'half_down':
      return m - (m % 30);
    case 'nearest_quarter':
      return Math.round(m / 15) * 15;
    case 'nearest_half':
      return Math.round(m / 30) * 30;
    case 'rule_15_45': {
      // Whole hours count; of the rest, under 15 minutes is dropped, 15–44 is half an hour, 45+ an hour.
      const rest = m % 60;
      return m - rest + (rest < 15 ? 0 : rest < 45 ? 30 : 60);
    }
  }
}

export function computeHours(i: HoursInput): HoursResult {
  const from = new Date(Math.max(i.checkInAt.getTime(), i.shiftStartsAt.getTime()));
  const to = new Date(Math.min(i.checkOutAt.getTime(), i.shiftEndsAt.getTime()));
  const served = Math.max(0, Math.floor((to.getTime() - from.getTime()) / MINUTE));
  const steps: HoursStep[] = [
    { step: 'served', from: from.toISOString(), to: to.toISOString(), minutes: served },
  ];
  let m = served;
  if (i.breakMinutes > 0) {
    m = Math.max(0, m - Math.floor(i.breakMinutes));
    steps.push({ step: 'breaks', minutes: m });
  }
  const shiftLength = Math.floor((i.shiftEndsAt.getTime() - i.shiftStartsAt.getTime()) / MINUTE);
  if (m > shiftLength) {
    m = shiftLength;
    steps.push({ step: 'shift_cap', minutes: m });
  }
  const left = Math.max(0, DAY_MINUTES - (i.minutesAlreadyThatDay ?? 0));
  if (m > left) {
    m = left;
    steps.push({ step: 'day_cap', minutes: m });
  }
  const rounded = roundMinutes(m, i.rule);
  // Rounding up never goes past what the caps allow.
  const capped = Math.min(rounded, shiftLength, left);
  steps.push({ step: 'rounded', rule: i.rule, minutes: capped });
  return { minutes: capped, hours: Math.round((capped / 60) * 100) / 100, steps };
}
