import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  bdToGcj,
  bdToWgs,
  distanceM,
  fromWgs,
  gcjToBd,
  gcjToWgs,
  GCJ_INVERSE_TOLERANCE_M,
  isInChina,
  toWgs,
  wgsToBd,
  wgsToGcj,
  type LatLng,
} from './coords.ts';

const near = (actual: LatLng, expected: LatLng, eps = 1e-9) => {
  assert.ok(Math.abs(actual.lat - expected.lat) < eps, `lat ${actual.lat} ≠ ${expected.lat}`);
  assert.ok(Math.abs(actual.lng - expected.lng) < eps, `lng ${actual.lng} ≠ ${expected.lng}`);
};

// Reference pairs published with the open implementations (eviltransform's test table; coordtransform's
// README for Tiananmen at 116.404, 39.915), to the last digit printed there.
test('WGS-84 → GCJ-02 matches published pairs (Shanghai, Shenzhen, Beijing)', () => {
  near(wgsToGcj({ lat: 31.1774276, lng: 121.5272106 }), { lat: 31.17530398364597, lng: 121.531541859215 });
  near(wgsToGcj({ lat: 22.543847, lng: 113.912316 }), { lat: 22.540796131694766, lng: 113.9171764808363 });
  near(wgsToGcj({ lat: 39.911954, lng: 116.377817 }), { lat: 39.91334545536069, lng: 116.38404722455657 });
  near(wgsToGcj({ lat: 39.915, lng: 116.404 }), { lat: 39.91640428150164, lng: 116.41024449916938 });
});

test('GCJ-02 ⇄ BD-09 matches the published Tiananmen pair', () => {
  near(gcjToBd({ lat: 39.915, lng: 116.404 }), { lat: 39.92133699351022, lng: 116.41036949371029 });
  near(bdToGcj({ lat: 39.915, lng: 116.404 }), { lat: 39.90865673957631, lng: 116.39762729119315 });
});

test('the GCJ-02 offset in Shenzhen is several hundred metres (the issue: honest volunteers fell into review)', () => {
  const gcj = { lat: 22.5405, lng: 113.9534 }; // 高新园站, as 高德 shows it
  const d = distanceM(gcjToWgs(gcj), gcj);
  assert.ok(d > 300 && d < 700, `offset ${d} m`);
});

test('GCJ-02 → WGS-84 inverts the published pairs within 0.5 m', () => {
  for (const [wgs, gcj] of [
    [
      { lat: 31.1774276, lng: 121.5272106 },
      { lat: 31.17530398364597, lng: 121.531541859215 },
    ],
    [
      { lat: 22.543847, lng: 113.912316 },
      { lat: 22.540796131694766, lng: 113.9171764808363 },
    ],
  ] as const) {
    assert.ok(distanceM(gcjToWgs(gcj), wgs) < GCJ_INVERSE_TOLERANCE_M);
  }
});

test('outside mainland China the systems are WGS-84 unchanged', () => {
  const tokyo = { lat: 35.6812, lng: 139.7671 };
  const paris = { lat: 48.8566, lng: 2.3522 };
  for (const p of [tokyo, paris]) {
    assert.equal(isInChina(p), false);
    assert.deepEqual(wgsToGcj(p), p);
    assert.deepEqual(gcjToWgs(p), p);
  }
  assert.equal(isInChina({ lat: 22.5405, lng: 113.9534 }), true);
});

// Mainland China, kept off the box's edges so a point and its image stay on the same side.
const chinaPoint = fc.record({
  lat: fc.double({ min: 18.2, max: 53.5, noNaN: true }),
  lng: fc.double({ min: 73.7, max: 134.7, noNaN: true }),
});

test('round trip WGS → GCJ → WGS lands within 0.5 m anywhere in China', () => {
  fc.assert(
    fc.property(chinaPoint, (p) => distanceM(gcjToWgs(wgsToGcj(p)), p) < GCJ_INVERSE_TOLERANCE_M),
    { numRuns: 2000 },
  );
});

test('round trip GCJ → WGS → GCJ lands within 0.5 m, and the offset is never zero in China', () => {
  fc.assert(
    fc.property(chinaPoint, (p) => {
      const w = gcjToWgs(p);
      return distanceM(wgsToGcj(w), p) < GCJ_INVERSE_TOLERANCE_M && distanceM(w, p) > 1;
    }),
    { numRuns: 2000 },
  );
});

test('round trips through BD-09 (and toWgs/fromWgs for every system) land within 0.5 m', () => {
  fc.assert(
    fc.property(chinaPoint, (p) => {
      const viaBd = bdToWgs(wgsToBd(p));
      const gcjBack = bdToGcj(gcjToBd(p));
      return (
        distanceM(viaBd, p) < GCJ_INVERSE_TOLERANCE_M &&
        distanceM(gcjBack, p) < 0.5 &&
        (['wgs84', 'gcj02', 'bd09'] as const).every(
          (s) => distanceM(toWgs(fromWgs(p, s), s), p) < GCJ_INVERSE_TOLERANCE_M,
        )
      );
    }),
    { numRuns: 1000 },
  );
});
