/**
 * An e-mail address as the platform accepts it (zod's own pattern: a dotted local part, a domain with a
 * top-level label of two letters or more). A plain constant, so the web app (whose build stubs zod) checks
 * the same pattern as the API.
 */
export const EMAIL_PATTERN =
  /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

/** As stored and compared: trimmed, lower-cased, at most 254 characters (RFC 5321). */
export function isEmailAddress(raw: string): boolean {
  const s = raw.trim().toLowerCase();
  return s.length >= 3 && s.length <= 254 && EMAIL_PATTERN.test(s);
}
