/**
 * Authorization-matrix fixtures for the service-record routes: organizer routes on a record or activity of
 * the relation's organization, the escalation list by the relation's region, and the volunteer's own side.
 */
import type { TestApp } from '../../test/harness.ts';
import type { MatrixFixtures } from '../../test/matrix.ts';
import { addVolunteerRecord } from '../memberships/memberships.testkit.ts';
import { seedActivity } from '../activities/activities.matrix.ts';

type MatrixReq = { method: string; url: string; payload?: unknown } | null;
type Fixture = (rel: string, actor: { name: string }) => MatrixReq | Promise<MatrixReq>;

/** A record of `volunteerId` in an activity of `orgId`, in the given status. */
export async function seedRecord(
  t: TestApp,
  orgId: string,
  volunteerId: string,
  status: 'draft' | 'pending' | 'confirmed',
  kind: 'attendance' | 'backfill' = 'backfill',
) {
  const a = await seedActivity(t, orgId, { ended: true });
  const r = await t.handle.db
    .insertInto('service_records')
    .values({
      kind,
      volunteer_id: volunteerId,
      org_id: orgId,
      activity_id: a.activityId,
      service_date: a.start.toISOString().slice(0, 10),
      activity_title: '矩阵测试活动',
      place: '南山区',
      content: '服务',
      person_in_charge: '负责人',
      minutes: 60,
      reason: kind === 'backfill' ? '矩阵测试' : null,
      status,
      ...(status === 'confirmed' ? { decided_at: new Date() } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { recordId: r.id, activityId: a.activityId };
}

export function recordMatrixFixtures(
  getT: () => TestApp,
  regions: Record<string, string>,
  orgs: Record<string, string>,
  volunteerOf: (actor: { name: string }) => Promise<string>,
  anyVolunteer: () => Promise<string>,
): Record<string, Fixture> {
  const targeted = (rel: string) => rel !== 'none' && rel !== 'self';
  return {
    'GET /api/activities/:id/records': async (rel) => {
      if (!targeted(rel)) return null;
      const a = await seedActivity(getT(), orgs[rel]!, { ended: true });
      return { method: 'GET', url: `/api/activities/${a.activityId}/records` };
    },
    'POST /api/activities/:id/records/confirm': async (rel) => {
      if (!targeted(rel)) return null;
      const r = await seedRecord(getT(), orgs[rel]!, await anyVolunteer(), 'draft', 'attendance');
      return {
        method: 'POST',
        url: `/api/activities/${r.activityId}/records/confirm`,
        payload: { items: [{ id: r.recordId }] },
      };
    },
    'GET /api/organizations/:id/records': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/organizations/${orgs[rel]}/records?overdue=true` } : null,
    'POST /api/organizations/:id/records/backfill': (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: `/api/organizations/${orgs[rel]}/records/backfill`,
            payload: {
              volunteerNo: 'NO-SUCH-NUMBER',
              activityTitle: '补录',
              serviceDate: '2026-11-01',
              place: '南山区',
              content: '服务',
              personInCharge: '负责人',
              minutes: 60,
              reason: '矩阵测试',
              evidence: [{ name: 'a.png', mimeType: 'image/png', contentBase64: 'iVBORw0KGgo=' }],
            },
          }
        : null,
    'POST /api/records/:id/decision': async (rel) => {
      if (!targeted(rel)) return null;
      const r = await seedRecord(getT(), orgs[rel]!, await anyVolunteer(), 'pending');
      return { method: 'POST', url: `/api/records/${r.recordId}/decision`, payload: { decision: 'approve' } };
    },
    'GET /api/records/overdue': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/records/overdue?region=${regions[rel]}` } : null,
    'GET /api/me/records': async (rel, actor) => {
      if (rel !== 'self') return null;
      await volunteerOf(actor);
      return { method: 'GET', url: '/api/me/records' };
    },
    'POST /api/organizations/:id/trainings': (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: `/api/organizations/${orgs[rel]}/trainings`,
            payload: {
              volunteerNo: 'NONE',
              name: '培训',
              content: '内容',
              minutes: 60,
              host: '主办',
              date: '2026-10-01',
            },
          }
        : null,
    'POST /api/organizations/:id/awards': (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: `/api/organizations/${orgs[rel]}/awards`,
            payload: {
              volunteerNo: 'NONE',
              name: '奖',
              date: '2026-10-01',
              grantor: '单位',
              grantType: 'organization',
            },
          }
        : null,
    'POST /api/organizations/:id/evaluations': (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: `/api/organizations/${orgs[rel]}/evaluations`,
            payload: { volunteerNo: 'NONE', quality: 'good', date: '2026-10-01' },
          }
        : null,
    'GET /api/me/records/other': async (rel, actor) => {
      if (rel !== 'self') return null;
      await volunteerOf(actor);
      return { method: 'GET', url: '/api/me/records/other' };
    },
    'GET /api/organizations/:id/records/export.xlsx': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/organizations/${orgs[rel]}/records/export.xlsx` } : null,
    'PUT /api/holidays/:year': (rel) =>
      rel === 'none'
        ? {
            method: 'PUT',
            url: '/api/holidays/2027',
            payload: { holidays: ['2027-02-05'], workdays: [], source: '矩阵测试' },
          }
        : null,
    'GET /api/records/signals': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/records/signals?region=${regions[rel]}` } : null,
    'POST /api/me/records/:id/correction': async (rel, actor) => {
      if (rel !== 'self') return null;
      const r = await seedRecord(getT(), orgs.same!, await volunteerOf(actor), 'confirmed');
      return {
        method: 'POST',
        url: `/api/me/records/${r.recordId}/correction`,
        payload: { minutes: 30, reason: '矩阵测试更正' },
      };
    },
  };
}

export const matrixFixtures: MatrixFixtures = (env) =>
  recordMatrixFixtures(
    env.t,
    env.regions,
    env.orgs,
    env.volunteerOf,
    async () => (await addVolunteerRecord(env.t(), null)).id,
  );
