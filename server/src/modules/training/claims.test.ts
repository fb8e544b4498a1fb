import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { api, createOrganizer, createVolunteer, NANSHAN } from '../activities/activities.testkit.ts';
import { addVolunteerRecord } from '../memberships/memberships.testkit.ts';
import { claimBody, insertQualification } from './training.testkit.ts';

/** Certificates held before (claims reviewed by an admin), revocation, expiry states and coverage. */

let t: TestApp;
let admin: string; // Nanshan region admin
let adminUser: { id: string };
let sibling: string; // Futian region admin
const DAY = 86_400_000;
const code = (r: { json(): unknown }) => (r.json() as { error?: { code: string } }).error?.code;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  adminUser = await createUser(t, 'cl.admin', { role: 'region_admin', region: NANSHAN });
  admin = await signIn(t, adminUser as never);
  sibling = await signIn(
    t,
    await createUser(t, 'cl.futian', { role: 'region_admin', region: '440304000000' }),
  );
});
after(() => t.close());

const claims = async () =>
  Number(
    (
      await t.handle.db
        .selectFrom('qualification_claims')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('certificate claims', () => {
  it('refuses bad uploads and writes nothing', async () => {
    const v = await createVolunteer(t);
    const before = await claims();
    for (const [body, err] of [
      [claimBody({ photo: { data: Buffer.from('not an image').toString('base64') } }), 'CLAIM_PHOTO_INVALID'],
      [claimBody({ issuedOn: '2030-01-01', expiresOn: null }), 'CLAIM_DATES'],
      [claimBody({ expiresOn: '2025-01-01' }), 'CLAIM_DATES'],
      [claimBody({ code: 'wizardry' }), 'QUALIFICATION_TYPE_UNKNOWN'],
      [claimBody({ issuedOn: '2025-02-30' }), 'VALIDATION_FAILED'],
      [claimBody({ certificateNo: '' }), 'VALIDATION_FAILED'],
    ] as const) {
      const res = await api(t, v.cookie, 'POST', '/api/me/training/claims', body);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(code(res), err);
    }
    assert.equal(await claims(), before);
  });

  it('a region admin reviews: approval grants the qualification; never one’s own; once', async () => {
    const v = await createVolunteer(t);
    const up = await api(t, v.cookie, 'POST', '/api/me/training/claims', claimBody());
    assert.equal(up.statusCode, 200, up.body);
    const id = up.json().id as string;
    const queue = await api(t, admin, 'GET', '/api/training/claims');
    assert.ok(queue.json().items.some((c: { id: string }) => c.id === id));
    assert.equal((await api(t, sibling, 'GET', `/api/training/claims?region=${NANSHAN}`)).statusCode, 403);
    assert.ok(!(await api(t, sibling, 'GET', '/api/training/claims')).body.includes(id));
    assert.equal((await api(t, sibling, 'GET', `/api/training/claims/${id}/photo`)).statusCode, 404);
    const photo = await api(t, admin, 'GET', `/api/training/claims/${id}/photo`);
    assert.equal(photo.statusCode, 200);
    assert.equal(photo.headers['content-type'], 'image/jpeg');
    assert.equal((await auditRows(t, 'qualification.claim.photo_view')).at(-1)?.object_id, id);

    // The admin's own claim: refused, and the claim stays pending.
    await addVolunteerRecord(t, adminUser.id);
    const own = await api(t, admin, 'POST', '/api/me/training/claims', claimBody({ code: 'legal_aid' }));
    assert.equal(own.statusCode, 200, own.body);
    const self = await api(t, admin, 'POST', `/api/training/claims/${own.json().id}/review`, {
      approve: true,
    });
    assert.equal(self.statusCode, 403);
    assert.equal(code(self), 'TRAINING_SELF_DECISION');
    const still = await t.handle.db
      .selectFrom('qualification_claims')
      .select('status')
      .where('id', '=', own.json().id)
      .executeTakeFirstOrThrow();
    assert.equal(still.status, 'pending');

    const ok = await api(t, admin, 'POST', `/api/training/claims/${id}/review`, { approve: true });
    assert.equal(ok.statusCode, 200, ok.body);
    const again = await api(t, admin, 'POST', `/api/training/claims/${id}/review`, { approve: false });
    assert.equal(code(again), 'CLAIM_DECIDED');
    const mine = (await api(t, v.cookie, 'GET', '/api/me/training')).json();
    const q = mine.qualifications[0];
    assert.deepEqual([q.code, q.evidence, q.state], ['first_aid', 'certificate', 'valid']);
    assert.equal(
      q.expiresAt,
      '2028-04-19T16:00:00.000Z',
      'valid through the certificate’s last day (China time)',
    );
    assert.equal(mine.claims[0].status, 'approved');
    assert.equal((await auditRows(t, 'qualification.claim.approve')).at(-1)?.object_id, id);
  });

  it('revocation is a new row with its reason; the holder’s state shows it; twice is refused', async () => {
    const v = await createVolunteer(t);
    const q = await insertQualification(t, v.id);
    const url = `/api/training/qualifications/${q}/revoke`;
    assert.equal(code(await api(t, admin, 'POST', url, { reason: '' })), 'VALIDATION_FAILED');
    assert.equal((await api(t, sibling, 'POST', url, { reason: '越权' })).statusCode, 404);
    assert.equal((await api(t, admin, 'POST', url, { reason: '证书已注销' })).statusCode, 200);
    assert.equal(code(await api(t, admin, 'POST', url, { reason: '证书已注销' })), 'QUALIFICATION_REVOKED');
    const mine = (await api(t, v.cookie, 'GET', '/api/me/training')).json();
    assert.deepEqual(
      [mine.qualifications[0].state, mine.qualifications[0].revokedReason],
      ['revoked', '证书已注销'],
    );
    assert.equal((await auditRows(t, 'qualification.revoke')).at(-1)?.object_id, q);
  });

  it('shows expiring and expired states', async () => {
    const v = await createVolunteer(t);
    const now = t.clock.now().getTime();
    await insertQualification(t, v.id, { code: 'fire_safety', expiresAt: new Date(now + 10 * DAY) });
    await insertQualification(t, v.id, {
      code: 'water_rescue',
      issuedAt: new Date(now - 800 * DAY),
      expiresAt: new Date(now - DAY),
    });
    const mine = (await api(t, v.cookie, 'GET', '/api/me/training')).json();
    const state = Object.fromEntries(
      mine.qualifications.map((q: { code: string; state: string }) => [q.code, q.state]),
    );
    assert.deepEqual(state, { fire_safety: 'expiring', water_rescue: 'expired' });
  });
});

describe('a volunteer’s qualifications in the console', () => {
  it('the region admins over the volunteer see the records with their state; others as for an unknown id', async () => {
    const v = await addVolunteerRecord(t, null, { region: NANSHAN });
    const valid = await insertQualification(t, v.id, { code: 'first_aid' });
    const lapsed = await insertQualification(t, v.id, {
      code: 'legal_aid',
      expiresAt: new Date(t.clock.now().getTime() - DAY),
    });
    // What the volunteer once typed on the profile is no qualification and not shown here.
    await t.handle.db
      .updateTable('volunteers')
      .set({ qualifications: JSON.stringify([{ name: '自称的律师证', issuer: '某机构' }]) })
      .where('id', '=', v.id)
      .execute();
    const res = await api(t, admin, 'GET', `/api/training/volunteers/${v.id}/qualifications`);
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { id: string; code: string; state: string; expiresAt: string }[];
    assert.deepEqual(
      items.map((q) => [q.id, q.code, q.state]).sort(),
      [
        [valid, 'first_aid', 'valid'],
        [lapsed, 'legal_aid', 'expired'],
      ].sort(),
    );
    assert.ok(items.every((q) => q.expiresAt));
    assert.ok(!res.body.includes('自称的律师证'));
    const outside = await api(t, sibling, 'GET', `/api/training/volunteers/${v.id}/qualifications`);
    assert.equal(outside.statusCode, 404);
    assert.equal(code(outside), 'NOT_FOUND');
  });
});

describe('coverage', () => {
  it('counts holders of valid qualifications by region and organization, within scope', async () => {
    const o = await createOrganizer(t);
    const street = (
      await t.handle.db
        .selectFrom('regions')
        .select('code')
        .where('parent_code', '=', NANSHAN)
        .orderBy('code')
        .executeTakeFirstOrThrow()
    ).code;
    const member = await addVolunteerRecord(t, null, { region: street });
    await insertQualification(t, member.id, { code: 'psych_counselling' });
    await t.handle.db
      .insertInto('memberships')
      .values({ org_id: o.orgId, volunteer_id: member.id, status: 'active' })
      .execute();
    const lapsed = await addVolunteerRecord(t, null, { region: street });
    await insertQualification(t, lapsed.id, {
      code: 'psych_counselling',
      expiresAt: new Date(t.clock.now().getTime() - DAY),
    });

    const cov = (await api(t, admin, 'GET', `/api/training/coverage?region=${NANSHAN}`)).json();
    assert.equal(cov.scope.type, 'region');
    assert.equal(cov.totals.find((x: { code: string }) => x.code === 'psych_counselling')?.holders, 1);
    assert.equal(cov.byRegion.find((r: { code: string }) => r.code === street)?.counts.psych_counselling, 1);
    assert.equal(
      cov.byOrganization.find((r: { id: string }) => r.id === o.orgId)?.counts.psych_counselling,
      1,
    );

    const orgView = (await api(t, o.cookie, 'GET', `/api/training/coverage`)).json();
    assert.deepEqual(
      [orgView.scope.id, orgView.totals],
      [o.orgId, [{ code: 'psych_counselling', holders: 1 }]],
    );
    assert.equal((await api(t, o.cookie, 'GET', `/api/training/coverage?region=${NANSHAN}`)).statusCode, 403);
    assert.equal((await api(t, sibling, 'GET', `/api/training/coverage?region=${NANSHAN}`)).statusCode, 403);
    assert.equal((await api(t, sibling, 'GET', `/api/training/coverage?orgId=${o.orgId}`)).statusCode, 403);
  });
});
