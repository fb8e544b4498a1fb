import { ActivityCreateBody, PositionBody } from '@yiqi/shared/contracts/activities';
import { CATEGORY_NAMES, SERVICE_CATEGORIES, type ServiceCategory } from '@yiqi/shared/categories';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { decrypt } from '../../lib/crypto.ts';
import { createActivity } from '../activities/activities.service.ts';
import { addPosition } from '../activities/positions.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './dispatch.repository.ts';
import { maskAddress } from './dispatch.views.ts';
import * as links from './service-activity.repository.ts';

/**
 * Service through an activity (issue 13 "Service"): instead of naming volunteers at completion, the team
 * serving an order opens an activity for it and recruits, schedules and checks volunteers in there (the
 * activities capability: positions, shifts, sign-up, check-in). The activity's attendance is drafted into
 * service records when its shifts end and confirmed through records/confirmation.ts like any activity's
 * (a second person, never the volunteer themself), so the order's completion names no hours of its own.
 *
 * The activity is a draft of the team, filled from the order: the community the order is in, the street
 * address masked as staff see it (activities are public once published; only the serving team sees the
 * resident's address, through the audited contact), no map point, the work order's scope, one position
 * with a shift at the preferred time for the people needed, recruitment limited to the team's members.
 * The team edits it and publishes it like any other activity.
 */

const HOUR = 3_600_000;

/** The national category whose Chinese name the menu item's category is, else community service. */
function categoryOf(name: string): ServiceCategory {
  return SERVICE_CATEGORIES.find((c) => CATEGORY_NAMES[c]['zh-CN'] === name) ?? 'community';
}

/** The shift: at the preferred time, or (an order served late) at the next full hour at least an hour away. */
function shiftTimes(now: Date, preferred: Date) {
  const soonest = Math.ceil((now.getTime() + HOUR) / HOUR) * HOUR;
  const start = preferred.getTime() >= soonest ? preferred.getTime() : soonest;
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * HOUR).toISOString() };
}

export async function openActivity(ctx: Ctx, orderId: string) {
  const me = actorOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const o = await repo.orderRow(tx.db, orderId, true);
    if (!o) throw new DomainError('DISPATCH_ORDER_NOT_FOUND');
    // Only the team serving it, while it serves (the route's target is the team the order names now).
    if (o.state !== 'accepted' || !o.team_id) throw new DomainError('DISPATCH_STATE');
    if (await links.linkOfTeam(tx.db, o.id, o.team_id)) throw new DomainError('DISPATCH_ACTIVITY_EXISTS');
    const item = (await repo.itemById(tx.db, o.item_id))!;
    const when = shiftTimes(tx.clock(), o.preferred_at);
    const title = `群众点单：${item.title}`.slice(0, 100);
    const description = `${o.scope ?? item.description}\n\n（本活动为群众点单服务，服务对象的详细地址和联系方式仅向服务团队提供。）`;
    const created = await createActivity(
      tx,
      o.team_id,
      ActivityCreateBody.parse({
        title,
        description: description.slice(0, 5000),
        category: categoryOf(item.category),
        targets: ['residents'],
        regionCode: o.region_code,
        address: maskAddress(decrypt(tx.config.appKey, o.address_enc)),
        ...when,
        recruitMode: 'teams',
        designatedOrgs: [o.team_id],
        contactName: me.displayName.slice(0, 100),
        personInCharge: me.displayName.slice(0, 100),
      }),
    );
    await addPosition(
      tx,
      created.id,
      PositionBody.parse({
        name: item.title.slice(0, 100),
        duties: (o.scope ?? item.description).slice(0, 2000),
        requiredSkills: o.skills.slice(0, 20).map((s) => s.slice(0, 50)),
        shifts: [{ ...when, quota: o.people_needed ?? 1 }],
      }),
    );
    const now = tx.clock();
    await links.insertLink(tx.db, {
      activity_id: created.id,
      order_id: o.id,
      team_id: o.team_id,
      created_by: me.userId,
      created_at: now,
    });
    await repo.insertHop(tx.db, {
      order_id: o.id,
      action: 'open_activity',
      from_state: o.state,
      to_state: o.state,
      from_unit: o.holder_code,
      to_unit: o.holder_code,
      to_team: o.team_id,
      by_user: me.userId,
      at: now,
      note: null,
      activity_id: created.id,
    });
    await recordAudit(tx, {
      action: 'dispatch.open_activity',
      result: 'ok',
      objectType: 'dispatch_order',
      objectId: o.id,
      regionCode: o.region_code,
      details: { team: o.team_id, activityId: created.id },
    });
    return created;
  });
}

/** The activities opened for an order, for its detail (staff and team). */
export async function activitiesOf(ctx: Ctx, orderId: string) {
  const rows = await links.activitiesOf(ctx.db, orderId);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    startsAt: r.starts_at.toISOString(),
    team: { id: r.team_id, name: r.team_name },
  }));
}

/**
 * What completion takes from the team's activity for the order, if it opened one that is not cancelled:
 * the volunteers checked in there (named on the order). Hours entered at completion are refused then:
 * they come from the activity's own records, and entering them again would count them twice.
 */
export async function servedThroughActivity(tx: Ctx, o: repo.OrderRow, minutes: number | undefined) {
  if (!o.team_id) return null;
  const link = await links.linkOfTeam(tx.db, o.id, o.team_id);
  if (!link || link.status === 'cancelled') return null;
  if (minutes) throw new DomainError('DISPATCH_HOURS_VIA_ACTIVITY');
  return (await links.attendedVolunteers(tx.db, link.activity_id)).map((r) => r.volunteer_id);
}
