import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { encrypt } from '../../lib/crypto.ts';
import { addVolunteerRecord, insertOrganization } from '../memberships/memberships.testkit.ts';
import { api } from '../activities/activities.testkit.ts';
import { seedActivity } from '../activities/activities.matrix.ts';
import { insertRecord } from './certificates.testkit.ts';

/** The certificate suites' shared set-up (certificates.test.ts, certificates-after-issue.test.ts). */
export const f = { t: undefined as unknown as TestApp, activityA: '' };

const NANSHAN = '440305000000';
const FUTIAN = '440304000000';
export const DOC = '11010519491231002X';

export const orgs = {} as Record<'a' | 'b' | 'c' | 'noChief', string>;
export const cookies = {} as Record<
  'adminA' | 'adminB' | 'regionNanshan' | 'regionFutian' | 'v' | 'w' | 'plain',
  string
>;
export const vol = {} as Record<'v' | 'w', { id: string; volunteerNo: string }>;
/** Record ids by what they are. */
export const rec = {} as Record<
  'a1' | 'a2' | 'a3' | 'aDraft' | 'aPending' | 'aRejected' | 'aOfW' | 'b1' | 'b2',
  string
>;

export const has = (bin: string) => spawnSync(bin, ['-v']).error === undefined;

async function volunteer(name: string, username: string) {
  const t = f.t;
  const user = await createUser(t, username);
  const v = await addVolunteerRecord(t, user.id);
  await t.handle.db
    .updateTable('volunteers')
    .set({ name, doc_type: 'mainland_id', doc_number_enc: encrypt(t.config.appKey, DOC) })
    .where('id', '=', v.id)
    .execute();
  return { v, cookie: await signIn(t, user) };
}

/** Registers the suite's set-up: one app, four organizations, staff, two volunteers and their records. */
export function useCertificateFixture(ready: (fx: typeof f) => void): void {
  before(async () => {
    f.t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
    const t = f.t;
    const db = t.handle.db;
    orgs.a = await insertOrganization(t, '南山区蛇口社区志愿服务队', NANSHAN);
    orgs.b = await insertOrganization(t, '南山区阳光助老服务队', NANSHAN);
    orgs.c = await insertOrganization(t, '南山区无记录服务队', NANSHAN);
    orgs.noChief = await insertOrganization(t, '南山区未登记负责人服务队', NANSHAN);
    await db
      .updateTable('organizations')
      .set({ person_in_charge: '李负责' })
      .where('id', 'in', [orgs.a, orgs.b, orgs.c])
      .execute();
    cookies.adminA = await signIn(
      t,
      await createUser(t, 'cert.admina', { role: 'org_admin', orgId: orgs.a }),
    );
    cookies.adminB = await signIn(
      t,
      await createUser(t, 'cert.adminb', { role: 'org_admin', orgId: orgs.b }),
    );
    cookies.regionNanshan = await signIn(
      t,
      await createUser(t, 'cert.region', { role: 'region_admin', region: NANSHAN }),
    );
    cookies.regionFutian = await signIn(
      t,
      await createUser(t, 'cert.futian', { role: 'region_admin', region: FUTIAN }),
    );
    cookies.plain = await signIn(t, await createUser(t, 'cert.plain'));
    const v = await volunteer('张三明', 'cert.v');
    const w = await volunteer('李四', 'cert.w');
    vol.v = v.v;
    vol.w = w.v;
    cookies.v = v.cookie;
    cookies.w = w.cookie;

    f.activityA = (await seedActivity(t, orgs.a, { ended: true })).activityId;
    const base = { volunteerId: vol.v.id, orgId: orgs.a };
    rec.a1 = await insertRecord(t, {
      ...base,
      date: '2026-03-14',
      minutes: 150,
      activityId: f.activityA,
      title: '深圳湾公园海滩清洁',
      content: '清理海滩垃圾，向游客宣传垃圾分类。',
    });
    rec.a2 = await insertRecord(t, {
      ...base,
      date: '2026-06-01',
      minutes: 240,
      title: '儿童节社区游园会',
      content: '引导游园秩序，协助组织亲子游戏。',
    });
    rec.a3 = await insertRecord(t, {
      ...base,
      date: '2026-10-20',
      minutes: 95,
      title: '长者关爱探访',
      content: '探访社区独居长者，协助整理家务并陪伴聊天。',
    });
    // Not confirmed, or not this volunteer's, or not this organization's: never certified by A for V.
    rec.aDraft = await insertRecord(t, { ...base, date: '2026-11-01', minutes: 60, status: 'draft' });
    rec.aPending = await insertRecord(t, { ...base, date: '2026-11-02', minutes: 60, status: 'pending' });
    rec.aRejected = await insertRecord(t, { ...base, date: '2026-11-03', minutes: 60, status: 'rejected' });
    rec.aOfW = await insertRecord(t, {
      volunteerId: vol.w.id,
      orgId: orgs.a,
      date: '2026-05-05',
      minutes: 300,
    });
    rec.b1 = await insertRecord(t, {
      volunteerId: vol.v.id,
      orgId: orgs.b,
      date: '2026-02-10',
      minutes: 120,
    });
    rec.b2 = await insertRecord(t, {
      volunteerId: vol.v.id,
      orgId: orgs.b,
      date: '2026-08-10',
      minutes: 180,
    });
    await insertRecord(t, { volunteerId: vol.v.id, orgId: orgs.noChief, date: '2026-08-11', minutes: 60 });
    ready(f);
  });
  after(() => f.t.close());
}

export async function request(cookie: string, body: Record<string, unknown>) {
  const t = f.t;
  return api(t, cookie, 'POST', '/api/me/certificates', body);
}

export async function requestAndIssue(cookie: string, body: Record<string, unknown>, admin: string) {
  const t = f.t;
  const req = await request(cookie, body);
  assert.equal(req.statusCode, 200, req.body);
  const issued = await api(t, admin, 'POST', `/api/certificates/${req.json().id}/issue`, {});
  assert.equal(issued.statusCode, 200, issued.body);
  return issued.json() as { id: string; number: string; totalMinutes: number; recordCount: number };
}

export const verify = (number: string) => api(f.t, undefined, 'GET', `/api/certificates/${number}/verify`);
