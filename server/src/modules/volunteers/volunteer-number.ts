import { randomInt } from 'node:crypto';

/**
 * Public volunteer numbers: the 6-digit district prefix of the residence region, 7 random digits and a
 * Luhn check digit (ISO/IEC 7812), 14 digits in all. Luhn rather than ISO 7064 MOD 11-2 because its
 * check is always a digit (no "X"), so the number reads aloud and types on a phone keypad; it still
 * catches every single-digit slip and most swaps of neighbours. Random, not sequential, so a number
 * tells nothing about when or in what order someone registered, and is never derived from the ID number.
 */
export function newVolunteerNumber(regionCode: string): string {
  const body = regionCode.slice(0, 6) + String(randomInt(0, 10_000_000)).padStart(7, '0');
  return body + luhnDigit(body);
}

/** The Luhn check digit for a string of digits. */
export function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Doubling starts with the rightmost digit of the body (it sits next to the check digit).
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** True for a well-formed volunteer number with a correct check digit. */
export function isVolunteerNumber(s: string): boolean {
  return /^\d{14}$/.test(s) && luhnDigit(s.slice(0, 13)) === s[13];
}
