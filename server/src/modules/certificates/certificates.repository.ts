import { sql, type Insertable, type Updateable } from 'kysely';
import type { Database } from '../../db/database.ts';
import { fetchPage } from '../../db/page.ts';
import type {
  CertificatesTable,
  CertificateStatus,
  OrganizationSealsTable,
} from '../../db/schema.certificates.ts';

/**
 * The records a certificate covers: confirmed records of its volunteer recorded by its organization, in its
 * period or activities. One predicate for the request's count, the list's preview and the issue itself.
 */
const covers = sql<boolean>`(r.volunteer_id = c.volunteer_id AND r.org_id = c.org_id AND r.status = 'confirmed'
  AND (c.scope <> 'period' OR r.service_date BETWEEN c.period_from AND c.period_to)
  AND (c.scope <> 'activities' OR r.activity_id = ANY(c.activity_ids)))`;
const coveredCount = sql<number>`(SELECT count(*)::int FROM service_records r WHERE ${covers})`;
const coveredMinutes = sql<number>`(SELECT coalesce(sum(r.minutes), 0)::int FROM service_records r WHERE ${covers})`;

export function activeVolunteerOfUser(db: Database, userId: string) {
  return db
    .selectFrom('volunteers')
    .select(['id', 'volunteer_no', 'name'])
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** Organizations that recorded confirmed service of the volunteer, with totals. */
export function sourcesOf(db: Database, volunteerId: string) {
  return db
    .selectFrom('service_records as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select([
      'r.org_id',
      'o.name as org_name',
      'o.status as org_status',
      sql<number>`count(*)::int`.as('records'),
      sql<number>`sum(r.minutes)::int`.as('minutes'),
      sql<string>`to_char(min(r.service_date), 'YYYY-MM-DD')`.as('first_day'),
      sql<string>`to_char(max(r.service_date), 'YYYY-MM-DD')`.as('last_day'),
    ])
    .where('r.volunteer_id', '=', volunteerId)
    .where('r.status', '=', 'confirmed')
    .groupBy(['r.org_id', 'o.name', 'o.status'])
    .orderBy(sql`max(r.service_date)`, 'desc')
    .execute();
}

/** The volunteer's confirmed records by activity (records without an activity are left out). */
export function activitiesOf(db: Database, volunteerId: string) {
  return db
    .selectFrom('service_records as r')
    .select([
      'r.org_id',
      'r.activity_id',
      sql<string>`max(r.activity_title)`.as('title'),
      sql<number>`count(*)::int`.as('records'),
      sql<number>`sum(r.minutes)::int`.as('minutes'),
      sql<string>`to_char(max(r.service_date), 'YYYY-MM-DD')`.as('last_day'),
    ])
    .where('r.volunteer_id', '=', volunteerId)
    .where('r.status', '=', 'confirmed')
    .where('r.activity_id', 'is not', null)
    .groupBy(['r.org_id', 'r.activity_id'])
    .orderBy(sql`max(r.service_date)`, 'desc')
    .execute();
}

/** Which of the activities have confirmed records of the volunteer by the organization. */
export function recordedActivities(db: Database, volunteerId: string, orgId: string, activityIds: string[]) {
  return db
    .selectFrom('service_records')
    .select('activity_id')
    .distinct()
    .where('volunteer_id', '=', volunteerId)
    .where('org_id', '=', orgId)
    .where('status', '=', 'confirmed')
    .where('activity_id', 'in', activityIds)
    .execute();
}

