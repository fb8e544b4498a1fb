import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

const PERIOD = 30;

function totp(secretBase32: string, label: string) {
  return new OTPAuth.TOTP({
    issuer: 'Yiqi 一起',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export async function totpEnrolment(secretBase32: string, label: string) {
  const otpauthUrl = totp(secretBase32, label).toString();
  return {
    secret: secretBase32,
    otpauthUrl,
    qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }),
  };
}

/** The RFC 6238 time step the code matches within ±1 step of now, or null. */
export function matchTotp(secretBase32: string, code: string, now: Date): number | null {
  const delta = totp(secretBase32, 'x').validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

/** The current code: for tests and the demo helper, never sent by the API. */
export function currentTotp(secretBase32: string, now: Date): string {
  return totp(secretBase32, 'x').generate({ timestamp: now.getTime() });
}
