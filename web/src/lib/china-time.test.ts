import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import dayjs from 'dayjs';
import { chinaNow, fromPicker, toPicker } from './china-time.ts';

/**
 * Pickers enter and show China time whatever the browser's zone: the same typed wall-clock value gives the
 * same instant in every zone, and an instant is shown as China's wall clock. Node reads process.env.TZ
 * when it changes, so each zone is the "browser's" in turn.
 */
const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Europe/London', 'Asia/Shanghai'];
const saved = process.env.TZ;
afterEach(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

describe('China time in pickers', () => {
  for (const zone of ZONES)
    test(`a browser in ${zone}`, () => {
      process.env.TZ = zone;
      // What a person types: 09:00 on 8 December. The picker holds it in the browser's local fields.
      const typed = dayjs('2026-12-08T09:00');
      const sent = fromPicker(typed);
      assert.equal(sent, '2026-12-08T09:00:00+08:00');
      assert.equal(new Date(sent).toISOString(), '2026-12-08T01:00:00.000Z');
      // What toISOString() of the picker's value sent before: right only where the zone is UTC+8.
      assert.equal(typed.toISOString() === new Date(sent).toISOString(), zone === 'Asia/Shanghai');
      // An instant shown: 01:00Z is 09:00 in China, on the same day; back unchanged.
      const shown = toPicker('2026-12-08T01:00:00.000Z')!;
      assert.equal(shown.format('YYYY-MM-DD HH:mm'), '2026-12-08 09:00');
      assert.equal(fromPicker(shown), sent);
      // Across China's midnight: 16:30Z is already the next day there.
      assert.equal(toPicker('2026-12-08T16:30:00Z')!.format('YYYY-MM-DD HH:mm'), '2026-12-09 00:30');
      assert.equal(fromPicker(dayjs('2026-12-09T00:30:45'), 'second'), '2026-12-09T00:30:45+08:00');
      // Today in China, not in the browser: at 20:00Z on 8 December it is 9 December 04:00 there.
      assert.equal(chinaNow(new Date('2026-12-08T20:00:00Z')).format('YYYY-MM-DD HH:mm'), '2026-12-09 04:00');
    });

  test('nothing or an unreadable time: no picker value', () => {
    assert.equal(toPicker(null), undefined);
    assert.equal(toPicker(''), undefined);
    assert.equal(toPicker('not a time'), undefined);
  });
});
