import type { z } from 'zod';
import {
  CONTACT_PHONE_OPENS_BEFORE_HOURS,
  type ActivityCreateBody,
  type ActivityPatchBody,
  type ActivitySearchQuery,
  type ActivityStatus,
} from '@yiqi/shared/contracts/activities';
import { regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import type { Updateable } from 'kysely';
import type { ActivitiesTable } from '../../db/schema.activities.ts';
import { actorOf, readerOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { encrypt } from '../../lib/crypto.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertActiveOrg } from '../organizations/org-status.ts';
import { notify } from '../notifications/notifications.service.ts';
import { findRegion } from '../regions/regions.service.ts';
import { grantCovers } from '../../http/access.ts';
import * as repo from './activities.repository.ts';
import { detailView, phaseOf, summaryView } from './activities.views.ts';
import { withTransaction } from '../../core/tx.ts';
import { chinaDate } from '../../core/dates.ts';

type CreateBody = z.infer<typeof ActivityCreateBody>;
type PatchBody = z.infer<typeof ActivityPatchBody>;
type Activity = repo.ActivityRow;

/** The activity in the path, or 404. */
export async function loadActivity(ctx: Ctx, id: string): Promise<Activity> {
  const a = await repo.findActivity(ctx.db, id);
  if (!a) throw new DomainError('NOT_FOUND');
  return a;
}

function audit(
  ctx: Ctx,
  a: { id: string; region_code: string; org_id: string },
  action: string,
  details = {},
) {
  return recordAudit(ctx, {
    action,
    result: 'ok',
    objectType: 'activity',
    objectId: a.id,
    regionCode: a.region_code,
    details: { orgId: a.org_id, ...details },
  });
}

/** Rules that hold for drafts too: times in order, check-in area complete, recruitment mode complete. */
function checkShape(a: {
  starts_at: Date;
  ends_at: Date;
  geofence_mode: string;
  geofence_radius_m: number | null;
  lat: number | null;
  lng: number | null;
  recruit_mode: string;
  invite_code: string | null;
  designated_orgs: string[];
}) {
  if (a.ends_at <= a.starts_at) throw new DomainError('ACTIVITY_TIME_RANGE');
  if (a.geofence_mode !== 'off' && (a.geofence_radius_m === null || a.lat === null || a.lng === null))
    throw new DomainError('ACTIVITY_GEOFENCE');
  if (a.recruit_mode === 'code' && !a.invite_code) throw new DomainError('ACTIVITY_INVITE_CODE_REQUIRED');
  if (a.recruit_mode === 'teams' && a.designated_orgs.length === 0)
    throw new DomainError('ACTIVITY_TEAMS_REQUIRED');
}

async function checkRegionAndTeams(ctx: Ctx, regionCode: string | undefined, teams: string[] | undefined) {
  if (regionCode !== undefined && !(await findRegion(ctx.db, regionCode)))
    throw new DomainError('REGION_NOT_FOUND');
  if (teams && teams.length) {
    const found = await repo.namesOfOrgs(ctx.db, teams);
    if (found.length !== new Set(teams).size || found.some((o) => o.status !== 'approved'))
      throw new DomainError('ACTIVITY_TEAMS_REQUIRED');
  }
}

/** Column values of the create/patch body; fields left out of a patch stay untouched. */
function columnsOf(ctx: Ctx, b: PatchBody): Updateable<ActivitiesTable> {
  const c: Updateable<ActivitiesTable> = {};
  if (b.title !== undefined) c.title = b.title;
  if (b.description !== undefined) c.description = b.description;
  if (b.category !== undefined) c.category = b.category;
  if (b.targets !== undefined) c.targets = b.targets;
  if (b.regionCode !== undefined) c.region_code = b.regionCode;
  if (b.address !== undefined) c.address = b.address;
  if (b.lat !== undefined) c.lat = b.lat;
  if (b.lng !== undefined) c.lng = b.lng;
  if (b.startsAt !== undefined) c.starts_at = new Date(b.startsAt);
  if (b.endsAt !== undefined) c.ends_at = new Date(b.endsAt);
  if (b.recruitMode !== undefined) c.recruit_mode = b.recruitMode;
  if (b.designatedOrgs !== undefined) c.designated_orgs = [...new Set(b.designatedOrgs)];
  if (b.inviteCode !== undefined) c.invite_code = b.inviteCode;
  if (b.contactName !== undefined) c.contact_name = b.contactName;
  if (b.contactPhone !== undefined)
    c.contact_phone_enc = b.contactPhone === null ? null : encrypt(ctx.config.appKey, b.contactPhone);
  if (b.personInCharge !== undefined) c.person_in_charge = b.personInCharge;
  if (b.riskLevel !== undefined) c.risk_level = b.riskLevel;
  if (b.physicalRisk !== undefined) c.physical_risk = b.physicalRisk;
  if (b.riskText !== undefined) c.risk_text = b.riskText || null;
  if (b.insurance !== undefined) {
    const i = b.insurance;
    c.insurance_policy_no = i?.policyNo ?? null;
    c.insurance_insurer = i?.insurer ?? null;
    c.insurance_cover = i?.cover ?? null;
    c.insurance_from = i?.from ?? null;
    c.insurance_to = i?.to ?? null;
  }
  if (b.geofence !== undefined) {
    c.geofence_mode = b.geofence.mode;
    c.geofence_radius_m = b.geofence.mode === 'off' ? null : (b.geofence.radiusM ?? null);
  }
  if (b.cancelCutoffHours !== undefined) c.cancel_cutoff_hours = b.cancelCutoffHours;
  if (b.hoursRule !== undefined) c.hours_rule = b.hoursRule;
  if (b.breakMinutes !== undefined) c.break_minutes = b.breakMinutes;
  return c;
}

export async function createActivity(ctx: Ctx, orgId: string, b: CreateBody) {
  const org = await repo.findOrganization(ctx.db, orgId);
  if (!org) throw new DomainError('NOT_FOUND');
  assertActiveOrg(org.status);
  await checkRegionAndTeams(ctx, b.regionCode, b.designatedOrgs);
  const cols = columnsOf(ctx, b);
  const row = {
    ...cols,
    org_id: orgId,
    created_by: actorOf(ctx).userId,
  } as Parameters<typeof repo.insertActivity>[1];
  checkShape({
    starts_at: new Date(b.startsAt),
    ends_at: new Date(b.endsAt),
    geofence_mode: b.geofence.mode,
    geofence_radius_m: b.geofence.radiusM ?? null,
    lat: b.lat ?? null,
    lng: b.lng ?? null,
    recruit_mode: b.recruitMode,
    invite_code: b.inviteCode ?? null,
    designated_orgs: b.designatedOrgs,
  });
  return withTransaction(ctx, async (tx) => {
    const created = await repo.insertActivity(tx.db, row);
    await audit(tx, { id: created.id, region_code: b.regionCode, org_id: orgId }, 'activity.create');
    return { id: created.id, status: 'draft' as ActivityStatus };
  });
}

const EDITABLE: ActivityStatus[] = ['draft', 'published', 'in_progress', 'ended'];

export async function patchActivity(ctx: Ctx, id: string, b: PatchBody) {
  const a = await loadActivity(ctx, id);
  if (!EDITABLE.includes(phaseOf(a, ctx.clock()))) throw new DomainError('ACTIVITY_STATE');
  await checkRegionAndTeams(ctx, b.regionCode, b.designatedOrgs);
  const cols = columnsOf(ctx, b);
  const next = { ...a, ...cols } as Activity;
  if (cols.insurance_from !== undefined) next.ins_from = cols.insurance_from as string | null;
  if (cols.insurance_to !== undefined) next.ins_to = cols.insurance_to as string | null;
  checkShape(next);
  if (a.status === 'published') checkPublishable(next);
  const moved =
    (cols.starts_at !== undefined && +new Date(cols.starts_at as Date) !== +a.starts_at) ||
    (cols.ends_at !== undefined && +new Date(cols.ends_at as Date) !== +a.ends_at) ||
    (cols.address !== undefined && cols.address !== a.address) ||
    (cols.region_code !== undefined && cols.region_code !== a.region_code) ||
    (cols.lat !== undefined && cols.lat !== a.lat) ||
    (cols.lng !== undefined && cols.lng !== a.lng);
  return withTransaction(ctx, async (tx) => {
    if (cols.starts_at !== undefined || cols.ends_at !== undefined) {
      // Shifts must stay inside the activity's time.
      if (await repo.hasShiftOutside(tx.db, id, next.starts_at, next.ends_at))
        throw new DomainError('SHIFT_OUTSIDE_ACTIVITY');
    }
    await repo.updateActivity(tx.db, id, { ...cols, updated_at: ctx.clock() });
    await audit(tx, a, 'activity.update', { fields: Object.keys(b), moved });
    if (moved && a.status === 'published') {
      const users = await repo.usersWithOpenSignups(tx.db, { activityId: id });
      await notify(
        tx.db,
        users.map((u) => u.user_id),
        'activity_changed',
        { activityId: id, title: next.title },
      );
    }
    return { id, status: phaseOf(next, ctx.clock()) };
  });
}

/** What publication needs beyond the draft rules: stated risks and, for physical risk, insurance. */
function checkPublishable(a: Activity) {
  if (a.risk_level !== 'none' && !a.risk_text) throw new DomainError('ACTIVITY_RISK_TEXT_REQUIRED');
  if (a.physical_risk) {
    const from = a.ins_from;
    const to = a.ins_to;
    if (!a.insurance_policy_no || !a.insurance_insurer || !from || !to)
      throw new DomainError('ACTIVITY_INSURANCE_REQUIRED');
    if (from > chinaDate(new Date(a.starts_at)) || to < chinaDate(new Date(a.ends_at)))
      throw new DomainError('ACTIVITY_INSURANCE_PERIOD');
  }
}

export async function publishActivity(ctx: Ctx, id: string) {
  const a = await loadActivity(ctx, id);
  if (a.status !== 'draft') throw new DomainError('ACTIVITY_STATE');
  // A draft written before its organization was dissolved stays a draft.
  assertActiveOrg(a.org_status);
  if (a.starts_at <= ctx.clock()) throw new DomainError('ACTIVITY_IN_PAST');
  checkShape(a);
  checkPublishable(a);
  if (!(await repo.hasLiveShift(ctx.db, id))) throw new DomainError('ACTIVITY_NO_POSITIONS');
  return withTransaction(ctx, async (tx) => {
    const now = ctx.clock();
    if (
      !(await repo.transitionActivity(tx.db, id, ['draft'], {
        status: 'published',
        published_at: now,
        updated_at: now,
      }))
    )
      throw new DomainError('ACTIVITY_STATE');
    await audit(tx, a, 'activity.publish');
    return { id, status: 'published' as ActivityStatus };
  });
}

/** Cancels before the end; every open sign-up is cancelled with it and its volunteer told why. */
export async function cancelActivity(ctx: Ctx, id: string, reason: string) {
  const a = await loadActivity(ctx, id);
  const phase = phaseOf(a, ctx.clock());
  if (phase !== 'draft' && phase !== 'published' && phase !== 'in_progress')
    throw new DomainError('ACTIVITY_STATE');
  return withTransaction(ctx, async (tx) => {
    const now = ctx.clock();
    if (
      !(await repo.transitionActivity(tx.db, id, ['draft', 'published'], {
        status: 'cancelled',
        cancel_reason: reason,
        cancelled_at: now,
        updated_at: now,
      }))
    )
      throw new DomainError('ACTIVITY_STATE');
    const open = await repo.usersWithOpenSignups(tx.db, { activityId: id });
    if (open.length) await repo.cancelOpenSignups(tx.db, id, now);
    await notify(
      tx.db,
      open.map((u) => u.user_id),
      'activity_cancelled',
      { activityId: id, title: a.title, reason },
    );
    await audit(tx, a, 'activity.cancel', { reason, signupsCancelled: open.length });
    return { id, status: 'cancelled' as ActivityStatus };
  });
}

/** Closes an ended activity (its records are settled from here on). */
export async function closeActivity(ctx: Ctx, id: string) {
  const a = await loadActivity(ctx, id);
  if (phaseOf(a, ctx.clock()) !== 'ended') throw new DomainError('ACTIVITY_STATE');
  return withTransaction(ctx, async (tx) => {
    const now = ctx.clock();
    if (
      !(await repo.transitionActivity(tx.db, id, ['published'], {
        status: 'closed',
        closed_at: now,
        updated_at: now,
      }))
    )
      throw new DomainError('ACTIVITY_STATE');
    await audit(tx, a, 'activity.close');
    return { id, status: 'closed' as ActivityStatus };
  });
}

/** Whether the caller administers the activity's organization (org admin, or region admin above it). */
function manages(ctx: Ctx, a: Activity): boolean {
  const target = { type: 'organization' as const, id: a.org_id, regionCode: a.org_region_code };
  return (ctx.actor?.grants ?? []).some(
    (g) => (g.role === 'org_admin' || g.role === 'region_admin') && ctx.actor!.mfa && grantCovers(g, target),
  );
}

/**
 * The caller's accepted sign-up whose shift is in the contact window (from CONTACT_PHONE_OPENS_BEFORE_HOURS
 * before it starts until it ends), if any: they may see the organizer's phone in full to reach them.
 * A checked-in volunteer's sign-up stays accepted, so it counts too.
 */
function contactWindowSignup(
  mine: { id: string; shiftId: string; status: string; starts_at: Date; ends_at: Date }[],
  now: Date,
) {
  const t = now.getTime();
  return mine.find(
    (g) =>
      g.status === 'accepted' &&
      t >= new Date(g.starts_at).getTime() - CONTACT_PHONE_OPENS_BEFORE_HOURS * 3600_000 &&
      t < new Date(g.ends_at).getTime(),
  );
}

/** `db`: where the activity's positions and places are read (the replica for the public detail). */
async function detail(ctx: Ctx, a: Activity, manage: boolean, db = ctx.db) {
  const [positions, designated, mine] = await Promise.all([
    repo.positionsOf(db, a.id),
    repo.namesOfOrgs(db, a.designated_orgs),
    // The caller's own sign-ups from the primary: what they just did shows at once.
    ctx.actor ? repo.openSignupsOfUser(ctx.db, a.id, ctx.actor.userId) : Promise.resolve([]),
  ]);
  const now = ctx.clock();
  const reach = a.contact_phone_enc && a.status === 'published' ? contactWindowSignup(mine, now) : undefined;
  // Every full view of the phone is audited, like a staff reveal of a volunteer's number.
  if (reach) await audit(ctx, a, 'activity.contact_view', { signupId: reach.id, shiftId: reach.shiftId });
  return detailView(
    a,
    positions,
    designated.map((o) => ({ id: o.id, name: o.name })),
    {
      now,
      appKey: ctx.config.appKey,
      manage,
      fullContactPhone: Boolean(reach),
      mySignups: mine.map((g) => ({ id: g.id, shiftId: g.shiftId, status: g.status })),
    },
  );
}

/**
 * Public detail: drafts exist only for those who manage them. The activity and its places may come from
 * the replica (docs/decisions/0022): a count of places a few seconds old is what a busy page shows anyway,
 * and signing up decides on the primary under the shift's lock.
 */
export async function publicDetail(ctx: Ctx, id: string) {
  const db = readerOf(ctx);
  const a = await repo.findActivity(db, id);
  if (!a) throw new DomainError('NOT_FOUND');
  if (a.status === 'draft' && !manages(ctx, a)) throw new DomainError('NOT_FOUND');
  return detail(ctx, a, false, db);
}

export async function manageDetail(ctx: Ctx, id: string) {
  return detail(ctx, await loadActivity(ctx, id), true);
}

/** The public search; it may read from the replica (docs/decisions/0022). */
export async function search(ctx: Ctx, q: z.infer<typeof ActivitySearchQuery>) {
  const now = ctx.clock();
  const db = readerOf(ctx);
  let regionPrefixText: string | undefined;
  if (q.regionCode) {
    const region = await findRegion(db, q.regionCode);
    if (!region) throw new DomainError('REGION_NOT_FOUND');
    regionPrefixText = regionPrefix(region.code, region.level as RegionLevel);
  }
  // Dates are days in China: "to 2026-12-01" includes that whole day.
  const day = (d: string, plus = 0) => new Date(new Date(`${d}T00:00:00+08:00`).getTime() + plus * 86400000);
  const { rows, total } = await repo.searchPublished(
    db,
    {
      ...(regionPrefixText ? { regionPrefix: regionPrefixText } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.from ? { from: day(q.from) } : {}),
      ...(q.to ? { to: day(q.to, 1) } : {}),
      ...(q.lat !== undefined && q.lng !== undefined
        ? { near: { lat: q.lat, lng: q.lng, radiusKm: q.radiusKm } }
        : {}),
      ...(q.q ? { q: q.q } : {}),
      ...(q.openOnly ? { openOnly: true } : {}),
      now,
    },
    q.page,
    q.pageSize,
  );
  return { items: rows.map((r) => summaryView(r, now)), total, page: q.page, pageSize: q.pageSize };
}

export async function listOfOrganization(
  ctx: Ctx,
  orgId: string,
  status: ActivityStatus | undefined,
  page: number,
  pageSize: number,
) {
  const now = ctx.clock();
  const phased = status === 'published' || status === 'in_progress' || status === 'ended';
  const { rows, total } = await repo.listOfOrganization(
    ctx.db,
    orgId,
    phased ? 'published' : status,
    now,
    phased ? status : undefined,
    page,
    pageSize,
  );
  return { items: rows.map((r) => summaryView(r, now)), total, page, pageSize };
}
