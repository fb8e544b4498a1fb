/**
 * Authorization-matrix fixtures for star certification and honours. Federation routes act on an object
 * whose region is the relation's (an application certified by the district of the relation's region, a
 * round in it); each call gets a fresh object so state changes never interfere. Volunteer routes run as
 * "self"; the organization route on the relation's organization.
 */
import { toRegionCode } from '@yiqi/shared/regions';
import type { MatrixFixtures, MatrixReq, Relation } from '../../test/matrix.ts';
import { targeted } from '../../test/matrix.ts';
import type { TestApp } from '../../test/harness.ts';
import { addVolunteerRecord } from '../memberships/memberships.testkit.ts';

async function someUser(t: TestApp) {
  return (
    await t.handle.db
      .selectFrom('users')
      .select('id')
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirstOrThrow()
  ).id;
}

/** A submitted level-1 application of a volunteer living in `region` (reviewed by its district). */
export async function insertStarApplication(
  t: TestApp,
  region: string,
  status: 'submitted' | 'noticed' = 'submitted',
) {
  const v = await addVolunteerRecord(t, null, { region });
  const by = await someUser(t);
  const a = await t.handle.db
    .insertInto('star_applications')
    .values({
      volunteer_id: v.id,
      level: 1,
      status,
      applied_by: by,
      minutes_at_apply: 6000,
      certifying_region: toRegionCode(region.slice(0, 6)),
      certifying_level: 3,
      ...(status === 'noticed'
        ? {
            reviewed_by: by,
            reviewed_at: t.clock.now(),
            notice_from: '2026-11-20',
            notice_until: '2030-01-01',
          }
        : {}),
    })
    .returning(['id', 'volunteer_id'])
    .executeTakeFirstOrThrow();
  return a;
}

