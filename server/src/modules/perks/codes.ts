import { randomBytes, timingSafeEqual } from 'node:crypto';
import { keyedMac } from '../../lib/crypto.ts';

/**
 * The codes behind the QR images: a perk code (one perk, one volunteer, a nonce, an expiry) and a card code
 * (a volunteer number and an expiry), each signed with a sub-key of the application key. Nothing is stored
 * when a code is shown; a perk code becomes single-use when redeemed (its nonce is unique in
 * perk_redemptions), and both expire soon, so a screenshot is worth little.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function sign(key: Buffer, purpose: string, body: string): string {
  return keyedMac(key, purpose, body).slice(0, 32);
}
function verified(key: Buffer, purpose: string, body: string, mac: string): boolean {
  const want = Buffer.from(sign(key, purpose, body));
  const got = Buffer.from(mac);
  return got.length === want.length && timingSafeEqual(got, want);
}

export function perkCode(key: Buffer, perkId: string, volunteerId: string, expiresAt: Date): string {
  const body = `P1.${perkId}.${volunteerId}.${Math.floor(expiresAt.getTime() / 1000)}.${randomBytes(12).toString('hex')}`;
  return `${body}.${sign(key, 'perk-code', body)}`;
}

export interface PerkCodeParts {
  perkId: string;
  volunteerId: string;
  expiresAt: Date;
  nonce: string;
}

/** The parts of a genuine perk code, or null (any change to a code breaks its signature). */
export function readPerkCode(key: Buffer, code: string): PerkCodeParts | null {
  const parts = code.trim().split('.');
  if (parts.length !== 6 || parts[0] !== 'P1') return null;
  const [, perkId, volunteerId, exp, nonce, mac] = parts as [string, string, string, string, string, string];
  if (
    !UUID.test(perkId) ||
    !UUID.test(volunteerId) ||
    !/^\d{1,12}$/.test(exp) ||
    !/^[0-9a-f]{24}$/.test(nonce)
  )
    return null;
  if (!verified(key, 'perk-code', parts.slice(0, 5).join('.'), mac)) return null;
  return { perkId, volunteerId, expiresAt: new Date(Number(exp) * 1000), nonce };
}

export function cardCode(key: Buffer, volunteerNo: string, expiresAt: Date): string {
  const body = `C1.${volunteerNo}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${body}.${sign(key, 'card-code', body)}`;
}

export function readCardCode(key: Buffer, code: string): { volunteerNo: string; expiresAt: Date } | null {
  const parts = code.trim().split('.');
  if (parts.length !== 4 || parts[0] !== 'C1') return null;
  const [, no, exp, mac] = parts as [string, string, string, string];
  if (!/^[0-9A-Za-z]{1,32}$/.test(no) || !/^\d{1,12}$/.test(exp)) return null;
  if (!verified(key, 'card-code', parts.slice(0, 3).join('.'), mac)) return null;
  return { volunteerNo: no, expiresAt: new Date(Number(exp) * 1000) };
}
