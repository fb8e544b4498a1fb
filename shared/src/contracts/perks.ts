import { z } from 'zod';
import { IsoDate, multilineText, RegionCode, text } from './common.ts';
import { BADGES } from '../stars/levels.ts';

/**
 * Perks (激励回馈): partners and their staff, perks by star level or hours, one-time redemption codes, and the
 * digital volunteer card with a QR code partners verify without seeing personal data.
 */
export const PARTNER_KINDS = ['scenic_spot', 'merchant', 'public_service'] as const;
export const LIMIT_PERIODS = ['day', 'month', 'year', 'total'] as const;
/** A perk code is shown for this long; the card's code for CARD_CODE_SECONDS. */
export const PERK_CODE_SECONDS = 120;
export const CARD_CODE_SECONDS = 600;

export const IdParams = z.strictObject({ id: z.uuid() });
export const PartnerBody = z.strictObject({
  region: RegionCode,
  name: text(1, 100),
  kind: z.enum(PARTNER_KINDS),
  address: text(1, 200).optional(),
});
export const Partner = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(PARTNER_KINDS),
  regionCode: z.string(),
  address: z.string().nullable(),
  status: z.enum(['active', 'suspended']),
  staff: z.number().int(),
  perks: z.number().int(),
});
export const PartnerList = z.object({ items: z.array(Partner) });
export const PartnerQuery = z.strictObject({ region: RegionCode.optional() });
export const StaffBody = z.strictObject({ username: text(1, 64) });

export const PerkBody = z.strictObject({
  title: text(1, 100),
  description: multilineText(1, 1000).optional(),
  minStar: z.number().int().min(0).max(5),
  minHours: z.number().int().min(0).max(100000),
  /** Percent off for 0..5 stars (100 = free). */
  discounts: z.array(z.number().int().min(0).max(100)).length(6),
  validFrom: IsoDate,
  validUntil: IsoDate,
  quotaTotal: z.number().int().min(1).max(10_000_000).nullable(),
  perPersonLimit: z.number().int().min(1).max(1000),
  limitPeriod: z.enum(LIMIT_PERIODS),
});
export const Perk = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  partnerName: z.string(),
  partnerKind: z.enum(PARTNER_KINDS),
  title: z.string(),
  description: z.string().nullable(),
  minStar: z.number().int(),
  minHours: z.number().int(),
  discounts: z.array(z.number().int()),
  validFrom: z.string(),
  validUntil: z.string(),
  quotaTotal: z.number().int().nullable(),
  quotaUsed: z.number().int(),
  perPersonLimit: z.number().int(),
  limitPeriod: z.enum(LIMIT_PERIODS),
  status: z.enum(['active', 'ended']),
});
export const PerkList = z.object({ items: z.array(Perk) });
export const MyPerk = Perk.extend({
  eligible: z.boolean(),
  /** Percent off at my level (null when not eligible). */
  myDiscount: z.number().int().nullable(),
  usedThisPeriod: z.number().int(),
});
export const MyPerkList = z.object({
  starLevel: z.number().int(),
  hours: z.number(),
  items: z.array(MyPerk),
});
export const PerkCode = z.object({ code: z.string(), expiresAt: z.string() });

export const CodeBody = z.strictObject({ code: text(1, 400) });
export const CodeCheck = z.object({
  perkTitle: z.string(),
  maskedName: z.string(),
  starLevel: z.number().int(),
  discount: z.number().int(),
  expiresAt: z.string(),
});
export const Redemption = CodeCheck.extend({ id: z.uuid(), redeemedAt: z.string() });
export const DeskList = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.enum(PARTNER_KINDS) })),
});

export const VolunteerCard = z.object({
  name: z.string(),
  volunteerNo: z.string(),
  starLevel: z.number().int(),
  badges: z.array(z.enum(BADGES)),
  hours: z.number(),
  code: z.string(),
  expiresAt: z.string(),
});
export const CardVerifyQuery = z.strictObject({ code: text(1, 400) });
export const CardCheck = z.object({
  valid: z.boolean(),
  maskedName: z.string().nullable(),
  starLevel: z.number().int().nullable(),
});
