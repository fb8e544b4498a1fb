import type { FastifyReply } from 'fastify';
import type { Config } from '../lib/config.ts';
import { isSecureRequest, sessionCookieName } from './authorization.ts';
import { clearSignedInHint, setSignedInHint } from './visitor-cache.ts';

/**
 * The session cookie: HttpOnly, SameSite=Lax, living as long as the session's absolute limit; over HTTPS
 * Secure and named with the __Host- prefix.
 */
export function setSessionCookie(reply: FastifyReply, cfg: Config, token: string): void {
  reply.setCookie(sessionCookieName(reply.request), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(reply.request),
    path: '/',
    maxAge: cfg.sessionAbsoluteHours * 3600,
  });
  // The readable "maybe signed in" hint for the light public pages (visitor-cache.ts).
  setSignedInHint(reply, cfg);
}

/** Ends the session cookie in the browser (the session itself is revoked on the server). */
export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(reply.request), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(reply.request),
  });
  clearSignedInHint(reply);
}
