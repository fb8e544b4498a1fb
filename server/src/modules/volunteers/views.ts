import type { z } from 'zod';
import { ageOn, type DocumentType } from '@yiqi/shared/identity/documents';
import { maskDocument, maskPhone } from '@yiqi/shared/identity/mask';
import type {
  AvailabilitySlot,
  Qualification,
  SIGN_UP_BLOCKERS,
  VolunteerRow,
  VolunteerView,
} from '@yiqi/shared/contracts/volunteers';
import type { Ctx } from '../../core/ctx.ts';
import { decrypt, encrypt } from '../../lib/crypto.ts';
import type { VolunteerRecord } from './volunteers.repository.ts';
import { iso } from '../../core/dates.ts';

/** Encrypts a personal value for storage (AES-256-GCM with the application key). */
export function seal(ctx: Pick<Ctx, 'config'>, plain: string): string {
  return encrypt(ctx.config.appKey, plain);
}

export function unseal(ctx: Pick<Ctx, 'config'>, sealed: string | null): string | null {
  return sealed === null ? null : decrypt(ctx.config.appKey, sealed);
}

export interface EmergencyContact {
  name: string;
  phone: string;
}

/** The emergency contact is one encrypted JSON value: both name and phone identify a third person. */
export function openEmergencyContact(ctx: Pick<Ctx, 'config'>, v: VolunteerRecord): EmergencyContact | null {
  const raw = unseal(ctx, v.emergency_contact_enc);
  return raw === null ? null : (JSON.parse(raw) as EmergencyContact);
}

export function ageOf(v: VolunteerRecord, today: Date): number | null {
  return v.birth_iso ? ageOn(v.birth_iso, today) : null;
}

type Blocker = (typeof SIGN_UP_BLOCKERS)[number];

/**
 * Why a volunteer may not sign up for activities yet: a minor needs a guardian's consent on record,
 * and everyone needs a verified real name (a passing checksum is not verification).
 */
export function signUpBlockers(v: VolunteerRecord, today: Date): Blocker[] {
  if (v.status === 'closed') return ['closed'];
  const out: Blocker[] = [];
  const age = ageOf(v, today);
  if (age !== null && age < 18 && (!v.guardian_name || !v.guardian_consent_at))
    out.push('guardian_consent_required');
  if (v.verification_status !== 'verified') out.push('real_name_unverified');
  return out;
}

function masked(ctx: Pick<Ctx, 'config'>, v: VolunteerRecord) {
  const doc = unseal(ctx, v.doc_number_enc);
  const phone = unseal(ctx, v.phone_enc);
  return { docNumberMasked: doc && maskDocument(doc), phoneMasked: phone && maskPhone(phone) };
}

/** One row of an admin list: masked document and phone. */
export function toRow(ctx: Pick<Ctx, 'config' | 'clock'>, v: VolunteerRecord): z.infer<typeof VolunteerRow> {
  return {
    id: v.id,
    volunteerNo: v.volunteer_no,
    name: v.name ?? '',
    gender: v.gender,
    age: ageOf(v, ctx.clock()),
    docType: v.doc_type as DocumentType | null,
    ...masked(ctx, v),
    regionCode: v.region_code,
    regionName: v.region_name,
    verificationStatus: v.verification_status,
    categories: v.categories,
    createdAt: iso(v.created_at)!,
  };
}

/**
 * The full profile, masked: what the volunteer and the admins of their region see. The qualifications once
 * typed on the profile (unverified) are the volunteer's own reading only (`self`): staff decide on the
 * qualification records, which carry evidence (docs/decisions/0069).
 */
export function toView(
  ctx: Pick<Ctx, 'config' | 'clock'>,
  v: VolunteerRecord,
  audience: 'self' | 'staff' = 'staff',
): VolunteerView {
  const today = ctx.clock();
  const age = ageOf(v, today);
  const blockers = signUpBlockers(v, today);
  const guardianPhone = unseal(ctx, v.guardian_phone_enc);
  const contact = openEmergencyContact(ctx, v);
  return {
    id: v.id,
    volunteerNo: v.volunteer_no,
    name: v.name ?? '',
    gender: v.gender,
    birthDate: v.birth_iso,
    age,
    docType: v.doc_type as DocumentType | null,
    ...masked(ctx, v),
    regionCode: v.region_code,
    regionName: v.region_name,
    verification: {
      status: v.verification_status,
      method: v.verification_method,
      verifiedAt: iso(v.verified_at),
      note: v.verification_note,
    },
    guardian: v.guardian_name
      ? {
          name: v.guardian_name,
          relation: v.guardian_relation ?? '',
          phoneMasked: guardianPhone && maskPhone(guardianPhone),
          consentAt: iso(v.guardian_consent_at),
          registeredByGuardian: v.registered_by_guardian,
        }
      : null,
    skills: v.skills,
    declaredQualifications: audience === 'self' ? (v.qualifications as z.infer<typeof Qualification>[]) : [],
    categories: v.categories,
    serviceRegions: v.service_regions,
    availability: v.availability as z.infer<typeof AvailabilitySlot>[],
    languages: v.languages,
    emergencyContact: contact ? { name: contact.name, phoneMasked: maskPhone(contact.phone) } : null,
    isMinor: age !== null && age < 18,
    canSignUp: blockers.length === 0,
    signUpBlockers: blockers,
    hasAccount: v.user_id !== null,
    registeredByOrg: v.registered_by_org,
    status: v.status,
    createdAt: iso(v.created_at)!,
  };
}
