import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal data at rest is AES-256-GCM under the application key, YIQI_APP_KEY. Each ciphertext names the
 * key it was sealed with: "v2:<key id>:" + base64(iv ‖ tag ‖ ciphertext), the key id being a fingerprint
 * of the key (keyId), so no table of ids has to be kept. Ciphertexts from before key ids ("v1:" + …) are
 * opened by trying the known keys. Rotation without downtime (docs/operations.md): the new key becomes
 * YIQI_APP_KEY, the old one moves to YIQI_APP_KEYS_PREVIOUS, and every node opens both while
 * `npm run keys:rotate` re-seals the rows in batches.
 *
 * Keyed hashes (blind indexes of document numbers and phones, QR check-in tokens, the audit witness'
 * signatures) are not re-made on rotation: they come from the MAC key (YIQI_INDEX_KEY, by default the
 * application key), which stays as it is when the encryption key rotates, so lookups keep matching.
 */
interface Keyring {
  previous: Buffer[];
  macKey: Buffer;
}
/** The other keys that go with a current application key (registered by lib/config.ts). */
const keyrings = new WeakMap<Buffer, Keyring>();

/** Tells the crypto functions which keys go with `current`: older keys to open with, the MAC key. */
export function registerKeyring(current: Buffer, previous: Buffer[], macKey: Buffer = current): void {
  keyrings.set(current, { previous, macKey });
}

const keyIds = new WeakMap<Buffer, string>();
/** A key's public fingerprint (8 hex digits), written in front of every ciphertext sealed with it. */
export function keyId(key: Buffer): string {
  let id = keyIds.get(key);
  if (!id)
    keyIds.set(
      key,
      (id = createHash('sha256').update('yiqi-key-id\u0000').update(key).digest('hex').slice(0, 8)),
    );
  return id;
}

/** The root of every keyed hash: stable across rotations of the encryption key. */
export function macKeyOf(key: Buffer): Buffer {
  return keyrings.get(key)?.macKey ?? key;
}

export function encrypt(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v2:${keyId(key)}:` + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
}

function open(key: Buffer, raw: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** Opens a ciphertext sealed with `key` or any key registered as previous to it. */
export function decrypt(key: Buffer, sealed: string): string {
  const keys = [key, ...(keyrings.get(key)?.previous ?? [])];
  if (sealed.startsWith('v2:')) {
    const id = sealed.slice(3, 11);
    const k = keys.find((x) => keyId(x) === id);
    if (!k)
      throw new Error(`ciphertext sealed with unknown key ${id}: add that key to YIQI_APP_KEYS_PREVIOUS`);
    return open(k, Buffer.from(sealed.slice(12), 'base64'));
  }
  if (!sealed.startsWith('v1:')) throw new Error('unknown ciphertext version');
  const raw = Buffer.from(sealed.slice(3), 'base64');
  for (const [i, k] of keys.entries()) {
    try {
      return open(k, raw);
    } catch (e) {
      if (i === keys.length - 1) throw e;
    }
  }
  throw new Error('no key');
}

/** True when the ciphertext is sealed with the current key (nothing for a rotation to do). */
export function sealedWith(key: Buffer, sealed: string): boolean {
  return sealed.startsWith(`v2:${keyId(key)}:`);
}

/** The same plaintext sealed with the current key, or null when it already is. */
export function reseal(key: Buffer, sealed: string): string | null {
  return sealedWith(key, sealed) ? null : encrypt(key, decrypt(key, sealed));
}

export function sha256(data: string | Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

/**
 * Keyed hash (blind index) for looking up and de-duplicating encrypted values, e.g. one person one
 * volunteer by document number. A sub-key derived from the MAC key keeps it separate from encryption;
 * `purpose` separates indexes so equal values in different fields do not match.
 */
export function blindIndex(key: Buffer, purpose: string, value: string): Buffer {
  let sub = subKeys.get(key);
  if (!sub)
    subKeys.set(key, (sub = createHmac('sha256', macKeyOf(key)).update('yiqi-blind-index-v1').digest()));
  return createHmac('sha256', sub).update(`${purpose}\u0000${value}`).digest();
}
/** Sub-keys by application key: derived once, not per value (bulk imports index 100,000s of values). */
const subKeys = new WeakMap<Buffer, Buffer>();

/**
 * HMAC-SHA256 (hex) under a sub-key of the MAC key for one purpose, so a signature made for one use (e.g.
 * the audit witness) can never be replayed as another and the key itself signs nothing directly.
 */
export function keyedMac(key: Buffer, purpose: string, data: string): string {
  const sub = createHmac('sha256', macKeyOf(key)).update(`yiqi-${purpose}-v1`).digest();
  return createHmac('sha256', sub).update(data).digest('hex');
}
