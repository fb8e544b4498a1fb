import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.ts';
import { fetchPage } from '../../db/page.ts';

/**
 * The to-do list's queries: per kind, one COUNT over the whole scope and the first few rows (db/page.ts
 * fetchPage), never a query per row. The filters are those of the pages that handle each kind (records
 * overdue list, organization review queue, verification queue, certificate region queue, pending
 * back-fills and corrections, hours imports awaiting a second admin, applications to join).
 */

/** The caller's scopes: region subtrees (code prefixes) and organizations (ids). */
export interface TodoScope {
  prefixes: string[];
  orgIds: string[];
}

/** An organization row (alias) inside the scope: its region in a subtree, or one of the organizations. */
function orgInScope(alias: string, s: TodoScope): RawBuilder<boolean> {
  const parts = s.prefixes.map((p) => sql`${sql.ref(`${alias}.region_code`)} LIKE ${`${p}%`}`);
  if (s.orgIds.length) parts.push(sql`${sql.ref(`${alias}.id`)} IN (${sql.join(s.orgIds)})`);
  return parts.length ? sql<boolean>`(${sql.join(parts, sql` OR `)})` : sql<boolean>`false`;
}

/** A region column inside one of the region subtrees. */
function regionInScope(column: string, prefixes: string[]): RawBuilder<boolean> {
  const parts = prefixes.map((p) => sql`${sql.ref(column)} LIKE ${`${p}%`}`);
  return parts.length ? sql<boolean>`(${sql.join(parts, sql` OR `)})` : sql<boolean>`false`;
}

export interface TodoRow {
  id: string;
  title: string;
  organization: string | null;
  day: string | null;
}

