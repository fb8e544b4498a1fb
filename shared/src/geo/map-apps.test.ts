import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amapMarkerUrl, qqMarkerUrl } from './map-apps.ts';
import { wgsToGcj } from './coords.ts';

const wgs = { lat: 22.543847, lng: 113.912316 }; // published pair: GCJ-02 22.540796, 113.917176

test('高德 marker link: lng,lat in GCJ-02 and the name', () => {
  const u = new URL(amapMarkerUrl(wgs, '南头古城 引导'));
  assert.equal(u.origin + u.pathname, 'https://uri.amap.com/marker');
  assert.equal(u.searchParams.get('position'), '113.917176,22.540796');
  assert.equal(u.searchParams.get('name'), '南头古城 引导');
});

test('腾讯 marker link: coord:lat,lng in GCJ-02, a title that cannot break the field, referer', () => {
  const u = new URL(qqMarkerUrl(wgs, 'a;title:b'));
  assert.equal(u.origin + u.pathname, 'https://apis.map.qq.com/uri/v1/marker');
  assert.equal(u.searchParams.get('marker'), 'coord:22.540796,113.917176;title:a title b');
  assert.equal(u.searchParams.get('referer'), 'yiqi');
  assert.notEqual(wgsToGcj(wgs).lat.toFixed(6), wgs.lat.toFixed(6));
});
