/**
 * Authorization-matrix fixtures for the dispatch routes. Unit routes act on an order held by the
 * relation's region (a fresh one each call, so state changes never interfere); team routes on an order
 * offered to the relation's organization; resident routes as "self" on the actor's own order.
 */
import type { TestApp } from '../../test/harness.ts';
import { encrypt } from '../../lib/crypto.ts';
import { targeted, type MatrixFixture, type MatrixFixtures } from '../../test/matrix.ts';
import { menuFixtures } from './menu.matrix.ts';

const NIL = '00000000-0000-4000-8000-000000000000';

async function unitLevel(t: TestApp, code: string) {
  const r = await t.handle.db
    .selectFrom('regions')
    .select('level')
    .where('code', '=', code)
    .orderBy('level', 'desc')
    .executeTakeFirstOrThrow();
  return r.level;
}

async function seedItem(
  t: TestApp,
  region: string,
  teamIds: string[],
  status: 'approved' | 'proposed' = 'approved',
) {
  const row = await t.handle.db
    .insertInto('dispatch_menu_items')
    .values({
      unit_code: region,
      unit_level: await unitLevel(t, region),
      category: '矩阵',
      title: '矩阵测试项目',
      description: '授权矩阵',
      team_ids: teamIds,
      status,
      offered_by_org: null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An order held by `region`, in `state`, offered to / served by `teamId` when given. */
async function seedOrder(
  t: TestApp,
  region: string,
  o: { teamId?: string; state?: string; requester?: string | null } = {},
) {
  const level = await unitLevel(t, region);
  const item = await seedItem(t, region, o.teamId ? [o.teamId] : []);
  const proxy = o.requester
    ? null
    : (await t.handle.db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow()).id;
  const key = t.config.appKey;
  const row = await t.handle.db
    .insertInto('dispatch_orders')
    .values({
      item_id: item,
      requester_id: o.requester ?? null,
      proxy_by: proxy,
      description: '矩阵',
      region_code: region,
      region_level: level,
      address_enc: encrypt(key, '矩阵路 1 号'),
      preferred_at: t.clock.now(),
      phone_enc: encrypt(key, '13800000000'),
      phone_mask: '138****0000',
      state: o.state ?? 'review',
      holder_code: region,
      holder_level: level,
      team_id: o.teamId ?? null,
      created_at: t.clock.now(),
      ...(o.state === 'completed' ? { report: '完成', completed_at: t.clock.now() } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A photo of a fresh order (for the photo routes). */
async function seedPhoto(t: TestApp, orderId: string) {
  const row = await t.handle.db
    .insertInto('dispatch_photos')
    .values({
      order_id: orderId,
      kind: 'order',
      mime: 'image/png',
      bytes: Buffer.from('matrix'),
      uploaded_by: null,
      created_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return `/photos/${row.id}`;
}

/** An invitation of a volunteer record to a fresh work order, by some account other than its own. */
async function seedInvitation(t: TestApp, region: string, volunteerId: string) {
  const order = await seedOrder(t, region, { state: 'ready' });
  const v = await t.handle.db
    .selectFrom('volunteers')
    .select('user_id')
    .where('id', '=', volunteerId)
    .executeTakeFirstOrThrow();
  let q = t.handle.db.selectFrom('users').select('id').limit(1);
  if (v.user_id) q = q.where('id', '<>', v.user_id);
  const by = (await q.executeTakeFirstOrThrow()).id;
  const row = await t.handle.db
    .insertInto('dispatch_invitations')
    .values({
      order_id: order,
      volunteer_id: volunteerId,
      invited_by: by,
      via_team: null,
      created_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const matrixFixtures: MatrixFixtures = (env) => {
  const { t, regions, orgs, volunteerOf } = env;
  const region = (rel: string) => regions[rel as keyof typeof regions];
  const org = (rel: string) => orgs[rel as keyof typeof orgs];
  /** A unit route on an order held by the relation's region. */
  const holder =
    (path: string, payload?: unknown, method = 'POST', state = 'review'): MatrixFixture =>
    async (rel) =>
      targeted(rel)
        ? {
            method,
            url: `/api/dispatch/orders/${await seedOrder(t(), region(rel), { state })}${path}`,
            ...(payload !== undefined ? { payload } : {}),
          }
        : null;
  /** A unit route on a photo of an order held by the relation's region. */
  const holderPhoto: MatrixFixture = async (rel) => {
    if (!targeted(rel)) return null;
    const id = await seedOrder(t(), region(rel));
    return { method: 'GET', url: `/api/dispatch/orders/${id}${await seedPhoto(t(), id)}` };
  };
  /** A team route on an order offered to (or served by) the relation's organization. */
  const teamOrder =
    (path: string, state: string, payload?: unknown, method = 'POST'): MatrixFixture =>
    async (rel) =>
      targeted(rel)
        ? {
            method,
            url: `/api/dispatch/team-orders/${await seedOrder(t(), regions.same, { teamId: org(rel), state })}${path}`,
            ...(payload !== undefined ? { payload } : {}),
          }
        : null;
  const self =
    (
      req: (actor: { user?: { id: string } }) => Promise<{ method: string; url: string; payload?: unknown }>,
    ): MatrixFixture =>
    async (rel, actor) =>
      rel === 'self' ? req(actor) : null;
  const later = () => new Date(t().clock.now().getTime() + 86_400_000).toISOString();

  return {
    ...menuFixtures(env),
    'GET /api/dispatch/menu': (rel) =>
      rel === 'none' ? { method: 'GET', url: `/api/dispatch/menu?region=${regions.descendant}` } : null,
    'GET /api/dispatch/menu-items': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/dispatch/menu-items?region=${region(rel)}` } : null,
    'POST /api/dispatch/menu-items': (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: '/api/dispatch/menu-items',
            payload: {
              region: region(rel),
              category: '矩阵',
              title: '矩阵',
              description: '矩阵',
              teamIds: [],
            },
          }
        : null,
    'POST /api/dispatch/menu-items/:id/decision': async (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: `/api/dispatch/menu-items/${await seedItem(t(), region(rel), [], 'proposed')}/decision`,
            payload: { decision: 'refused', reason: '矩阵' },
          }
        : null,
    'POST /api/dispatch/offers': (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: '/api/dispatch/offers',
            payload: {
              orgId: org(rel),
              region: regions.same,
              category: '矩阵',
              title: '矩阵',
              description: '矩阵',
            },
          }
        : null,
    'POST /api/dispatch/orders': self(async () => ({
      method: 'POST',
      url: '/api/dispatch/orders',
      payload: {
        itemId: NIL,
        description: '矩阵',
        region: regions.descendant,
        address: '矩阵路',
        preferredAt: later(),
        phone: '13800000000',
      },
    })),
    'GET /api/me/dispatch-orders': self(async () => ({ method: 'GET', url: '/api/me/dispatch-orders' })),
    'GET /api/me/dispatch-orders/:id': self(async (actor) => ({
      method: 'GET',
      url: `/api/me/dispatch-orders/${await seedOrder(t(), regions.same, { requester: actor.user?.id ?? null })}`,
    })),
    'POST /api/me/dispatch-orders/:id/rating': self(async (actor) => ({
      method: 'POST',
      url: `/api/me/dispatch-orders/${await seedOrder(t(), regions.same, {
        requester: actor.user?.id ?? null,
        teamId: orgs.same,
        state: 'completed',
      })}/rating`,
      payload: { score: 5 },
    })),
    'POST /api/dispatch/proxy-orders': (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: '/api/dispatch/proxy-orders',
            payload: {
              itemId: NIL,
              description: '矩阵',
              region: region(rel),
              address: '矩阵路',
              preferredAt: later(),
              phone: '13800000000',
              residentName: '矩阵',
              consentNote: '同意',
            },
          }
        : null,
    'GET /api/dispatch/orders': (rel) =>
      rel === 'self'
        ? null
        : { method: 'GET', url: `/api/dispatch/orders${targeted(rel) ? `?region=${region(rel)}` : ''}` },
    'GET /api/dispatch/orders/:id': holder('', undefined, 'GET'),
    'POST /api/dispatch/orders/:id/reject': holder('/reject', { reason: '矩阵' }),
    'POST /api/dispatch/orders/:id/merge': holder('/merge', { intoId: NIL }),
    'POST /api/dispatch/orders/:id/work-order': holder('/work-order', {
      scope: '矩阵',
      skills: [],
      peopleNeeded: 1,
      deadline: '2027-01-01T00:00:00Z',
    }),
    'POST /api/dispatch/orders/:id/dispatch': holder('/dispatch', { to: 'grab' }, 'POST', 'ready'),
    'POST /api/dispatch/orders/:id/redispatch': holder('/redispatch', { note: '矩阵' }, 'POST', 'open'),
    'POST /api/dispatch/orders/:id/cancel': holder('/cancel', { note: '矩阵' }),
    'GET /api/dispatch/counts': (rel) =>
      targeted(rel)
        ? {
            method: 'GET',
            url: `/api/dispatch/counts?region=${region(rel)}&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z`,
          }
        : null,
    'GET /api/dispatch/team-orders': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/dispatch/team-orders?orgId=${org(rel)}` } : null,
    'GET /api/dispatch/grab': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/dispatch/grab?orgId=${org(rel)}` } : null,
    'POST /api/dispatch/orders/:id/claim': async (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: `/api/dispatch/orders/${await seedOrder(t(), regions.same, { state: 'open' })}/claim`,
            payload: { orgId: org(rel) },
          }
        : null,
    'GET /api/dispatch/team-orders/:id': teamOrder('', 'offered', undefined, 'GET'),
    'POST /api/dispatch/team-orders/:id/accept': teamOrder('/accept', 'offered'),
    'POST /api/dispatch/team-orders/:id/decline': teamOrder('/decline', 'offered', { reason: '矩阵' }),
    'POST /api/dispatch/team-orders/:id/complete': teamOrder('/complete', 'accepted', { report: '矩阵' }),
    'GET /api/dispatch/team-orders/:id/contact': teamOrder('/contact', 'accepted', undefined, 'GET'),
    'POST /api/dispatch/team-orders/:id/activity': teamOrder('/activity', 'accepted', {}),

    // Invitations, photos, follow-up (invitations.routes.ts).
    'GET /api/dispatch/orders/:id/invitations': holder('/invitations', undefined, 'GET'),
    'POST /api/dispatch/orders/:id/invitations': holder(
      '/invitations',
      { volunteerIds: [NIL] },
      'POST',
      'ready',
    ),
    'GET /api/dispatch/team-orders/:id/invitations': teamOrder('/invitations', 'accepted', undefined, 'GET'),
    'POST /api/dispatch/team-orders/:id/invitations': teamOrder('/invitations', 'accepted', {
      volunteerIds: [NIL],
    }),
    'GET /api/me/dispatch-invitations': self(async () => ({
      method: 'GET',
      url: '/api/me/dispatch-invitations',
    })),
    'POST /api/me/dispatch-invitations/:id/answer': async (rel, actor) =>
      rel === 'self'
        ? {
            method: 'POST',
            url: `/api/me/dispatch-invitations/${await seedInvitation(t(), regions.same, await volunteerOf(actor))}/answer`,
            payload: { decision: 'decline' },
          }
        : null,
    'GET /api/dispatch/orders/:id/photos/:photoId': holderPhoto,
    'GET /api/dispatch/team-orders/:id/photos/:photoId': async (rel) => {
      if (!targeted(rel)) return null;
      const id = await seedOrder(t(), regions.same, { teamId: org(rel), state: 'accepted' });
      return { method: 'GET', url: `/api/dispatch/team-orders/${id}${await seedPhoto(t(), id)}` };
    },
    'POST /api/dispatch/orders/:id/follow-up/close': async (rel) => {
      if (!targeted(rel)) return null;
      const id = await seedOrder(t(), region(rel), { state: 'completed', teamId: orgs.same });
      await t()
        .handle.db.updateTable('dispatch_orders')
        .set({ follow_up: 'open' })
        .where('id', '=', id)
        .execute();
      return { method: 'POST', url: `/api/dispatch/orders/${id}/follow-up/close`, payload: { note: '矩阵' } };
    },
  };
};
