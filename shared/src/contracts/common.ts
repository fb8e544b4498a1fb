import { z } from 'zod';
import { normalizeDocNumber, normalizePhone } from '../identity/normalize.ts';

export const OkSchema = z.object({ ok: z.literal(true) });

/** Page query shared by every list: 1-based page, bounded size. */
export const PageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const RegionCode = z.string().regex(/^\d{12}$/, '12 digits');
export const Uuid = z.uuid();

/*
 * The building blocks of every text and date field a caller sends. A NUL cannot be stored by PostgreSQL
 * (22P05 / 22021) and no other control character is ever typed on purpose (they corrupt exports, logs and
 * the certificate PDF), so text refuses them all: one-line text also refuses line breaks and tabs,
 * multi-line text keeps \t, \n and \r. The C1 range (U+0080–U+009F) is refused as well: it only appears
 * when bytes were decoded with the wrong encoding.
 */
const ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f]*$/;
const MULTI_LINE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/;
const NO_NUL = /^[^\u0000]*$/;

/** One line of text as typed: trimmed, `min` to `max` characters, no control characters. */
export function text(min: number, max: number) {
  return z.string().trim().min(min).max(max).regex(ONE_LINE, 'no control characters or line breaks');
}

/** Multi-line text (descriptions, content, comments): trimmed, bounded, tabs and line breaks allowed. */
export function multilineText(min: number, max: number) {
  return z.string().trim().min(min).max(max).regex(MULTI_LINE, 'no control characters');
}

/**
 * A password as typed: not trimmed (spaces are part of it) and never stored as text, but a NUL is still
 * refused so that no code path (hashing, logging) has to think about it.
 */
export const Password = z.string().min(1).max(256).regex(NO_NUL, 'no NUL character');

/** Base64 of an uploaded file, bounded in characters. */
export function base64(min: number, max: number) {
  return z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64');
}

/**
 * A calendar day, YYYY-MM-DD, that exists: zod's ISO date knows the length of each month and leap years
 * (2026-02-29 and 2026-02-30 are refused, not left to PostgreSQL to fail on). Years start at 1900: no
 * service, birth or document date is older, and PostgreSQL has no year 0.
 */
export const IsoDate = z.iso.date('YYYY-MM-DD, a calendar day').refine((d) => d >= '1900-01-01', 'from 1900');

/** An instant with its UTC offset (or Z), on a real calendar day and from 1900 on. */
export const DateTime = z.iso
  .datetime({ offset: true, message: 'ISO 8601 date and time with offset' })
  .refine((d) => d >= '1900-01-01', 'from 1900');

/** Mainland mobile number, 11 digits (spaces, dashes, +86 and full-width digits are normalised away). */
export const MobilePhone = text(1, 32)
  .overwrite(normalizePhone)
  .regex(/^1[3-9]\d{9}$/, 'mainland mobile number');

/** A document number as typed: full-width characters, spaces and dashes normalised, letters upper case. */
export const DocNumber = text(1, 40).overwrite(normalizeDocNumber).max(32);
