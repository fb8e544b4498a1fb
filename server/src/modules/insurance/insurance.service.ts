import type { z } from 'zod';
import {
  GROUP_POLICY_MAX_DAYS,
  type PolicyBody,
  type PolicyListQuery,
} from '@yiqi/shared/contracts/insurance';
import { isInSubtree, regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, readerOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { chinaDate, iso } from '../../core/dates.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findRegion } from '../regions/regions.service.ts';
import * as repo from './insurance.repository.ts';

/**
 * Insurance policies, entered by region admins within their subtree (decisions/0053). Enrollment is
 * derived: a group policy covers whoever is registered in its subtree, an activity policy whoever holds an
 * accepted sign-up of the activity; nothing is copied, so a late registration is covered without a step.
 */

function view(r: repo.PolicyRow) {
  return {
    id: r.id,
    kind: r.kind,
    regionCode: r.region_code,
    regionName: r.region_name ?? null,
    activityId: r.activity_id,
    activityTitle: r.activity_title ?? null,
    insurer: r.insurer,
    policyNo: r.policy_no,
    cover: r.cover,
    limits: r.limits,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    withdrawnAt: iso(r.withdrawn_at),
    withdrawReason: r.withdraw_reason,
  };
}

const DAY_MS = 86_400_000;
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;

/** The caller's region-admin grants as subtree prefixes. */
function scopePrefixes(ctx: Ctx): string[] {
  return actorOf(ctx)
    .grants.filter((g) => g.role === 'region_admin' && g.orgId === null)
    .map((g) => regionPrefix(g.regionCode, g.regionLevel as RegionLevel));
}

export async function create(ctx: Ctx, b: PolicyBody) {
  if (b.validTo < b.validFrom) throw new DomainError('INSURANCE_POLICY_PERIOD');
  if (b.kind === 'region_year' && days(b.validFrom, b.validTo) > GROUP_POLICY_MAX_DAYS)
    throw new DomainError('INSURANCE_POLICY_PERIOD');
  const region = await findRegion(ctx.db, b.region);
  if (!region) throw new DomainError('REGION_NOT_FOUND');
  const prefix = regionPrefix(region.code, region.level as RegionLevel);
  if ((b.kind === 'activity') !== (b.activityId !== null)) throw new DomainError('INSURANCE_POLICY_ACTIVITY');
  if (b.activityId) {
    // The route checked the region; the activity must lie within it, so no admin insures another's.
    const a = await repo.findActivityRegion(ctx.db, b.activityId);
    if (!a || !isInSubtree(a.region_code, region.code, region.level as RegionLevel))
      throw new DomainError('INSURANCE_POLICY_ACTIVITY');
  }
  const v: repo.PolicyValues = {
    kind: b.kind,
    region_code: region.code,
    region_prefix: prefix,
    activity_id: b.activityId,
    insurer: b.insurer,
    policy_no: b.policyNo,
    cover: b.cover,
    limits: b.limits,
    valid_from: b.validFrom,
    valid_to: b.validTo,
  };
  return withTransaction(ctx, async (tx) => {
    if (await repo.livePolicyNumberTaken(tx.db, v.insurer, v.policy_no))
      throw new DomainError('INSURANCE_POLICY_DUPLICATE');
    const id = await repo.insertPolicy(tx.db, v, actorOf(ctx).userId, ctx.clock());
    await recordAudit(tx, {
      action: 'insurance.policy.create',
      objectType: 'insurance_policy',
      objectId: id,
      result: 'ok',
      regionCode: v.region_code,
      details: {
        kind: v.kind,
        insurer: v.insurer,
        policyNo: v.policy_no,
        activityId: v.activity_id,
        validFrom: v.valid_from,
        validTo: v.valid_to,
      },
    });
    return { id };
  });
}

export async function withdraw(ctx: Ctx, id: string, reason: string) {
  return withTransaction(ctx, async (tx) => {
    const p = await repo.lockPolicy(tx.db, id);
    if (!p) throw new DomainError('INSURANCE_POLICY_NOT_FOUND');
    if (p.withdrawn_at) throw new DomainError('INSURANCE_POLICY_WITHDRAWN');
    await repo.withdrawPolicy(tx.db, id, actorOf(ctx).userId, reason, ctx.clock());
    await recordAudit(tx, {
      action: 'insurance.policy.withdraw',
      objectType: 'insurance_policy',
      objectId: id,
      result: 'ok',
      regionCode: p.region_code,
      details: { reason },
    });
    return { id };
  });
}

export async function detail(ctx: Ctx, id: string) {
  const db = readerOf(ctx);
  const [p, k] = await Promise.all([repo.findPolicy(db, id), repo.findPrefix(db, id)]);
  if (!p || !k) throw new DomainError('INSURANCE_POLICY_NOT_FOUND');
  return { ...view(p), enrolled: await repo.countEnrolled(db, k) };
}

export async function list(ctx: Ctx, q: z.infer<typeof PolicyListQuery>) {
  const db = readerOf(ctx);
  let prefixes = scopePrefixes(ctx);
  if (q.region) {
    const region = await findRegion(db, q.region);
    if (!region) throw new DomainError('REGION_NOT_FOUND');
    prefixes = [regionPrefix(region.code, region.level as RegionLevel)];
  }
  const { rows, total } = await repo.listPolicies(
    db,
    { prefixes, ...(q.on ? { on: q.on } : {}), includeWithdrawn: q.includeWithdrawn === 'true' },
    q.page,
    q.pageSize,
  );
  return { items: rows.map(view), total, page: q.page, pageSize: q.pageSize };
}

/** Was the volunteer covered at `at`: the policies, and the records and sign-ups of that time as evidence. */
async function coverageOf(ctx: Ctx, volunteerId: string, at: Date) {
  const v = await repo.findVolunteer(ctx.db, volunteerId);
  if (!v) throw new DomainError('NOT_FOUND');
  const day = chinaDate(at);
  const [group, byActivity, records, signups] = await Promise.all([
    repo.groupPoliciesAt(ctx.db, v.id, at, day),
    repo.activityPoliciesAt(ctx.db, v.id, at, day),
    repo.recordsOn(ctx.db, v.id, day),
    repo.signupsAt(ctx.db, v.id, at),
  ]);
  const policies = [
    ...group.map((p) => ({ ...view(p), basis: 'registration' as const, signupId: null })),
    ...byActivity.map((p) => ({ ...view(p), basis: 'signup' as const, signupId: p.signup_id })),
  ];
  return {
    at: at.toISOString(),
    day,
    volunteer: { id: v.id, volunteerNo: v.volunteer_no, name: v.name, regionCode: v.region_code },
    covered: policies.length > 0,
    policies,
    records: records.map((r) => ({
      id: r.id,
      activityId: r.activity_id,
      activityTitle: r.activity_title,
      serviceDate: r.service_day,
      checkInAt: iso(r.check_in_at),
      checkOutAt: iso(r.check_out_at),
      minutes: r.minutes,
      status: r.status,
    })),
    signups: signups.map((s) => ({
      id: s.id,
      activityId: s.activity_id,
      activityTitle: s.title,
      startsAt: iso(s.starts_at),
      endsAt: iso(s.ends_at),
      status: s.status,
    })),
  };
}

/** An administrator's lookup of another person's coverage: a view of personal data, so audited. */
export async function lookup(ctx: Ctx, volunteerId: string, at: string | undefined) {
  const c = await coverageOf(ctx, volunteerId, at ? new Date(at) : ctx.clock());
  await recordAudit(ctx, {
    action: 'insurance.coverage.lookup',
    objectType: 'volunteer',
    objectId: volunteerId,
    result: 'ok',
    regionCode: c.volunteer.regionCode,
    details: { at: c.at, covered: c.covered, policies: c.policies.map((p) => p.id) },
  });
  return c;
}

/** The caller's own coverage (the mobile "my insurance" page). */
export async function mine(ctx: Ctx, at: string | undefined) {
  const v = await repo.findVolunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!v) throw new DomainError('VOLUNTEER_REQUIRED');
  return coverageOf(ctx, v.id, at ? new Date(at) : ctx.clock());
}
