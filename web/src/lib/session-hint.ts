/**
 * The server's readable "maybe signed in" cookie, set and cleared with the HttpOnly session cookie
 * (server/src/http/visitor-cache.ts). Without it the browser has no session, so the light public pages
 * need not ask /api/me (a round trip on every first page) to know they serve a visitor
 * (docs/decisions/0057-warm-visits.md).
 */
export const SIGNED_IN_HINT = 'yiqi_signed_in';

export function maybeSignedIn(): boolean {
  return new RegExp(`(?:^|;\\s*)${SIGNED_IN_HINT}=`).test(document.cookie);
}

/** The session is gone (/api/me said so): the next visit need not ask again. */
export function forgetSignedIn(): void {
  const secure = location.protocol === 'https:' ? '; secure' : '';
  document.cookie = `${SIGNED_IN_HINT}=; max-age=0; path=/; samesite=lax${secure}`;
}
