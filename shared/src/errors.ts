import type { Locale } from './i18n.ts';
import { ACTIVITY_ERRORS } from './errors/activities.ts';
import { CERTIFICATE_ERRORS } from './errors/certificates.ts';
import { COMMON_ERRORS } from './errors/common.ts';
import { IMPORT_ERRORS } from './errors/imports.ts';
import { ORGANIZATION_ERRORS } from './errors/organizations.ts';
import { RECORD_ERRORS } from './errors/records.ts';
import { RECOVERY_ERRORS } from './errors/recovery.ts';
import { VOLUNTEER_ERRORS } from './errors/volunteers.ts';

/**
 * Every error the API can return: code → HTTP status and message in each language.
 * The web shows messages by code, so this one table is the whole vocabulary of failures.
 */
export const ERRORS = {
  ...COMMON_ERRORS,
  ...ORGANIZATION_ERRORS,
  ...VOLUNTEER_ERRORS,
  ...IMPORT_ERRORS,
  ...ACTIVITY_ERRORS,
  ...RECORD_ERRORS,
  ...CERTIFICATE_ERRORS,
  ...RECOVERY_ERRORS,
} as const;

/** The domain tables ERRORS is made of, for the test that no code is defined twice. */
export const ERROR_TABLES = [
  COMMON_ERRORS,
  ORGANIZATION_ERRORS,
  VOLUNTEER_ERRORS,
  IMPORT_ERRORS,
  ACTIVITY_ERRORS,
  RECORD_ERRORS,
  CERTIFICATE_ERRORS,
  RECOVERY_ERRORS,
];

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return ERRORS[code].text[locale];
}
