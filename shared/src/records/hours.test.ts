import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeHours, roundMinutes, type RoundingRule } from './hours.ts';

const at = (hhmm: string, day = '2026-11-22') => new Date(`${day}T${hhmm}:00+08:00`);
const base = {
  shiftStartsAt: at('09:00'),
  shiftEndsAt: at('13:00'),
  breakMinutes: 0,
  rule: 'exact' as RoundingRule,
};

describe('service hours', () => {
  it('rounds by each rule (table)', () => {
    const table: [number, RoundingRule, number][] = [
      [127, 'exact', 127],
      [127, 'quarter_down', 120],
      [134, 'quarter_down', 120],
      [135, 'quarter_down', 135],
      [149, 'half_down', 120],
      [150, 'half_down', 150],
      [127, 'nearest_quarter', 120],
      [128, 'nearest_quarter', 135],
      [134, 'nearest_half', 120],
      [135, 'nearest_half', 150],
      [134, 'rule_15_45', 120],
      [135, 'rule_15_45', 150],
      [164, 'rule_15_45', 150],
      [165, 'rule_15_45', 180],
      [14, 'rule_15_45', 0],
      [0, 'rule_15_45', 0],
    ];
    for (const [m, rule, want] of table) assert.equal(roundMinutes(m, rule), want, `${m} ${rule}`);
  });

  it('counts only time inside the shift: early arrival and late leaving are not service', () => {
    const r = computeHours({ ...base, checkInAt: at('08:10'), checkOutAt: at('13:40') });
    assert.equal(r.minutes, 240);
    assert.equal(r.hours, 4);
    assert.deepEqual(r.steps[0], {
      step: 'served',
      from: at('09:00').toISOString(),
      to: at('13:00').toISOString(),
      minutes: 240,
    });
  });

  it('subtracts declared breaks and rounds, showing each step', () => {
    const r = computeHours({
      ...base,
      checkInAt: at('09:07'),
      checkOutAt: at('12:58'),
      breakMinutes: 20,
      rule: 'rule_15_45',
    });
    // 231 served − 20 break = 211 → 3 h + 31 min → 3.5 h under the 15/45 rule.
    assert.deepEqual(
      r.steps.map((s) => [s.step, s.minutes]),
      [
        ['served', 231],
        ['breaks', 211],
        ['rounded', 210],
      ],
    );
    assert.equal(r.hours, 3.5);
  });

  it('never rounds past the shift length or the day’s 24 hours', () => {
    const long = { shiftStartsAt: at('00:00'), shiftEndsAt: at('23:50'), breakMinutes: 0 };
    const r = computeHours({
      ...long,
      checkInAt: at('00:00'),
      checkOutAt: at('23:50'),
      rule: 'nearest_half',
    });
    assert.equal(r.minutes, 1430);
    const capped = computeHours({
      ...long,
      checkInAt: at('00:00'),
      checkOutAt: at('23:50'),
      rule: 'exact',
      minutesAlreadyThatDay: 600,
    });
    assert.equal(capped.minutes, 840);
    assert.equal(capped.steps.at(-2)!.step, 'day_cap');
  });

  it('a check-out before the check-in, or outside the shift, gives zero, not a negative', () => {
    assert.equal(computeHours({ ...base, checkInAt: at('12:00'), checkOutAt: at('11:00') }).minutes, 0);
    assert.equal(computeHours({ ...base, checkInAt: at('14:00'), checkOutAt: at('15:00') }).minutes, 0);
  });
});
