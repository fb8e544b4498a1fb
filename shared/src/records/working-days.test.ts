import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addWorkingDays, BUILT_IN_TABLES, isWorkingDay, workingDaysBetween } from './working-days.ts';

describe('working days', () => {
  it('knows holidays, make-up working days and plain weekends', () => {
    assert.equal(isWorkingDay('2026-11-23'), true); // a Monday
    assert.equal(isWorkingDay('2026-11-22'), false); // a Sunday
    assert.equal(isWorkingDay('2026-10-05'), false); // National Day week, a Monday
    assert.equal(isWorkingDay('2026-10-10'), true); // a Saturday made a working day
    assert.equal(isWorkingDay('2026-02-14'), true); // Saturday before the Spring Festival
    assert.equal(isWorkingDay('2026-02-16'), false);
  });

  it('counts 10 working days across the National Day holiday and its make-up Saturday', () => {
    // Ends Tue 29 Sep 2026: 30 Sep (1), 1–7 Oct off, 8 (2), 9 (3), Sat 10 worked (4), 12–16 (5–9), 19 (10).
    assert.equal(addWorkingDays('2026-09-29', 10), '2026-10-19');
    assert.equal(workingDaysBetween('2026-09-29', '2026-10-19'), 10);
  });

  it('counts across the Spring Festival', () => {
    // Ends Fri 13 Feb 2026: Sat 14 worked, 15–23 off, 24, 25, 26, 27, Sat 28 worked, 2–5 Mar.
    assert.equal(addWorkingDays('2026-02-13', 10), '2026-03-05');
  });

  it('a plain fortnight is ten working days', () => {
    assert.equal(addWorkingDays('2026-11-20', 10), '2026-12-04');
    assert.equal(workingDaysBetween('2026-12-04', '2026-11-20'), 0);
  });

  it('says which year is still provisional', () => {
    assert.equal(BUILT_IN_TABLES[2026]!.provisional, false);
    assert.equal(BUILT_IN_TABLES[2027]!.provisional, true);
    assert.equal(isWorkingDay('2027-02-08'), false);
  });
});
