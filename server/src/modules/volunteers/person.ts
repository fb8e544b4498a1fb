import type { z } from 'zod';
import {
  ageOn,
  checkDocument,
  chinaDay,
  type DocumentProblem,
  type DocumentType,
} from '@yiqi/shared/identity/documents';
import type { GuardianInput } from '@yiqi/shared/contracts/volunteers';
import type { Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { blindIndex } from '../../lib/crypto.ts';
import { phoneIndex } from '../auth/auth.service.ts';
import * as repo from './volunteers.repository.ts';
import { findRegion } from '../regions/regions.service.ts';
import { seal } from './views.ts';

/** Checks on the personal record shared by registration and later corrections. */

export interface Identity {
  docType: DocumentType;
  /** Normalised (upper case, no spaces). */
  number: string;
  birthDate: string;
  gender: 'male' | 'female';
}

/** Keyed hash of a document: one person, one volunteer, without storing the number in clear. */
export function docIndex(ctx: Pick<Ctx, 'config'>, docType: DocumentType, number: string): Buffer {
  return blindIndex(ctx.config.appKey, 'doc', `${docType}:${number}`);
}

const DOCUMENT_ERRORS = {
  FORMAT: 'DOCUMENT_FORMAT',
  CHECKSUM: 'DOCUMENT_CHECKSUM',
  BIRTH_DATE: 'DOCUMENT_BIRTH_DATE',
  PREFIX: 'DOCUMENT_PREFIX',
  REGION: 'DOCUMENT_REGION',
} as const satisfies Record<DocumentProblem, string>;

function isRealPastDate(s: string, today: Date): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  // A birth date may be today in China while UTC is still on the day before.
  return (
    !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && s <= chinaDay(today) && s >= '1900-01-01'
  );
}

/**
 * Checks a document number for its type and settles birth date and gender: 18-character numbers carry
 * them (inputs, when given, must agree), other documents need them as inputs.
 */
export function checkIdentity(
  ctx: Pick<Ctx, 'clock'>,
  docType: DocumentType,
  rawNumber: string,
  birthDate: string | undefined,
  gender: 'male' | 'female' | undefined,
): Identity {
  const today = ctx.clock();
  const c = checkDocument(docType, rawNumber, today);
  if (!c.ok) throw new DomainError(DOCUMENT_ERRORS[c.problem ?? 'FORMAT']);
  if (c.birthDate && c.gender) {
    if ((birthDate && birthDate !== c.birthDate) || (gender && gender !== c.gender))
      throw new DomainError('VALIDATION_FAILED', {
        birthDate: 'birth date and gender must match the document number',
      });
    return { docType, number: c.number, birthDate: c.birthDate, gender: c.gender };
  }
  if (!birthDate || !gender || !isRealPastDate(birthDate, today))
    throw new DomainError('BIRTH_DATE_REQUIRED');
  return { docType, number: c.number, birthDate, gender };
}

export async function checkRegion(ctx: Ctx, code: string): Promise<void> {
  if (!(await findRegion(ctx.db, code))) throw new DomainError('REGION_NOT_FOUND');
}

/** A consent time may not lie in the future (a minute of clock skew aside). */
export function checkPastInstant(ctx: Pick<Ctx, 'clock'>, at: string, field: string): Date {
  const d = new Date(at);
  if (d.getTime() > ctx.clock().getTime() + 60_000)
    throw new DomainError('VALIDATION_FAILED', { [field]: 'must not be in the future' });
  return d;
}

type Guardian = z.infer<typeof GuardianInput>;

/** Column values for a guardian block; the guardian's phone is encrypted like the volunteer's. */
export function guardianColumns(ctx: Pick<Ctx, 'config' | 'clock'>, g: Guardian | null) {
  return {
    guardian_name: g?.name ?? null,
    guardian_relation: g?.relation ?? null,
    guardian_phone_enc: g ? seal(ctx, g.phone) : null,
    guardian_consent_at: g ? checkPastInstant(ctx, g.consentAt, 'guardian.consentAt') : null,
    guardian_evidence: g?.evidence ?? null,
    registered_by_guardian: g?.registeredByGuardian ?? false,
  };
}

/**
 * Minors (DOMAIN.md): under 14 a guardian registers them — online only with the guardian filling in the
 * form, on someone's behalf only with the guardian's consent on record. 14–17 may register themselves;
 * they cannot sign up for anything until a guardian's consent is on record (see views.signUpBlockers).
 */
export function checkMinorRule(
  ctx: Pick<Ctx, 'clock'>,
  birthDate: string,
  guardian: Guardian | undefined,
  mode: 'self' | 'on_behalf',
) {
  const age = ageOn(birthDate, ctx.clock());
  if (age >= 14) return;
  if (mode === 'self' && !guardian?.registeredByGuardian)
    throw new DomainError('MINOR_NEEDS_GUARDIAN_REGISTRATION');
  if (mode === 'on_behalf' && !guardian) throw new DomainError('GUARDIAN_REQUIRED');
}

export interface PersonInput {
  phone: string;
  name: string;
  docType: DocumentType;
  docNumber: string;
  birthDate?: string | undefined;
  gender?: 'male' | 'female' | undefined;
  regionCode: string;
  privacyNoticeVersion: string;
  guardian?: Guardian | undefined;
}

/** Validates a registration's personal record and returns its columns, encrypted where personal. */
export async function preparePerson(ctx: Ctx, input: PersonInput, mode: 'self' | 'on_behalf') {
  const { columns, taken } = await checkPerson(ctx, input, mode);
  if (taken) throw new DomainError('VOLUNTEER_EXISTS');
  return columns;
}

/**
 * The checks of preparePerson, telling whether the document is already on record instead of refusing:
 * anonymous self-registration must not reveal that (it answers the same and notifies the person).
 */
export async function checkPerson(ctx: Ctx, input: PersonInput, mode: 'self' | 'on_behalf') {
  const id = checkIdentity(ctx, input.docType, input.docNumber, input.birthDate, input.gender);
  checkMinorRule(ctx, id.birthDate, input.guardian, mode);
  await checkRegion(ctx, input.regionCode);
  const docBidx = docIndex(ctx, id.docType, id.number);
  const taken = await repo.docIndexTaken(ctx.db, docBidx);
  return { columns: personColumns(ctx, id, input, docBidx), taken };
}

/**
 * The columns of a checked personal record, encrypted where personal (no database access: bulk imports
 * check a whole file first, then build rows with this).
 */
export function personColumns(
  ctx: Pick<Ctx, 'config' | 'clock'>,
  id: Identity,
  input: Pick<PersonInput, 'name' | 'phone' | 'regionCode' | 'guardian'> & {
    privacyNoticeVersion: string | null;
  },
  docBidx: Buffer = docIndex(ctx, id.docType, id.number),
) {
  return {
    name: input.name,
    gender: id.gender,
    birth_date: id.birthDate,
    doc_type: id.docType,
    doc_number_enc: seal(ctx, id.number),
    doc_bidx: docBidx,
    phone_enc: seal(ctx, input.phone),
    phone_bidx: phoneIndex(ctx, input.phone),
    region_code: input.regionCode,
    privacy_notice_version: input.privacyNoticeVersion,
    ...guardianColumns(ctx, input.guardian ?? null),
  };
}
