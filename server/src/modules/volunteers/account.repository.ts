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
      status: 'closed',
      closed_at: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}
