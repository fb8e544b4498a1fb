import { test } from 'node:test';
import assert from 'node:assert/strict';
import dayjs from 'dayjs';
import { periodOf } from './period.ts';

const at = (query: string, today: string) => periodOf(new URLSearchParams(query), dayjs(today));

test('without a period in the address the console home shows the last full month, not the one just begun', () => {
  assert.deepEqual(at('', '2026-12-03'), {
    mode: 'month',
    at: '2026-11',
    from: '2026-11-01',
    to: '2026-11-30',
    isDefault: true,
  });
  // The last day of a month still shows the month before: the month is not over.
  assert.equal(at('', '2026-03-31').at, '2026-02');
  assert.equal(at('', '2024-03-01').to, '2024-02-29');
  // January: December of the year before.
  assert.equal(at('mode=month', '2027-01-02').at, '2026-12');
});

test('the year mode defaults to the year of the last full month (last year in January)', () => {
  assert.deepEqual(at('mode=year', '2027-01-15'), {
    mode: 'year',
    at: '2026',
    from: '2026-01-01',
    to: '2026-12-31',
    isDefault: true,
  });
  assert.equal(at('mode=year', '2026-12-03').at, '2026');
});

test('a period in the address is shown as given', () => {
  assert.deepEqual(at('mode=month&at=2026-12', '2026-12-03'), {
    mode: 'month',
    at: '2026-12',
    from: '2026-12-01',
    to: '2026-12-31',
    isDefault: false,
  });
  assert.equal(at('mode=year&at=2025', '2026-12-03').to, '2025-12-31');
  assert.equal(at('mode=other&at=2026-02', '2026-12-03').to, '2026-02-28');
});
