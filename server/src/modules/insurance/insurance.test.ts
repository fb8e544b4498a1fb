import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { addVolunteerRecord } from '../memberships/memberships.testkit.ts';
import {
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  NANSHAN,
  signUp,
} from '../activities/activities.testkit.ts';
import { policyBody } from './insurance.testkit.ts';

/**
 * Insurance: policies entered within scope, enrollment derived from registrations and sign-ups, the
 * "was X covered at T" lookup with its evidence, and the volunteer's own view.
 */

const FUTIAN = '440304000000';
let t: TestApp;
let admin: string; // Nanshan region admin
let streetAdmin: string; // admin of one Nanshan street
let street: string;
let otherStreet: string;

before(async () => {
  t = await startTestApp();
  [street, otherStreet] = (
    await t.handle.db
      .selectFrom('regions')
      .select('code')
      .where('parent_code', '=', NANSHAN)
      .orderBy('code')
      .limit(2)
      .execute()
  ).map((r) => r.code) as [string, string];
  admin = await signIn(t, await createUser(t, 'ins.admin', { role: 'region_admin', region: NANSHAN }));
  streetAdmin = await signIn(t, await createUser(t, 'ins.street', { role: 'region_admin', region: street }));
});
after(() => t.close());

const policyCount = async () =>
  Number(
    (
      await t.handle.db
        .selectFrom('insurance_policies')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Registered on 2026-01-05 (the registration date decides the group policy's cover). */
async function volunteerIn(region: string) {
  const v = await addVolunteerRecord(t, null, { region });
  await t.handle.db
    .updateTable('volunteers')
    .set({ created_at: '2026-01-05T00:00:00Z' })
    .where('id', '=', v.id)
    .execute();
  return v.id;
}

const coverage = (id: string, at: string, cookie = admin) =>
  api(t, cookie, 'GET', `/api/insurance/volunteers/${id}/coverage?at=${encodeURIComponent(at)}`);

describe('insurance policies', () => {
  let groupId: string;

  it('a region admin enters a yearly group policy; it covers registered volunteers of the subtree only', async () => {
    const res = await api(t, admin, 'POST', '/api/insurance/policies', policyBody(NANSHAN));
    assert.equal(res.statusCode, 200, res.body);
    groupId = res.json().id;
    const nanshan = await volunteerIn(street);
    const futian = await volunteerIn(FUTIAN);

    const yes = await coverage(nanshan, '2026-03-01T10:00:00+08:00');
    assert.equal(yes.statusCode, 200, yes.body);
    assert.equal(yes.json().covered, true);
    assert.deepEqual(
      yes.json().policies.map((p: { id: string; basis: string }) => [p.id, p.basis]),
      [[groupId, 'registration']],
    );
    assert.equal(yes.json().day, '2026-03-01');

    const beforeRegistration = await coverage(nanshan, '2026-01-02T10:00:00+08:00');
    assert.equal(beforeRegistration.json().covered, false, 'not yet registered then');
    const afterPeriod = await coverage(nanshan, '2027-01-01T00:30:00+08:00');
    assert.equal(afterPeriod.json().covered, false, 'the period ends on 31 December, China time');
    const lastDay = await coverage(nanshan, '2026-12-31T16:30:00Z');
    assert.equal(lastDay.json().covered, false, '2026-12-31T16:30Z is already 1 January in China');
    const lastHour = await coverage(nanshan, '2026-12-31T15:30:00Z');
    assert.equal(lastHour.json().covered, true);

    // Futian is outside the Nanshan admin's scope: the same answer as an unknown id.
    const outside = await coverage(futian, '2026-03-01T10:00:00+08:00');
    assert.equal(outside.statusCode, 404);
  });

  it('the detail shows the derived enrollment; a closed registration is not covered after closing', async () => {
    const before = await api(t, admin, 'GET', `/api/insurance/policies/${groupId}`);
    assert.equal(before.statusCode, 200, before.body);
    const v = await volunteerIn(NANSHAN);
    const after1 = await api(t, admin, 'GET', `/api/insurance/policies/${groupId}`);
    assert.equal(after1.json().enrolled, before.json().enrolled + 1, 'a new registration is enrolled');
    await t.handle.db
      .updateTable('volunteers')
      .set({ status: 'closed', closed_at: '2026-06-01T00:00:00Z' })
      .where('id', '=', v)
      .execute();
    assert.equal((await coverage(v, '2026-05-31T10:00:00+08:00')).json().covered, true);
    assert.equal((await coverage(v, '2026-06-02T10:00:00+08:00')).json().covered, false);
    const after2 = await api(t, admin, 'GET', `/api/insurance/policies/${groupId}`);
    assert.equal(after2.json().enrolled, before.json().enrolled);
  });

  it('an activity policy covers the accepted sign-ups, with the sign-up and the day’s records as evidence', async () => {
    const org = await createOrganizer(t);
    const { activityId, shiftId, body } = await createActivity(t, org);
    const v = await createVolunteer(t);
    const bystander = await createVolunteer(t);
    // Neither lives in Nanshan's group policy's subtree as of its registration date (created now, not in 2026-01).
    const res = await api(
      t,
      admin,
      'POST',
      '/api/insurance/policies',
      policyBody(NANSHAN, { kind: 'activity', activityId, validFrom: '2026-11-20', validTo: '2026-11-30' }),
    );
    assert.equal(res.statusCode, 200, res.body);
    const policyId = res.json().id;
    const during = new Date(Date.parse(body.startsAt) + 3_600_000).toISOString();
    assert.equal(
      (await coverage(v.id, during)).json().policies.filter((p: { id: string }) => p.id === policyId).length,
      0,
    );

    const signed = await signUp(t, v, shiftId);
    assert.equal(signed.statusCode, 200, signed.body);
    const detail = await api(t, admin, 'GET', `/api/insurance/policies/${policyId}`);
    assert.equal(detail.json().enrolled, 1);
    const day = during.slice(0, 10);
    await t.handle.db
      .insertInto('service_records')
      .values({
        kind: 'attendance',
        volunteer_id: v.id,
        org_id: org.orgId,
        activity_id: activityId,
        service_date: day,
        activity_title: body.title,
        place: body.address,
        content: '环保引导',
        person_in_charge: '李负责',
        check_in_at: body.startsAt,
        check_out_at: body.endsAt,
        explain: '[]',
        minutes: 360,
        evidence: '[]',
        status: 'confirmed',
        decided_at: body.endsAt,
      })
      .execute();

    const c = (await coverage(v.id, during)).json();
    const mine = c.policies.find((p: { id: string }) => p.id === policyId);
    assert.equal(mine?.basis, 'signup');
    assert.equal(mine?.activityId, activityId);
    assert.equal(c.signups.length, 1);
    assert.equal(c.signups[0].activityId, activityId);
    assert.equal(c.records.length, 1);
    assert.equal(c.records[0].minutes, 360);
    const other = (await coverage(bystander.id, during)).json();
    assert.equal(
      other.policies.some((p: { id: string }) => p.id === policyId),
      false,
    );

    // The volunteer sees the same on their own page.
    const own = await api(t, v.cookie, 'GET', `/api/me/insurance?at=${encodeURIComponent(during)}`);
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(
      own.json().policies.some((p: { id: string }) => p.id === policyId),
      true,
    );

    // A cancelled sign-up is covered no more.
    const cancelled = await api(t, v.cookie, 'POST', `/api/me/signups/${signed.json().id}/cancel`, {});
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    const gone = (await coverage(v.id, during)).json();
    assert.equal(
      gone.policies.some((p: { id: string }) => p.id === policyId),
      false,
    );
  });

  it('a withdrawn policy covers nobody; withdrawing twice is refused; both writes and the lookup are audited', async () => {
    const v = await volunteerIn(NANSHAN);
    const created = await api(t, admin, 'POST', '/api/insurance/policies', policyBody(NANSHAN));
    const id = created.json().id;
    const at = '2026-04-01T10:00:00+08:00';
    assert.equal(
      (await coverage(v, at)).json().policies.some((p: { id: string }) => p.id === id),
      true,
    );
    const w = await api(t, admin, 'POST', `/api/insurance/policies/${id}/withdraw`, {
      reason: '保单号录入错误',
    });
    assert.equal(w.statusCode, 200, w.body);
    assert.equal(
      (await coverage(v, at)).json().policies.some((p: { id: string }) => p.id === id),
      false,
    );
    const again = await api(t, admin, 'POST', `/api/insurance/policies/${id}/withdraw`, {
      reason: '再次撤销',
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'INSURANCE_POLICY_WITHDRAWN');

    const listed = await api(t, admin, 'GET', `/api/insurance/policies?region=${NANSHAN}`);
    assert.equal(
      listed.json().items.some((p: { id: string }) => p.id === id),
      false,
      'hidden by default',
    );
    const all = await api(t, admin, 'GET', `/api/insurance/policies?region=${NANSHAN}&includeWithdrawn=true`);
    const row = all.json().items.find((p: { id: string }) => p.id === id);
    assert.equal(row?.withdrawReason, '保单号录入错误');

    assert.equal((await auditRows(t, 'insurance.policy.create')).at(-1)?.object_id, id);
    assert.equal((await auditRows(t, 'insurance.policy.withdraw')).at(-1)?.object_id, id);
    const lookups = await auditRows(t, 'insurance.coverage.lookup');
    assert.equal(lookups.at(-1)?.object_id, v);
  });

  it('the volunteer’s own view is not audited as a lookup, and needs a volunteer record', async () => {
    const v = await createVolunteer(t);
    const n = (await auditRows(t, 'insurance.coverage.lookup')).length;
    const own = await api(t, v.cookie, 'GET', '/api/me/insurance');
    assert.equal(own.statusCode, 200, own.body);
    assert.equal((await auditRows(t, 'insurance.coverage.lookup')).length, n);
    const nobody = await signIn(t, await createUser(t, 'ins.novol'));
    const res = await api(t, nobody, 'GET', '/api/me/insurance');
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'VOLUNTEER_REQUIRED');
  });
});

describe('insurance: bad input changes nothing', () => {
  const refused = async (cookie: string, body: unknown, status: number, code: string) => {
    const n = await policyCount();
    const res = await api(t, cookie, 'POST', '/api/insurance/policies', body);
    assert.equal(res.statusCode, status, res.body);
    assert.equal(res.json().error.code, code);
    assert.equal(await policyCount(), n);
  };

  it('refuses a reversed period, a group policy longer than a year and impossible dates', async () => {
    await refused(
      admin,
      policyBody(NANSHAN, { validFrom: '2026-05-01', validTo: '2026-04-30' }),
      400,
      'INSURANCE_POLICY_PERIOD',
    );
    await refused(
      admin,
      policyBody(NANSHAN, { validFrom: '2026-01-01', validTo: '2027-01-02' }),
      400,
      'INSURANCE_POLICY_PERIOD',
    );
    await refused(admin, policyBody(NANSHAN, { validTo: '2026-02-30' }), 400, 'VALIDATION_FAILED');
    await refused(admin, policyBody(NANSHAN, { policyNo: 'AB' }), 400, 'VALIDATION_FAILED');
    await refused(admin, policyBody(NANSHAN, { insurer: '平安\u0000保险' }), 400, 'VALIDATION_FAILED');
  });

  it('refuses an activity policy without an activity, a group policy with one, and an activity outside the region', async () => {
    const org = await createOrganizer(t);
    const { activityId } = await createActivity(t, org, { body: { regionCode: otherStreet } });
    await refused(admin, policyBody(NANSHAN, { kind: 'activity' }), 422, 'INSURANCE_POLICY_ACTIVITY');
    await refused(admin, policyBody(NANSHAN, { activityId }), 422, 'INSURANCE_POLICY_ACTIVITY');
    await refused(
      streetAdmin,
      policyBody(street, { kind: 'activity', activityId }),
      422,
      'INSURANCE_POLICY_ACTIVITY',
    );
    await refused(
      admin,
      policyBody(NANSHAN, { kind: 'activity', activityId: '00000000-0000-4000-8000-000000000000' }),
      422,
      'INSURANCE_POLICY_ACTIVITY',
    );
  });

  it('refuses a second live policy of the same insurer and number, and a region outside the caller’s scope', async () => {
    const body = policyBody(NANSHAN);
    assert.equal((await api(t, admin, 'POST', '/api/insurance/policies', body)).statusCode, 200);
    await refused(admin, body, 409, 'INSURANCE_POLICY_DUPLICATE');
    await refused(streetAdmin, policyBody(otherStreet), 403, 'OUT_OF_SCOPE');
    await refused(admin, policyBody('440305999999'), 404, 'REGION_NOT_FOUND');
  });

  it('refuses a malformed instant for the lookup', async () => {
    const v = await volunteerIn(NANSHAN);
    const res = await coverage(v, 'yesterday');
    assert.equal(res.statusCode, 400);
  });
});
