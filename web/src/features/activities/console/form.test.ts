import { test } from 'node:test';
import assert from 'node:assert/strict';
import dayjs from 'dayjs';
import { distanceM, gcjToWgs } from '@yiqi/shared/geo/coords';
import { changedFields, EMPTY_ACTIVITY, shown, stored, type ActivityFormValues } from './form.ts';

const typed: ActivityFormValues = { ...EMPTY_ACTIVITY, lat: 22.5405, lng: 113.9534 };

test('coordinates typed from 高德 (the default source) are saved in WGS-84', () => {
  assert.equal(EMPTY_ACTIVITY.coordSystem, 'gcj02');
  const w = stored(typed);
  assert.ok(distanceM(w as { lat: number; lng: number }, gcjToWgs({ lat: 22.5405, lng: 113.9534 })) < 0.2);
  assert.ok(distanceM(w as { lat: number; lng: number }, { lat: 22.5405, lng: 113.9534 }) > 300);
  // GPS numbers are saved as they are; 百度's move again.
  assert.deepEqual(stored({ ...typed, coordSystem: 'wgs84' }), { lat: 22.5405, lng: 113.9534 });
  assert.ok(
    distanceM(stored({ ...typed, coordSystem: 'bd09' }) as { lat: number; lng: number }, w as never) > 300,
  );
  assert.deepEqual(stored({ ...typed, lat: null }), { lat: null, lng: 113.9534 });
});

test('a saved place shows 高德’s numbers again, and an untouched place is not sent as a change', () => {
  const w = stored(typed) as { lat: number; lng: number };
  assert.deepEqual(shown(w.lat, w.lng, 'gcj02'), { lat: 22.5405, lng: 113.9534 });
  const before = {
    ...EMPTY_ACTIVITY,
    ...shown(w.lat, w.lng, 'gcj02'),
    regionCode: '440305000000',
    startsAt: dayjs('2026-12-10T09:00:00'),
    endsAt: dayjs('2026-12-10T12:00:00'),
  };
  const after = { ...before, title: '新标题' };
  const patch = changedFields(before as never, after as never) as Record<string, unknown>;
  assert.deepEqual(Object.keys(patch), ['title']);
  // Saying the numbers came from GPS instead is a change of place.
  const moved = changedFields(before as never, { ...before, coordSystem: 'wgs84' } as never);
  assert.deepEqual(Object.keys(moved).sort(), ['lat', 'lng']);
});
