import { z } from 'zod';
import { ERRORS } from '../errors.ts';

/**
 * The shape of every error answer (the server's response schema for 4xx and 5xx). Its own file, not in
 * common.ts: the enum lists every error code, and the web, which imports common.ts for its text and page
 * schemas, would otherwise carry the whole error table (all messages in three languages) on every page.
 */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERRORS) as [keyof typeof ERRORS, ...(keyof typeof ERRORS)[]]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
