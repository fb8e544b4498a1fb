/**
 * Test factories for activities: an organizer with a team, published activities with one position, and
 * verified volunteers signed in. Volunteers are inserted directly (their registration is tested elsewhere).
 */
import assert from 'node:assert/strict';
import { createUser, signIn, type TestApp } from '../../test/harness.ts';
import { addVolunteerRecord } from '../memberships/memberships.testkit.ts';
import { insertOrganization } from '../memberships/memberships.testkit.ts';

export const NANSHAN = '440305000000';
const HOUR = 3600_000;
let seq = 0;

export interface Organizer {
  orgId: string;
  cookie: string;
  userId: string;
}

export async function createOrganizer(t: TestApp, region = NANSHAN): Promise<Organizer> {
  const n = ++seq;
  const orgId = await insertOrganization(t, `活动测试队${n}`, region);
  const user = await createUser(t, `organizer${n}`, { role: 'org_admin', orgId });
  return { orgId, userId: user.id, cookie: await signIn(t, user) };
}

/** A valid activity body starting `inHours` from the test clock and lasting `hours`. */
export function activityBody(t: TestApp, over: Record<string, unknown> = {}, inHours = 48, hours = 6) {
  const start = new Date(t.clock.now().getTime() + inHours * HOUR);
  return {
    title: `社区环保行动${++seq}`,
    description: '清理海滩垃圾，宣传垃圾分类。',
    category: 'environment',
    targets: ['public'],
    regionCode: NANSHAN,
    address: '深圳市南山区深圳湾公园',
    lat: 22.5,
    lng: 113.95,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + hours * HOUR).toISOString(),
    contactName: '王联系',
    contactPhone: '13800138000',
    personInCharge: '李负责',
    ...over,
  };
}

export function positionBody(
  activity: { startsAt: string; endsAt: string },
  over: Record<string, unknown> = {},
  quota = 3,
) {
  return {
    name: '环保引导员',
    duties: '引导游客分类投放垃圾',
    shifts: [{ startsAt: activity.startsAt, endsAt: activity.endsAt, quota }],
    ...over,
  };
}

export async function api(
  t: TestApp,
  cookie: string | undefined,
  method: string,
  url: string,
  payload?: unknown,
) {
  return t.app.inject({
    method: method as 'GET',
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

/** Creates a draft, adds a position with one shift, and publishes unless told not to. */
export async function createActivity(
  t: TestApp,
  org: Organizer,
  opts: {
    body?: Record<string, unknown>;
    position?: Record<string, unknown>;
    quota?: number;
    publish?: boolean;
    inHours?: number;
    hours?: number;
  } = {},
) {
  const body = activityBody(t, opts.body ?? {}, opts.inHours ?? 48, opts.hours ?? 6);
  const created = await api(t, org.cookie, 'POST', `/api/organizations/${org.orgId}/activities`, body);
  assert.equal(created.statusCode, 200, created.body);
  const activityId = created.json().id as string;
  const pos = await api(
    t,
    org.cookie,
    'POST',
    `/api/activities/${activityId}/positions`,
    positionBody(body, opts.position ?? {}, opts.quota ?? 3),
  );
  assert.equal(pos.statusCode, 200, pos.body);
  if (opts.publish !== false) {
    const pub = await api(t, org.cookie, 'POST', `/api/activities/${activityId}/publish`);
    assert.equal(pub.statusCode, 200, pub.body);
  }
  const detail = await api(t, org.cookie, 'GET', `/api/activities/${activityId}/manage`);
  const position = detail.json().positions[0];
  return { activityId, positionId: position.id as string, shiftId: position.shifts[0].id as string, body };
}

export interface Volunteer {
  id: string;
  userId: string;
  cookie: string;
}

/** A verified adult volunteer (or as told), signed in. */
export async function createVolunteer(
  t: TestApp,
  opts: {
    birthDate?: string;
    verified?: boolean;
    guardianConsent?: boolean;
    skills?: string[];
    qualifications?: { name: string; issuer: string; validUntil?: string }[];
  } = {},
): Promise<Volunteer> {
  const user = await createUser(t, `vol${++seq}_${process.pid}`);
  const v = await addVolunteerRecord(t, user.id);
  await t.handle.db
    .updateTable('volunteers')
    .set({
      verification_status: opts.verified === false ? 'unverified' : 'verified',
      birth_date: opts.birthDate ?? '1995-05-05',
      guardian_consent_at: opts.guardianConsent ? new Date() : null,
      skills: opts.skills ?? [],
      qualifications: JSON.stringify(opts.qualifications ?? []),
    })
    .where('id', '=', v.id)
    .execute();
  return { id: v.id, userId: user.id, cookie: await signIn(t, user) };
}

export function signUp(t: TestApp, v: Volunteer, shiftId: string, body: Record<string, unknown> = {}) {
  return api(t, v.cookie, 'POST', `/api/shifts/${shiftId}/signups`, body);
}
