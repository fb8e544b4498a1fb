/**
 * What a request looks like in the log. URLs carry what people type (the public activity search, staff
 * searches by name or phone) and bearer values (calendar feed tokens in the path), and logs outlive the
 * data they describe (docs/operations.md, log retention) — so only the shape of a URL is logged: the path,
 * with any segment that could be a token or a personal number replaced, and the query's parameter names
 * with their values replaced.
 */

const REDACTED = '~';

/** Path segments logged as they are: words (with no long run of digits), UUIDs, short numbers and
 * 12-digit region codes. Everything else (phones, document numbers, tokens, typed text) is replaced. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WORD_OR_NUMBER = /^(?:[a-z][a-z0-9._-]{0,40}|\d{1,6}|\d{12})$/i;

/** Segments after which the next one is a secret, whatever it looks like (/api/calendar/:token). */
const SECRET_AFTER = new Set(['calendar']);

function safeSegment(s: string, previous: string | undefined): boolean {
  if (s === '') return true;
  if (previous !== undefined && SECRET_AFTER.has(previous)) return false;
  if (UUID.test(s)) return true;
  return WORD_OR_NUMBER.test(s) && !/[a-z._-].*\d{5,}/i.test(s);
}

export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const segments = (q < 0 ? url : url.slice(0, q)).split('/');
  const safePath = segments.map((s, i) => (safeSegment(s, segments[i - 1]) ? s : REDACTED)).join('/');
  if (q < 0) return safePath;
  const names = url
    .slice(q + 1)
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const name = p.split('=')[0] ?? '';
      return /^[\w.[\]-]{1,40}$/.test(name) ? `${name}=${REDACTED}` : REDACTED;
    });
  return `${safePath}?${names.join('&')}`;
}

/** Pino serializer of a request: no headers (cookies, tokens), the URL's shape only. */
export function requestForLog(req: {
  method: string;
  url: string;
  ip?: string;
  routeOptions?: { url?: string | undefined };
}): Record<string, unknown> {
  return {
    method: req.method,
    url: redactUrl(req.url),
    ...(req.routeOptions?.url ? { route: req.routeOptions.url } : {}),
    remoteAddress: req.ip,
  };
}

/** Fields removed from anything logged, at any of the first levels (pino redact paths). */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  ...[
    'password',
    'newPassword',
    'currentPassword',
    'code',
    'token',
    'phone',
    'docNumber',
    'documentNumber',
    'contactPhone',
    'guardianPhone',
    'emergencyContact',
    'secret',
    'totpSecret',
  ].flatMap((f) => [f, `*.${f}`]),
];
