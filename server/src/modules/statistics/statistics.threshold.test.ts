import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  NANSHAN,
  admin,
  get,
  org,
  overview,
  serveKnownHours,
  setupPopulation,
  t,
  value,
} from './statistics.testkit.ts';

/**
 * The active threshold (STATS_ACTIVE_MIN_HOURS = 2: two hours in a month, 24 in a year) on the known
 * population of statistics.testkit.ts, whose figures with the default (one record) are in
 * statistics.figures.test.ts: January 6 active, February 3, the year 8, the organization's January 7.
 */
before(async () => {
  await setupPopulation({ STATS_ACTIVE_MIN_HOURS: '2' });
  await serveKnownHours();
});
after(() => t?.close());

describe('a configurable active threshold', () => {
  it('counts only volunteers with at least the threshold’s hours in the period', async () => {
    // January: A0 3 h, A1 3 h (corrected), A2–A5 2 h each — all six reach 2 h.
    const jan = (await overview(admin, NANSHAN, 3, '2026-01-01', '2026-01-31')).json();
    assert.equal(value(jan, 'active'), 6);
    // February: B0, B1 1.5 h and A2 45 min — none reaches 2 h (3 with the default).
    const feb = (await overview(admin, NANSHAN, 3, '2026-02-01', '2026-02-28')).json();
    assert.deepEqual(feb.figures.active, { value: 0, previous: 6 });
    // The year needs 24 h: nobody (8 with the default); hours are unchanged.
    const year = (await overview(admin, NANSHAN, 3, '2026-01-01', '2026-12-31')).json();
    assert.equal(value(year, 'active'), 0);
    assert.equal(value(year, 'hours'), 17.75);
    // The organization: F0 (1 h in January) no longer counts (7 with the default).
    const o = (
      await get(
        org.cookie,
        `/api/statistics/organizations/${org.orgId}/overview?from=2026-01-01&to=2026-01-31`,
      )
    ).json();
    assert.equal(value(o, 'active'), 6);
  });
});
