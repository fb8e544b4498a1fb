import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** AES-256-GCM: "v1:" + base64(iv ‖ tag ‖ ciphertext). The version prefix allows key rotation later. */
export function encrypt(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return 'v1:' + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
}

export function decrypt(key: Buffer, sealed: string): string {
  if (!sealed.startsWith('v1:')) throw new Error('unknown ciphertext version');
  const raw = Buffer.from(sealed.slice(3), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export function sha256(data: string | Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

/**
 * Keyed hash (blind index) for looking up and de-duplicating encrypted values, e.g. one person one
 * volunteer by document number. A sub-key derived from the application key keeps it separate from
 * encryption; `purpose` separates indexes so equal values in different fields do not match.
 */
export function blindIndex(key: Buffer, purpose: string, value: string): Buffer {
  let sub = subKeys.get(key);
  if (!sub) subKeys.set(key, (sub = createHmac('sha256', key).update('yiqi-blind-index-v1').digest()));
  return createHmac('sha256', sub).update(`${purpose}\u0000${value}`).digest();
}
/** Sub-keys by application key: derived once, not per value (bulk imports index 100,000s of values). */
const subKeys = new WeakMap<Buffer, Buffer>();

/**
 * HMAC-SHA256 (hex) under a sub-key of the application key for one purpose, so a signature made for one
 * use (e.g. the audit witness) can never be replayed as another and the application key itself signs
 * nothing directly.
 */
export function keyedMac(key: Buffer, purpose: string, data: string): string {
  const sub = createHmac('sha256', key).update(`yiqi-${purpose}-v1`).digest();
  return createHmac('sha256', sub).update(data).digest('hex');
}