export function insertCertificate(db: Database, row: Insertable<CertificatesTable>) {
  return db.insertInto('certificates').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Confirmed records a certificate covers now (before issue: what issuing would freeze). */
export function coveredRecords(db: Database, certificateId: string) {
  return db
    .selectFrom('service_records as r')
    .innerJoin('certificates as c', (j) => j.on('c.id', '=', certificateId))
    .select([
      'r.id',
      sql<string>`to_char(r.service_date, 'YYYY-MM-DD')`.as('date'),
      'r.activity_title as title',
      'r.content',
      'r.minutes',
    ])
    .where(covers)
    .execute();
}

/** Records by id, whatever their status now (for the frozen list of an issued certificate). */
export function recordsByIds(db: Database, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('service_records as r')
    .select([
      'r.id',
      sql<string>`to_char(r.service_date, 'YYYY-MM-DD')`.as('date'),
      'r.activity_title as title',
      'r.content',
      'r.minutes',
      'r.status',
    ])
    .where('r.id', 'in', ids)
    .execute();
}

const viewColumns = [
  'c.id',
  'c.number',
  'c.status',
  'c.org_id',
  'o.name as org_name',
  'o.region_code as org_region_code',
  'o.status as org_status',
  'c.issuer_org_id',
  'io.name as issuer_org_name',
  'io.region_code as issuer_region_code',
  'c.issued_by_org_id',
  'c.original_unit_name',
  'c.volunteer_id',
  'v.volunteer_no',
  'v.name as volunteer_name',
  'v.user_id as volunteer_user_id',
  'c.scope',
  'c.activity_ids',
  'c.purpose',
  'c.requested_at',
  'c.record_ids',
  'c.total_minutes',
  'c.content_hash',
  'c.issuer_name',
  'c.person_in_charge',
  'c.handler_name',
  'c.issuer_phone_enc',
  'c.issued_at',
  'c.reject_reason',
  'c.rejected_at',
  'c.revoke_reason',
  'c.revoked_at',
] as const;

function base(db: Database) {
  return db
    .selectFrom('certificates as c')
    .innerJoin('organizations as o', 'o.id', 'c.org_id')
    .leftJoin('organizations as io', 'io.id', 'c.issuer_org_id')
    .innerJoin('volunteers as v', 'v.id', 'c.volunteer_id');
}

function shaped(q: ReturnType<typeof base>) {
  return q.select([
    ...viewColumns,
    // Dates as text: the drivers would turn them into midnight in the server's time zone.
    sql<string | null>`to_char(c.period_from, 'YYYY-MM-DD')`.as('from_day'),
    sql<string | null>`to_char(c.period_to, 'YYYY-MM-DD')`.as('to_day'),
    coveredCount.as('covered_count'),
    coveredMinutes.as('covered_minutes'),
  ]);
}

export function findCertificate(db: Database, id: string) {
  return shaped(base(db)).where('c.id', '=', id).executeTakeFirst();
}
export type CertificateRow = NonNullable<Awaited<ReturnType<typeof findCertificate>>>;

export function findByNumber(db: Database, number: string) {
  return shaped(base(db)).where('c.number', '=', number).executeTakeFirst();
}

export interface CertificateFilter {
  /** Handled by this organization now (its own records', and a dissolved predecessor's). */
  issuerOrgId?: string;
  /**
   * Handled by the region administrators (no issuer left), recorded by a unit inside one of these region
   * prefixes (the caller's scopes), and inside `regionPrefix` when narrowed.
   */
  regionQueue?: { prefixes: string[]; regionPrefix?: string | undefined };
  volunteerId?: string;
  status?: CertificateStatus;
}

export function listCertificates(db: Database, where: CertificateFilter, page: number, pageSize: number) {
  let q = base(db);
  if (where.issuerOrgId) q = q.where('c.issuer_org_id', '=', where.issuerOrgId);
  if (where.regionQueue) {
    const { prefixes, regionPrefix } = where.regionQueue;
    // No region scope at all: eb.or([]) is false, so nothing matches.
    q = q
      .where('c.issuer_org_id', 'is', null)
      .where((eb) => eb.or(prefixes.map((p) => eb('o.region_code', 'like', `${p}%`))));
    if (regionPrefix) q = q.where('o.region_code', 'like', `${regionPrefix}%`);
  }
  if (where.volunteerId) q = q.where('c.volunteer_id', '=', where.volunteerId);
  if (where.status) q = q.where('c.status', '=', where.status);
  return fetchPage(q, (x) => shaped(x).orderBy('c.requested_at', 'desc').orderBy('c.id'), page, pageSize);
}

/** Moves a certificate on from `from`; false when it was no longer there (a racing request). */
export async function transition(
  db: Database,
  id: string,
  from: CertificateStatus,
  patch: Updateable<CertificatesTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('certificates')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Takes the certificate's row lock, so two administrators cannot issue it at once (nor a dissolution move
 * it to another issuer meanwhile).
 */
export function lockCertificate(db: Database, id: string) {
  return db
    .selectFrom('certificates')
    .select(['id', 'status', 'issuer_org_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Hands every certificate handled by one unit to another (null: the region admins); counts by status. */
export async function moveIssuer(db: Database, from: string, to: string | null) {
  const rows = await db
    .updateTable('certificates')
    .set({ issuer_org_id: to })
    .where('issuer_org_id', '=', from)
    .returning('status')
    .execute();
  return { total: rows.length, requested: rows.filter((r) => r.status === 'requested').length };
}

export async function numberTaken(db: Database, number: string): Promise<boolean> {
  return Boolean(
    await db.selectFrom('certificates').select('id').where('number', '=', number).executeTakeFirst(),
  );
}

export function findOrganization(db: Database, id: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'region_code', 'person_in_charge', 'contact_phone_enc', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** What the PDF prints about the volunteer: name and document (still encrypted). */
export function volunteerIdentity(db: Database, id: string) {
  return db
    .selectFrom('volunteers')
    .select(['name', 'doc_type', 'doc_number_enc', 'volunteer_no'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export function findSeal(db: Database, orgId: string) {
  return db
    .selectFrom('organization_seals')
    .select(['mime_type', 'image', 'updated_at'])
    .where('org_id', '=', orgId)
    .executeTakeFirst();
}

export function saveSeal(db: Database, row: Insertable<OrganizationSealsTable>) {
  return db
    .insertInto('organization_seals')
    .values(row)
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet({
        mime_type: row.mime_type,
        image: row.image,
        updated_by: row.updated_by ?? null,
        updated_at: row.updated_at ?? new Date(),
      }),
    )
    .execute();
}

export function deleteSeal(db: Database, orgId: string) {
  return db.deleteFrom('organization_seals').where('org_id', '=', orgId).executeTakeFirst();
}
