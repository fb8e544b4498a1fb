import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { fetchPage } from '../../db/page.ts';
import type { MembershipRole, MembershipStatus } from '@yiqi/shared/contracts/memberships';

/** The caller's own volunteer record, if registered and not closed. */
export function findActiveVolunteerOfUser(db: Database, userId: string) {
  return db
    .selectFrom('volunteers')
    .select(['id', 'volunteer_no'])
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export function findActiveVolunteerByNo(db: Database, volunteerNo: string) {
  return db
    .selectFrom('volunteers')
    .select(['id', 'volunteer_no'])
    .where('volunteer_no', '=', volunteerNo)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export function findOrganizationStatus(db: Database, id: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'status', 'region_code'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A membership with its organization's status and region and its volunteer's account. */
export function findMembership(db: Database, id: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .innerJoin('volunteers as v', 'v.id', 'm.volunteer_id')
    .select([
      'm.id',
      'm.org_id',
      'm.volunteer_id',
      'm.role',
      'm.status',
      'o.status as org_status',
      'o.region_code',
      'o.name as org_name',
      'v.user_id',
    ])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

export async function insertMembership(
  db: Database,
  m: { orgId: string; volunteerId: string; status: 'applied' | 'invited' },
) {
  return db
    .insertInto('memberships')
    .values({ org_id: m.orgId, volunteer_id: m.volunteerId, status: m.status, source: 'web' })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/**
 * Moves a membership from one status to the next; false when it was no longer in `from` (someone else
 * acted first), so two concurrent decisions cannot both succeed.
 */
export async function transition(
  db: Database,
  id: string,
  from: readonly MembershipStatus[],
  to: MembershipStatus,
  by: string,
  at: Date,
) {
  const leaving = to === 'left';
  const r = await db
    .updateTable('memberships')
    .set(leaving ? { status: to, left_at: at } : { status: to, decided_at: at, decided_by: by })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateRole(db: Database, id: string, role: MembershipRole) {
  const r = await db
    .updateTable('memberships')
    .set({ role })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listMembersOf(
  db: Database,
  orgId: string,
  status: MembershipStatus | undefined,
  page: number,
  pageSize: number,
) {
  let base = db
    .selectFrom('memberships as m')
    .innerJoin('volunteers as v', 'v.id', 'm.volunteer_id')
    .where('m.org_id', '=', orgId);
  if (status) base = base.where('m.status', '=', status);
  return fetchPage(
    base,
    (q) =>
      q
        .select([
          'm.id',
          'm.volunteer_id',
          'v.volunteer_no',
          'v.name',
          'm.role',
          'm.status',
          'm.source',
          'm.created_at',
          'm.decided_at',
          'm.left_at',
        ])
        .orderBy('m.created_at')
        .orderBy('m.id'),
    page,
    pageSize,
  );
}

/** Every membership of one volunteer, history included, newest first. */
export async function listMembershipsOfVolunteer(
  db: Database,
  volunteerId: string,
  status: MembershipStatus | undefined,
  page: number,
  pageSize: number,
) {
  let base = db
    .selectFrom('memberships as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .where('m.volunteer_id', '=', volunteerId);
  if (status) base = base.where('m.status', '=', status);
  return fetchPage(
    base,
    (p) =>
      p
        .select([
          'm.id',
          'm.org_id',
          'o.name as org_name',
          'o.region_code',
          'm.role',
          'm.status',
          'm.created_at',
          'm.decided_at',
          'm.left_at',
        ])
        .orderBy('m.created_at', 'desc')
        .orderBy('m.id'),
    page,
    pageSize,
  );
}

/**
 * Active memberships from an import: one statement for the whole list (two array parameters, whatever
 * its length). An open membership that appeared meanwhile is left as it is (the one-open-membership
 * index), so the count returned may be lower than the rows given.
 */
export async function insertImportedMemberships(
  db: Database,
  orgId: string,
  rows: { volunteerId: string; role: MembershipRole }[],
  by: string,
  at: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await sql<{ id: string }>`
    INSERT INTO memberships (org_id, volunteer_id, role, status, source, created_at, decided_at, decided_by)
    SELECT ${orgId}::uuid, u.volunteer_id, u.role, 'active', 'import', ${at}::timestamptz, ${at}::timestamptz,
           ${by}::uuid
      FROM unnest(${rows.map((r) => r.volunteerId)}::uuid[], ${rows.map((r) => r.role)}::text[])
           AS u(volunteer_id, role)
    ON CONFLICT DO NOTHING
    RETURNING id`.execute(db);
  return inserted.rows.length;
}
