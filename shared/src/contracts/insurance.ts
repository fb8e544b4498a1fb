import { z } from 'zod';
import { DateTime, IsoDate, multilineText, RegionCode, text, Uuid } from './common.ts';

/**
 * Accident insurance (保险): a region's yearly group policy covering every registered volunteer of the
 * region subtree, or a policy for one activity covering its accepted sign-ups. Enrollment is derived, never
 * listed by hand: the lookup answers "was this volunteer covered at this instant" with the policies and, as
 * a claim's evidence, the service records and sign-ups of that time.
 */
export const POLICY_KINDS = ['region_year', 'activity'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/** A yearly group policy runs at most a year (366 days with a leap day, both ends included). */
export const GROUP_POLICY_MAX_DAYS = 366;

export const PolicyParams = z.strictObject({ id: Uuid });

export const PolicyBody = z.strictObject({
  kind: z.enum(POLICY_KINDS),
  /** The region it is entered under; for a group policy, the covered subtree. */
  region: RegionCode,
  /** Required for an activity policy, absent for a group policy. */
  activityId: Uuid.nullable().default(null),
  insurer: text(2, 80),
  policyNo: text(3, 64),
  cover: multilineText(2, 500),
  limits: text(2, 200),
  validFrom: IsoDate,
  validTo: IsoDate,
});
export type PolicyBody = z.infer<typeof PolicyBody>;

export const WithdrawBody = z.strictObject({ reason: text(2, 200) });

export const PolicyListQuery = z.strictObject({
  region: RegionCode.optional(),
  /** Only policies in force on this China calendar day. */
  on: IsoDate.optional(),
  includeWithdrawn: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const Policy = z.object({
  id: Uuid,
  kind: z.enum(POLICY_KINDS),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  activityId: z.string().nullable(),
  activityTitle: z.string().nullable(),
  insurer: z.string(),
  policyNo: z.string(),
  cover: z.string(),
  limits: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
});
export type Policy = z.infer<typeof Policy>;

export const PolicyPage = z.object({
  items: z.array(Policy),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** A policy with its derived enrollment: how many volunteers or accepted sign-ups it covers today. */
export const PolicyDetail = Policy.extend({ enrolled: z.number().int() });

export const PolicySaved = z.object({ id: Uuid });

export const CoverageQuery = z.strictObject({ at: DateTime.optional() });

export const CoveringPolicy = Policy.extend({
  /** Why it covers: the volunteer's registration in the subtree, or an accepted sign-up of the activity. */
  basis: z.enum(['registration', 'signup']),
  signupId: z.string().nullable(),
});

export const Coverage = z.object({
  at: z.string(),
  day: z.string(),
  volunteer: z.object({
    id: Uuid,
    volunteerNo: z.string(),
    name: z.string().nullable(),
    regionCode: z.string(),
  }),
  covered: z.boolean(),
  policies: z.array(CoveringPolicy),
  /** Evidence for a claim: service records of that time (confirmed or awaiting confirmation). */
  records: z.array(
    z.object({
      id: Uuid,
      activityId: z.string().nullable(),
      activityTitle: z.string(),
      serviceDate: z.string(),
      checkInAt: z.string().nullable(),
      checkOutAt: z.string().nullable(),
      minutes: z.number().int(),
      status: z.string(),
    }),
  ),
  /** Accepted sign-ups whose shift holds the instant. */
  signups: z.array(
    z.object({
      id: Uuid,
      activityId: Uuid,
      activityTitle: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      status: z.string(),
    }),
  ),
});
export type Coverage = z.infer<typeof Coverage>;
