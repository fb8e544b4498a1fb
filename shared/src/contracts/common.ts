import { z } from 'zod';
import { ERRORS } from '../errors.ts';

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERRORS) as [keyof typeof ERRORS, ...(keyof typeof ERRORS)[]]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

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
