import type { ServiceCategory } from '@yiqi/shared/categories';
import type { DocumentType } from '@yiqi/shared/identity/documents';
import type { OrgStatus, OrgType } from '@yiqi/shared/contracts/organizations';

/**
 * The codes the national export writes instead of Yiqi's internal names (docs/national-export.md shows
 * every table; a test keeps the two the same). Gender follows GB/T 2261.1; region codes are the 12-digit
 * statistical division codes and unit codes the USCC (GB 32100). For the other tables no official code
 * list of the national volunteer information system was available to us, so these are Yiqi's own
 * exchange codes: stable, never reused, and this file is the one place to change when the national
 * system's code tables are provided.
 */
export const NATIONAL_CODES = {
  gender: { male: '1', female: '2' },
  category: {
    community: '01',
    poverty_relief: '02',
    education: '03',
    health: '04',
    legal: '05',
    environment: '06',
    science: '07',
    culture_arts: '08',
    public_safety: '09',
    civility: '10',
    traffic: '11',
    firefighting: '12',
    emergency_rescue: '13',
    drug_prevention: '14',
    sports: '15',
    tourism: '16',
    special_groups: '17',
    large_events: '18',
    overseas: '19',
    tax: '20',
    epidemic_prevention: '21',
    other: '99',
  } satisfies Record<ServiceCategory, string>,
  docType: {
    mainland_id: '01',
    hk_residence_permit: '02',
    mo_residence_permit: '03',
    tw_residence_permit: '04',
    home_return_permit: '05',
    taiwan_compatriot_permit: '06',
    passport: '07',
    foreign_permanent_residence: '08',
  } satisfies Record<DocumentType, string>,
  verificationStatus: { unverified: '0', pending: '1', verified: '2', rejected: '3' },
  orgType: {
    social_group: '01',
    social_service_institution: '02',
    foundation: '03',
    other: '08',
    unregistered_team: '09',
  } satisfies Record<OrgType, string>,
  orgStatus: { pending: '1', approved: '2', rejected: '3', dissolved: '4' } satisfies Record<
    OrgStatus,
    string
  >,
  activityStatus: { published: '1', closed: '2', cancelled: '3' },
  /** What a line of the person's record is: service hours, training, award or evaluation (记录办法). */
  recordKind: { service: '1', training: '2', award: '3', evaluation: '4' },
  grantType: { organization: '1', government: '2', other_verified: '3' },
  quality: { excellent: '1', good: '2', fair: '3', poor: '4' },
  certificateStatus: { issued: '1', revoked: '2' },
  certificateScope: { all: '1', period: '2', activities: '3' },
} as const;

export type CodeTable = keyof typeof NATIONAL_CODES;

/**
 * The national code of an internal value; null stays null (an empty cell). An internal value with no code
 * is a programming error (a new value added without its code), so it fails loudly instead of leaking a slug.
 */
export function nationalCode(table: CodeTable, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const code = (NATIONAL_CODES[table] as Record<string, string>)[value];
  if (code === undefined) throw new Error(`national export: no ${table} code for "${value}"`);
  return code;
}
