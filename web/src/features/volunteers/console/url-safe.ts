import type { VolunteerFilter } from './api.ts';

/**
 * The export is a download link (a URL), so a search text that may be a phone or document number is left
 * out of it: only names and 14-digit volunteer numbers travel in URLs. The server ignores such numbers in
 * query strings anyway.
 */
export function urlSafeFilter(f: VolunteerFilter): VolunteerFilter {
  const q = f.q?.trim();
  if (!q || /^\d{14}$/.test(q) || !/\d{5,}/.test(q)) return { ...f };
  const { q: _dropped, ...rest } = f;
  return rest;
}
