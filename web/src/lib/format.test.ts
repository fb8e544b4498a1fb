import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatHours, formatMinutesAsHours } from './format.ts';

test('hours are shown with one decimal, whatever their source', () => {
  assert.equal(formatMinutesAsHours(6), '0.1');
  assert.equal(formatMinutesAsHours(28), '0.5'); // 0.466… h, shown as 0.47 before
  assert.equal(formatHours(0.47), '0.5');
  assert.equal(formatHours(2), '2.0');
  assert.equal(formatHours(8.08), '8.1');
  assert.equal(formatHours(1234.56), '1,234.6');
  assert.equal(formatMinutesAsHours(0), '0.0');
});
