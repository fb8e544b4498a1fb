import type { MembershipRole, MembershipStatus } from '@yiqi/shared/contracts/memberships';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertActiveOrg } from '../organizations/org-status.ts';
import { refuseSelfDecision } from '../roles/deciders.ts';
import * as repo from './memberships.repository.ts';
import { withTransaction } from '../../core/tx.ts';
import { isUniqueViolation } from '../../core/pg-errors.ts';
import { iso } from '../../core/dates.ts';
import { notify } from '../notifications/notifications.service.ts';

type Membership = NonNullable<Awaited<ReturnType<typeof repo.findMembership>>>;

/**
 * Only approved organizations take members: a pending or rejected one is not yet (or never) a team, a
 * dissolved one is no longer.
 */
async function approvedOrg(ctx: Ctx, orgId: string) {
  const org = await repo.findOrganizationStatus(ctx.db, orgId);
  if (!org) throw new DomainError('NOT_FOUND');
  assertActiveOrg(org.status);
  return org;
}

/** Opens a membership (application or invitation) and audits it; one open membership per person and team. */
async function open(
  ctx: Ctx,
  org: { id: string; region_code: string },
  volunteerId: string,
  status: 'applied' | 'invited',
) {
  try {
    return await withTransaction(ctx, async (tx) => {
      const row = await repo.insertMembership(tx.db, { orgId: org.id, volunteerId, status });
      await recordAudit(tx, {
        action: status === 'applied' ? 'membership.apply' : 'membership.invite',
        result: 'ok',
        objectType: 'membership',
        objectId: row.id,
        regionCode: org.region_code,
        details: { orgId: org.id, volunteerId },
      });
      return { id: row.id, status };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('MEMBERSHIP_EXISTS');
    throw e;
  }
}

/** A volunteer applies to join a team; the team decides. */
export async function applyToJoin(ctx: Ctx, orgId: string) {
  const volunteer = await repo.findActiveVolunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!volunteer) throw new DomainError('VOLUNTEER_REQUIRED');
  return open(ctx, await approvedOrg(ctx, orgId), volunteer.id, 'applied');
}

/** The team invites a volunteer by public number; nobody is made a member without accepting. */
export async function invite(ctx: Ctx, orgId: string, volunteerNo: string) {
  const org = await approvedOrg(ctx, orgId);
  const volunteer = await repo.findActiveVolunteerByNo(ctx.db, volunteerNo);
  if (!volunteer) throw new DomainError('MEMBER_VOLUNTEER_NOT_FOUND');
  return open(ctx, org, volunteer.id, 'invited');
}

/** Applies a status change in a transaction with its audit row; MEMBERSHIP_STATE if it raced or never fit. */
async function move(
  ctx: Ctx,
  m: Membership,
  from: readonly MembershipStatus[],
  to: MembershipStatus,
  action: string,
  also?: (tx: Ctx) => Promise<void>,
) {
  if (!from.includes(m.status)) throw new DomainError('MEMBERSHIP_STATE');
  const actor = actorOf(ctx);
  await withTransaction(ctx, async (tx) => {
    if (!(await repo.transition(tx.db, m.id, from, to, actor.userId, ctx.clock())))
      throw new DomainError('MEMBERSHIP_STATE');
    await recordAudit(tx, {
      action,
      result: 'ok',
      objectType: 'membership',
      objectId: m.id,
      regionCode: m.region_code,
      details: { orgId: m.org_id, volunteerId: m.volunteer_id, from: m.status, to },
    });
    if (also) await also(tx);
  });
  return { id: m.id, status: to };
}

/** A membership of the organization in the path; one of another team reads as not found. */
async function teamMembership(ctx: Ctx, orgId: string, membershipId: string) {
  const m = await repo.findMembership(ctx.db, membershipId);
  if (!m || m.org_id !== orgId) throw new DomainError('NOT_FOUND');
  return m;
}

/** One of the caller's own memberships; anyone else's reads as not found. */
async function ownMembership(ctx: Ctx, membershipId: string) {
  const m = await repo.findMembership(ctx.db, membershipId);
  if (!m || m.user_id !== actorOf(ctx).userId) throw new DomainError('NOT_FOUND');
  return m;
}

export async function decideApplication(
  ctx: Ctx,
  orgId: string,
  membershipId: string,
  decision: 'approve' | 'reject',
) {
  const m = await teamMembership(ctx, orgId, membershipId);
  // Nobody admits themselves: the parent organization's or the region admins decide (also a trigger).
  await refuseSelfDecision(ctx, 'MEMBERSHIP_SELF_DECISION', m.user_id, {
    orgId: m.org_id,
    regionCode: m.region_code,
  });
  if (decision === 'approve') assertActiveOrg(m.org_status);
  // The applicant learns the outcome in their inbox, in the same transaction as the decision.
  return move(
    ctx,
    m,
    ['applied'],
    decision === 'approve' ? 'active' : 'rejected',
    'membership.decide',
    (tx) =>
      notify(tx.db, [m.user_id], decision === 'approve' ? 'membership_approved' : 'membership_rejected', {
        orgName: m.org_name,
      }),
  );
}

export async function acceptInvitation(ctx: Ctx, membershipId: string) {
  const m = await ownMembership(ctx, membershipId);
  assertActiveOrg(m.org_status);
  return move(ctx, m, ['invited'], 'active', 'membership.accept');
}

export async function declineInvitation(ctx: Ctx, membershipId: string) {
  return move(ctx, await ownMembership(ctx, membershipId), ['invited'], 'rejected', 'membership.decline');
}

/** Leaving (or withdrawing an application) keeps the row as history; re-applying opens a new one. */
export async function leave(ctx: Ctx, membershipId: string) {
  return move(ctx, await ownMembership(ctx, membershipId), ['applied', 'active'], 'left', 'membership.leave');
}

export async function setRole(ctx: Ctx, orgId: string, membershipId: string, role: MembershipRole) {
  const m = await teamMembership(ctx, orgId, membershipId);
  if (m.status !== 'active') throw new DomainError('MEMBERSHIP_STATE');
  await withTransaction(ctx, async (tx) => {
    if (!(await repo.updateRole(tx.db, m.id, role))) throw new DomainError('MEMBERSHIP_STATE');
    await recordAudit(tx, {
      action: 'membership.role',
      result: 'ok',
      objectType: 'membership',
      objectId: m.id,
      regionCode: m.region_code,
      details: { orgId: m.org_id, volunteerId: m.volunteer_id, from: m.role, to: role },
    });
  });
  return { id: m.id, role };
}

export async function listMembers(
  ctx: Ctx,
  orgId: string,
  status: MembershipStatus | undefined,
  page: number,
  pageSize: number,
) {
  const { rows, total } = await repo.listMembersOf(ctx.db, orgId, status, page, pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id,
      volunteerId: r.volunteer_id,
      volunteerNo: r.volunteer_no,
      name: r.name,
      role: r.role,
      status: r.status,
      source: r.source,
      createdAt: iso(r.created_at)!,
      decidedAt: iso(r.decided_at),
      leftAt: iso(r.left_at),
    })),
    total,
    page,
    pageSize,
  };
}

