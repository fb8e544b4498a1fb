import type { z } from 'zod';
import type { RegisterBody, RegisterOnBehalfBody, VolunteerView } from '@yiqi/shared/contracts/volunteers';
import type { MeView } from '@yiqi/shared/contracts/auth';
import { actorOf, type Ctx } from '../../http/context.ts';
import { DomainError } from '../../http/domain-error.ts';
import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertActiveOrg } from '../organizations/org-status.ts';
import * as auth from '../auth/auth.service.ts';
import { findUserByPhoneIndex } from '../auth/auth.repository.ts';
import { hashPassword, isStrongPassword } from '../auth/password.ts';
import * as repo from './volunteers.repository.ts';
import { checkPastInstant, personColumns, preparePerson, uniqueViolation, type Identity } from './person.ts';
import { newVolunteerNumber } from './volunteer-number.ts';
import { toView } from './views.ts';

/** A number not yet given to anyone; numbers are never reused because volunteer rows are never deleted. */
async function freeNumber(db: Database, regionCode: string): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const no = newVolunteerNumber(regionCode);
    if (!(await repo.volunteerNumberTaken(db, no))) return no;
  }
  // 10^7 numbers per district: twenty collisions in a row means something else is wrong.
  throw new Error('no free volunteer number after 20 tries');
}

/**
 * Numbers for a batch of registrations, one per region code: distinct from each other, from `used` (numbers
 * the caller handed out earlier, e.g. in previous batches of an import) and from every number on record.
 */
export async function freeNumbers(db: Database, regionCodes: string[], used: Set<string>): Promise<string[]> {
  const out: (string | undefined)[] = new Array(regionCodes.length);
  let open = regionCodes.map((_, i) => i);
  for (let round = 0; open.length > 0; round++) {
    if (round >= 20) throw new Error('no free volunteer numbers after 20 rounds');
    for (const i of open) {
      let no = newVolunteerNumber(regionCodes[i]!);
      while (used.has(no)) no = newVolunteerNumber(regionCodes[i]!);
      used.add(no);
      out[i] = no;
    }
    const taken = await repo.takenVolunteerNumbers(
      db,
      open.map((i) => out[i]!),
    );
    open = open.filter((i) => taken.has(out[i]!));
  }
  return out as string[];
}

/** A person of a bulk import, checked (identity settled, region known) before any is written. */
export interface ImportedPerson {
  identity: Identity;
  name: string;
  phone: string;
  regionCode: string;
  privacyNoticeVersion: string | null;
  consentAt: Date;
  consentEvidence: string;
  /** The document index, when the caller computed it already. */
  docBidx?: Buffer;
}

/**
 * Registers a batch of people on behalf of an organization (bulk import) in the caller's transaction
 * (ctx.db): numbers, encryption and one multi-row insert. People already registered are left out; returns
 * how many were inserted. The caller audits the import as a whole.
 */
export async function registerBatchOnBehalf(
  ctx: Ctx,
  orgId: string,
  people: ImportedPerson[],
  used: Set<string>,
): Promise<number> {
  const numbers = await freeNumbers(
    ctx.db,
    people.map((p) => p.regionCode),
    used,
  );
  const now = ctx.clock();
  const rows = people.map((p, i) => ({
    ...personColumns(ctx, p.identity, p, p.docBidx),
    volunteer_no: numbers[i]!,
    user_id: null,
    registered_by_org: orgId,
    registration_consent_at: p.consentAt,
    registration_consent_evidence: p.consentEvidence,
    sensitive_consent_at: p.consentAt,
    created_at: now,
    updated_at: now,
  }));
  return repo.insertVolunteersSkippingRegistered(ctx.db, rows);
}

/**
 * Runs a registration transaction, again when a concurrent registration took the same number between
 * the check and the insert; a duplicate person or phone is the caller's 409.
 */