const day = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** Drafts past their due date (China day `today`), recorded by organizations in scope. */
export function overdueRecords(db: Database, s: TodoScope, today: string, limit: number) {
  const q = db
    .selectFrom('service_records as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .where('r.status', '=', 'draft')
    .where(sql<boolean>`r.due_date < ${today}::date`)
    .where(orgInScope('o', s));
  return fetchPage(
    q,
    (x) =>
      x
        .select(['r.id', 'r.activity_title as title', 'o.name as organization', day('r.due_date').as('day')])
        .orderBy('r.due_date')
        .orderBy('r.seq'),
    1,
    limit,
  );
}

/** Organization registrations waiting for review in the region subtrees. */
export function organizationReviews(db: Database, prefixes: string[], limit: number) {
  const q = db
    .selectFrom('organizations as o')
    .where('o.status', '=', 'pending')
    .where(regionInScope('o.region_code', prefixes));
  return fetchPage(
    q,
    (x) =>
      x
        .select([
          'o.id',
          'o.name as title',
          sql<string | null>`NULL`.as('organization'),
          sql<string | null>`to_char(o.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'),
        ])
        .orderBy('o.created_at')
        .orderBy('o.id'),
    1,
    limit,
  );
}

/** Identity verifications waiting for a staff decision, of volunteers living in the region subtrees. */
export function verifications(db: Database, prefixes: string[], limit: number) {
  const q = db
    .selectFrom('volunteers as v')
    .where('v.status', '=', 'active')
    .where('v.verification_status', '=', 'pending')
    .where(regionInScope('v.region_code', prefixes));
  return fetchPage(
    q,
    (x) =>
      x
        .select([
          'v.id',
          sql<string>`coalesce(v.name, v.volunteer_no)`.as('title'),
          sql<string | null>`NULL`.as('organization'),
          sql<string | null>`NULL`.as('day'),
        ])
        .orderBy('v.volunteer_no'),
    1,
    limit,
  );
}

/**
 * Certificate requests the caller handles: those issued by one of their organizations, and the region
 * queue (no issuer left: the region admins) of units recorded in their region subtrees.
 */
export function certificateRequests(db: Database, s: TodoScope, limit: number) {
  const handled: RawBuilder<unknown>[] = [];
  if (s.orgIds.length) handled.push(sql`c.issuer_org_id IN (${sql.join(s.orgIds)})`);
  if (s.prefixes.length)
    handled.push(sql`(c.issuer_org_id IS NULL AND ${regionInScope('o.region_code', s.prefixes)})`);
  const q = db
    .selectFrom('certificates as c')
    .innerJoin('organizations as o', 'o.id', 'c.org_id')
    .where('c.status', '=', 'requested')
    .where(handled.length ? sql<boolean>`(${sql.join(handled, sql` OR `)})` : sql<boolean>`false`);
  return fetchPage(
    q,
    (x) =>
      x
        .select([
          'c.id',
          'o.name as title',
          'o.name as organization',
          sql<string | null>`to_char(c.requested_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'),
        ])
        .orderBy('c.requested_at')
        .orderBy('c.id'),
    1,
    limit,
  );
}

/** Back-fills and corrections waiting for a decision, of organizations in scope (imports: importBatches). */
export function recordDecisions(db: Database, s: TodoScope, limit: number) {
  const q = db
    .selectFrom('service_records as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .where('r.status', '=', 'pending')
    .where('r.kind', 'in', ['backfill', 'correction'])
    .where(orgInScope('o', s));
  return fetchPage(
    q,
    (x) =>
      x
        .select([
          'r.id',
          'r.activity_title as title',
          'o.name as organization',
          day('r.service_date').as('day'),
        ])
        .orderBy('r.created_at')
        .orderBy('r.seq'),
    1,
    limit,
  );
}

/** Hours imports whose entries wait for a second admin's decision (one batch, any pending entry). */
export function importBatches(db: Database, s: TodoScope, limit: number) {
  const q = db
    .selectFrom('import_jobs as j')
    .innerJoin('organizations as o', 'o.id', 'j.org_id')
    .where('j.kind', '=', 'records')
    .where('j.status', '=', 'done')
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM service_records r WHERE r.import_job_id = j.id AND r.status = 'pending')`,
    )
    .where(orgInScope('o', s));
  return fetchPage(
    q,
    (x) =>
      x
        .select([
          'j.id',
          'o.name as title',
          'o.name as organization',
          sql<string | null>`to_char(j.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'),
        ])
        .orderBy('j.created_at')
        .orderBy('j.id'),
    1,
    limit,
  );
}

/** Applications to join an organization in scope, waiting for its staff. */
export function membershipApplications(db: Database, s: TodoScope, limit: number) {
  const q = db
    .selectFrom('memberships as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .innerJoin('volunteers as v', 'v.id', 'm.volunteer_id')
    .where('m.status', '=', 'applied')
    .where(orgInScope('o', s));
  return fetchPage(
    q,
    (x) =>
      x
        .select([
          'm.id',
          sql<string>`coalesce(v.name, v.volunteer_no)`.as('title'),
          'o.name as organization',
          sql<string | null>`to_char(m.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'),
        ])
        .orderBy('m.created_at')
        .orderBy('m.id'),
    1,
    limit,
  );
}

/** Sign-ups waiting for the organizer's approval, on shifts not yet over, of activities of units in scope. */
export function signupDecisions(db: Database, s: TodoScope, now: Date, limit: number) {
  const q = db
    .selectFrom('signups as g')
    .innerJoin('shifts as sh', 'sh.id', 'g.shift_id')
    .innerJoin('activities as a', 'a.id', 'g.activity_id')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .where('g.status', '=', 'pending')
    .where('sh.ends_at', '>', now)
    .where(orgInScope('o', s));
  return fetchPage(
    q,
    (x) =>
      x
        .select([
          'g.id',
          'a.title as title',
          'o.name as organization',
          sql<string | null>`to_char(sh.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'),
        ])
        .orderBy('sh.starts_at')
        .orderBy('g.seq'),
    1,
    limit,
  );
}
