import type { z } from 'zod';
import type { PositionBody } from '@yiqi/shared/contracts/activities';
import type { Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { loadActivity } from './activities.service.ts';
import { phaseOf } from './activities.views.ts';
import { promoteWaitlist, rangeOf } from './signups.repository.ts';
import * as repo from './positions.repository.ts';
import { withTransaction } from '../../core/tx.ts';

type Body = z.infer<typeof PositionBody>;
type Activity = Awaited<ReturnType<typeof loadActivity>>;

/** Positions change while the activity is a draft or recruiting; not once it is over or cancelled. */
async function editable(ctx: Ctx, activityId: string) {
  const a = await loadActivity(ctx, activityId);
  const phase = phaseOf(a, ctx.clock());
  if (phase !== 'draft' && phase !== 'published' && phase !== 'in_progress')
    throw new DomainError('ACTIVITY_STATE');
  return a;
}

function checkBody(a: Activity, b: Body) {
  if (b.minAge != null && b.maxAge != null && b.minAge > b.maxAge) throw new DomainError('VALIDATION_FAILED');
  for (const s of b.shifts) {
    const start = new Date(s.startsAt);
    const end = new Date(s.endsAt);
    if (end <= start) throw new DomainError('ACTIVITY_TIME_RANGE');
    if (start < a.starts_at || end > a.ends_at) throw new DomainError('SHIFT_OUTSIDE_ACTIVITY');
  }
}

/** A required qualification must be a type of the training catalogue (a typo would lock everyone out). */
async function checkQualification(ctx: Ctx, b: Body) {
  if (b.requiredQualification && !(await repo.qualificationTypeExists(ctx.db, b.requiredQualification)))
    throw new DomainError('QUALIFICATION_TYPE_UNKNOWN');
}

const positionColumns = (b: Body) => ({
  name: b.name,
  duties: b.duties,
  min_age: b.minAge ?? null,
  max_age: b.maxAge ?? null,
  required_skills: b.requiredSkills,
  required_qualifications: b.requiredQualifications,
  required_qualification: b.requiredQualification,
  needs_approval: b.needsApproval,
});

function audit(ctx: Ctx, a: Activity, action: string, positionId: string, details = {}) {
  return recordAudit(ctx, {
    action,
    result: 'ok',
    objectType: 'position',
    objectId: positionId,
    regionCode: a.region_code,
    details: { orgId: a.org_id, activityId: a.id, ...details },
  });
}

export async function addPosition(ctx: Ctx, activityId: string, b: Body) {
  const a = await editable(ctx, activityId);
  checkBody(a, b);
  await checkQualification(ctx, b);
  return withTransaction(ctx, async (tx) => {
    const sort = await repo.countPositions(tx.db, activityId);
    const p = await repo.insertPosition(tx.db, { ...positionColumns(b), activity_id: activityId, sort });
    await repo.insertShifts(
      tx.db,
      b.shifts.map((s) => ({
        position_id: p.id,
        activity_id: activityId,
        starts_at: new Date(s.startsAt),
        ends_at: new Date(s.endsAt),
        quota: s.quota,
      })),
    );
    await audit(tx, a, 'position.create', p.id, { shifts: b.shifts.length });
    return { id: p.id };
  });
}

async function livePosition(ctx: Ctx, activityId: string, positionId: string) {
  const p = await repo.findLivePosition(ctx.db, activityId, positionId);
  if (!p) throw new DomainError('NOT_FOUND');
  return p;
}

/**
 * Replaces a position and its shifts: shifts named by id are edited (quota never below the places taken;
 * moving one with sign-ups moves their time range and tells them), new ones are added, and ones left out
 * are removed if nobody holds or waits for a place there. A raised quota is filled from the waitlist.
 */
export async function updatePosition(ctx: Ctx, activityId: string, positionId: string, b: Body) {
  const a = await editable(ctx, activityId);
  checkBody(a, b);
  await checkQualification(ctx, b);
  return withTransaction(ctx, async (tx) => {
    const p = await livePosition(tx, activityId, positionId);
    const current = await repo.lockLiveShifts(tx.db, positionId);
    const byId = new Map(current.map((s) => [s.id, s]));
    if (b.shifts.some((s) => s.id !== undefined && !byId.has(s.id))) throw new DomainError('NOT_FOUND');
    const kept = new Set(b.shifts.map((s) => s.id).filter(Boolean));
    const removed = current.filter((s) => !kept.has(s.id)).map((s) => s.id);
    if ((await repo.countOpenSignups(tx.db, removed)) > 0) throw new DomainError('SHIFT_HAS_SIGNUPS');
    const now = ctx.clock();
    if (removed.length) await repo.removeShifts(tx.db, removed, now);
    await repo.updatePositionRow(tx.db, positionId, positionColumns(b));
    const moved: string[] = [];
    const grown: string[] = [];
    for (const s of b.shifts) {
      const start = new Date(s.startsAt);
      const end = new Date(s.endsAt);
      const old = s.id ? byId.get(s.id) : undefined;
      if (!old) {
        await repo.insertShifts(tx.db, [
          {
            position_id: positionId,
            activity_id: activityId,
            starts_at: start,
            ends_at: end,
            quota: s.quota,
          },
        ]);
        continue;
      }
      if (s.quota < old.taken) throw new DomainError('QUOTA_BELOW_TAKEN');
      const timeChanged = +start !== +old.starts_at || +end !== +old.ends_at;
      if (timeChanged) {
        if (await repo.hasAttendance(tx.db, old.id)) throw new DomainError('ATTENDANCE_STATE');
        moved.push(old.id);
        await repo.moveSignups(tx.db, old.id, rangeOf(start, end));
      }
      await repo.updateShift(tx.db, old.id, { starts_at: start, ends_at: end, quota: s.quota });
      if (s.quota > old.quota) grown.push(old.id);
    }
    const promoted = [];
    for (const shiftId of grown)
      promoted.push(...(await promoteWaitlist(tx.db, shiftId, b.needsApproval, now)));
    await notify(
      tx.db,
      promoted.map((x) => x.user_id),
      'signup_promoted',
      { activityId, title: a.title },
    );
    if (moved.length && a.status === 'published') {
      const users = await repo.usersWithOpenSignups(tx.db, moved);
      await notify(
        tx.db,
        users.map((u) => u.user_id),
        'activity_changed',
        { activityId, title: a.title },
      );
    }
    await audit(tx, a, 'position.update', p.id, {
      removedShifts: removed.length,
      movedShifts: moved.length,
      promoted: promoted.length,
    });
    return { id: p.id };
  });
}

export async function removePosition(ctx: Ctx, activityId: string, positionId: string) {
  const a = await editable(ctx, activityId);
  return withTransaction(ctx, async (tx) => {
    await livePosition(tx, activityId, positionId);
    const shifts = await repo.lockLiveShiftIds(tx.db, positionId);
    if (
      (await repo.countOpenSignups(
        tx.db,
        shifts.map((s) => s.id),
      )) > 0
    )
      throw new DomainError('SHIFT_HAS_SIGNUPS');
    const now = ctx.clock();
    await repo.removeShiftsOfPosition(tx.db, positionId, now);
    await repo.updatePositionRow(tx.db, positionId, { removed_at: now });
    await audit(tx, a, 'position.remove', positionId);
    return { ok: true as const };
  });
}
