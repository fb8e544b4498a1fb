import type { z } from 'zod';
import type { RegisterBody, RegisterOnBehalfBody, VolunteerView } from '@yiqi/shared/contracts/volunteers';
import type { MeView } from '@yiqi/shared/contracts/auth';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertActiveOrg } from '../organizations/org-status.ts';
import * as auth from '../auth/auth.service.ts';
import { findUserByPhoneIndex } from '../auth/users.service.ts';
import { hashPassword, isStrongPassword } from '../auth/password.ts';
import * as repo from './volunteers.repository.ts';
import { maskPhone } from '@yiqi/shared/identity/mask';
import type { OtpChannel } from '../../core/otp-channel.ts';
import {
  checkCode,
  consumeCode,
  identifierKey,
  issueCode,
  NO_SUBJECT,
  throttleCodeRequest,
} from '../auth/otp.service.ts';
import { sendResetCode } from '../auth/recovery.service.ts';
import { findActiveByDocIndex } from './claim.repository.ts';
import { notifyRegistered } from './claim.service.ts';
import { checkPerson, checkPastInstant, personColumns, preparePerson, type Identity } from './person.ts';
import { uniqueViolation } from '../../core/pg-errors.ts';
import { newVolunteerNumber } from './volunteer-number.ts';
import { toView } from './views.ts';
import { withTransaction } from '../../core/tx.ts';

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
 * the ids of those inserted. The caller audits the import as a whole.
 */
export async function registerBatchOnBehalf(
  ctx: Ctx,
  orgId: string,
  people: ImportedPerson[],
  used: Set<string>,
): Promise<string[]> {
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
 * Self-registration in two calls. Without `phoneCode`: the form is checked and a code is texted, answering
 * the same (202) whether or not the document or phone is already on record — a new person's code goes to
 * the phone they typed; a document on record gets a claim (or password-reset) code on the phone on record
 * instead, and a phone that already signs in an account gets a reset code. With the code: an account
 * signed in by phone plus the volunteer record, in one transaction, then a session. Identity problems are
 * reported before the slow password hash is spent.
 */
export async function registerSelf(
  ctx: Ctx,
  channel: OtpChannel,
  input: z.infer<typeof RegisterBody>,
): Promise<{ pending: true } | { token: string; me: MeView; volunteer: VolunteerView }> {
  if (!isStrongPassword(input.password)) throw new DomainError('WEAK_PASSWORD');
  const { columns: person, taken } = await checkPerson(ctx, input, 'self');
  const phoneUser = await findUserByPhoneIndex(ctx, person.phone_bidx);
  // A code binds the document and the phone it was sent to: the same form with another phone fails.
  const subject = `register:${identifierKey(ctx, 'register', `${person.doc_bidx.toString('hex')}:${person.phone_bidx.toString('hex')}`)}`;
  if (input.phoneCode === undefined) {
    await throttleCodeRequest(ctx, 'register', [
      identifierKey(ctx, 'doc', person.doc_bidx.toString('hex')),
      identifierKey(ctx, 'phone', input.phone),
    ]);
    let sent: 'new' | 'registered' | 'phone_in_use' | 'none' = 'none';
    if (!taken && !phoneUser) {
      await issueCode(ctx, channel, {
        purpose: 'register',
        subject,
        phone: input.phone,
        text: (code) =>
          `【一起志愿】验证码 ${code}，10 分钟内有效，用于注册志愿者。如非本人操作，请忽略本短信。`,
      });
      sent = 'new';
    } else if (taken) {
      const v = await findActiveByDocIndex(ctx.db, person.doc_bidx);
      if (v && (await notifyRegistered(ctx, channel, v))) sent = 'registered';
    } else if (phoneUser && !phoneUser.disabled_at) {
      await sendResetCode(ctx, channel, phoneUser, input.phone);
      sent = 'phone_in_use';
    }
    await recordAudit(ctx, {
      action: 'auth.code_request',
      result: 'ok',
      actorOverride: { id: null, name: maskPhone(input.phone) },
      regionCode: input.regionCode,
      details: { purpose: 'register', sent },
    });
    return { pending: true };
  }
  const codeId = await checkCode(ctx, 'register', taken || phoneUser ? NO_SUBJECT : subject, input.phoneCode);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock();
  const out = await withNumberRetry(() =>
    withTransaction(ctx, async (tx) => {
      const t = tx;
      await consumeCode(t, codeId);
      const no = await freeNumber(tx.db, input.regionCode);
      const user = await auth.createAccount(t, {
        // The public number, not the phone: user names show up in logs and audit rows.
        username: `v${no}`,
        displayName: input.name,
        passwordHash,
        phone: input.phone,
      });
      const v = await repo.insertVolunteer(tx.db, {
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
    withTransaction(ctx, async (tx) => {
      const no = await freeNumber(tx.db, input.regionCode);
      const v = await repo.insertVolunteer(tx.db, {
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
      await recordAudit(tx, {
        action: 'volunteer.register',
        result: 'ok',
        objectType: 'volunteer',
        objectId: v.id,
        regionCode: input.regionCode,
        details: { mode: 'on_behalf', orgId: input.orgId ?? null, docType: input.docType },
      });
      return v.id;
    }),
  );
  return toView(ctx, (await repo.findVolunteerById(ctx.db, id))!);
}
