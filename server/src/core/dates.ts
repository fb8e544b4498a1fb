/** An instant as ISO 8601 in UTC, or null for null (database rows give Date or string). */
export function iso(d: Date | string): string;
export function iso(d: Date | string | null | undefined): string | null;
export function iso(d: Date | string | null | undefined): string | null {
  return d === null || d === undefined ? null : new Date(d).toISOString();
}

/** The calendar date in China of an instant, as YYYY-MM-DD (service days, due dates, ages are dates there). */
export function chinaDate(at: Date | string): string {
  return new Date(at).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}
