import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../lib/config.ts';
import { isSecureRequest, SECURE_SESSION_COOKIE, SESSION_COOKIE } from './authorization.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A public read whose answer is the same for every visitor without a session (the activity list, an
     * activity, the home page's figures): a visitor's browser may keep it briefly (VISITOR_CACHE), so a
     * return visit on a phone shows it without a round trip (issue 17, docs/decisions/0057).
     */
    visitorCache?: boolean;
  }
}

/**
 * 30 s fresh, then up to 5 min served while the browser asks again in the background. Only for requests
 * without a session cookie, only 200s, never with Set-Cookie; `vary: cookie` so a browser that signs in
 * (the session cookie changes the request) never gets the visitor's copy.
 */
export const VISITOR_CACHE = 'public, max-age=30, stale-while-revalidate=300';

/**
 * A readable cookie that says "this browser may have a session": the session cookie itself is HttpOnly,
 * so the light public pages cannot see it, and without this hint they would ask /api/me on every visit
 * only to learn that a visitor is a visitor (one round trip on the first page's critical path). Set and
 * cleared with the session cookie; no secret (a forged one only makes the page ask /api/me).
 */
export const SIGNED_IN_HINT = 'yiqi_signed_in';

/** True when the request carries a session cookie (valid or not: only its presence is looked at). */
export function hasSessionCookie(req: FastifyRequest): boolean {
  return req.cookies?.[SESSION_COOKIE] !== undefined || req.cookies?.[SECURE_SESSION_COOKIE] !== undefined;
}

export function setSignedInHint(reply: FastifyReply, cfg: Config): void {
  reply.setCookie(SIGNED_IN_HINT, '1', {
    httpOnly: false,
    sameSite: 'lax',
    secure: isSecureRequest(reply.request),
    path: '/',
    maxAge: cfg.sessionAbsoluteHours * 3600,
  });
}

export function clearSignedInHint(reply: FastifyReply): void {
  reply.clearCookie(SIGNED_IN_HINT, { path: '/', sameSite: 'lax', secure: isSecureRequest(reply.request) });
}

/** Registered after @fastify/cookie, so its onSend (which writes Set-Cookie) has run before ours looks. */
export function installVisitorCache(app: FastifyInstance): void {
  const { config } = app.deps;
  app.addHook('onRequest', async (req, reply) => {
    // Sessions begun before the hint existed: a page load (not the API, not an asset) with a session
    // cookie and no hint gets one, so the light pages ask /api/me for it.
    if (req.method !== 'GET' || req.url.startsWith('/api/') || req.url.startsWith('/assets/')) return;
    if (hasSessionCookie(req) && req.cookies?.[SIGNED_IN_HINT] === undefined) setSignedInHint(reply, config);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (
      req.routeOptions.config?.visitorCache &&
      (req.method === 'GET' || req.method === 'HEAD') &&
      reply.statusCode === 200 &&
      !hasSessionCookie(req) &&
      !reply.hasHeader('set-cookie')
    ) {
      reply.header('cache-control', VISITOR_CACHE);
      reply.header('vary', 'cookie, accept-language');
    }
    return payload;
  });
}
