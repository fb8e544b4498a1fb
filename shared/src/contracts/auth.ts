import { z } from 'zod';
import { LOCALES } from '../i18n.ts';
import { ROLES, SCOPE_TYPES } from '../roles.ts';
import { Password, text } from './common.ts';

export const LoginBody = z.strictObject({
  username: text(1, 64),
  password: Password,
});

export const RoleGrantView = z.object({
  id: z.uuid(),
  role: z.enum(ROLES),
  scopeType: z.enum(SCOPE_TYPES),
  scopeId: z.string(),
  scopeName: z.string(),
  /** Level of the scope region (for organizations: of the organization's region). */
  scopeLevel: z.number().int(),
});

export const MeView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  locale: z.enum(LOCALES),
  roles: z.array(RoleGrantView),
  isStaff: z.boolean(),
  mfa: z.object({ enrolled: z.boolean(), verified: z.boolean() }),
});
export type MeView = z.infer<typeof MeView>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: Password,
  newPassword: Password,
});

export const TotpSetupView = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export const TotpCodeBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, '6 digits') });
export const LocaleBody = z.strictObject({ locale: z.enum(LOCALES) });
