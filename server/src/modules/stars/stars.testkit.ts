/**
 * Test factories for stars: hours as confirmed records (certificates.testkit inserts them and keeps the
 * totals true) and star levels granted directly (the workflow itself is tested through HTTP).
 */
import type { TestApp } from '../../test/harness.ts';
import { insertRecord } from '../certificates/certificates.testkit.ts';

/** Confirmed back-filled hours for a volunteer, in records of at most 20 h, from `firstDay` on. */
export async function addHours(
  t: TestApp,
  volunteerId: string,
  orgId: string,
  hours: number,
  firstDay = '2025-01-06',
): Promise<void> {
  let left = hours * 60;
  const d = new Date(`${firstDay}T00:00:00Z`);
  while (left > 0) {
    const minutes = Math.min(left, 1200);
    await insertRecord(t, { volunteerId, orgId, date: d.toISOString().slice(0, 10), minutes });
    left -= minutes;
    d.setUTCDate(d.getUTCDate() + 1);
  }
}

/** Certifies levels 1..`level` for a volunteer directly (applications marked certified), by `byUserId`. */
export async function grantLevels(
  t: TestApp,
  volunteerId: string,
  level: number,
  byUserId: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (let l = 1; l <= level; l++) {
    const a = await t.handle.db
      .insertInto('star_applications')
      .values({
        volunteer_id: volunteerId,
        level: l,
        status: 'certified',
        applied_by: byUserId,
        minutes_at_apply: 0,
        certifying_region: '440305000000',
        certifying_level: 3,
        reviewed_by: byUserId,
        reviewed_at: t.clock.now(),
        notice_from: '2026-01-05',
        notice_until: '2026-01-12',
        certified_at: t.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const c = await t.handle.db
      .insertInto('star_certifications')
      .values({ volunteer_id: volunteerId, level: l, application_id: a.id, certified_by: byUserId })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(c.id);
  }
  return ids;
}
