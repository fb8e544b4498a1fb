import { amapMarkerUrl, qqMarkerUrl } from '@yiqi/shared/geo/map-apps';
import { formatTime } from '../../lib/format.ts';

/** "2026-05-01 09:00" in China time. */
export const minute = (iso: string): string => formatTime(iso).slice(0, 16);

/** "2026-05-01 09:00–12:00", or both dates when the range crosses midnight (China time). */
export function timeRange(startIso: string, endIso: string): string {
  const a = minute(startIso);
  const b = minute(endIso);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a}–${b.slice(11)}` : `${a} – ${b}`;
}

/**
 * Links that open the place in 高德 and 腾讯 maps (their web pages hand over to the app on a phone, and
 * work inside WeChat, where a geo: link does nothing); coordinates are stored in WGS-84 and converted to
 * the GCJ-02 those apps use (shared/src/geo).
 */
export function mapLinks(lat: number, lng: number, name: string): { amap: string; qq: string } {
  return { amap: amapMarkerUrl({ lat, lng }, name), qq: qqMarkerUrl({ lat, lng }, name) };
}

export const isPast = (iso: string): boolean => new Date(iso).getTime() < Date.now();

/** Kilometres, to one decimal below 10 km. */
export const km = (d: number): string => (d < 10 ? d.toFixed(1) : String(Math.round(d)));
