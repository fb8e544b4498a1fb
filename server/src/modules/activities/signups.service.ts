import { ageOn } from '@yiqi/shared/identity/documents';
import { LATE_CANCEL_GRACE_MINUTES, type SignupStatus } from '@yiqi/shared/contracts/activities';
import type { ErrorCode } from '@yiqi/shared/errors';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { isSelf } from '../roles/deciders.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { sessionToRead, signedIn } from '../auth/auth.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { loadActivity } from './activities.service.ts';
import { phaseOf } from './activities.views.ts';
import { auditRow } from './audit-row.ts';
import * as repo from './signups.repository.ts';
import { withTransaction } from '../../core/tx.ts';
import { isUniqueViolation } from '../../core/pg-errors.ts';
import { chinaDate, iso } from '../../core/dates.ts';

type Volunteer = NonNullable<NonNullable<Awaited<ReturnType<typeof repo.findSignUpContext>>>['volunteer']>;

/**
 * The eligibility rules, in the order a volunteer would fix them; throws the first that fails. `member`:
 * the volunteer is an active member of one of the shift's designated teams (read with the shift).
 */
function checkEligible(
  v: Volunteer,
  shift: repo.SignUpShift,
  member: boolean,
  inviteCode: string | undefined,
) {
  if (v.verification_status !== 'verified') throw new DomainError('SIGNUP_UNVERIFIED');
  const day = chinaDate(new Date(shift.starts_at));
  const age = v.birth_iso ? ageOn(v.birth_iso, new Date(`${day}T00:00:00Z`)) : null;
  if (age !== null && age < 18 && !v.guardian_consent_at) throw new DomainError('SIGNUP_GUARDIAN_CONSENT');
  if (shift.min_age !== null && (age === null || age < shift.min_age))
    throw new DomainError('SIGNUP_TOO_YOUNG', { minAge: shift.min_age });
  if (shift.max_age !== null && (age === null || age > shift.max_age))
    throw new DomainError('SIGNUP_TOO_OLD', { maxAge: shift.max_age });
  // Written requirements are met by qualification records only (held on the shift's date; see the query).
  const missing = [
    ...shift.required_skills.filter((s) => !v.skills.includes(s)),
    ...shift.required_qualifications.filter((q) => !v.heldQualifications.includes(q)),
  ];
  if (missing.length) throw new DomainError('SIGNUP_REQUIREMENTS', { missing });
  if (shift.recruit_mode === 'teams' && !member) throw new DomainError('SIGNUP_TEAMS_ONLY');
  if (
    shift.recruit_mode === 'code' &&
    (inviteCode ?? '').toUpperCase() !== (shift.invite_code ?? '').toUpperCase()
  )
    throw new DomainError('SIGNUP_INVITE_CODE');
}

export async function volunteerOf(ctx: Ctx) {
  const v = await repo.findVolunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!v) throw new DomainError('VOLUNTEER_REQUIRED');
  return v;
}

/**
 * Signs the caller up for a shift: one statement reads the caller's session and what the rules need (the
 * route leaves the session check to it, decision 0072), one writes (no transaction of several round trips). Under the shift's row lock, in that statement: a free place makes the sign-up
 * accepted (or pending, when the position needs approval, which holds the place too); a full shift
 * waitlists it, and its position comes from the same statement. The database refuses an overbooking even
 * if this logic were wrong (CHECK taken <= quota), and a second open sign-up (signups_open_uniq).
 */
export async function signUp(ctx: Ctx, shiftId: string, inviteCode: string | undefined) {
  const tokenHash = sessionToRead(ctx);
  const c = await repo.findSignUpContext(ctx.db, tokenHash, shiftId);
  ctx = await signedIn(ctx, tokenHash, c?.session);
  if (!c?.volunteer) throw new DomainError('VOLUNTEER_REQUIRED');
  const { volunteer: v, shift } = c;
  if (!shift || shift.activity_status === 'draft') throw new DomainError('NOT_FOUND');
  const now = ctx.clock();
  if (shift.activity_status !== 'published' || new Date(shift.starts_at) <= now)
    throw new DomainError('SIGNUP_CLOSED');
  // Published before its organization was dissolved: nobody new signs up for a team that is gone.
  if (shift.org_status === 'dissolved') throw new DomainError('ORG_DISSOLVED');
  checkEligible(v, shift, c.member, inviteCode);
  if (!c.qualified)
    throw new DomainError('QUALIFICATION_REQUIRED', { qualification: shift.required_qualification });
  if (c.overlaps) throw new DomainError('SIGNUP_OVERLAP');
  const audit = auditRow(ctx, {
    action: 'signup.create',
    result: 'ok',
    objectType: 'signup',
    regionCode: shift.region_code,
    details: { activityId: shift.activity_id, shiftId, volunteerId: v.id },
  });
  let created: Awaited<ReturnType<typeof repo.insertSignup>>;
  // On its own (not inside a caller's transaction) the write is a transaction by itself: it may release the
  // shift's lock before its commit is flushed, and the answer then waits for the flush (decision 0062).
  const releaseBeforeFlush = !ctx.db.isTransaction;
  try {
    created = await repo.insertSignup(
      ctx.db,
      {
        shiftId,
        positionId: shift.position_id,
        activityId: shift.activity_id,
        volunteerId: v.id,
        range: repo.rangeOf(new Date(shift.starts_at), new Date(shift.ends_at)),
        hold: shift.needs_approval ? 'pending' : 'accepted',
        now,
      },
      audit,
      releaseBeforeFlush,
    );
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('SIGNUP_EXISTS');
    throw e;
  }
  // The shift was removed between the read and the write.
  if (!created) throw new DomainError('NOT_FOUND');
  // Durable before anyone hears of it: a crash before the flush loses only a sign-up nobody was told about.
  if (releaseBeforeFlush) await repo.waitForFlush(ctx.db);
  return { id: created.id, status: created.status, waitlistPosition: created.waitlistPosition };
}