export const matrixFixtures: MatrixFixtures = (env) => {
  const self =
    (method: string, url: string, payload?: unknown) =>
    (rel: Relation): MatrixReq | null =>
      rel === 'self' ? { method, url, ...(payload ? { payload } : {}) } : null;
  const regionQuery =
    (method: string, path: string, payload?: unknown, required = false) =>
    (rel: Relation): MatrixReq | null => {
      if (rel === 'self' || (required && rel === 'none')) return null;
      const q = rel === 'none' ? '' : `?region=${env.regions[rel]}`;
      return { method, url: `${path}${q}`, ...(payload ? { payload } : {}) };
    };
  const onApplication =
    (method: string, path: string, payload?: unknown, status: 'submitted' | 'noticed' = 'submitted') =>
    async (rel: Relation): Promise<MatrixReq | null> => {
      if (!targeted(rel)) return null;
      const a = await insertStarApplication(env.t(), env.regions[rel], status);
      return { method, url: `/api/stars/applications/${a.id}${path}`, ...(payload ? { payload } : {}) };
    };
  // One round per region, reused (one round per region, year and kind): a publish or decision after the
  // first answers 409, which is the use case's own answer, not a refusal.
  const rounds = new Map<string, string>();
  const round = async (region: string) => {
    const t = env.t();
    if (rounds.has(region)) return rounds.get(region)!;
    const r = await t.handle.db
      .insertInto('honour_rounds')
      .values({
        region_code: region,
        region_level: 3,
        year: 2030,
        kind: 'hundred_best_volunteers',
        title: '矩阵测试评选',
        quota: 10,
        created_by: await someUser(t),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    rounds.set(region, r.id);
    return r.id;
  };
  const onRound =
    (method: string, path: string) =>
    async (rel: Relation): Promise<MatrixReq | null> =>
      targeted(rel) ? { method, url: `/api/honours/rounds/${await round(env.regions[rel])}${path}` } : null;

  return {
    'GET /api/me/stars': self('GET', '/api/me/stars'),
    'POST /api/me/stars/applications': self('POST', '/api/me/stars/applications', { level: 1 }),
    'GET /api/me/badges': self('GET', '/api/me/badges'),
    'POST /api/organizations/:id/star-applications': (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: `/api/organizations/${env.orgs[rel]}/star-applications`,
            payload: { volunteerNo: 'T000000000', level: 1 },
          }
        : null,
    'GET /api/stars/applications': regionQuery('GET', '/api/stars/applications'),
    'POST /api/stars/applications/:id/review': onApplication('POST', '/review', {
      approve: false,
      reason: '矩阵测试驳回',
    }),
    'POST /api/stars/applications/:id/objections': async (rel) => {
      if (rel !== 'self') return null;
      const a = await insertStarApplication(env.t(), env.regions.same, 'noticed');
      return {
        method: 'POST',
        url: `/api/stars/applications/${a.id}/objections`,
        payload: { reason: '矩阵测试异议内容' },
      };
    },
    'GET /api/stars/applications/:id/objections': onApplication('GET', '/objections'),
    'POST /api/stars/objections/:id/decide': async (rel) => {
      if (!targeted(rel)) return null;
      const t = env.t();
      const a = await insertStarApplication(t, env.regions[rel], 'noticed');
      const o = await t.handle.db
        .insertInto('star_objections')
        .values({ application_id: a.id, user_id: await someUser(t), reason: '矩阵测试异议' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        method: 'POST',
        url: `/api/stars/objections/${o.id}/decide`,
        payload: { upheld: false, reason: '矩阵测试' },
      };
    },
    'POST /api/stars/certifications/:id/revoke': async (rel) => {
      if (!targeted(rel)) return null;
      const t = env.t();
      const a = await insertStarApplication(t, env.regions[rel], 'noticed');
      await t.handle.db
        .updateTable('star_applications')
        .set({ status: 'certified' })
        .where('id', '=', a.id)
        .execute();
      const c = await t.handle.db
        .insertInto('star_certifications')
        .values({
          volunteer_id: a.volunteer_id,
          level: 1,
          application_id: a.id,
          certified_by: await someUser(t),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        method: 'POST',
        url: `/api/stars/certifications/${c.id}/revoke`,
        payload: { reason: '矩阵测试', falsified: false },
      };
    },
    'GET /api/stars/scheme': regionQuery('GET', '/api/stars/scheme', undefined, true),
    'PUT /api/stars/scheme': regionQuery(
      'PUT',
      '/api/stars/scheme',
      {
        thresholds: [100, 300, 600, 1000, 1500],
        tenureMonths: [0, 0, 0, 0, 0],
        platformOnly: false,
        banMonths: 12,
        noticeWorkingDays: 5,
        conditions: null,
      },
      true,
    ),
    'POST /api/honours/rounds': (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: '/api/honours/rounds',
            payload: {
              region: env.regions[rel],
              year: 2031,
              kind: 'ten_best_projects',
              title: '矩阵',
              quota: 10,
            },
          }
        : null,
    'GET /api/honours/rounds': regionQuery('GET', '/api/honours/rounds'),
    'POST /api/honours/rounds/:id/nominations': async (rel) => {
      if (!targeted(rel)) return null;
      const id = await round(env.regions.same);
      return {
        method: 'POST',
        url: `/api/honours/rounds/${id}/nominations`,
        payload: { orgId: env.orgs[rel], volunteerNo: 'T000000000', reason: '矩阵测试推荐理由' },
      };
    },
    'GET /api/honours/nominating': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/honours/nominating?orgId=${env.orgs[rel]}` } : null,
    'GET /api/honours/rounds/:id/candidates': async (rel) => {
      if (!targeted(rel)) return null;
      const id = await round(env.regions.same);
      return { method: 'GET', url: `/api/honours/rounds/${id}/candidates?orgId=${env.orgs[rel]}` };
    },
    'GET /api/honours/rounds/:id/nominations': onRound('GET', '/nominations'),
    'POST /api/honours/nominations/:id/decide': async (rel) => {
      if (!targeted(rel)) return null;
      const t = env.t();
      const roundId = await round(env.regions[rel]);
      const v = await addVolunteerRecord(t, null, { region: env.regions[rel] });
      const nom = await t.handle.db
        .insertInto('honour_nominations')
        .values({
          round_id: roundId,
          org_id: env.orgs[rel],
          volunteer_id: v.id,
          reason: '矩阵测试',
          nominated_by: await someUser(t),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        method: 'POST',
        url: `/api/honours/nominations/${nom.id}/decide`,
        payload: { approve: false, reason: '矩阵测试' },
      };
    },
    'POST /api/honours/rounds/:id/publish': onRound('POST', '/publish'),
  };
};
