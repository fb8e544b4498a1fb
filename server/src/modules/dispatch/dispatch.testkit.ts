/**
 * Test factories for dispatch: Nanshan's centre, two of its street posts with a community each, admins of
 * each unit, teams with admins, residents with and without a verified phone.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createUser, signIn, type TestApp } from '../../test/harness.ts';
import { addVolunteerRecord, insertOrganization } from '../memberships/memberships.testkit.ts';

export const NANSHAN = '440305000000';
let seq = 0;

export interface Actor {
  userId: string;
  cookie: string;
}
export interface Team extends Actor {
  orgId: string;
}
export interface World {
  streetA: string;
  streetB: string;
  communityA: string;
  communityB: string;
  district: Actor;
  postA: Actor;
  postB: Actor;
  teamA: Team;
  teamB: Team;
  resident: Actor;
  other: Actor;
  noPhone: Actor;
}

async function regionAdmin(t: TestApp, region: string): Promise<Actor> {
  const u = await createUser(t, `unit${++seq}`, { role: 'region_admin', region });
  return { userId: u.id, cookie: await signIn(t, u) };
}

export async function createTeam(t: TestApp, region: string): Promise<Team> {
  const n = ++seq;
  const orgId = await insertOrganization(t, `派单服务队${n}`, region);
  const u = await createUser(t, `team${n}`, { role: 'org_admin', orgId });
  return { orgId, userId: u.id, cookie: await signIn(t, u) };
}

/** A signed-in account; `phone`: registered with a texted code (a phone index on the account). */
export async function createResident(t: TestApp, phone = true): Promise<Actor> {
  const u = await createUser(t, `resident${++seq}`);
  if (phone)
    await t.handle.db
      .updateTable('users')
      .set({ phone_bidx: randomBytes(32) })
      .where('id', '=', u.id)
      .execute();
  return { userId: u.id, cookie: await signIn(t, u) };
}

async function childOf(t: TestApp, code: string, skip = 0) {
  const rows = await t.handle.db
    .selectFrom('regions')
    .select('code')
    .where('parent_code', '=', code)
    .orderBy('code')
    .execute();
  assert.ok(rows.length > skip, `region ${code} has children`);
  return rows[skip]!.code;
}

export async function world(t: TestApp): Promise<World> {
  const streetA = await childOf(t, NANSHAN, 0);
  const streetB = await childOf(t, NANSHAN, 1);
  const communityA = await childOf(t, streetA);
  const communityB = await childOf(t, streetB);
  return {
    streetA,
    streetB,
    communityA,
    communityB,
    district: await regionAdmin(t, NANSHAN),
    postA: await regionAdmin(t, streetA),
    postB: await regionAdmin(t, streetB),
    teamA: await createTeam(t, streetA),
    teamB: await createTeam(t, streetB),
    resident: await createResident(t),
    other: await createResident(t),
    noPhone: await createResident(t, false),
  };
}

export function call(t: TestApp, who: Actor, method: string, url: string, payload?: unknown) {
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie: who.cookie },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

/** A published item of a unit with the given teams. */
export async function addItem(t: TestApp, admin: Actor, region: string, teamIds: string[], over = {}) {
  const res = await call(t, admin, 'POST', '/api/dispatch/menu-items', {
    region,
    category: '助老服务',
    title: `上门助老${++seq}`,
    description: '为独居老人提供上门陪伴、代购和简单家务。',
    teamIds,
    ...over,
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().id as string;
}

export function orderBody(t: TestApp, itemId: string, region: string, over = {}) {
  return {
    itemId,
    description: '家中老人行动不便，需要志愿者每周上门陪伴两次。',
    region,
    address: '桃源街道龙珠四路 8 号 3 栋 502',
    lat: 22.56,
    lng: 113.95,
    preferredAt: new Date(t.clock.now().getTime() + 5 * 86_400_000).toISOString(),
    phone: '13800138000',
    ...over,
  };
}

export async function placeOrder(t: TestApp, who: Actor, itemId: string, region: string) {
  const res = await call(t, who, 'POST', '/api/dispatch/orders', orderBody(t, itemId, region));
  assert.equal(res.statusCode, 200, res.body);
  return res.json().id as string;
}

export const workOrder = (t: TestApp) => ({
  scope: '每周二、四下午上门陪伴，代购生活用品。',
  skills: ['陪伴', '代购'],
  peopleNeeded: 2,
  deadline: new Date(t.clock.now().getTime() + 10 * 86_400_000).toISOString(),
});

/** An active member of the team (a volunteer record). */
export async function member(t: TestApp, orgId: string) {
  const v = await addVolunteerRecord(t, null);
  await t.handle.db
    .insertInto('memberships')
    .values({ org_id: orgId, volunteer_id: v.id, status: 'active' })
    .execute();
  return v;
}
