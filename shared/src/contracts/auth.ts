import { z } from 'zod';
import { LOCALES } from '../i18n.ts';
import { ROLES, SCOPE_TYPES } from '../roles.ts';
import { DOCUMENT_TYPES } from '../identity/documents.ts';
import { DocNumber, MobilePhone, Password, text } from './common.ts';

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

/* Account claim (首次登录), forgotten password and registration by a one-time code to the phone on record. */

/** A one-time code sent by text message. */
export const OtpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, '6 digits');

/**
 * A chosen user name: starts with a letter (so it can never be read as a phone number at sign-in),
 * letters, digits, dot, dash, underscore; stored in lower case.
 */
export const ChosenUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '3–32 letters, digits, . _ -, starting with a letter');

/** The same answer for every code request, whether or not anyone matched. */
export const CodeSentView = z.object({ codeSent: z.literal(true) });

const ClaimIdentifier = {
  /** Either the document (type and number) … */
  docType: z.enum(DOCUMENT_TYPES).optional(),
  docNumber: DocNumber.optional(),
  /** … or the mobile number on record. */
  phone: MobilePhone.optional(),
};
const oneIdentifier = (b: { docType?: unknown; docNumber?: unknown; phone?: unknown }) =>
  b.phone !== undefined ? b.docType === undefined && b.docNumber === undefined : !!b.docType && !!b.docNumber;
const oneIdentifierMessage = { message: 'give either docType and docNumber, or phone', path: ['phone'] };

export const ClaimRequestBody = z.strictObject(ClaimIdentifier).refine(oneIdentifier, oneIdentifierMessage);

export const ClaimConfirmBody = z
  .strictObject({
    ...ClaimIdentifier,
    code: OtpCode,
    username: ChosenUsername,
    password: Password,
  })
  .refine(oneIdentifier, oneIdentifierMessage);

/** User name or mobile number, as at sign-in. */
export const ResetRequestBody = z.strictObject({ identifier: text(1, 64) });

export const ResetConfirmBody = z.strictObject({
  identifier: text(1, 64),
  code: OtpCode,
  newPassword: Password,
});
