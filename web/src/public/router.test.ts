import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LIGHT_PATH } from './router.tsx';

test('the light pages are exactly the five public first pages', () => {
  for (const p of [
    '/',
    '/login',
    '/m/activities',
    '/m/activities/',
    '/m/activities/17470022-d3df-41f2-88c3-1059e9b87483',
    '/verify',
    '/verify/YQ-2026-7KQ2M9XBTR',
  ])
    assert.ok(LIGHT_PATH.test(p), p);
  for (const p of [
    '/m',
    '/m/profile',
    '/m/register',
    '/m/orders',
    '/m/my-activities',
    '/m/activities/x/y',
    '/activities',
    '/login/x',
    '/loginx',
    '/mfa',
    '/forgot-password',
    '/verify/a/b',
  ])
    assert.ok(!LIGHT_PATH.test(p), p);
});