async function ownSignup(ctx: Ctx, id: string) {
  const g = await repo.findSignup(ctx.db, id);
  if (!g || g.user_id !== actorOf(ctx).userId) throw new DomainError('NOT_FOUND');
  return g;
}

/**
 * Whether cancelling at `now` is late. The cut-off is the activity's cancelCutoffHours before the shift,
 * counted from the later of that moment and LATE_CANCEL_GRACE_MINUTES after the sign-up became binding
 * (created, or promoted from the waitlist): a volunteer who signed up before the cut-off is late from the
 * cut-off on; one who signed up inside it (say for an activity published 30 minutes before it began) is
 * late only after the grace, so nobody is penalised without a fair chance to cancel on time. A waitlisted
 * sign-up holds no place and is never late. docs/glossary.md, "Late cancellation".
 */
export function isLate(
  g: {
    status: string;
    starts_at: Date | string;
    cancel_cutoff_hours: number;
    created_at: Date | string;
    promoted_at: Date | string | null;
  },
  now: Date,
) {
  if (g.status === 'waitlisted') return false;
  const cutoff = new Date(g.starts_at).getTime() - g.cancel_cutoff_hours * 3600_000;
  const bound = new Date(g.promoted_at ?? g.created_at).getTime();
  return now.getTime() > Math.max(cutoff, bound + LATE_CANCEL_GRACE_MINUTES * 60_000);
}

/**
 * A volunteer cancels until their shift starts; after the cut-off (see isLate) it is recorded as late.
 * A freed place goes to the first on the waitlist in the same transaction, and they are told.
 */
export async function cancelMine(ctx: Ctx, id: string) {
  const g = await ownSignup(ctx, id);
  const now = ctx.clock();
  if (!repo.OPEN.includes(g.status) || new Date(g.starts_at) <= now) throw new DomainError('SIGNUP_STATE');
  const late = isLate(g, now);
  return withTransaction(ctx, async (tx) => {
    await repo.lockShift(tx.db, g.shift_id);
    if (
      !(await repo.moveSignup(tx.db, id, repo.OPEN, {
        status: 'cancelled',
        cancel_kind: late ? 'late' : 'volunteer',
        cancelled_at: now,
      }))
    )
      throw new DomainError('SIGNUP_STATE');
    const promoted = await repo.promoteWaitlist(tx.db, g.shift_id, g.needs_approval, now);
    await notify(
      tx.db,
      promoted.map((p) => p.user_id),
      'signup_promoted',
      { activityId: g.activity_id, title: g.title },
    );
    await recordAudit(tx, {
      action: 'signup.cancel',
      result: 'ok',
      objectType: 'signup',
      objectId: id,
      regionCode: g.region_code,
      details: { activityId: g.activity_id, late, promoted: promoted.map((p) => p.id) },
    });
    return { id, status: 'cancelled' as SignupStatus, late };
  });
}

/**
 * The organizer accepts pending sign-ups or rejects pending and waitlisted ones (with a reason), one
 * transaction each, so one that raced or never fit is reported back and does not stop the rest. The
 * caller's own sign-ups are skipped: the parent organization's or the region admins decide them.
 */
