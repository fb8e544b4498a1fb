import type { z } from 'zod';
import type { InvitationAnswer, InvitationViewT, MyInvitationViewT } from '@yiqi/shared/contracts/dispatch';
import { isInSubtree, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { iso } from '../../core/dates.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import * as repo from './dispatch.repository.ts';
import * as inv from './invitations.repository.ts';

/**
 * 邀请: individual volunteers are invited, never assigned (issue 13). The unit holding a work order invites
 * volunteers of its own area (those the suggestions show it); the serving team invites its active members.
 * Only the volunteer answers, from their own account: an acceptance names them on the order, a decline
 * (reason optional) changes nothing else. Nobody invites themselves (service and database).
 */

/** States in which an order can still take volunteers: a work order not yet completed or closed. */
const TAKING = ['ready', 'offered', 'open', 'accepted'];

type Inviter = { kind: 'unit' } | { kind: 'team' };

export async function invite(ctx: Ctx, orderId: string, volunteerIds: string[], by: Inviter) {
  const me = actorOf(ctx);
  const ids = [...new Set(volunteerIds)];
  return withTransaction(ctx, async (tx) => {
    const o = await repo.orderRow(tx.db, orderId, true);
    if (!o) throw new DomainError('DISPATCH_ORDER_NOT_FOUND');
    // The unit invites for a work order it holds; the team once it has accepted (it serves).
    if (by.kind === 'team' ? o.state !== 'accepted' : !TAKING.includes(o.state))
      throw new DomainError('DISPATCH_STATE');
    const vols = await inv.volunteersByIds(tx.db, ids);
    if (vols.some((v) => v.user_id === me.userId)) throw new DomainError('DISPATCH_INVITE_SELF');
    const allowed =
      by.kind === 'team'
        ? new Set((await repo.activeMembers(tx.db, o.team_id!, ids)).map((m) => m.volunteer_id))
        : new Set(vols.filter((v) => inUnitScope(ctx, o.region_code, v.region_code)).map((v) => v.id));
    const ok = vols.filter((v) => v.user_id !== null && v.status === 'active' && allowed.has(v.id));
    if (ok.length !== ids.length) throw new DomainError('DISPATCH_INVITEE_INVALID');
    const now = tx.clock();
    const via = by.kind === 'team' ? o.team_id : null;
    const rows = ids.map((id) => ({
      order_id: o.id,
      volunteer_id: id,
      invited_by: me.userId,
      via_team: via,
      created_at: now,
    }));
    const inserted = await inv.insertInvitations(tx.db, rows);
    if (inserted.length !== ids.length) throw new DomainError('DISPATCH_ALREADY_INVITED');
    const item = (await repo.itemById(tx.db, o.item_id))!;
    await notify(
      tx.db,
      ok.map((v) => v.user_id),
      'dispatch_invitation',
      { title: item.title, orderId: o.id },
    );
    await repo.insertHop(tx.db, {
      order_id: o.id,
      action: 'invite',
      from_state: o.state,
      to_state: o.state,
      from_unit: o.holder_code,
      to_unit: o.holder_code,
      to_team: via,
      by_user: me.userId,
      at: now,
      note: String(ids.length),
    });
    await recordAudit(tx, {
      action: 'dispatch.invite',
      result: 'ok',
      objectType: 'dispatch_order',
      objectId: o.id,
      regionCode: o.holder_code,
      details: { volunteers: ids, byTeam: via },
    });
    return list(tx, o.id);
  });
}

/**
 * A unit's dispatcher invites volunteers of its own area: inside one of the caller's region-admin grants
 * that contains the order's community (a street post its street, the district's centre the district).
 */
function inUnitScope(ctx: Ctx, orderRegion: string, volunteerRegion: string): boolean {
  return actorOf(ctx).grants.some(
    (g) =>
      g.role === 'region_admin' &&
      isInSubtree(orderRegion, g.regionCode, g.regionLevel as RegionLevel) &&
      isInSubtree(volunteerRegion, g.regionCode, g.regionLevel as RegionLevel),
  );
}

export async function list(ctx: Ctx, orderId: string): Promise<{ items: InvitationViewT[] }> {
  const rows = await inv.invitationsOf(ctx.db, orderId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      volunteer: { id: r.volunteer_id, volunteerNo: r.volunteer_no, name: r.name },
      status: r.status,
      declineReason: r.decline_reason,
      byTeam: r.via_team !== null,
      createdAt: iso(r.created_at),
      decidedAt: iso(r.decided_at),
    })),
  };
}

export async function mine(ctx: Ctx): Promise<{ items: MyInvitationViewT[] }> {
  const rows = await inv.myInvitations(ctx.db, actorOf(ctx).userId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      item: r.item_title,
      scope: r.scope,
      regionName: r.region_name,
      preferredAt: iso(r.preferred_at),
      deadline: iso(r.deadline),
      team: r.team_name,
      open: TAKING.includes(r.state),
      declineReason: r.decline_reason,
      createdAt: iso(r.created_at),
    })),
  };
}

/**
 * The volunteer's answer, from their own account only (someone else's invitation answers as unknown).
 * Accepting needs the order still taking volunteers; declining is always possible while unanswered.
 */
export async function answer(ctx: Ctx, id: string, a: z.infer<typeof InvitationAnswer>) {
  const me = actorOf(ctx);
  await withTransaction(ctx, async (tx) => {
    const i = await inv.ownInvitation(tx.db, id, me.userId);
    if (!i) throw new DomainError('DISPATCH_INVITATION_NOT_FOUND');
    if (i.status !== 'invited') throw new DomainError('DISPATCH_INVITATION_ANSWERED');
    const o = (await repo.orderRow(tx.db, i.order_id, true))!;
    const accept = a.decision === 'accept';
    if (accept && !TAKING.includes(o.state)) throw new DomainError('DISPATCH_STATE');
    const now = tx.clock();
    const done = await inv.answerInvitation(tx.db, id, {
      status: accept ? 'accepted' : 'declined',
      decline_reason: a.decision === 'decline' ? a.reason || null : null,
      decided_at: now,
    });
    if (!done) throw new DomainError('DISPATCH_INVITATION_ANSWERED');
    if (accept) await inv.nameVolunteer(tx.db, o.id, i.volunteer_id);
    await repo.insertHop(tx.db, {
      order_id: o.id,
      action: accept ? 'invitation_accepted' : 'invitation_declined',
      from_state: o.state,
      to_state: o.state,
      from_unit: o.holder_code,
      to_unit: o.holder_code,
      to_team: null,
      by_user: me.userId,
      at: now,
      note: null,
    });
    await recordAudit(tx, {
      action: accept ? 'dispatch.invitation.accept' : 'dispatch.invitation.decline',
      result: 'ok',
      objectType: 'dispatch_invitation',
      objectId: id,
      regionCode: o.region_code,
      details: { order: o.id },
    });
  });
  return mine(ctx);
}
