import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../test/harness.ts';

/**
 * Fixtures of the suggestion tests, written directly (the rows a suggestion reads, nothing more): verified
 * volunteers with skills and an optional service point, teams, published activities and accepted shifts.
 */
let seq = 0;

export async function insertVolunteer(
  t: TestApp,
  o: {
    name: string;
    region: string;
    skills: string[];
    point?: { lat: number; lng: number };
    verified?: boolean;
    status?: 'active' | 'closed';
  },
): Promise<string> {
  const row = await t.handle.db
    .insertInto('volunteers')
    .values({
      volunteer_no: `S${process.pid}${String(++seq).padStart(6, '0')}`,
      name: o.name,
      region_code: o.region,
      doc_bidx: randomBytes(32),
      skills: o.skills,
      verification_status: o.verified === false ? 'unverified' : 'verified',
      status: o.status ?? 'active',
      service_lat: o.point?.lat ?? null,
      service_lng: o.point?.lng ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertTeam(
  t: TestApp,
  o: {
    name: string;
    region: string;
    categories: string[];
    point?: { lat: number; lng: number };
    status?: 'approved' | 'pending';
  },
): Promise<string> {
  const row = await t.handle.db
    .insertInto('organizations')
    .values({
      name: o.name,
      region_code: o.region,
      categories: o.categories,
      status: o.status ?? 'approved',
      service_lat: o.point?.lat ?? null,
      service_lng: o.point?.lng ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A published activity of `orgId` with one position and one shift over [starts, ends). */
export async function insertActivity(
  t: TestApp,
  o: { orgId: string; region: string; startsAt: string; endsAt: string; createdBy: string },
): Promise<{ activityId: string; positionId: string; shiftId: string }> {
  const db = t.handle.db;
  const a = await db
    .insertInto('activities')
    .values({
      org_id: o.orgId,
      title: '社区义诊',
      description: '为居民量血压',
      category: 'health',
      region_code: o.region,
      address: '社区服务中心',
      starts_at: o.startsAt,
      ends_at: o.endsAt,
      contact_name: '陈联系',
      person_in_charge: '李负责',
      status: 'published',
      created_by: o.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const p = await db
    .insertInto('positions')
    .values({ activity_id: a.id, name: '引导员' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const s = await db
    .insertInto('shifts')
    .values({ position_id: p.id, activity_id: a.id, starts_at: o.startsAt, ends_at: o.endsAt, quota: 10 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { activityId: a.id, positionId: p.id, shiftId: s.id };
}

/** An accepted sign-up of the volunteer for the shift. */
export async function insertAccepted(
  t: TestApp,
  a: { activityId: string; positionId: string; shiftId: string; startsAt: string; endsAt: string },
  volunteerId: string,
): Promise<void> {
  await t.handle.db
    .insertInto('signups')
    .values({
      shift_id: a.shiftId,
      position_id: a.positionId,
      activity_id: a.activityId,
      volunteer_id: volunteerId,
      status: 'accepted',
      shift_range: `[${a.startsAt},${a.endsAt})`,
    })
    .execute();
}
