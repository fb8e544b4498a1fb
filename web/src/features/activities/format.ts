import { formatTime } from '../../lib/format.ts';

/** "2026-05-01 09:00" in China time. */
export const minute = (iso: string): string => formatTime(iso).slice(0, 16);

/** "2026-05-01 09:00–12:00", or both dates when the range crosses midnight (China time). */
export function timeRange(startIso: string, endIso: string): string {
  const a = minute(startIso);
  const b = minute(endIso);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a}–${b.slice(11)}` : `${a} – ${b}`;
}

/** A geo: URI (opens the phone's map app) and the coordinates as text. */
export function geoLink(lat: number, lng: number, label?: string): { href: string; text: string } {
  const c = `${lat.toFixed(5)},${lng.toFixed(5)}`;
  const q = label ? `${c}(${encodeURIComponent(label)})` : c;
  return { href: `geo:${c}?q=${q}`, text: `${lat.toFixed(5)}, ${lng.toFixed(5)}` };
}

export const isPast = (iso: string): boolean => new Date(iso).getTime() < Date.now();

/** Kilometres, to one decimal below 10 km. */
export const km = (d: number): string => (d < 10 ? d.toFixed(1) : String(Math.round(d)));
