import type { DevicePosition } from './api.ts';

/** Why no position came back: no API (or not a secure page), refused, or no fix in time. */
export type GeoFailure = 'unsupported' | 'denied' | 'unavailable';

export class GeoError extends Error {
  constructor(readonly reason: GeoFailure) {
    super(reason);
  }
}

/** The device's position once, as the API takes it (asks the user the first time). */
export function getPosition(highAccuracy = false): Promise<DevicePosition> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator) || !window.isSecureContext) return reject(new GeoError('unsupported'));
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          lat: p.coords.latitude,
          lng: p.coords.longitude,
          accuracyM: Math.min(100000, Math.max(0, Math.round(p.coords.accuracy))),
        }),
      (e) => reject(new GeoError(e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable')),
      {
        enableHighAccuracy: highAccuracy,
        timeout: highAccuracy ? 10_000 : 15_000,
        maximumAge: highAccuracy ? 10_000 : 300_000,
      },
    );
  });
}
