import type { Text } from '../i18n.ts';
import { normalizeDocNumber } from './normalize.ts';

/** Identity document types accepted for real-name registration. */
export const DOCUMENT_TYPES = [
  'mainland_id',
  'hk_residence_permit',
  'mo_residence_permit',
  'tw_residence_permit',
  'home_return_permit',
  'taiwan_compatriot_permit',
  'passport',
  'foreign_permanent_residence',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_NAMES: Record<DocumentType, Text> = {
  mainland_id: { 'zh-CN': '居民身份证', 'zh-HK': '居民身份證', en: 'Mainland ID card' },
  hk_residence_permit: {
    'zh-CN': '港澳台居民居住证（香港）',
    'zh-HK': '港澳台居民居住證（香港）',
    en: 'Residence permit (Hong Kong)',
  },
  mo_residence_permit: {
    'zh-CN': '港澳台居民居住证（澳门）',
    'zh-HK': '港澳台居民居住證（澳門）',
    en: 'Residence permit (Macau)',
  },
  tw_residence_permit: {
    'zh-CN': '港澳台居民居住证（台湾）',
    'zh-HK': '港澳台居民居住證（台灣）',
    en: 'Residence permit (Taiwan)',
  },
  home_return_permit: {
    'zh-CN': '港澳居民来往内地通行证',
    'zh-HK': '港澳居民來往內地通行證',
    en: 'Home-return permit',
  },
  taiwan_compatriot_permit: {
    'zh-CN': '台湾居民来往大陆通行证',
    'zh-HK': '台灣居民來往大陸通行證',
    en: 'Taiwan compatriot permit',
  },
  passport: { 'zh-CN': '护照', 'zh-HK': '護照', en: 'Passport' },
  foreign_permanent_residence: {
    'zh-CN': '外国人永久居留身份证',
    'zh-HK': '外國人永久居留身份證',
    en: "Foreigner's permanent residence card",
  },
};

export type DocumentProblem = 'FORMAT' | 'CHECKSUM' | 'BIRTH_DATE' | 'PREFIX' | 'REGION';

export interface DocumentCheck {
  ok: boolean;
  problem?: DocumentProblem;
  /** Normalised number (upper case, no spaces). */
  number: string;
  /** Derived from an 18-character ID or residence permit. */
  birthDate?: string;
  gender?: 'male' | 'female';
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/**
 * The calendar day in China (UTC+8, no daylight saving since 1991) at an instant: birthdays and ages turn
 * at midnight in China, not at midnight UTC (08:00 there).
 */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** YYYYMMDD → ISO date when it is a real calendar date not after today in China and not before 1900. */
function realDate(yyyymmdd: string, today: Date): string | undefined {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (y < 1900 || iso > chinaDay(today)) return undefined;
  return iso;
}

/**
 * Province-level codes of GB/T 2260 (the first two digits of an address code): 11–15 north, 21–23
 * north-east, 31–37 east, 41–46 central-south, 50–54 south-west, 61–65 north-west, 71 Taiwan, 81 Hong
 * Kong, 82 Macau, and 83 for Taiwan residents' residence permits (830000).
 */
const PROVINCES = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])/;

/**
 * The address code (first six digits) must name a real province and not be 000000. Codes below the
 * province are not checked against a list: counties are merged and renamed over the years and an ID
 * keeps the code of where it was first issued.
 */
function realAddress(number: string): boolean {
  return !number.startsWith('000000') && PROVINCES.test(number);
}

function checkEighteen(number: string, today: Date, prefix?: string, address = true): DocumentCheck {
  if (!/^\d{17}[\dX]$/.test(number)) return { ok: false, problem: 'FORMAT', number };
  if (prefix && !number.startsWith(prefix)) return { ok: false, problem: 'PREFIX', number };
  if (address && !realAddress(number)) return { ok: false, problem: 'REGION', number };
  const birthDate = realDate(number.slice(6, 14), today);
  if (!birthDate) return { ok: false, problem: 'BIRTH_DATE', number };
  if (idCheckChar(number.slice(0, 17)) !== number[17]) return { ok: false, problem: 'CHECKSUM', number };
  return { ok: true, number, birthDate, gender: Number(number[16]) % 2 === 1 ? 'male' : 'female' };
}

/** Checks a document number's format (and checksum where there is one); never a substitute for verification. */
export function checkDocument(type: DocumentType, raw: string, today: Date = new Date()): DocumentCheck {
  const number = normalizeDocNumber(raw);
  const fmt = (re: RegExp): DocumentCheck =>
    re.test(number) ? { ok: true, number } : { ok: false, problem: 'FORMAT', number };
  switch (type) {
    case 'mainland_id': {
      const r = checkEighteen(number, today);
      // 81/82/83 prefixes are residence permits, not mainland ID cards.
      if (r.ok && /^8[123]/.test(number)) return { ok: false, problem: 'PREFIX', number };
      return r;
    }
    case 'hk_residence_permit':
      return checkEighteen(number, today, '810000');
    case 'mo_residence_permit':
      return checkEighteen(number, today, '820000');
    case 'tw_residence_permit':
      return checkEighteen(number, today, '830000');
    case 'home_return_permit':
      return fmt(/^[HM](\d{8}|\d{10})$/);
    case 'taiwan_compatriot_permit':
      return fmt(/^\d{8}$/);
    case 'passport':
      return fmt(/^[A-Z0-9]{5,17}$/);
    case 'foreign_permanent_residence':
      // 2017 format: 15 characters (3 letters + 12 digits); 2023 format: 18 characters starting with 9.
      return /^9\d{16}[\dX]$/.test(number)
        ? checkEighteen(number, today, undefined, false)
        : fmt(/^[A-Z]{3}\d{12}$/);
  }
}

/** Whole years of age at the instant `today` for a birth date (YYYY-MM-DD), counted on China's calendar. */
export function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = chinaDay(today).split('-').map(Number) as [number, number, number];
  let age = ty - y;
  if (tm < m || (tm === m && td < d)) age--;
  return age;
}
