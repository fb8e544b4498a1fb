/**
 * Authorization-matrix fixtures for the activity, sign-up and attendance routes.
 * Organizer routes act on an activity of the relation's organization (a fresh one for each write, so state
 * changes never interfere); volunteer routes run as "self" on the actor's own volunteer record.
 */
import type { TestApp } from '../../test/harness.ts';
import type { MatrixFixtures } from '../../test/matrix.ts';
import { activityBody, positionBody } from './activities.testkit.ts';

type MatrixReq = { method: string; url: string; payload?: unknown } | null;
type Fixture = (rel: string, actor: { name: string }) => MatrixReq | Promise<MatrixReq>;
const HOUR = 3600_000;
const NIL = '00000000-0000-4000-8000-000000000000';

/** Inserts an activity with one position and shift directly; `ended` puts it in the past. */
export async function seedActivity(
  t: TestApp,
  orgId: string,
  opts: { status?: 'draft' | 'published'; ended?: boolean } = {},
) {
  const now = t.clock.now().getTime();
  const start = new Date(opts.ended ? now - 5 * HOUR : now + 48 * HOUR);
  const end = new Date(start.getTime() + 4 * HOUR);
  const creator = await t.handle.db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow();
  const a = await t.handle.db
    .insertInto('activities')
    .values({
      org_id: orgId,
      title: '矩阵测试活动',
      description: '授权矩阵',
      category: 'community',
      region_code: '440305000000',
      address: '南山区',
      starts_at: start,
      ends_at: end,
      contact_name: '联系人',
      person_in_charge: '负责人',
      status: opts.status ?? 'published',
      created_by: creator.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const p = await t.handle.db
    .insertInto('positions')
    .values({ activity_id: a.id, name: '岗位' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const s = await t.handle.db
    .insertInto('shifts')
    .values({ position_id: p.id, activity_id: a.id, starts_at: start, ends_at: end, quota: 5 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { activityId: a.id, positionId: p.id, shiftId: s.id, start, end };
}

export function activityMatrixFixtures(
  getT: () => TestApp,
  orgs: Record<string, string>,
  volunteerOf: (actor: { name: string }) => Promise<string>,
): Record<string, Fixture> {
  const targeted = (rel: string) => rel !== 'none' && rel !== 'self';
  /** An organizer route on a new activity of the relation's organization. */
  const onActivity =
    (
      method: string,
      path: string,
      opts: {
        status?: 'draft' | 'published';
        ended?: boolean;
        payload?: (a: Awaited<ReturnType<typeof seedActivity>>) => unknown;
      } = {},
    ): Fixture =>
    async (rel) => {
      if (!targeted(rel)) return null;
      const a = await seedActivity(getT(), orgs[rel]!, opts);
      const url = `/api/activities/${a.activityId}${path.replace(':shiftId', a.shiftId).replace(':positionId', a.positionId)}`;
      return { method, url, ...(opts.payload ? { payload: opts.payload(a) } : {}) };
    };
  const self =
    (method: string, url: string, payload?: unknown): Fixture =>
    (rel) =>
      rel === 'self' ? { method, url, ...(payload !== undefined ? { payload } : {}) } : null;
  const shiftBody = (a: { start: Date; end: Date }) =>
    positionBody({ startsAt: a.start.toISOString(), endsAt: a.end.toISOString() });

  return {
    'GET /api/activities/:id': async (rel) =>
      rel === 'none'
        ? { method: 'GET', url: `/api/activities/${(await seedActivity(getT(), orgs.same!)).activityId}` }
        : null,
    'GET /api/organizations/:id/activities': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/organizations/${orgs[rel]}/activities` } : null,
    'POST /api/organizations/:id/activities': (rel) =>
      targeted(rel)
        ? { method: 'POST', url: `/api/organizations/${orgs[rel]}/activities`, payload: activityBody(getT()) }
        : null,
    'GET /api/activities/:id/manage': onActivity('GET', '/manage'),
    'PATCH /api/activities/:id': onActivity('PATCH', '', { payload: () => ({ title: '改个名字' }) }),
    'POST /api/activities/:id/publish': onActivity('POST', '/publish', { status: 'draft' }),
    'POST /api/activities/:id/cancel': onActivity('POST', '/cancel', {
      payload: () => ({ reason: '矩阵测试取消' }),
    }),
    'POST /api/activities/:id/close': onActivity('POST', '/close', { ended: true }),
    'POST /api/activities/:id/positions': onActivity('POST', '/positions', { payload: shiftBody }),
    'PUT /api/activities/:id/positions/:positionId': onActivity('PUT', '/positions/:positionId', {
      payload: shiftBody,
    }),
    'DELETE /api/activities/:id/positions/:positionId': onActivity('DELETE', '/positions/:positionId'),
    'GET /api/activities/:id/signups': onActivity('GET', '/signups'),
    'POST /api/activities/:id/signups/decision': onActivity('POST', '/signups/decision', {
      payload: () => ({ ids: [NIL], decision: 'accept' }),
    }),
    'POST /api/activities/:id/shifts/:shiftId/no-shows': onActivity('POST', '/shifts/:shiftId/no-shows', {
      ended: true,
    }),
    'GET /api/activities/:id/shifts/:shiftId/qr': onActivity('GET', '/shifts/:shiftId/qr'),
    'GET /api/activities/:id/site-code': onActivity('GET', '/site-code'),
    'GET /api/activities/:id/attendance': onActivity('GET', '/attendance'),
    'POST /api/activities/:id/attendance/check-in': onActivity('POST', '/attendance/check-in', {
      payload: () => ({ signupId: NIL }),
    }),
    'POST /api/activities/:id/attendance/check-out': onActivity('POST', '/attendance/check-out', {
      payload: () => ({ signupId: NIL }),
    }),
    'POST /api/activities/:id/attendance/:attendanceId/review': async (rel) => {
      if (!targeted(rel)) return null;
      const a = await seedActivity(getT(), orgs[rel]!);
      return {
        method: 'POST',
        url: `/api/activities/${a.activityId}/attendance/${NIL}/review`,
        payload: { decision: 'approve' },
      };
    },
    // Handouts (handouts.routes.ts): roster, paper sign-in sheet, share card; the public page and map settings.
    'GET /api/activities/:id/roster.xlsx': onActivity('GET', '/roster.xlsx'),
    'GET /api/activities/:id/sign-in-sheet.pdf': onActivity('GET', '/sign-in-sheet.pdf'),
    'GET /api/activities/:id/share-card.svg': onActivity('GET', '/share-card.svg'),
    'GET /m/activities/:id': async (rel) =>
      rel === 'none'
        ? { method: 'GET', url: `/m/activities/${(await seedActivity(getT(), orgs.same!)).activityId}` }
        : null,
    // The volunteer's own side.
    'POST /api/shifts/:id/signups': async (rel, actor) => {
      if (rel !== 'self') return null;
      await volunteerOf(actor);
      const a = await seedActivity(getT(), orgs.same!);
      return { method: 'POST', url: `/api/shifts/${a.shiftId}/signups`, payload: {} };
    },
    'GET /api/me/signups': self('GET', '/api/me/signups?when=all'),
    'POST /api/me/signups/:id/cancel': async (rel, actor) => {
      if (rel !== 'self') return null;
      const t = getT();
      const volunteerId = await volunteerOf(actor);
      const a = await seedActivity(t, orgs.same!);
      const g = await t.handle.db
        .insertInto('signups')
        .values({
          shift_id: a.shiftId,
          position_id: a.positionId,
          activity_id: a.activityId,
          volunteer_id: volunteerId,
          status: 'accepted',
          shift_range: `[${a.start.toISOString()},${a.end.toISOString()})`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { method: 'POST', url: `/api/me/signups/${g.id}/cancel` };
    },
    'POST /api/checkins': self('POST', '/api/checkins', { token: 'not-a-code' }),
    'POST /api/checkouts': self('POST', '/api/checkouts', { token: 'not-a-code' }),
  };
}

export const matrixFixtures: MatrixFixtures = (env) =>
  activityMatrixFixtures(env.t, env.orgs, env.volunteerOf);
