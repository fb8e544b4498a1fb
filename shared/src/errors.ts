import type { Locale } from './i18n.ts';
import * as tables from './error-tables.ts';

type Tables = (typeof tables)[keyof typeof tables];
type Joined<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The domain tables ERRORS is made of (error-tables.ts), for the test that no code is defined twice. */
export const ERROR_TABLES: readonly Tables[] = Object.values(tables);

/**
 * Every error the API can return: code → HTTP status and message in each language.
 * The web shows messages by code, so this one table is the whole vocabulary of failures.
 */
export const ERRORS = Object.freeze(Object.assign({}, ...ERROR_TABLES)) as Readonly<Joined<Tables>>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return ERRORS[code].text[locale];
}
