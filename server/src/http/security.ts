import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isSecureRequest } from './authorization.ts';
import { DomainError } from '../core/domain-error.ts';
import { redactUrl } from '../lib/log-redact.ts';

/**
 * The web app's policy: scripts only from the site (Vite emits no inline script); Ant Design writes its
 * styles inline, so style-src needs 'unsafe-inline'; QR codes and previews are data: and blob: images.
 * Nothing may frame the site (clickjacking); a route that needs framing sets its own policy first.
 */
const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The map picker's tile hosts (MAP_TILE_URL) as a CSP source: a host template such as `webrd0{1-4}.x.com`
 * or `{s}.tile.example.org` becomes `https://*.x.com`, every host the template can name.
 */
export function tileSource(url: string): string | null {
  const m = /^(https?):\/\/([^/?#]+)/.exec(url);
  if (!m) return null;
  const labels = m[2]!.split('.');
  const host = labels.map((l, i) => (l.includes('{') ? (i === 0 ? '*' : null) : l));
  if (host.includes(null)) return null;
  return `${m[1]}://${host.join('.')}`;
}

/** The app's policy with the tile hosts allowed as images (the map picker draws tiles as <img>). */
export function appCsp(tileUrl: string): string {
  const src = tileUrl ? tileSource(tileUrl) : null;
  return src ? APP_CSP.replace("img-src 'self' data: blob:", `img-src 'self' data: blob: ${src}`) : APP_CSP;
}

/** Swagger UI at /api/docs: the same, plus https: images (its validator badge). */
const DOCS_CSP = APP_CSP.replace("img-src 'self' data: blob:", "img-src 'self' data: blob: https:");

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Content types an HTML form (or a "simple" cross-site fetch) can send without a CORS preflight. No route
 * takes them: bodies are JSON and uploads have their own types (imports: xlsx).
 */
const FORM_TYPE = /^\s*(text\/plain|application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/** True when the page that sent the request is this site, by its Origin (or one configured as ours). */
function originIsOurs(req: FastifyRequest, origin: string): boolean {
  if (req.server.deps.config.allowedOrigins.includes(origin)) return true;
  let host: string;
  try {
    host = new URL(origin).host; // "null" (sandboxed or privacy-redirected pages) is no URL: refused
  } catch {
    return false;
  }
  // The scheme is not compared: behind a TLS-terminating proxy the request reaches us over http.
  return host !== '' && host.toLowerCase() === req.host.toLowerCase();
}

/**
 * CSRF defence on every state-changing request, before authentication: a browser says where the request
 * comes from (Sec-Fetch-Site, Origin); another site is refused. Requests with neither header are not from
 * a browser page (API clients, tests) and pass: the SameSite cookie and these checks cover browsers.
 * Form content types are refused outright, so a body-less POST cannot be fired by a plain HTML form.
 */
export function installRequestGuards(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    if (!STATE_CHANGING.has(req.method)) return;
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    if (site === 'cross-site' || (origin !== undefined && !originIsOurs(req, origin))) {
      req.log.warn({ origin, site, url: redactUrl(req.url) }, 'cross-site request refused');
      throw new DomainError('CROSS_SITE_REQUEST');
    }
    const type = req.headers['content-type'];
    if (type !== undefined && FORM_TYPE.test(type)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE');
  });
}

/**
 * Security headers on every response, errors and static files included. API answers carry personal
 * data or session state, so none is cached unless the route says otherwise (public verification).
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  const csp = appCsp(app.deps.config.mapTiles.url);
  app.addHook('onSend', async (req, reply, payload) => {
    const path = req.url.split('?')[0]!;
    if (!reply.hasHeader('content-security-policy'))
      reply.header(
        'content-security-policy',
        path.startsWith('/api/docs')
          ? DOCS_CSP
          : // The browser's PDF viewer is an embedded plugin that object-src 'none' would block.
            /^application\/pdf/i.test(String(reply.getHeader('content-type') ?? ''))
            ? "frame-ancestors 'none'"
            : csp,
      );
    if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    // Not no-referrer: browsers would then send `Origin: null` on the site's own POSTs, which the CSRF
    // check refuses. same-origin keeps full URLs (certificate numbers in /verify/…) from other sites.
    reply.header('referrer-policy', 'same-origin');
    if (isSecureRequest(req))
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (path.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
    return payload;
  });
}