async function withNumberRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      const hit = uniqueViolation(e);
      if (hit === null) throw e;
      if (hit.includes('doc_bidx') || hit.includes('phone_bidx')) throw new DomainError('VOLUNTEER_EXISTS');
      if (attempt >= 3) throw e;
    }
  }
}

/**
 * Self-registration: an account signed in by phone plus the volunteer record, in one transaction, then
 * a session. Identity problems are reported before the slow password hash is spent.
 */
export async function registerSelf(
  ctx: Ctx,
  input: z.infer<typeof RegisterBody>,
): Promise<{ token: string; me: MeView; volunteer: VolunteerView }> {
  if (!isStrongPassword(input.password)) throw new DomainError('WEAK_PASSWORD');
  const person = await preparePerson(ctx, input, 'self');
  if (await findUserByPhoneIndex(ctx.db, person.phone_bidx)) throw new DomainError('VOLUNTEER_EXISTS');
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock();
  const out = await withNumberRetry(() =>
    ctx.db.transaction().execute(async (trx) => {
      const t = { ...ctx, db: trx };
      const no = await freeNumber(trx, input.regionCode);
      const user = await auth.createAccount(t, {
        // The public number, not the phone: user names show up in logs and audit rows.
        username: `v${no}`,
        displayName: input.name,
        passwordHash,
        phone: input.phone,
      });
      const v = await repo.insertVolunteer(trx, {
        ...person,
        volunteer_no: no,
        user_id: user.id,
        sensitive_consent_at: now,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(t, {
        action: 'volunteer.register',
        result: 'ok',
        actorOverride: { id: user.id, name: user.username },
        objectType: 'volunteer',
        objectId: v.id,
        regionCode: input.regionCode,
        details: { mode: 'self', docType: input.docType },
      });
      const session = await auth.startSession(t, user, []);
      return { ...session, volunteerId: v.id };
    }),
  );
  const row = await repo.findVolunteerById(ctx.db, out.volunteerId);
  return { token: out.token, me: out.me, volunteer: toView(ctx, row!) };
}

/**
 * Registration by an organization admin (or a region admin) with the person's consent on record. The
 * record has no account yet: the person claims it later.
 */
export async function registerOnBehalf(
  ctx: Ctx,
  input: z.infer<typeof RegisterOnBehalfBody>,
): Promise<VolunteerView> {
  const actor = actorOf(ctx);
  if (input.orgId) {
    const org = await repo.findOrganizationStatus(ctx.db, input.orgId);
    if (!org) throw new DomainError('NOT_FOUND');
    assertActiveOrg(org.status, 'REGISTERING_ORG_NOT_APPROVED');
  } else if (!actor.grants.some((g) => g.role === 'region_admin')) {
    // An organization admin always registers for an organization (the access rule checked which).
    throw new DomainError('VALIDATION_FAILED', { orgId: 'required for organization admins' });
  }
  const consentAt = checkPastInstant(ctx, input.consentRecordedAt, 'consentRecordedAt');
  const person = await preparePerson(ctx, input, 'on_behalf');
  const now = ctx.clock();
  const id = await withNumberRetry(() =>
    ctx.db.transaction().execute(async (trx) => {
      const no = await freeNumber(trx, input.regionCode);
      const v = await repo.insertVolunteer(trx, {
        ...person,
        volunteer_no: no,
        user_id: null,
        registered_by_org: input.orgId ?? null,
        registration_consent_at: consentAt,
        registration_consent_evidence: input.consentEvidence,
        sensitive_consent_at: consentAt,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(
        { ...ctx, db: trx },
        {
          action: 'volunteer.register',
          result: 'ok',
          objectType: 'volunteer',
          objectId: v.id,
          regionCode: input.regionCode,
          details: { mode: 'on_behalf', orgId: input.orgId ?? null, docType: input.docType },
        },
      );
      return v.id;
    }),
  );
  return toView(ctx, (await repo.findVolunteerById(ctx.db, id))!);
}
