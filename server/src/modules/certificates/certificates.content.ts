import { randomBytes } from 'node:crypto';
import { sha256 } from '../../lib/crypto.ts';

/** One certified record as it is hashed and printed. */
export interface CertifiedRecord {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  title: string;
  content: string;
  minutes: number;
}

/** Records in certificate order: by service date, then id (so the order never depends on the database). */
export function inCertificateOrder<T extends CertifiedRecord>(records: T[]): T[] {
  return [...records].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

/**
 * The canonical serialisation a certificate's hash covers: a version tag, the volunteer number, then each
 * record as [id, date, activity title, content, minutes] in certificate order. JSON of arrays only (no
 * object keys whose order could vary), UTF-8; the hash is SHA-256 in lower-case hex.
 */
export function canonicalContent(volunteerNo: string, records: CertifiedRecord[]): string {
  return JSON.stringify([
    'yiqi-certificate-v1',
    volunteerNo,
    inCertificateOrder(records).map((r) => [r.id, r.date, r.title, r.content, r.minutes]),
  ]);
}

export function contentHash(volunteerNo: string, records: CertifiedRecord[]): string {
  return sha256(canonicalContent(volunteerNo, records)).toString('hex');
}

/** Crockford base32: no I, L, O or U. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** YQ-<year>-<10 random base32 characters>: 50 random bits, so numbers cannot be guessed in bulk. */
export function newCertificateNumber(year: string): string {
  const bytes = randomBytes(10);
  let s = '';
  for (const b of bytes) s += ALPHABET[b & 31];
  return `YQ-${year}-${s}`;
}

/** Hours to two decimals, as records show them; a total is computed from minutes, never summed hours. */
export const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
