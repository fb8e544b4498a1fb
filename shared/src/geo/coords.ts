/**
 * China's three coordinate systems, converted at the edges (docs/decisions/0026-map-coordinates.md).
 *
 * - WGS-84: what phones report (the Geolocation API) and what Yiqi stores.
 * - GCJ-02 (火星坐标): the state-mandated offset used by 高德 (Amap), 腾讯 (Tencent) maps and their tiles;
 *   300–500 m away from WGS-84 in Guangdong.
 * - BD-09: Baidu's further offset of GCJ-02.
 *
 * The forward formulas are the widely published ones (the same in every open implementation); GCJ-02 has
 * no closed-form inverse, so gcjToWgs iterates the forward formula until it lands within 0.5 m.
 * Outside mainland China's rough bounding box the maps use WGS-84 unchanged, so the conversion is the
 * identity there.
 */

export type CoordSystem = 'wgs84' | 'gcj02' | 'bd09';
export const COORD_SYSTEMS = ['gcj02', 'bd09', 'wgs84'] as const satisfies readonly CoordSystem[];

export interface LatLng {
  lat: number;
  lng: number;
}

// Krasovsky 1940 ellipsoid, as the GCJ-02 formula uses it.
const A = 6378245.0;
const EE = 0.00669342162296594323;
const X_PI = (Math.PI * 3000.0) / 180.0;

/** Mainland China's rough bounding box: where Chinese map apps apply the GCJ-02 offset. */
export function isInChina({ lat, lng }: LatLng): boolean {
  return lng >= 72.004 && lng <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** The GCJ-02 offset (degrees) at a WGS-84 point. */
function gcjDelta(p: LatLng): LatLng {
  let dLat = transformLat(p.lng - 105.0, p.lat - 35.0);
  let dLng = transformLng(p.lng - 105.0, p.lat - 35.0);
  const radLat = (p.lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: dLat, lng: dLng };
}

export function wgsToGcj(p: LatLng): LatLng {
  if (!isInChina(p)) return { lat: p.lat, lng: p.lng };
  const d = gcjDelta(p);
  return { lat: p.lat + d.lat, lng: p.lng + d.lng };
}

/** Metres between two points (haversine on a 6 371 km sphere). */
export function distanceM(a: LatLng, b: LatLng): number {
  const R = 6371000;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Within this of the true WGS-84 point, gcjToWgs stops (far below what a map pin or a phone can tell). */
export const GCJ_INVERSE_TOLERANCE_M = 0.5;

/**
 * GCJ-02 → WGS-84 by fixed-point iteration: start from the GCJ point, and move the guess by how far its
 * forward image misses the target. The offset changes slowly, so each step gains about two orders of
 * magnitude; it reaches the tolerance in 2–3 steps (at most 10 are allowed).
 */
export function gcjToWgs(p: LatLng): LatLng {
  if (!isInChina(p)) return { lat: p.lat, lng: p.lng };
  let guess = { lat: p.lat, lng: p.lng };
  for (let i = 0; i < 10; i++) {
    const image = wgsToGcj(guess);
    const miss = { lat: image.lat - p.lat, lng: image.lng - p.lng };
    guess = { lat: guess.lat - miss.lat, lng: guess.lng - miss.lng };
    // The miss of the image bounds the error of the guess (the offset's slope is far below 1).
    if (distanceM(image, p) < GCJ_INVERSE_TOLERANCE_M / 10) break;
  }
  return guess;
}

export function gcjToBd({ lat, lng }: LatLng): LatLng {
  const z = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * X_PI);
  return { lat: z * Math.sin(theta) + 0.006, lng: z * Math.cos(theta) + 0.0065 };
}

export function bdToGcj({ lat, lng }: LatLng): LatLng {
  const x = lng - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  return { lat: z * Math.sin(theta), lng: z * Math.cos(theta) };
}

export const wgsToBd = (p: LatLng): LatLng => gcjToBd(wgsToGcj(p));
export const bdToWgs = (p: LatLng): LatLng => gcjToWgs(bdToGcj(p));

/** A point typed or picked in `system`, as stored (WGS-84). */
export function toWgs(p: LatLng, system: CoordSystem): LatLng {
  if (system === 'gcj02') return gcjToWgs(p);
  if (system === 'bd09') return bdToWgs(p);
  return { lat: p.lat, lng: p.lng };
}

/** A stored (WGS-84) point in `system`, for a map or a map app that uses it. */
export function fromWgs(p: LatLng, system: CoordSystem): LatLng {
  if (system === 'gcj02') return wgsToGcj(p);
  if (system === 'bd09') return wgsToBd(p);
  return { lat: p.lat, lng: p.lng };
}
