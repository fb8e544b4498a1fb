import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chinaDate, iso } from './dates.ts';

describe('dates', () => {
  it('chinaDate: the calendar day in China, midnight there being 16:00 UTC the day before', () => {
    assert.equal(chinaDate('2026-12-05T15:59:59.999Z'), '2026-12-05');
    assert.equal(chinaDate('2026-12-05T16:00:00Z'), '2026-12-06');
    assert.equal(chinaDate(new Date('2000-02-29T00:00:00+08:00')), '2000-02-29');
    // China kept summer time from 1986 to 1991: 23:30 UTC+9 on 1988-07-01 is still 1988-07-01 there.
    assert.equal(chinaDate('1988-07-01T14:30:00Z'), '1988-07-01');
    assert.equal(chinaDate('1988-07-01T15:30:00Z'), '1988-07-02');
  });

  it('chinaDate agrees with the locale formatting it replaced, every 20 hours or so over a century', () => {
    const slow = (t: number) => new Date(t).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    for (let t = Date.UTC(1950, 0, 1); t < Date.UTC(2050, 0, 1); t += 71_999_993)
      assert.equal(chinaDate(new Date(t)), slow(t), new Date(t).toISOString());
  });

  it('iso: UTC ISO 8601, null for null', () => {
    assert.equal(iso('2026-12-06T08:00:00+08:00'), '2026-12-06T00:00:00.000Z');
    assert.equal(iso(null), null);
  });
});
