import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createOrganization, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { addVolunteerRecord } from '../memberships/memberships.testkit.ts';
import { insertRecord, insertRequest } from '../certificates/certificates.testkit.ts';
import {
  createActivity,
  createOrganizer,
  createVolunteer,
  signUp,
} from '../activities/activities.testkit.ts';

/**
 * The console's to-do list through HTTP: seeded work in two sibling districts (南山 and 福田) and two
 * organizations of 南山, with a different number of each kind, so a count leaking across scopes is seen.
 */
let t: TestApp;
const NANSHAN = '440305000000';
const FUTIAN = '440304000000';

interface Seeded {
  overdueRecords: number;
  organizationReviews: number;
  verifications: number;
  certificates: number;
  recordDecisions: number;
  importBatches: number;
  membershipApplications: number;
  signupDecisions: number;
}
type Counts = Record<keyof Seeded, number>;

/** Work of one organization: overdue drafts, pending back-fills, imports, applications, certificates. */
async function seedOrg(
  orgId: string,
  region: string,
  n: Omit<Seeded, 'organizationReviews' | 'verifications' | 'signupDecisions'>,
) {
  const db = t.handle.db;
  const v = await addVolunteerRecord(t, null, { region });
  for (let i = 0; i < n.overdueRecords; i++) {
    const id = await insertRecord(t, {
      volunteerId: v.id,
      orgId,
      date: '2026-01-05',
      minutes: 60,
      status: 'draft',
    });
    await db.updateTable('service_records').set({ due_date: '2026-01-10' }).where('id', '=', id).execute();
  }
  // A draft not yet due, and a confirmed record: neither is to do.
  const notDue = await insertRecord(t, {
    volunteerId: v.id,
    orgId,
    date: '2026-01-05',
    minutes: 60,
    status: 'draft',
  });
  await db.updateTable('service_records').set({ due_date: '2999-01-01' }).where('id', '=', notDue).execute();
  await insertRecord(t, { volunteerId: v.id, orgId, date: '2026-01-06', minutes: 60 });
  for (let i = 0; i < n.recordDecisions; i++)
    await insertRecord(t, { volunteerId: v.id, orgId, date: '2026-01-07', minutes: 60, status: 'pending' });
  const uploader = await createUser(t, `up-${orgId.slice(0, 8)}-${Math.random().toString(36).slice(2, 8)}`);
  for (let i = 0; i < n.importBatches; i++) {
    const job = await db
      .insertInto('import_jobs')
      .values({
        kind: 'records',
        org_id: orgId,
        file_sha256: 'a'.repeat(64),
        reason: '补录去年的纸质签到表',
        status: 'done',
        errors: '[]',
        created_by: uploader.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Two pending entries: one batch still counts once.
    for (const date of ['2026-02-01', '2026-02-02'])
      await db
        .insertInto('service_records')
        .values({
          kind: 'import',
          volunteer_id: v.id,
          org_id: orgId,
          service_date: date,
          activity_title: `导入活动${i}`,
          place: '深圳',
          content: '导入的服务',
          reason: '补录去年的纸质签到表',
          person_in_charge: '李负责',
          minutes: 60,
          explain: '[]',
          evidence: '[]',
          status: 'pending',
          import_job_id: job.id,
        })
        .execute();
  }
  for (let i = 0; i < n.membershipApplications; i++) {
    const applicant = await addVolunteerRecord(t, null, { region });
    await db
      .insertInto('memberships')
      .values({ org_id: orgId, volunteer_id: applicant.id, status: 'applied' })
      .execute();
  }
  for (let i = 0; i < n.certificates; i++) {
    const requester = await addVolunteerRecord(t, null, { region });
    const id = await insertRequest(t, requester.id, orgId);
    await db.updateTable('certificates').set({ issuer_org_id: orgId }).where('id', '=', id).execute();
  }
}

/** Work of a district itself: registrations to review, verifications, the certificate region queue. */
async function seedRegion(
  region: string,
  n: { reviews: number; verifications: number; regionQueue: number },
) {
  const db = t.handle.db;
  for (let i = 0; i < n.reviews; i++)
    await db
      .insertInto('organizations')
      .values({ name: `待审组织${region}-${i}`, region_code: region, status: 'pending' })
      .execute();
  for (let i = 0; i < n.verifications; i++) {
    const v = await addVolunteerRecord(t, null, { region });
    await db
      .updateTable('volunteers')
      .set({ verification_status: 'pending' })
      .where('id', '=', v.id)
      .execute();
  }
  if (n.regionQueue) {
    // A dissolved unit whose certificates the region admins issue (issuer_org_id null).
    const gone = await createOrganization(t, `已注销${region}`, region);
    for (let i = 0; i < n.regionQueue; i++) {
      const id = await insertRequest(t, (await addVolunteerRecord(t, null, { region })).id, gone);
      await db.updateTable('certificates').set({ issuer_org_id: null }).where('id', '=', id).execute();
    }
  }
}

/** `n` sign-ups waiting for approval on an activity of a fresh organizer's team in the region. */
async function seedSignups(region: string, n: number) {
  const org = await createOrganizer(t, region);
  const a = await createActivity(t, org, {
    quota: n + 1,
    position: { needsApproval: true },
    body: { regionCode: region },
  });
  for (let i = 0; i < n; i++) {
    const res = await signUp(t, await createVolunteer(t), a.shiftId);
    assert.equal(res.json().status, 'pending', res.body);
  }
}

async function todo(cookie: string) {
  const res = await t.app.inject({ method: 'GET', url: '/api/console/todo', headers: { cookie } });
  return res;
}
function counts(body: { entries: { kind: string; count: number }[] }): Partial<Counts> {
  return Object.fromEntries(body.entries.map((e) => [e.kind, e.count]));
}

let orgA: string;
let orgB: string;

before(async () => {
  t = await startTestApp();
  orgA = await createOrganization(t, '南山甲队', NANSHAN);
  orgB = await createOrganization(t, '南山乙队', NANSHAN);
  const futianOrg = await createOrganization(t, '福田丙队', FUTIAN);
  await seedOrg(orgA, NANSHAN, {
    overdueRecords: 2,
    recordDecisions: 3,
    importBatches: 1,
    membershipApplications: 2,
    certificates: 1,
  });
  await seedOrg(orgB, NANSHAN, {
    overdueRecords: 1,
    recordDecisions: 1,
    importBatches: 2,
    membershipApplications: 1,
    certificates: 2,
  });
  await seedOrg(futianOrg, FUTIAN, {
    overdueRecords: 4,
    recordDecisions: 4,
    importBatches: 4,
    membershipApplications: 4,
    certificates: 4,
  });
  await seedRegion(NANSHAN, { reviews: 2, verifications: 3, regionQueue: 1 });
  await seedRegion(FUTIAN, { reviews: 5, verifications: 5, regionQueue: 5 });
  await seedSignups(NANSHAN, 2);
  await seedSignups(FUTIAN, 3);
});
after(() => t.close());

describe('GET /api/console/todo', () => {
  it('a district region admin sees its district’s work, not its sibling’s, with links’ items', async () => {
    const admin = await createUser(t, 'todo-nanshan', { role: 'region_admin', region: NANSHAN });
    const res = await todo(await signIn(t, admin));
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(counts(body), {
      overdueRecords: 3,
      organizationReviews: 2,
      verifications: 3,
      // 南山's own region queue (1); certificates issued by the teams themselves are theirs.
      certificates: 1,
      recordDecisions: 4,
      importBatches: 3,
      membershipApplications: 3,
      signupDecisions: 2,
    });
    assert.equal(body.total, 3 + 2 + 3 + 1 + 4 + 3 + 3 + 2);
    const overdue = body.entries.find((e: { kind: string }) => e.kind === 'overdueRecords');
    assert.equal(overdue.items.length, 3);
    assert.equal(overdue.items[0].day, '2026-01-10');
    assert.ok(['南山甲队', '南山乙队'].includes(overdue.items[0].organization));
  });

  it('the sibling district sees only its own', async () => {
    const admin = await createUser(t, 'todo-futian', { role: 'region_admin', region: FUTIAN });
    const body = (await todo(await signIn(t, admin))).json();
    assert.deepEqual(counts(body), {
      overdueRecords: 4,
      organizationReviews: 5,
      verifications: 5,
      certificates: 5,
      recordDecisions: 4,
      importBatches: 4,
      membershipApplications: 4,
      signupDecisions: 3,
    });
  });

  it('an org admin sees their organization’s work only, and no region queues', async () => {
    const admin = await createUser(t, 'todo-orga', { role: 'org_admin', orgId: orgA });
    const res = await todo(await signIn(t, admin));
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(counts(body), {
      overdueRecords: 2,
      certificates: 1,
      recordDecisions: 3,
      importBatches: 1,
      membershipApplications: 2,
      signupDecisions: 0,
    });
    for (const e of body.entries)
      for (const item of e.items) if (item.organization) assert.equal(item.organization, '南山甲队');
  });

  it('an admin of a superior organization also sees its teams’ work', async () => {
    const parent = await createOrganization(t, '南山总队', NANSHAN);
    await t.handle.db
      .updateTable('organizations')
      .set({ parent_id: parent })
      .where('id', '=', orgB)
      .execute();
    const admin = await createUser(t, 'todo-parent', { role: 'org_admin', orgId: parent });
    const body = (await todo(await signIn(t, admin))).json();
    assert.equal(counts(body).membershipApplications, 1);
    assert.equal(counts(body).importBatches, 2);
    await t.handle.db.updateTable('organizations').set({ parent_id: null }).where('id', '=', orgB).execute();
  });

  it('refuses a signed-in account without a staff role, and anyone signed out', async () => {
    const plain = await createUser(t, 'todo-plain');
    assert.equal((await todo(await signIn(t, plain))).statusCode, 403);
    const anon = await t.app.inject({ method: 'GET', url: '/api/console/todo' });
    assert.equal(anon.statusCode, 401);
  });

  it('empty scope: every kind is listed at 0', async () => {
    const admin = await createUser(t, 'todo-empty', { role: 'region_admin', region: '440306000000' });
    const body = (await todo(await signIn(t, admin))).json();
    assert.equal(body.total, 0);
    assert.equal(body.entries.length, 8);
  });
});
