/**
 * The one place numbers that people type or paste are brought to their stored form, used by the zod
 * contracts (every JSON input) and by the import columns (every Excel cell), so "138 0013 8000",
 * "+86 138-0013-8000" and "１３８００１３８０００" are one phone, and "４４０３…ｘ" one ID number.
 *
 * NFKC turns full-width digits and letters (a Chinese input method's default) into ASCII; spaces (also
 * the ideographic space U+3000) and dashes of every width are separators people add for reading.
 */

/** Spaces and the dashes and hyphens people put between groups of digits. */
const SEPARATORS = /[\s\u00a0\u3000\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;

function compact(raw: string): string {
  return raw.normalize('NFKC').replace(SEPARATORS, '');
}

/**
 * A phone number: separators and brackets dropped; a mainland mobile written with its country code
 * (+86, 0086 or 86 before the 11 digits) loses the prefix. Anything else (a landline, an overseas number)
 * is only compacted and left to the contract's pattern.
 */
export function normalizePhone(raw: string): string {
  const s = compact(raw).replace(/[()]/g, '');
  const mobile = /^(?:\+86|0086|86)(1[3-9]\d{9})$/.exec(s);
  return mobile ? mobile[1]! : s;
}

/** A document number: compacted, letters upper case (the ID number's check character x → X). */
export function normalizeDocNumber(raw: string): string {
  return compact(raw).toUpperCase();
}

/** A unified social credit code (GB 32100): compacted, upper case. */
export function normalizeUscc(raw: string): string {
  return compact(raw).toUpperCase();
}
