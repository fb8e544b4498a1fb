import { createHmac, timingSafeEqual } from 'node:crypto';
import { QR_STEP_SECONDS } from '@yiqi/shared/contracts/activities';
import { macKeyOf } from '../../lib/crypto.ts';

/**
 * Rotating check-in codes. The organizer's screen shows `yiqi1.<shift>.<step>.<mac>`, where step counts
 * QR_STEP_SECONDS-long periods since the epoch and mac is an HMAC over activity, shift and step. The
 * server keeps no per-code state: a code passes when its mac is right and its step is within one of now,
 * so a photo of the screen stops working after at most two steps. Pure functions, property-tested.
 */
export type TokenCode = 'QR_MALFORMED' | 'QR_FORGED' | 'QR_EXPIRED';
export type TokenCheck = { ok: true; shiftId: string; step: number } | { ok: false; code: TokenCode };

const PREFIX = 'yiqi1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAC = /^[A-Za-z0-9_-]{22}$/;

export function stepAt(at: Date): number {
  return Math.floor(at.getTime() / 1000 / QR_STEP_SECONDS);
}

/** When a step stops being the current one. */
export function stepEnds(step: number): Date {
  return new Date((step + 1) * QR_STEP_SECONDS * 1000);
}

function mac(key: Buffer, activityId: string, shiftId: string, step: number): string {
  // 128 bits of the HMAC are plenty for a code that lives a minute.
  return createHmac('sha256', key)
    .update(`${PREFIX}|${activityId}|${shiftId}|${step}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

export function makeToken(key: Buffer, activityId: string, shiftId: string, step: number): string {
  return `${PREFIX}.${shiftId}.${step}.${mac(key, activityId, shiftId, step)}`;
}

/** The shift and step a token claims, before any check; null when it is not one of ours. */
export function parseToken(token: string): { shiftId: string; step: number; mac: string } | null {
  // A phone's camera may hand over the whole URL the code encodes.
  const bare = /[?&]t=([^&#]+)/.exec(token)?.[1] ?? token;
  let decoded: string;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    return null; // a stray '%' is not a token, and must not become a 500
  }
  const parts = decoded.trim().split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX) return null;
  const [, shiftId, stepText, m] = parts as [string, string, string, string];
  if (!UUID.test(shiftId) || !/^\d{1,12}$/.test(stepText) || !MAC.test(m)) return null;
  return { shiftId, step: Number(stepText), mac: m };
}

/** Checks a token against the activity its shift belongs to and the current step (±1 step passes). */
export function checkToken(key: Buffer, token: string, activityId: string, nowStep: number): TokenCheck {
  const parsed = parseToken(token);
  if (!parsed) return { ok: false, code: 'QR_MALFORMED' };
  const expected = Buffer.from(mac(key, activityId, parsed.shiftId, parsed.step));
  const given = Buffer.from(parsed.mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, code: 'QR_FORGED' };
  if (Math.abs(parsed.step - nowStep) > 1) return { ok: false, code: 'QR_EXPIRED' };
  return { ok: true, shiftId: parsed.shiftId, step: parsed.step };
}

/**
 * The key for check-in codes, derived from the MAC key (lib/crypto.ts) so no code secret is stored and a
 * rotation of the encryption key does not invalidate the codes on screens during a rolling restart.
 */
export function qrKey(appKey: Buffer): Buffer {
  const macKey = macKeyOf(appKey);
  let key = qrKeys.get(macKey);
  if (!key) qrKeys.set(macKey, (key = createHmac('sha256', macKey).update('yiqi/qr-token/v1').digest()));
  return key;
}
/** Derived once per MAC key, not on every scan (a check-in storm checks thousands a minute). */
const qrKeys = new WeakMap<Buffer, Buffer>();

/**
 * Site codes (签到码): one code per activity and site for every position and shift there, so whoever holds
 * a shift at the site checks in to their own shift whichever screen they scanned. An activity has one
 * place (positions and shifts carry none of their own), so the site is the activity's. The QR carries
 * `yiqi2.<activity>.<step>.<mac>`; the screen also shows a six-digit short code of the same step for typing
 * by hand. Both pass within one step of now, like shift codes.
 */
const SITE_PREFIX = 'yiqi2';

function siteMac(key: Buffer, activityId: string, step: number): Buffer {
  return createHmac('sha256', key).update(`${SITE_PREFIX}|${activityId}|${step}`).digest();
}

export function makeSiteToken(key: Buffer, activityId: string, step: number): string {
  return `${SITE_PREFIX}.${activityId}.${step}.${siteMac(key, activityId, step).subarray(0, 16).toString('base64url')}`;
}

/** The six digits for one activity and step (a separate HMAC input, so the code says nothing of the QR). */
export function shortCode(key: Buffer, activityId: string, step: number): string {
  const mac = createHmac('sha256', key).update(`${SITE_PREFIX}-code|${activityId}|${step}`).digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export function isSiteToken(token: string): boolean {
  const bare = /[?&]t=([^&#]+)/.exec(token)?.[1] ?? token;
  return bare.trim().startsWith(`${SITE_PREFIX}.`) || bare.trim().startsWith(`${SITE_PREFIX}%2E`);
}

export type SiteCheck = { ok: true; activityId: string; step: number } | { ok: false; code: TokenCode };

/** Checks a site token: its mac over the activity it names, and its step within one of now. */
export function checkSiteToken(key: Buffer, token: string, nowStep: number): SiteCheck {
  const bare = /[?&]t=([^&#]+)/.exec(token)?.[1] ?? token;
  let decoded: string;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    return { ok: false, code: 'QR_MALFORMED' };
  }
  const parts = decoded.trim().split('.');
  if (parts.length !== 4 || parts[0] !== SITE_PREFIX) return { ok: false, code: 'QR_MALFORMED' };
  const [, activityId, stepText, m] = parts as [string, string, string, string];
  if (!UUID.test(activityId) || !/^\d{1,12}$/.test(stepText) || !MAC.test(m))
    return { ok: false, code: 'QR_MALFORMED' };
  const step = Number(stepText);
  const expected = Buffer.from(siteMac(key, activityId, step).subarray(0, 16).toString('base64url'));
  const given = Buffer.from(m);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, code: 'QR_FORGED' };
  if (Math.abs(step - nowStep) > 1) return { ok: false, code: 'QR_EXPIRED' };
  return { ok: true, activityId, step };
}

/** The step a typed short code belongs to (now, or one either side), or null when it is none of them. */
export function checkShortCode(
  key: Buffer,
  code: string,
  activityId: string,
  nowStep: number,
): number | null {
  let found: number | null = null;
  for (const step of [nowStep, nowStep - 1, nowStep + 1]) {
    // Compare all three in constant time: which one matched says nothing through timing.
    const ok = timingSafeEqual(
      Buffer.from(shortCode(key, activityId, step)),
      Buffer.from(code.padEnd(6).slice(0, 6)),
    );
    if (ok && found === null) found = step;
  }
  return found;
}
