import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/** Reads for a person's own data export, and the erasure of their volunteer record. */

export function findUserForExport(db: Database, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'locale', 'created_at', 'totp_enabled_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export function listMemberships(db: Database, volunteerId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .select([
      'm.id',
      'm.org_id',
      'o.name as org_name',
      'm.role',
      'm.status',
      'm.created_at',
      'm.decided_at',
      'm.left_at',
    ])
    .where('m.volunteer_id', '=', volunteerId)
    .orderBy('m.created_at')
    .execute();
}

/** The person's sign-ups with their attendance, for the export. */
export function listSignups(db: Database, volunteerId: string) {
  return db
    .selectFrom('signups as g')
    .innerJoin('activities as a', 'a.id', 'g.activity_id')
    .innerJoin('positions as p', 'p.id', 'g.position_id')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .leftJoin('attendances as t', 't.signup_id', 'g.id')
    .select([
      'g.id',
      'g.activity_id',
      'a.title',
      'p.name as position_name',
      's.starts_at',
      's.ends_at',
      'g.status',
      'g.cancel_kind',
      'g.created_at',
      't.check_in_at',
      't.check_in_method',
      't.check_in_distance_m',
      't.check_out_at',
      't.check_out_method',
    ])
    .where('g.volunteer_id', '=', volunteerId)
    .orderBy('g.seq')
    .execute();
}

export function listNotifications(db: Database, userId: string) {
  return db
    .selectFrom('notifications')
    .select(['kind', 'created_at', 'read_at', 'data'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

export async function hasCalendarFeed(db: Database, userId: string) {
  return Boolean(
    await db.selectFrom('calendar_feeds').select('user_id').where('user_id', '=', userId).executeTakeFirst(),
  );
}

export async function countSessions(db: Database, userId: string, now: Date) {
  const r = await db
    .selectFrom('sessions')
    .select([
      (eb) => eb.fn.countAll<number>().as('total'),
      sql<number>`count(*) FILTER (WHERE revoked_at IS NULL AND expires_at > ${now})`.as('active'),
    ])
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return { total: Number(r.total), active: Number(r.active) };
}

/** Audit rows the person caused or that concern their account or volunteer record. */
export function listAuditAbout(db: Database, userId: string | null, volunteerId: string) {
  const ids = userId ? [volunteerId, userId] : [volunteerId];
  return db
    .selectFrom('audit_log')
    .select(['occurred_at', 'action', 'result', 'actor_name', 'object_type', 'object_id', 'details'])
    .where((eb) => eb.or([eb('object_id', 'in', ids), ...(userId ? [eb('actor_id', '=', userId)] : [])]))
    .orderBy('id')
    .limit(10000)
    .execute();
}

/**
 * Erases everything that identifies the person from their volunteer record. The row stays, unlinked
 * from any account, so memberships and service history keep a stable anonymous id; the residence region
 * is coarsened to the district, which still serves statistics but no longer points at a household.
 */
export async function anonymizeVolunteer(db: Database, id: string, regionCode: string, now: Date) {
  await db
    .updateTable('volunteers')
    .set({
      user_id: null,
      name: null,
      gender: null,
      birth_date: null,
      doc_type: null,
      doc_number_enc: null,
      doc_bidx: null,
      phone_enc: null,
      phone_bidx: null,
      region_code: regionCode.slice(0, 6) + '000000',
      verification_note: null,
      verified_by: null,
      guardian_name: null,
      guardian_relation: null,
      guardian_phone_enc: null,
      guardian_consent_at: null,
      guardian_evidence: null,
      registered_by_guardian: false,
      skills: [],
      qualifications: '[]',
      categories: [],
      service_regions: [],
      availability: '[]',
      languages: [],
      emergency_contact_enc: null,
      registration_consent_evidence: null,
      service_lat: null,
      service_lng: null,
      status: 'closed',
      closed_at: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}
