import { normalizePhone } from '@yiqi/shared/identity/normalize';
import { idCheckChar } from '@yiqi/shared/identity/documents';
import type { TestApp } from '../../test/harness.ts';

/** Data builders for the volunteer tests; every test file makes its own people. */

export const VOLUNTEER_PASSWORD = 'Volunteer-pass-1';
export const NANSHAN = '440305000000';
export const FUTIAN = '440304000000';

let seq = 0;
let phoneSeq = Math.floor(Math.random() * 1e7);

/** A valid mainland ID number for a birth date (YYYYMMDD); odd sequence = male. */
export function idNumber(birth: string, opts: { region?: string; male?: boolean } = {}): string {
  const n = ++seq % 500;
  const s = String(n * 2 + (opts.male === false ? 0 : 1)).padStart(3, '0');
  const first17 = (opts.region ?? '440305') + birth + s;
  return first17 + idCheckChar(first17);
}

/** A unique mainland mobile number. */
export function phone(): string {
  return '139' + String(++phoneSeq % 1e8).padStart(8, '0');
}

export function registerBody(over: Record<string, unknown> = {}) {
  return {
    phone: phone(),
    password: VOLUNTEER_PASSWORD,
    name: '李志愿',
    docType: 'mainland_id',
    docNumber: idNumber('19900315'),
    regionCode: NANSHAN,
    privacyNoticeVersion: '2026-01',
    sensitiveConsent: true,
    ...over,
  };
}

export function onBehalfBody(over: Record<string, unknown> = {}) {
  const { password: _p, sensitiveConsent: _s, ...rest } = registerBody();
  return {
    ...rest,
    consentRecordedAt: '2026-11-01T08:00:00.000Z',
    consentEvidence: '纸质同意书 #A-001',
    ...over,
  };
}

export function guardian(over: Record<string, unknown> = {}) {
  return {
    name: '王监护',
    relation: '母亲',
    phone: phone(),
    consentAt: '2026-11-20T08:00:00.000Z',
    evidence: '监护人签字同意书',
    ...over,
  };
}

export function cookieOf(res: { cookies: { name: string; value: string }[] }): string {
  return `yiqi_sid=${res.cookies.find((c) => c.name === 'yiqi_sid')!.value}`;
}

/**
 * Self-registration as the web does it: the form (answered 202, a code texted), then the same form with
 * the code texted to its phone. Answers the first response when no code reached that phone.
 */
export async function registerWithCode(
  t: TestApp,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const url = '/api/volunteers/register';
  const before = t.otp.sent.length;
  const first = await t.app.inject({ method: 'POST', url, payload: body, headers });
  if (first.statusCode !== 202) return first;
  const phone = normalizePhone(String(body.phone));
  const fresh = t.otp.sent.slice(before).filter((m) => m.phone === phone);
  const code = fresh.at(-1)?.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) return first;
  return t.app.inject({ method: 'POST', url, payload: { ...body, phoneCode: code }, headers });
}

/** Registers a volunteer through the API; returns the session cookie, the view and what was sent. */
export async function registerVolunteer(t: TestApp, over: Record<string, unknown> = {}) {
  const body = registerBody(over);
  const res = await registerWithCode(t, body);
  if (res.statusCode !== 200) throw new Error(`registration failed: ${res.statusCode} ${res.body}`);
  const json = res.json() as {
    me: { id: string; username: string };
    volunteer: { id: string; volunteerNo: string };
  };
  return { cookie: cookieOf(res), body, ...json };
}

/** A tiny but well-formed PNG (signature + padding), base64. */
export function pngBase64(bytes = 128): string {
  const b = Buffer.alloc(bytes, 0);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  return b.toString('base64');
}

type MatrixReq = { method: string; url: string; payload?: unknown } | null;

/**
 * The volunteer routes' cases for the authorization matrix (http/authorization.matrix.test.ts). Lists and
 * on-behalf registration take the matrix's region and organization relations; single volunteers are
 * named by id, a volunteer living in the relation's region (404 outside the caller's scope, never a 403).
 * Own-data routes run as "self" and never close anyone's account (wrong password).
 */
export function volunteerMatrixFixtures(
  getT: () => TestApp,
  regions: Record<string, string>,
  orgs: Record<string, string>,
): Record<string, (rel: string) => MatrixReq | Promise<MatrixReq>> {
  const subjects = new Map<string, Promise<{ id: string }>>();
  const volunteerIn = (rel: string) => {
    if (!subjects.has(rel))
      subjects.set(
        rel,
        registerVolunteer(getT(), { regionCode: regions[rel]! }).then((r) => r.volunteer),
      );
    return subjects.get(rel)!;
  };
  const scoped = (url: string) => (rel: string) =>
    rel === 'self' ? null : { method: 'GET', url: rel === 'none' ? url : `${url}?region=${regions[rel]}` };
  const byId = (method: string, path: string, payload?: unknown) => async (rel: string) =>
    rel === 'none' || rel === 'self'
      ? null
      : {
          method,
          url: `/api/volunteers/${(await volunteerIn(rel)).id}${path}`,
          ...(payload ? { payload } : {}),
        };
  const own = (method: string, url: string, payload?: unknown) => (rel: string) =>
    rel === 'self' ? { method, url, ...(payload ? { payload } : {}) } : null;
  return {
    'POST /api/volunteers/register': (rel) =>
      rel === 'none' ? { method: 'POST', url: '/api/volunteers/register', payload: registerBody() } : null,
    'POST /api/volunteers': (rel) =>
      rel === 'none' || rel === 'self'
        ? null
        : { method: 'POST', url: '/api/volunteers', payload: onBehalfBody({ orgId: orgs[rel] }) },
    'GET /api/volunteers': scoped('/api/volunteers'),
    'POST /api/volunteers/search': (rel: string) =>
      rel === 'self'
        ? null
        : {
            method: 'POST',
            url: '/api/volunteers/search',
            payload: rel === 'none' ? {} : { region: regions[rel] },
          },
    'GET /api/volunteers/export.xlsx': scoped('/api/volunteers/export.xlsx'),
    'GET /api/volunteers/verification-queue': scoped('/api/volunteers/verification-queue'),
    'GET /api/volunteers/:id': byId('GET', ''),
    'GET /api/volunteers/:id/service': byId('GET', '/service'),
    'POST /api/volunteers/:id/reveal': byId('POST', '/reveal', { field: 'phone', reason: '授权矩阵测试' }),
    'POST /api/volunteers/:id/verification': byId('POST', '/verification', { decision: 'approve' }),
    'GET /api/volunteers/:id/documents/:docId': byId(
      'GET',
      '/documents/00000000-0000-4000-8000-000000000000',
    ),
    'GET /api/me/volunteer': own('GET', '/api/me/volunteer'),
    'PATCH /api/me/volunteer': own('PATCH', '/api/me/volunteer', { languages: ['zh'] }),
    'DELETE /api/me/volunteer/declared-qualifications': own(
      'DELETE',
      '/api/me/volunteer/declared-qualifications',
    ),
    'POST /api/me/volunteer/documents': own('POST', '/api/me/volunteer/documents', {
      mimeType: 'image/png',
      contentBase64: pngBase64(),
    }),
    'POST /api/me/volunteer/verify': own('POST', '/api/me/volunteer/verify'),
    'GET /api/me/volunteer/export': own('GET', '/api/me/volunteer/export'),
    'POST /api/me/volunteer/close': own('POST', '/api/me/volunteer/close', {
      password: 'Not-the-password-1',
    }),
  };
}
