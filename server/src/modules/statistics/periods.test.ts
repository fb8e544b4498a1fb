import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePeriod, previousPeriod, trendMonths, yearPeriod } from './periods.ts';
import { developmentIndex } from './figures.ts';

test('periods: whole months, the previous period of the same length, the active key', () => {
  const jan = parsePeriod('2026-01-01', '2026-01-31');
  assert.deepEqual(jan, { from: '2026-01-01', to: '2026-01-31', months: ['2026-01'], activeKey: '2026-01' });
  assert.deepEqual(previousPeriod(jan).months, ['2025-12']);
  const feb = parsePeriod('2024-02-01', '2024-02-29');
  assert.equal(feb.to, '2024-02-29');
  const year = parsePeriod('2026-01-01', '2026-12-31');
  assert.equal(year.activeKey, '2026');
  assert.deepEqual(previousPeriod(year), yearPeriod(2025));
  const q = parsePeriod('2026-02-01', '2026-04-30');
  assert.equal(q.activeKey, null);
  assert.deepEqual(previousPeriod(q).months, ['2025-11', '2025-12', '2026-01']);
  // Twelve months not a calendar year: no distinct count.
  assert.equal(parsePeriod('2025-07-01', '2026-06-30').activeKey, null);
  assert.deepEqual(trendMonths(jan)[0], '2025-02');
  assert.equal(trendMonths(jan).length, 12);
  for (const [from, to] of [
    ['2026-01-02', '2026-01-31'],
    ['2026-02-01', '2026-02-29'],
    ['2026-03-01', '2026-02-28'],
    ['2023-01-01', '2026-01-31'],
  ])
    assert.throws(() => parsePeriod(from!, to!), /STATISTICS_PERIOD_INVALID/, `${from} ${to}`);
});

test('development index: capped parts, missing ones left out, none without volunteers', () => {
  const base = { registered: 1000, activitiesPerYear: 12, organizations: 2 };
  assert.equal(
    developmentIndex({ ...base, coverage: 0.15, activeShare: 0.75, hoursPerRegisteredYear: 29 }),
    100,
  );
  assert.equal(
    developmentIndex({ ...base, coverage: null, activeShare: 0.375, hoursPerRegisteredYear: 58 }),
    87.5,
  );
  assert.equal(
    developmentIndex({
      ...base,
      registered: 0,
      coverage: null,
      activeShare: null,
      hoursPerRegisteredYear: null,
    }),
    null,
  );
});