/** The caller's teams, history included; empty for an account that is not a volunteer. */
export async function myMemberships(
  ctx: Ctx,
  status: MembershipStatus | undefined,
  page: number,
  pageSize: number,
) {
  const volunteer = await repo.findActiveVolunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!volunteer) return { items: [], total: 0, page, pageSize };
  return membershipsOfVolunteer(ctx, volunteer.id, status, page, pageSize);
}

/**
 * One volunteer's memberships, history included, newest first: their own list, and staff's view of a
 * volunteer in their area (the caller checks that scope).
 */
export async function membershipsOfVolunteer(
  ctx: Ctx,
  volunteerId: string,
  status: MembershipStatus | undefined,
  page: number,
  pageSize: number,
) {
  const { rows, total } = await repo.listMembershipsOfVolunteer(ctx.db, volunteerId, status, page, pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      orgName: r.org_name,
      regionCode: r.region_code,
      role: r.role,
      status: r.status,
      createdAt: iso(r.created_at)!,
      decidedAt: iso(r.decided_at),
      leftAt: iso(r.left_at),
    })),
    total,
    page,
    pageSize,
  };
}

/**
 * Members of a team from an Excel import (imports.members.ts), in the import's transaction (`ctx.db`):
 * active at once, decided by the uploader, in one statement; returns how many were added (an open
 * membership that appeared meanwhile is kept and not counted).
 */
export function addImportedMembers(
  ctx: Ctx,
  orgId: string,
  rows: { volunteerId: string; role: MembershipRole }[],
): Promise<number> {
  return repo.insertImportedMemberships(ctx.db, orgId, rows, actorOf(ctx).userId, ctx.clock());
}
