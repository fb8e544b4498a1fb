import { z } from 'zod';
import { ROLES, SCOPE_TYPES } from '../roles.ts';
import { pageOf, RegionCode, text } from './common.ts';

export const GrantBody = z.strictObject({
  username: text(1, 64),
  role: z.enum(ROLES),
  scopeType: z.enum(SCOPE_TYPES),
  /** A 12-digit region code or an organization id. */
  scopeId: text(1, 64),
});

export const GrantListQuery = z.strictObject({
  region: RegionCode,
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const GrantRow = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scopeType: z.enum(SCOPE_TYPES),
  scopeId: z.string(),
  scopeName: z.string(),
  grantedBy: z.string().nullable(),
  grantedAt: z.string(),
});
export const GrantPage = pageOf(GrantRow);
export const GrantParams = z.strictObject({ id: z.uuid() });