export async function decide(
  ctx: Ctx,
  activityId: string,
  ids: string[],
  decision: 'accept' | 'reject',
  reason: string | undefined,
) {
  const a = await loadActivity(ctx, activityId);
  const phase = phaseOf(a, ctx.clock());
  if (phase === 'draft' || phase === 'closed' || phase === 'cancelled')
    throw new DomainError('ACTIVITY_STATE');
  let done = 0;
  const skipped: { id: string; code: ErrorCode }[] = [];
  for (const id of [...new Set(ids)]) {
    const g = await repo.findSignup(ctx.db, id);
    if (!g || g.activity_id !== activityId) {
      skipped.push({ id, code: 'NOT_FOUND' });
      continue;
    }
    if (isSelf(ctx, g.user_id)) {
      skipped.push({ id, code: 'SIGNUP_SELF_DECISION' });
      continue;
    }
    const from: SignupStatus[] = decision === 'accept' ? ['pending'] : ['pending', 'waitlisted'];
    if (!from.includes(g.status)) {
      skipped.push({ id, code: 'SIGNUP_STATE' });
      continue;
    }
    const ok = await withTransaction(ctx, async (tx) => {
      const now = ctx.clock();
      if (decision === 'reject') await repo.lockShift(tx.db, g.shift_id);
      const moved = await repo.moveSignup(tx.db, id, from, {
        status: decision === 'accept' ? 'accepted' : 'rejected',
        reject_reason: decision === 'reject' ? (reason ?? null) : null,
        decided_by: actorOf(ctx).userId,
        decided_at: now,
      });
      if (!moved) return false;
      const promoted =
        decision === 'reject' ? await repo.promoteWaitlist(tx.db, g.shift_id, g.needs_approval, now) : [];
      await notify(tx.db, [g.user_id], decision === 'accept' ? 'signup_accepted' : 'signup_rejected', {
        activityId,
        title: g.title,
        ...(reason ? { reason } : {}),
      });
      await notify(
        tx.db,
        promoted.map((p) => p.user_id),
        'signup_promoted',
        { activityId, title: g.title },
      );
      await recordAudit(tx, {
        action: 'signup.decide',
        result: 'ok',
        objectType: 'signup',
        objectId: id,
        regionCode: g.region_code,
        details: { activityId, decision, reason, promoted: promoted.map((p) => p.id) },
      });
      return true;
    });
    if (ok) done++;
    else skipped.push({ id, code: 'SIGNUP_STATE' });
  }
  return { done, skipped };
}

/** After a shift ends, accepted volunteers who never checked in are recorded as no-shows. */
export async function recordNoShows(ctx: Ctx, activityId: string, shiftId: string) {
  const a = await loadActivity(ctx, activityId);
  const shift = await repo.findShift(ctx.db, shiftId);
  if (!shift || shift.activity_id !== activityId) throw new DomainError('NOT_FOUND');
  if (new Date(shift.ends_at) > ctx.clock()) throw new DomainError('ACTIVITY_STATE');
  return withTransaction(ctx, async (tx) => {
    const rows = await repo.markNoShows(tx.db, shiftId, actorOf(ctx).userId, ctx.clock());
    await recordAudit(tx, {
      action: 'signup.no_show',
      result: 'ok',
      objectType: 'shift',
      objectId: shiftId,
      regionCode: a.region_code,
      details: { activityId, signups: rows.map((r) => r.id) },
    });
    return { recorded: rows.length };
  });
}

export async function listMine(ctx: Ctx, when: 'upcoming' | 'past' | 'all', page: number, pageSize: number) {
  const v = await repo.findVolunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!v) return { items: [], total: 0, page, pageSize };
  const now = ctx.clock();
  const { rows, total } = await repo.listOfVolunteer(ctx.db, v.id, when, now, page, pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      activityId: r.activity_id,
      activityTitle: r.title,
      activityStatus: phaseOf(
        { status: r.activity_status, starts_at: r.activity_starts_at, ends_at: r.activity_ends_at },
        now,
      ),
      orgName: r.org_name,
      positionName: r.position_name,
      shiftId: r.shift_id,
      shiftStartsAt: iso(r.starts_at)!,
      shiftEndsAt: iso(r.ends_at)!,
      address: r.address,
      waitlistPosition: r.waitlist_position === null ? null : Number(r.waitlist_position),
      rejectReason: r.reject_reason,
      cancelKind: r.cancel_kind,
      cancelIsLate: isLate(r, now),
      attendance: r.attendance_id
        ? {
            id: r.attendance_id,
            checkInAt: iso(r.check_in_at)!,
            checkOutAt: iso(r.check_out_at),
            reviewStatus: r.review_status!,
          }
        : null,
    })),
    total,
    page,
    pageSize,
  };
}

export async function listOfActivity(
  ctx: Ctx,
  activityId: string,
  f: { status?: SignupStatus | undefined; shiftId?: string | undefined },
  page: number,
  pageSize: number,
) {
  await loadActivity(ctx, activityId);
  const { rows, total } = await repo.listOfActivity(ctx.db, activityId, f, page, pageSize);
  const today = ctx.clock();
  return {
    items: rows.map((r) => ({
      id: r.id,
      volunteerId: r.volunteer_id,
      volunteerNo: r.volunteer_no,
      name: r.name,
      age: r.birth_iso ? ageOn(r.birth_iso, today) : null,
      status: r.status,
      positionId: r.position_id,
      positionName: r.position_name,
      shiftId: r.shift_id,
      shiftStartsAt: iso(r.starts_at)!,
      shiftEndsAt: iso(r.ends_at)!,
      rejectReason: r.reject_reason,
      cancelKind: r.cancel_kind,
      createdAt: iso(r.created_at)!,
    })),
    total,
    page,
    pageSize,
  };
}
