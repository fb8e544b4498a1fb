/** An instant as ISO 8601 in UTC, or null for null (database rows give Date or string). */
export function iso(d: Date | string): string;
export function iso(d: Date | string | null | undefined): string | null;
export function iso(d: Date | string | null | undefined): string | null {
  return d === null || d === undefined ? null : new Date(d).toISOString();
}

// One formatter for every call: toLocaleDateString with options builds a new Intl.DateTimeFormat each time,
// which showed as 3 % of the API's CPU in a sign-up rush profile. sv-SE writes dates as YYYY-MM-DD.
const CHINA_DAY = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in China of an instant, as YYYY-MM-DD (service days, due dates, ages are dates there). */
export function chinaDate(at: Date | string): string {
  return CHINA_DAY.format(new Date(at));
}
